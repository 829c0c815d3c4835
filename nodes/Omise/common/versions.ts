import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

// The Omise node's versions. Version 1 is kept exactly as it was: saved
// workflows hold its parameter names, types and defaults. Version 2 (the
// default for new nodes) changes some fields; each change is declared once,
// next to the field, with changedInVersion2. Each version has its own
// description (Omise.node.ts, n8n's VersionedNodeType), made by
// describeResources from the fields of that version.

export const LATEST_VERSION = 2;

const CHANGES = new WeakMap<INodeProperties, Partial<INodeProperties>>();
const VARIANTS = new WeakMap<INodeProperties, INodeProperties>();

/** Declares how `field` differs in version 2 (a new name, type, default, …); returns the field. */
export function changedInVersion2(field: INodeProperties, change: Partial<INodeProperties>): INodeProperties {
	CHANGES.set(field, { ...CHANGES.get(field), ...change });
	return field;
}

/** A collection's options as version 2 shows them, when one of them changes. */
function optionsInVersion2(field: INodeProperties): Partial<INodeProperties> | undefined {
	if (field.type !== 'collection' || !Array.isArray(field.options)) return undefined;
	const options = (field.options as INodeProperties[]).map((option) => inVersion2(option));
	return options.some((option, index) => option !== (field.options as INodeProperties[])[index]) ? { options } : undefined;
}

/** The field as version 2 shows it: the field itself when unchanged, else one variant (the same object each time). */
export function inVersion2(field: INodeProperties): INodeProperties {
	let variant = VARIANTS.get(field);
	if (variant) return variant;
	const change = CHANGES.get(field) ?? optionsInVersion2(field);
	if (!change) return field;
	variant = { ...field, ...change };
	for (const key of Object.keys(change) as Array<keyof INodeProperties>) if (change[key] === undefined) delete variant[key];
	VARIANTS.set(field, variant);
	return variant;
}

/** The name `field` has on this node: version 2 renames some (e.g. Customer's Card Token is cardToken). */
export function nameOn(context: Pick<IExecuteSingleFunctions, 'getNode'>, field: INodeProperties): string {
	return context.getNode().typeVersion >= 2 ? inVersion2(field).name : field.name;
}
