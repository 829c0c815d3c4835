import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { toDate } from '../../shared/dates';
import { checked, pagedByNumber } from '../sending/steps';
import type { AmountUnit } from './amount';
import { normalizeCurrency, toMajorUnitText, toSmallestUnit } from './amount';
import { describeValue, inputError, isEmpty, query } from './preSend';

// Omise's search (GET /search?scope=…): free text, `filters[…]`, numbered pages.

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
 * Turns what the list properties put in the query into Omise's search
 * parameters: Limit → `per_page` (page 1), From/To → `filters[created]`
 * (calendar days in the workflow's time zone), Search Filters →
 * `filters[…]`; Return All pages by `page`. Runs last among the search's steps.
 */
export const sendSearch = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const qs = query(requestOptions);
	if (isEmpty(qs.query)) delete qs.query;
	else if (typeof qs.query !== 'string' && typeof qs.query !== 'number') throw inputError(this, `Query must be text; got ${describeValue(qs.query)}`);
	else qs.query = String(qs.query).trim();

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
	for (const name of ['captured', 'refunded', 'used', 'voided']) {
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
