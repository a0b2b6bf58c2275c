// Writes graphql/schema.graphql, the schema's SDL that reviewers read in diffs and clients
// generate from. schema.test.ts fails when the file and the code disagree.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { printSchemaSDL } from './print.ts'
import { schema } from './schema.ts'

const target = fileURLToPath(new URL('./schema.graphql', import.meta.url))
writeFileSync(target, printSchemaSDL(schema))
console.log(`wrote ${target}`)
