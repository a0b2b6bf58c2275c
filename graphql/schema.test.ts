import { readFileSync } from 'node:fs'
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType } from 'graphql'
import { describe, expect, test } from 'vitest'
import { printSchemaSDL } from './print.ts'
import { schema } from './schema.ts'

describe('the schema', () => {
	test('graphql/schema.graphql is the printed schema (run `npm run graphql:print` after changing types)', () => {
		const onDisk = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')
		expect(onDisk).toBe(printSchemaSDL(schema))
	})

	test('every type, field, argument and enum value has a description', () => {
		const missing: string[] = []
		for (const type of Object.values(schema.getTypeMap())) {
			if (type.name.startsWith('__')) continue
			// graphql-js's own scalars are described by the spec
			if (isScalarType(type) && ['ID', 'String', 'Int', 'Float', 'Boolean'].includes(type.name)) continue
			if (!type.description) missing.push(type.name)
			if (isObjectType(type) || isInterfaceType(type)) {
				for (const field of Object.values(type.getFields())) {
					if (!field.description) missing.push(`${type.name}.${field.name}`)
					for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`)
				}
			}
			if (isInputObjectType(type)) {
				for (const field of Object.values(type.getFields())) {
					if (!field.description) missing.push(`${type.name}.${field.name}`)
				}
			}
			if (isEnumType(type)) {
				for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`)
			}
			if (isUnionType(type) && !type.description) missing.push(type.name)
		}
		expect(missing).toEqual([])
	})
})
