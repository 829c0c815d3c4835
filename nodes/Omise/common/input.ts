import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { OMISE_DASHBOARD_URL } from '../../shared/editorText';
import { idInDashboardUrl, isObject, isOmiseId } from '../../shared/values';

// What the request steps of every operation use to read, check and send one
// row's values: a bad value becomes the row's error, naming the field and what
// is allowed, before anything is sent.

/** The request's body as an object, created when missing. */
export function body(requestOptions: IHttpRequestOptions): IDataObject {
	if (!requestOptions.body || typeof requestOptions.body !== 'object') requestOptions.body = {};
	return requestOptions.body as IDataObject;
}

/** Puts in `target` the values that were given (not undefined). */
export function assignGiven(target: IDataObject, values: IDataObject) {
	for (const [name, value] of Object.entries(values)) if (value !== undefined) target[name] = value;
}

/** The request's query string values, created when missing. */
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

/** requiredMessage: what to say when a required text is empty (default "<label> is required"). */
export type TextOptions = { maxLength?: number; required?: boolean; requiredMessage?: string };

/** A text value checked: text (not an object), not too long; undefined when empty and not required. */
export function checkedText(context: IExecuteSingleFunctions, value: unknown, label: string, options: TextOptions = {}): string | undefined {
	if (isEmpty(value)) {
		if (options.required) throw inputError(context, options.requiredMessage ?? `${label} is required`);
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw inputError(context, `${label} must be text; got ${describeValue(value)}`, 'An expression here must give text, e.g. {{ $json.title }}, not a whole object.');
	}
	const result = String(value);
	if (options.maxLength !== undefined && result.length > options.maxLength) {
		throw inputError(context, `${label} must be at most ${options.maxLength} characters; it has ${result.length}`);
	}
	return result;
}

/**
 * What a field holds, with a resource locator (version 2's ID fields: `{ __rl, mode, value }`)
 * read as the ID it names: By URL gives the ID in an Omise dashboard URL. Other values as they are.
 */
export function locatedValue(context: IExecuteSingleFunctions, value: unknown, label: string, prefix: string): unknown {
	if (!isObject(value) || !('mode' in value) || !('value' in value)) return value;
	const given = value.value;
	if (value.mode !== 'url' || typeof given !== 'string' || given.trim() === '') return given;
	const id = idInDashboardUrl(given, prefix);
	if (!id) {
		throw inputError(context, `${label}: ${describeValue(given.trim())} is not an Omise dashboard URL holding an ID; paste the address of its page, e.g. ${OMISE_DASHBOARD_URL}/test/…/${prefix}_test_…`);
	}
	return id;
}

/**
 * An Omise ID of the kind `prefix` (tokn, cust, card, …) given in a field (text, or version 2's resource locator);
 * undefined when empty, unless `required` says why it is needed.
 */
export function checkedId(context: IExecuteSingleFunctions, given: unknown, label: string, prefix: string, required?: string): string | undefined {
	const value = locatedValue(context, given, label, prefix);
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw inputError(context, `${label} must be text, an ID starting with ${prefix}_; got ${describeValue(value)}`);
	}
	const id = text(value);
	if (!id) {
		if (required) throw inputError(context, `${label} is required ${required}`);
		return undefined;
	}
	if (!id.startsWith(`${prefix}_`)) {
		throw inputError(context, `${label} must start with ${prefix}_; got "${id.slice(0, 60)}"`, prefix === 'tokn' ? 'A card token is made in the browser or app with Omise.js or the mobile SDKs, from the public key.' : undefined);
	}
	if (!isOmiseId(id, prefix)) throw inputError(context, `${label} is not an Omise ID: "${id.slice(0, 60)}". It looks like ${prefix}_test_…`);
	return id;
}

/** An email address, trimmed; undefined when empty. */
export function checkedEmail(context: IExecuteSingleFunctions, value: unknown, label: string): string | undefined {
	if (isEmpty(value)) return undefined;
	const email = typeof value === 'string' ? value.trim() : undefined;
	if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw inputError(context, `${label} is not an email address: ${describeValue(value)}`);
	return email;
}

/** A whole number from `min` to `max`; undefined when empty or 0. */
export function checkedInteger(context: IExecuteSingleFunctions, value: unknown, label: string, min: number, max: number): number | undefined {
	if (isEmpty(value) || value === 0) return undefined;
	const number = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isInteger(number) || number < min || number > max) {
		throw inputError(context, `${label} must be a whole number from ${min} to ${max}; got ${describeValue(value)}`);
	}
	return number;
}

export function isHttpsUrl(value: string): boolean {
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}
