import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { AmountUnit } from '../../shared/amounts';
import { normalizeCurrency, toMajorUnitText, toSmallestUnit } from '../../shared/amounts';
import { toDate } from '../../shared/dates';
import { checked, pagedByNumber } from '../sending/steps';
import { amountUnitFields } from './amount';
import { describeValue, inputError, isEmpty, query } from './input';
import { listFields, sendList, splitListData } from './lists';
import type { Operation } from './operation';
import { simplify, simplifyField } from './simplify';

// Omise's search (GET /search?scope=…): free text, `filters[…]`, numbered pages.

const onlyFor = (resource: string) => ({ show: { '/resource': [resource] } });

export const queryField: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'string',
	default: '',
	placeholder: 'order-1001',
	description: 'Text to look for in the objects’ searchable fields (ID, description, email, metadata values, …); empty finds everything the filters let through',
};

export const searchFiltersField: INodeProperties = {
	displayName: 'Search Filters',
	name: 'searchFilters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Omise’s search filters. Filters → From and To above limit the days the objects were created on.',
	options: [
		{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether the recipient is active (can be paid)', displayOptions: onlyFor('recipient') },
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			placeholder: '1000..5000',
			description: 'An amount or a range (min..max), in the unit chosen in Amount Unit; Omise’s search compares in the major unit (the node converts, with Currency)',
			displayOptions: { show: { '/resource': ['charge', 'link', 'refund', 'transfer'] } },
		},
		{ displayName: 'Captured', name: 'captured', type: 'boolean', default: true, description: 'Whether the charge was captured', displayOptions: onlyFor('charge') },
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'THB',
			description: 'Only objects in this currency (ISO 4217 code)',
			displayOptions: { show: { '/resource': ['charge', 'link', 'refund', 'transfer'] } },
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
		{ displayName: 'Paid', name: 'paid', type: 'boolean', default: true, description: 'Whether the transfer was paid to the recipient', displayOptions: onlyFor('transfer') },
		{ displayName: 'Refunded', name: 'refunded', type: 'boolean', default: true, description: 'Whether the charge was refunded', displayOptions: onlyFor('charge') },
		{ displayName: 'Sent', name: 'sent', type: 'boolean', default: true, description: 'Whether the transfer was sent to the bank', displayOptions: onlyFor('transfer') },
		{
			displayName: 'Status',
			name: 'status',
			type: 'string',
			default: '',
			placeholder: 'successful',
			description: 'Only objects with this status, e.g. successful, pending, failed for charges; open, pending, won, lost for disputes',
			displayOptions: { show: { '/resource': ['charge', 'dispute', 'refund'] } },
		},
		{ displayName: 'Used', name: 'used', type: 'boolean', default: true, description: 'Whether the link was used (paid, if single-use)', displayOptions: onlyFor('link') },
		{ displayName: 'Verified', name: 'verified', type: 'boolean', default: true, description: 'Whether Omise verified the recipient’s bank account', displayOptions: onlyFor('recipient') },
		{ displayName: 'Voided', name: 'voided', type: 'boolean', default: true, description: 'Whether the refund was voided', displayOptions: onlyFor('refund') },
	],
};

/** One amount of the Amount filter, in the major unit Omise's search takes ("1500.50"). */
function majorAmount(context: IExecuteSingleFunctions, text: string, currency: string, unit: AmountUnit): string {
	if (unit === 'major') {
		// Checked as an amount (decimals the currency has), sent as typed.
		toSmallestUnit(context.getNode(), text, currency || 'usd', 'major', 'Filters → Amount', context.getItemIndex());
		return text;
	}
	if (!currency) {
		throw inputError(context, 'Filters → Currency is required to search by an amount in the smallest unit', 'Omise’s search takes amounts in the major unit (1500.50 THB): add Filters → Currency so the node can convert, or set Amount Unit to "Major Unit".');
	}
	return toMajorUnitText(toSmallestUnit(context.getNode(), text, currency, 'smallest', 'Filters → Amount', context.getItemIndex()), currency) as string;
}

