import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AmountUnit } from './amount';
import { normalizeCurrency, toSmallestUnit } from './amount';
import { toUtcIso } from './dates';

type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/** The request's body as an object, created when missing. */
export function body(requestOptions: IHttpRequestOptions): IDataObject {
	if (!requestOptions.body || typeof requestOptions.body !== 'object') requestOptions.body = {};
	return requestOptions.body as IDataObject;
}

function query(requestOptions: IHttpRequestOptions): IDataObject {
	requestOptions.qs = requestOptions.qs ?? {};
	return requestOptions.qs;
}

/** An ID that goes into the path must be present: an empty one would change the endpoint. */
export function requireId(parameterName: string, label: string, prefix: string): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const value = this.getNodeParameter(parameterName, '') as string;
		if (typeof value !== 'string' || value.trim() === '') {
			throw new NodeOperationError(this.getNode(), `${label} is required (an Omise ID such as ${prefix}_test_…)`, {
				itemIndex: this.getItemIndex(),
			});
		}
		return requestOptions;
	};
}

/** Sends `amount` (smallest unit) and `currency` (lower case) after checking both. */
export function sendAmountAndCurrency(amountParameter = 'amount'): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const node = this.getNode();
		const itemIndex = this.getItemIndex();
		const currency = normalizeCurrency(node, this.getNodeParameter('currency', ''), itemIndex);
		const unit = this.getNodeParameter('amountUnit', 'smallest') as AmountUnit;
		const amount = toSmallestUnit(node, this.getNodeParameter(amountParameter, ''), currency, unit, 'Amount', itemIndex);
		Object.assign(body(requestOptions), { amount, currency });
		return requestOptions;
	};
}

/** Checks a text parameter's length before Omise does, and sends it when not empty. */
export function sendText(
	parameterName: string,
	property: string,
	label: string,
	options: { maxLength?: number; required?: boolean } = {},
): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const value = this.getNodeParameter(parameterName, '') as unknown;
		const text = value === undefined || value === null ? '' : String(value);
		const fail = (why: string) => new NodeOperationError(this.getNode(), `${label} ${why}`, { itemIndex: this.getItemIndex() });
		if (text.trim() === '') {
			if (options.required) throw fail('is required');
			return requestOptions;
		}
		if (options.maxLength !== undefined && text.length > options.maxLength) {
			throw fail(`must be at most ${options.maxLength} characters; it has ${text.length}`);
		}
		body(requestOptions)[property] = text;
		return requestOptions;
	};
}

/** Key/value metadata rows → `metadata: { key: value }` (each key once, none empty). */
export function sendMetadata(parameterPath: string): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const rows = this.getNodeParameter(`${parameterPath}.metadataValues`, []) as Array<{ key?: string; value?: unknown }>;
		const metadata: IDataObject = {};
		for (const row of rows) {
			const key = String(row.key ?? '').trim();
			const fail = (why: string) => new NodeOperationError(this.getNode(), `Metadata ${why}`, { itemIndex: this.getItemIndex() });
			if (key === '') throw fail('key is empty: give every metadata row a key, or remove the row');
			if (key in metadata) throw fail(`key "${key}" appears twice; each key can be used once`);
			metadata[key] = row.value === undefined || row.value === null ? '' : (row.value as IDataObject[string]);
		}
		if (rows.length > 0) body(requestOptions).metadata = metadata;
		return requestOptions;
	};
}

/** List filters: `from`/`to` as UTC ISO 8601 (a time without a zone is read in the workflow's time zone), `order`. */
export function sendListFilters(): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const qs = query(requestOptions);
		for (const name of ['from', 'to'] as const) {
			const value = filters[name];
			if (value === undefined || value === '' || value === null) continue;
			const iso = toUtcIso(value, this.getTimezone());
			if (!iso) {
				throw new NodeOperationError(this.getNode(), `Filters → ${name === 'from' ? 'From' : 'To'} is not a date and time: "${String(value)}"`, {
					itemIndex: this.getItemIndex(),
					description: 'Use an ISO 8601 date such as 2026-01-31T00:00:00, or pick one in the date picker.',
				});
			}
			qs[name] = iso;
		}
		if (filters.order) qs.order = filters.order;
		return requestOptions;
	};
}

/** An update with nothing in Update Fields is a mistake in the workflow, not a request to send. */
export function requireUpdateFields(allowed: string): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		if (Object.keys(fields).length === 0) {
			throw new NodeOperationError(this.getNode(), `Update Fields is empty: add ${allowed}`, {
				itemIndex: this.getItemIndex(),
			});
		}
		return requestOptions;
	};
}
