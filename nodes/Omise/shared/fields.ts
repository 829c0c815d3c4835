import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import type { AmountUnit } from './amount';
import { splitListData } from './output';
import { checkLimit, checkText, PATH_IDS, requireUpdateFields, sendListFilters, sendMetadata } from './preSend';
import { sendSearch } from './search';
import { noteSimplify } from './simplify';

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

const CREATES = showFor(['link', 'charge', 'refund', 'schedule'], ['create']);
const AMOUNT_UNIT_SHOWN = showFor(['link', 'charge', 'refund', 'schedule'], ['create', 'search']);

/** A notice under Amount Unit saying what the chosen unit means (n8n's `hint` is static text, and hidden while Amount holds an expression). */
function amountUnitNotice(unit: AmountUnit, text: string): INodeProperties {
	return {
		displayName: text,
		name: 'amountUnitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...AMOUNT_UNIT_SHOWN.show, amountUnit: [unit] } },
	};
}

/** Amount, Amount Unit and Currency of Link, Charge, Refund and Schedule → Create (and Amount Unit of Search): one property each. */
export const amountFields: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		description:
			'How much, in the unit chosen in Amount Unit: by default the major unit, as people write amounts (1500.50 = 1,500.50 THB; JPY has no minor unit, 1000 = ¥1,000). Required for links, charges and schedules (charged at every occurrence); for a refund, 0 or empty refunds everything not yet refunded.',
		displayOptions: CREATES,
		// Read once by sendAmount, a step of each create operation.
	},
	{
		displayName: 'Amount Unit',
		name: 'amountUnit',
		type: 'options',
		default: 'major',
		description:
			'How Amount (and a search’s Filters → Amount) is written. Major Unit is converted exactly (19.99 → 1999); more decimals than the currency has are refused. For a refund in Major Unit the node looks the charge up to learn its currency.',
		options: [
			{ name: 'Major Unit (Baht, Dollars, Yen)', value: 'major', description: 'As people write amounts: 1500.50 means 1,500.50 THB' },
			{ name: 'Smallest Unit (Satang, Cents, Yen)', value: 'smallest', description: 'Omise’s own unit: 150050 means 1,500.50 THB' },
		],
		displayOptions: AMOUNT_UNIT_SHOWN,
	},
	amountUnitNotice('major', 'Amounts in the major unit: 1500.50 means 1,500.50 THB (sent to Omise as 150050 satang). JPY has no minor unit: 1500 means ¥1,500.'),
	amountUnitNotice('smallest', 'Amounts in the smallest unit, as Omise counts them: 150050 means 1,500.50 THB. JPY has no minor unit: 1500 means ¥1,500.'),
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: 'THB',
		placeholder: 'THB',
		description: 'Three-letter ISO 4217 code your account supports, e.g. THB, JPY, SGD, MYR, USD',
		displayOptions: showFor(['link', 'charge', 'schedule'], ['create']),
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

const LISTS = showFor(['link', 'charge', 'refund', 'event', 'customer', 'schedule'], ['getAll', 'getCharges', 'getCards', 'getSchedules', 'getOccurrences', 'search']);

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

/** Metadata of Link, Refund and Customer → Create (a charge's is under its Additional Fields). */
export const createMetadataField = metadataField(
	'metadata',
	'Your own key/value data, e.g. an invoice, row or member ID. Link metadata follows Omise’s Links guide, not its API reference: an account whose API refuses it answers with Omise’s error.',
	showFor(['link', 'refund', 'customer'], ['create']),
);

/** Routing of a Search operation: Omise's `GET /search?scope=<resource>`, one item per object found. */
export function searchRouting(scope: string): NonNullable<INodeProperties['routing']> {
	return { request: { method: 'GET', url: '/search', qs: { scope } }, output: { postReceive: [splitListData] } };
}

const SEARCHES = showFor(['charge', 'link', 'customer', 'refund'], ['search']);
const onlyFor = (resource: string) => ({ show: { '/resource': [resource] } });

/** Query and Search Filters of every Search (Return All, Limit, From, To and Order are the lists' own). */
export const searchFields: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'order-1001',
		description: 'Text to look for in the objects’ searchable fields (ID, description, email, metadata values, …); empty finds everything the filters let through',
		displayOptions: SEARCHES,
		routing: { send: { type: 'query', property: 'query' } },
	},
	{
		displayName: 'Search Filters',
		name: 'searchFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Omise’s search filters. Filters → From and To above limit the days the objects were created on.',
		displayOptions: SEARCHES,
		// Runs after Return All, Limit and Filters: turns them into Omise's search parameters.
		routing: { send: { preSend: [sendSearch] } },
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'string',
				default: '',
				placeholder: '1000..5000',
				description: 'An amount or a range (min..max), in the unit chosen in Amount Unit; Omise’s search compares in the major unit (the node converts, with Currency)',
				displayOptions: { show: { '/resource': ['charge', 'link', 'refund'] } },
			},
			{ displayName: 'Captured', name: 'captured', type: 'boolean', default: true, description: 'Whether the charge was captured', displayOptions: onlyFor('charge') },
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'THB',
				description: 'Only objects in this currency (ISO 4217 code)',
				displayOptions: { show: { '/resource': ['charge', 'link', 'refund'] } },
			},
			{
				displayName: 'More Filters',
				name: 'more',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Filter',
				default: {},
				description: 'Any other filter Omise documents for this scope, sent as filters[key]=value (e.g. card_last_digits = 4242, customer_email)',
				options: [
					{
						name: 'filter',
						displayName: 'Filter',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'card_last_digits' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Refunded', name: 'refunded', type: 'boolean', default: true, description: 'Whether the charge was refunded', displayOptions: onlyFor('charge') },
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'successful',
				description: 'Only objects with this status, e.g. successful, pending, failed for charges',
				displayOptions: { show: { '/resource': ['charge', 'refund'] } },
			},
			{ displayName: 'Used', name: 'used', type: 'boolean', default: true, description: 'Whether the link was used (paid, if single-use)', displayOptions: onlyFor('link') },
			{ displayName: 'Voided', name: 'voided', type: 'boolean', default: true, description: 'Whether the refund was voided', displayOptions: onlyFor('refund') },
		],
	},
];

/**
 * Simplify, on the operations that answer with links, charges, refunds or
 * schedules. Off by default: the output stays Omise's object as it is.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data', // n8n's lint wants this exact text
	hint: 'Keeps the fields most workflows need: payment_uri or authorize_uri first, status, amount_major (150050 THB → "1500.50")',
	displayOptions: showFor(
		['link', 'charge', 'refund', 'schedule'],
		['capture', 'create', 'expire', 'get', 'getAll', 'getCharges', 'markAsFailed', 'markAsPaid', 'reverse', 'search', 'update'],
	),
	// Simplifies after the request mechanism's own steps (recovered creates, the QR code download): see noteSimplify.
	routing: { send: { preSend: [noteSimplify] } },
};

/**
 * n8n adds Request Options (Batching, Timeout) to every declarative node with
 * its own descriptions, which this node cannot change; this says what they
 * mean here, just above them.
 */
export const requestOptionsNotice: INodeProperties = {
	displayName:
		'Request Options below: Items per Batch is how many requests run at once (default 5, at most 10); Timeout is each request\'s wait (default 30 s)',
	name: 'requestOptionsNotice',
	type: 'notice',
	default: '',
};
