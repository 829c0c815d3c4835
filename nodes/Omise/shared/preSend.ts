import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import { toUtcIso } from '../../shared/dates';
import { isOmiseId } from '../../shared/values';
import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import type { AmountUnit } from './amount';
import { normalizeCurrency, toSmallestUnit } from './amount';

// The request steps of the description. n8n evaluates a parameter holding an
// expression for every item each time it is read: twice whatever happens (its
// two passes over the description), twice more when the property has routing
// of its own. So the fields of a create are read once, here, from a step of
// the operation, and their properties carry no routing; values a property does
// send itself (routing.send) are checked where n8n put them, in the request.

/** The request's body as an object, created when missing. */
export function body(requestOptions: IHttpRequestOptions): IDataObject {
	if (!requestOptions.body || typeof requestOptions.body !== 'object') requestOptions.body = {};
	return requestOptions.body as IDataObject;
}

export function query(requestOptions: IHttpRequestOptions): IDataObject {
	requestOptions.qs = requestOptions.qs ?? {};
	return requestOptions.qs;
}

export function inputError(context: IExecuteSingleFunctions, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex: context.getItemIndex(), description });
}

/** Nothing given: undefined, null or blank text. */
export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A value as trimmed text ('' for undefined or null). */
export function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** How a value that is not text reads in an error message. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
	return String(value);
}

/** The IDs an operation's URL holds (`/charges/:chargeId/refunds`), with what each must look like. */
export const PATH_IDS: Record<string, { label: string; prefix: string; kind: string }> = {
	linkId: { label: 'Link ID', prefix: 'link', kind: 'link' },
	chargeId: { label: 'Charge ID', prefix: 'chrg', kind: 'charge' },
	refundId: { label: 'Refund ID', prefix: 'rfnd', kind: 'refund' },
	eventId: { label: 'Event ID', prefix: 'evnt', kind: 'event' },
	customerId: { label: 'Customer ID', prefix: 'cust', kind: 'customer' },
	cardId: { label: 'Card ID', prefix: 'card', kind: 'card' },
	scheduleId: { label: 'Schedule ID', prefix: 'schd', kind: 'schedule' },
};

const KIND_OF_PREFIX: Record<string, string> = {
	link: 'a link ID',
	chrg: 'a charge ID',
	rfnd: 'a refund ID',
	evnt: 'an event ID',
	cust: 'a customer ID',
	card: 'a card ID',
	tokn: 'a card token',
	src: 'a source ID',
	schd: 'a schedule ID',
	recp: 'a recipient ID',
};

/**
 * Fills the `:name` segments of the operation's URL with the ID parameters of
 * that name, each read once, checked (present, of the right kind, a single
 * path segment) and URL-encoded: `.`, `..` or a charge ID typed into Link ID
 * never reach Omise.
 */
export const fillPathIds = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const url = String(requestOptions.url ?? '');
	if (!url.includes(':')) return requestOptions;
	requestOptions.url = url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
		const { label, prefix, kind } = PATH_IDS[name];
		const value = this.getNodeParameter(name, '') as unknown;
		const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
		const example = `${prefix}_test_…`;
		if (id === undefined) throw inputError(this, `${label} must be text, an Omise ID such as ${example}; got ${describeValue(value)}`);
		if (id === '') throw inputError(this, `${label} is required (an Omise ID such as ${example})`);
		if (!isOmiseId(id)) throw inputError(this, `${label} is not an Omise ID: "${id.slice(0, 60)}". It looks like ${example}`);
		if (!isOmiseId(id, prefix)) {
			const other = KIND_OF_PREFIX[id.slice(0, id.indexOf('_'))];
			throw inputError(this, `${label} must be a ${kind} ID (${prefix}_…); got "${id.slice(0, 60)}"${other ? `, which is ${other}` : ''}`);
		}
		return encodeURIComponent(id);
	});
	return requestOptions;
});

/** requiredMessage: what to say when a required text is empty (default "<label> is required"). */
type TextOptions = { maxLength?: number; required?: boolean; requiredMessage?: string };

/** A text value checked: text (not an object), not too long; undefined when empty and not required. */
function checkedText(context: IExecuteSingleFunctions, value: unknown, label: string, options: TextOptions): string | undefined {
	if (isEmpty(value)) {
		if (options.required) throw inputError(context, options.requiredMessage ?? `${label} is required`);
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw inputError(context, `${label} must be text; got ${describeValue(value)}`, 'An expression here must give text, e.g. {{ $json.title }}, not a whole object.');
	}
	const text = String(value);
	if (options.maxLength !== undefined && text.length > options.maxLength) {
		throw inputError(context, `${label} must be at most ${options.maxLength} characters; it has ${text.length}`);
	}
	return text;
}

