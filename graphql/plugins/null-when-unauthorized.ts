import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core'

/**
 * Scope auth throws on a failed check unless a field names its own `unauthorizedResolver`.
 * This makes `null` the default wherever the schema allows it, so that a nullable field the
 * viewer may not read answers like an empty one ("not found, not forbidden") instead of putting
 * an authorization error in `errors`. Non-null fields keep throwing: null is not theirs to give.
 */
const pluginName = 'nullWhenUnauthorized'

export class NullWhenUnauthorizedPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
	override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
		const options = fieldConfig.pothosOptions as { unauthorizedResolver?: unknown }
		if (!fieldConfig.type.nullable || options.unauthorizedResolver) return fieldConfig
		const pothosOptions = { ...fieldConfig.pothosOptions, unauthorizedResolver: () => null }
		return { ...fieldConfig, pothosOptions } as PothosOutputFieldConfig<Types>
	}
}

declare global {
	// eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos finds plugins by merging into its global namespace
	export namespace PothosSchemaTypes {
		export interface Plugins<Types extends SchemaTypes> {
			nullWhenUnauthorized: NullWhenUnauthorizedPlugin<Types>
		}
	}
}

SchemaBuilder.registerPlugin(pluginName, NullWhenUnauthorizedPlugin)

export default pluginName
