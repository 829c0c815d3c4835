import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './constants';
import { splitListData } from './output';
import { checkLimit, checkText, PATH_IDS, requireUpdateFields, sendListFilters, sendMetadata } from './preSend';

// Properties several resources share. A property name appears once in the
// description wherever n8n's display rules allow it: n8n evaluates every
// property of the description for every item, so a duplicated name holding an
// expression is evaluated once more per copy.

export function showFor(resource: string | string[], operations: string[]): IDisplayOptions {
	return { show: { resource: ([] as string[]).concat(resource), operation: operations } };
}

/**
 * A required Omise ID that the operation's URL holds as `:name`; the shared
 * request step fills it in (checked, URL-encoded), so the field has no routing.
 */
export function idField(name: keyof typeof PATH_IDS, resource: string, operations: string[]): INodeProperties {
	const { label, prefix, kind } = PATH_IDS[name];
	return {
		displayName: label,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `${prefix}_test_...`,
		description: `The ID of the ${kind}, starting with ${prefix}_`,
		displayOptions: showFor(resource, operations),
	};
}

const CREATES = showFor(['link', 'charge', 'refund'], ['create']);

/** Amount, Amount Unit and Currency of Link, Charge and Refund → Create: one property each. */
export const amountFields: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		description:
			'How much, in the unit chosen in Amount Unit: by default the smallest currency unit (150050 = 1,500.50 THB; JPY has no minor unit, 1000 = ¥1,000). Required for links and charges; for a refund, 0 or empty refunds everything not yet refunded.',
		displayOptions: CREATES,
		// Read once by sendAmount, a step of each create operation.
	},
	{
		displayName: 'Amount Unit',
		name: 'amountUnit',
		type: 'options',
		default: 'smallest',
		description:
			'How Amount is written. Major Unit is converted exactly (19.99 → 1999); more decimals than the currency has are refused. For a refund in Major Unit the node looks the charge up to learn its currency.',
		options: [
			{ name: 'Smallest Unit (Satang, Cents, Yen)', value: 'smallest', description: 'Omise’s own unit: 150050 means 1,500.50 THB' },
			{ name: 'Major Unit (Baht, Dollars, Yen)', value: 'major', description: 'Type 1500.50 for 1,500.50 THB' },
		],
		displayOptions: CREATES,
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: 'THB',
		placeholder: 'THB',
		description: 'Three-letter ISO 4217 code your account supports, e.g. THB, JPY, SGD, MYR, USD',
		displayOptions: showFor(['link', 'charge'], ['create']),
	},
];

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

/** Key/value metadata, sent as `metadata: { key: value }`. `path` is where n8n stores it. */
export function metadataField(path: string, description: string, displayOptions?: IDisplayOptions): INodeProperties {
	const name = path.split('.').pop() as string;
	return {
		displayName: 'Metadata',
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata',
		default: {},
		description,
		options: metadataRows,
		...(displayOptions ? { displayOptions } : {}),
		routing: { send: { preSend: [sendMetadata(path)] } },
	};
}

const LISTS = showFor(['link', 'charge', 'refund', 'event'], ['getAll', 'getCharges']);

/** Return All / Limit / Filters of every Get Many: one set of properties for all resources. */
export const listFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: LISTS,
		// Read by the shared request step, which pages through Omise's list; the filters are sent from here.
		routing: { send: { preSend: [sendListFilters] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		description: 'Max number of results to return',
		displayOptions: { show: { ...LISTS.show, returnAll: [false] } },
		routing: { send: { type: 'query', property: 'limit', preSend: [checkLimit] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: LISTS,
		options: [
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: "Only objects created at or after this time (a time without a zone is read in the workflow's time zone)",
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only objects created at or before this time',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'chronological',
				options: [
					{ name: 'Oldest First', value: 'chronological' },
					{ name: 'Newest First', value: 'reverse_chronological' },
				],
			},
		],
	},
];

/** Routing of a Get Many operation: one item per object of Omise's list (the shared request step pages). */
export function listRouting(url: string): NonNullable<INodeProperties['routing']> {
	return {
		request: { method: 'GET', url },
		output: { postReceive: [splitListData] },
	};
}

/** Update Fields of a link or a charge: only the description and metadata can change. */
export function descriptionAndMetadataUpdate(resource: string, description: string, maxLength?: number): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		displayOptions: showFor(resource, ['update']),
		routing: { send: { preSend: [requireUpdateFields('Description or Metadata')] } },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: maxLength ? `At most ${maxLength} characters` : undefined,
				routing: { send: { type: 'body', property: 'description', preSend: [checkText('description', 'Description', { maxLength })] } },
			},
			metadataField('updateFields.metadata', `Keys to set on the ${resource}; keys not listed stay as they are`),
		],
	};
}

/** Metadata of Link and Refund → Create (a charge's is under its Additional Fields). */
export const createMetadataField = metadataField(
	'metadata',
	'Your own key/value data, e.g. an invoice or row ID. Link metadata follows Omise’s Links guide, not its API reference: an account whose API refuses it answers with Omise’s error.',
	showFor(['link', 'refund'], ['create']),
);