/**
 * Parameters that the AI-agent tool (n8n's "Omise Tool", the node's type name +
 * "Tool") has under another name. n8n's editor offers "Let the model define
 * this parameter" on every field of a tool except at a few paths it keeps for
 * its own tools, `parameters.description` among them, so the tool's Description
 * is `descriptionText`; the node itself keeps `description`.
 */
export const TOOL_PARAMETER_NAMES = { description: 'descriptionText' } as const;

function isTool(context: IExecuteSingleFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * Reads a text parameter once, checks it and sends it as `property` when not
 * empty. Used from the operation's routing, so the property itself needs none.
 */
export function sendText(parameterName: string, label: string, options: TextOptions = {}, property = parameterName): PreSend {
	const toolName = (TOOL_PARAMETER_NAMES as Record<string, string>)[parameterName] ?? parameterName;
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const text = checkedText(this, this.getNodeParameter(isTool(this) ? toolName : parameterName, ''), label, options);
		if (text !== undefined) body(requestOptions)[property] = text;
		return requestOptions;
	});
}

/** Checks a text a property put in the body itself (routing.send); removed when empty. */
export function checkText(property: string, label: string, options: TextOptions = {}): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const target = body(requestOptions);
		const text = checkedText(this, target[property], label, options);
		if (text === undefined) delete target[property];
		else target[property] = text;
		return requestOptions;
	});
}

/** Amount and currency of a link or charge, each read once: checked and converted to the smallest unit. */
export async function sendAmountAndCurrency(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const currency = normalizeCurrency(this.getNode(), this.getNodeParameter('currency', ''), this.getItemIndex());
	const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
	const amount = toSmallestUnit(this.getNode(), this.getNodeParameter('amount', ''), currency, unit, 'Amount', this.getItemIndex());
	Object.assign(body(requestOptions), { amount, currency });
	return requestOptions;
}

/** Key/value metadata rows → `metadata: { key: value }` (each key once, none empty, values text, numbers or true/false). */
export function sendMetadata(parameterPath: string): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const rows = this.getNodeParameter(`${parameterPath}.metadataValues`, []) as Array<{ key?: unknown; value?: unknown }>;
		const metadata: IDataObject = {};
		for (const row of rows) {
			const key = String(row.key ?? '').trim();
			if (key === '') throw inputError(this, 'Metadata key is empty: give every metadata row a key, or remove the row');
			if (key in metadata) throw inputError(this, `Metadata key "${key}" appears twice; each key can be used once`);
			const value = row.value === undefined || row.value === null ? '' : row.value;
			if (typeof value === 'object') {
				throw inputError(this, `Metadata value of "${key}" is ${describeValue(value)}; metadata values are sent as text, numbers or true/false`, 'Turn it into text in the expression, e.g. {{ JSON.stringify($json.items) }}.');
			}
			metadata[key] = value as string | number | boolean;
		}
		if (rows.length > 0) body(requestOptions).metadata = metadata;
		return requestOptions;
	});
}

/** Limit as the property put it in the query: a whole number Omise accepts. */
export const checkLimit = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const qs = query(requestOptions);
	const value = qs.limit;
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
		throw inputError(this, `Limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${describeValue(value)}`, 'To get more than 100, turn on Return All.');
	}
	qs.limit = limit;
	return requestOptions;
});

/** List filters: `from`/`to` as UTC ISO 8601 (a time without a zone is read in the workflow's time zone), `order`. */
export const sendListFilters = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const qs = query(requestOptions);
	for (const name of ['from', 'to'] as const) {
		const value = filters[name];
		if (value === undefined || value === '' || value === null) continue;
		const iso = toUtcIso(value, this.getTimezone());
		if (!iso) {
			throw inputError(
				this,
				`Filters → ${name === 'from' ? 'From' : 'To'} is not a date and time: ${describeValue(value)}`,
				'Use an ISO 8601 date such as 2026-01-31T00:00:00, or pick one in the date picker.',
			);
		}
		qs[name] = iso;
	}
	if (filters.order) qs.order = filters.order;
	return requestOptions;
});

/** An update must change something: empty Update Fields (or only an empty description) is a mistake in the workflow. */
export function requireUpdateFields(allowed: string): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		const rows = (fields.metadata as IDataObject | undefined)?.metadataValues;
		const hasDescription = text(fields.description) !== '';
		const hasMetadata = Array.isArray(rows) && rows.length > 0;
		if (!hasDescription && !hasMetadata) {
			const what = 'description' in fields ? 'Update Fields holds only an empty Description' : 'Update Fields is empty';
			throw inputError(this, `${what}: add ${allowed} to change`);
		}
		return requestOptions;
	});
}
