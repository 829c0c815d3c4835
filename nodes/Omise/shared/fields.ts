import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './constants';
import { splitListData } from './output';
import { requireId, requireUpdateFields, sendAmountAndCurrency, sendListFilters, sendMetadata, sendText } from './preSend';

export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

/** A required Omise ID that the operation's URL puts in the path (URL-encoded there). */
export function idField(
	name: string,
	displayName: string,
	prefix: string,
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `${prefix}_test_...`,
		description: `The ID of the ${displayName.replace(/ ID$/, '').toLowerCase()}, starting with ${prefix}_`,
		displayOptions: showFor(resource, operations),
		routing: { send: { preSend: [requireId(name, displayName, prefix)] } },
	};
}

export function amountUnitField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Amount Unit',
		name: 'amountUnit',
		type: 'options',
		default: 'smallest',
		description,
		options: [
			{ name: 'Smallest Unit (Satang, Cents, Yen)', value: 'smallest', description: 'Omise’s own unit: 150050 means 1,500.50 THB' },
			{ name: 'Major Unit (Baht, Dollars, Yen)', value: 'major', description: 'Type 1500.50 for 1,500.50 THB' },
		],
		displayOptions,
	};
}

export function amountFields(resource: string, operations: string[]): INodeProperties[] {
	const displayOptions = showFor(resource, operations);
	return [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
			description:
				'The amount, in the unit chosen in Amount Unit: by default the smallest currency unit (150050 = 1,500.50 THB; JPY has no minor unit, 1000 = ¥1,000)',
			displayOptions,
			routing: { send: { preSend: [sendAmountAndCurrency()] } },
		},
		amountUnitField(displayOptions, 'How Amount is written. Major Unit is converted exactly (19.99 → 1999); more decimals than the currency has are refused.'),
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			required: true,
			default: 'THB',
			placeholder: 'THB',
			description: 'Three-letter ISO 4217 code your account supports, e.g. THB, JPY, SGD, MYR, USD',
			displayOptions,
		},
	];
}

const metadataRows: INodeProperties['options'] = [
	{
		name: 'metadataValues',
		displayName: 'Metadata',
		values: [
			{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'order_id' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
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

/** Return All / Limit / Filters for Omise's offset-paged lists. */
export function listFields(resource: string, operations: string[], itemName: string): INodeProperties[] {
	const displayOptions = showFor(resource, operations);
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
			routing: { send: { paginate: '={{ $value }}' } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
			routing: {
				send: { type: 'query', property: 'limit' },
				output: { maxResults: '={{$value}}' },
			},
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			routing: { send: { preSend: [sendListFilters()] } },
			options: [
				{
					displayName: 'From',
					name: 'from',
					type: 'dateTime',
					default: '',
					description: `Only ${itemName} created at or after this time (a time without a zone is read in the workflow's time zone)`,
				},
				{
					displayName: 'To',
					name: 'to',
					type: 'dateTime',
					default: '',
					description: `Only ${itemName} created at or before this time`,
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
}

/** Routing of a Get Many operation: offset paging at Omise's largest page size, one item per object. */
export function listRouting(url: string): NonNullable<INodeProperties['routing']> {
	return {
		request: { method: 'GET', url },
		operations: {
			pagination: {
				type: 'offset',
				properties: { limitParameter: 'limit', offsetParameter: 'offset', pageSize: MAX_PAGE_SIZE, type: 'query' },
			},
		},
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
				routing: { send: { preSend: [sendText('updateFields.description', 'description', 'Description', { maxLength })] } },
			},
			metadataField('updateFields.metadata', `Keys to set on the ${resource}; keys not listed stay as they are`),
		],
	};
}
