import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import { body, describeValue, inputError } from './input';

// Key/value metadata, as n8n stores it: `{ metadataValues: [{ key, value }] }`,
// sent as `metadata: { key: value }`.

const metadataRows: INodeProperties['options'] = [
	{
		name: 'metadataValues',
		displayName: 'Metadata',
		values: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'order_id' },
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				description: 'Sent as text; an expression may also give a number or true/false, sent as such',
			},
		],
	},
];

/** A Metadata field (named `metadata`, also inside a collection). */
export function metadataField(description: string): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata',
		default: {},
		description,
		options: metadataRows,
	};
}

/** Metadata of Link, Refund, Customer, Recipient and Transfer → Create (a charge’s is under its Additional Fields). */
export const createMetadataField = metadataField(
	'Your own key/value data, e.g. an invoice, row or member ID. Link metadata follows Omise’s Links guide, not its API reference: an account whose API refuses it answers with Omise’s error.',
);

/** Whether the stored metadata field value has rows. */
export function hasMetadataRows(value: unknown): boolean {
	const rows = (value as IDataObject | undefined)?.metadataValues;
	return Array.isArray(rows) && rows.length > 0;
}

/** The metadata rows of a field value as `{ key: value }` (each key once, none empty, values text, numbers or true/false); undefined when there are none. */
export function metadataOf(context: IExecuteSingleFunctions, value: unknown): IDataObject | undefined {
	const rows = ((value as IDataObject | undefined)?.metadataValues ?? []) as Array<{ key?: unknown; value?: unknown }>;
	if (!Array.isArray(rows) || rows.length === 0) return undefined;
	const metadata: IDataObject = {};
	for (const row of rows) {
		const key = String(row.key ?? '').trim();
		if (key === '') throw inputError(context, 'Metadata key is empty: give every metadata row a key, or remove the row');
		if (key in metadata) throw inputError(context, `Metadata key "${key}" appears twice; each key can be used once`);
		const rowValue = row.value === undefined || row.value === null ? '' : row.value;
		if (typeof rowValue === 'object') {
			throw inputError(context, `Metadata value of "${key}" is ${describeValue(rowValue)}; metadata values are sent as text, numbers or true/false`, 'Turn it into text in the expression, e.g. {{ JSON.stringify($json.items) }}.');
		}
		metadata[key] = rowValue as string | number | boolean;
	}
	return metadata;
}

/** Step: the Metadata field (top level) sent as `metadata`. */
export const sendMetadata: PreSend = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const metadata = metadataOf(this, this.getNodeParameter('metadata', {}));
	if (metadata) body(requestOptions).metadata = metadata;
	return requestOptions;
});