/**
 * Step of a search, after the list's own (sendList): Query, and what the list
 * step put in the query turned into Omise's search parameters: Limit →
 * `per_page` (page 1), From/To → `filters[created]` (calendar days in the
 * workflow's time zone), Search Filters → `filters[…]`; Return All pages by `page`.
 */
export const sendSearch = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const qs = query(requestOptions);
	const searchText = this.getNodeParameter('query', '') as unknown;
	if (!isEmpty(searchText) && typeof searchText !== 'string' && typeof searchText !== 'number') throw inputError(this, `Query must be text; got ${describeValue(searchText)}`);
	if (!isEmpty(searchText)) qs.query = String(searchText).trim();

	if (qs.limit !== undefined) {
		qs.per_page = qs.limit;
		qs.page = 1;
		delete qs.limit;
	}
	pagedByNumber(requestOptions);

	const timeZone = this.getTimezone();
	if (qs.from !== undefined || qs.to !== undefined) {
		const from = qs.from === undefined ? '1970-01-01' : toDate(qs.from, timeZone);
		const to = qs.to === undefined ? toDate(new Date(Date.now() + 86_400_000), timeZone) : toDate(qs.to, timeZone);
		qs['filters[created]'] = `${from}..${to}`;
		delete qs.from;
		delete qs.to;
	}

	const filters = this.getNodeParameter('searchFilters', {}) as IDataObject;
	const currency = isEmpty(filters.currency) ? '' : normalizeCurrency(this.getNode(), filters.currency, this.getItemIndex());
	if (currency) qs['filters[currency]'] = currency.toUpperCase();
	if (!isEmpty(filters.status)) qs['filters[status]'] = String(filters.status).trim();
	if (!isEmpty(filters.amount)) {
		const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
		const text = String(filters.amount).trim();
		const range = text.split('..');
		if (range.length > 2) throw inputError(this, `Filters → Amount must be an amount or a range such as 100..500; got "${text.slice(0, 40)}"`);
		qs['filters[amount]'] = range.map((part) => majorAmount(this, part.trim(), currency, unit)).join('..');
	}
	for (const name of ['active', 'captured', 'paid', 'refunded', 'sent', 'used', 'verified', 'voided']) {
		if (typeof filters[name] === 'boolean') qs[`filters[${name}]`] = String(filters[name]);
	}
	const more = ((filters.more as IDataObject | undefined)?.filter ?? []) as Array<{ key?: unknown; value?: unknown }>;
	for (const row of more) {
		const key = String(row.key ?? '').trim();
		if (!/^[a-z_]+$/.test(key)) throw inputError(this, `Filters → More Filters: a key must be an Omise filter name such as card_last_digits; got "${key.slice(0, 40)}"`);
		if (typeof row.value === 'object' && row.value !== null) throw inputError(this, `Filters → More Filters: the value of "${key}" must be text; got ${describeValue(row.value)}`);
		qs[`filters[${key}]`] = String(row.value ?? '');
	}
	return requestOptions;
});

/** Search of `scope` (Omise's `GET /search?scope=…`): the list fields, Query and Search Filters; one item per object found. */
export function searchOperation(scope: string, options: { amounts?: boolean; simplify?: boolean } = {}): Pick<Operation, 'request' | 'fields' | 'steps' | 'output'> {
	return {
		request: { method: 'GET', url: '/search', qs: { scope } },
		// Query first: what a search is for (issue 21); the unit of Search Filters → Amount next to them.
		fields: [queryField, searchFiltersField, ...(options.amounts ? amountUnitFields : []), ...listFields, ...(options.simplify ? [simplifyField] : [])],
		steps: [sendList, sendSearch, ...(options.simplify ? [simplify] : [])],
		output: [splitListData],
	};
}
