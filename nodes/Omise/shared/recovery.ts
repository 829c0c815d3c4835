import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './constants';
import { omiseGet } from './transport';

// Finding the object that a create request may have made when its answer was
// lost. Omise has no idempotency key, so this is the only way to know whether
// to report the row as created or as "outcome unknown".

/** How far before the request the search starts (clock differences between n8n and Omise). */
const LOOK_BACK_MS = 60_000;
/** Omise may still be finishing a request whose answer was lost: look again after these pauses. */
export const LOOK_AGAIN_AFTER_MS = [1_000, 2_000];
/** A bounded search: beyond this many objects created in the window, give up (reported as unknown). */
const MAX_PAGES = 50;
const LOOKUP_TIMEOUT_MS = 30_000;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Whether Omise's object carries what was sent for `key`. A field Omise does not
 * echo cannot differ; everything it echoes must be equal: amounts and flags
 * exactly, currencies in either case, dates as instants, an ID sent for a field
 * Omise expands (customer, card, source) as that object's id, objects field by
 * field. A card token is used up into a card and has no trace to compare.
 */
function fieldMatches(key: string, sent: unknown, actual: unknown): boolean {
	if (actual === undefined) return true;
	if (Array.isArray(sent)) {
		return Array.isArray(actual) && sent.length === actual.length && sent.every((value, index) => fieldMatches(key, value, actual[index]));
	}
	if (isObject(sent)) {
		// Inside an object (metadata, an inline source) every key sent must be there.
		return isObject(actual) && Object.entries(sent).every(([name, value]) => name in actual && fieldMatches(name, value, actual[name]));
	}
	if (typeof sent === 'string') {
		if (isObject(actual)) return actual.id === sent || (sent.startsWith('tokn_') && actual.object === 'card');
		if (typeof actual !== 'string') return false;
		if (key === 'currency') return sent.toLowerCase() === actual.toLowerCase();
		if (ISO_DATE.test(sent) && ISO_DATE.test(actual)) return Date.parse(sent) === Date.parse(actual);
		return sent === actual;
	}
	return sent === actual;
}

export function sameAsSent(sentBody: IDataObject, object: IDataObject): boolean {
	return Object.entries(sentBody).every(([key, value]) => fieldMatches(key, value, object[key]));
}

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Objects listed at `path` created since `from`, newest first; undefined when Omise could not be asked. */
async function createdSince(context: IExecuteSingleFunctions, path: string, from: string): Promise<IDataObject[] | undefined> {
	const objects: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page += 1) {
		let response;
		try {
			response = await omiseGet(context, path, { order: 'reverse_chronological', from, limit: MAX_PAGE_SIZE, offset: page * MAX_PAGE_SIZE }, LOOKUP_TIMEOUT_MS);
		} catch {
			return undefined;
		}
		if (response.statusCode >= 300 || !isObject(response.body)) return undefined;
		const data = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
		objects.push(...data);
		if (data.length < MAX_PAGE_SIZE) return objects;
	}
	return objects;
}

export function lookedFrom(sentAt: number): string {
	return isoSeconds(sentAt - LOOK_BACK_MS);
}

/**
 * Looks once, at the URL the create was sent to (Omise lists a collection where
 * it creates into it), for an object created since shortly before the request
 * whose fields all match what was sent and that no other row has reported. With
 * several identical candidates the oldest is taken: their fields are the same.
 */
export async function findCreatedObject(
	context: IExecuteSingleFunctions,
	sent: IHttpRequestOptions,
	sentAt: number,
	isUnclaimed: (id: string) => boolean,
): Promise<IDataObject | undefined> {
	const sentBody = isObject(sent.body) ? sent.body : {};
	const candidates = await createdSince(context, String(sent.url), lookedFrom(sentAt));
	const matches = (candidates ?? []).filter((object) => isUnclaimed(String(object.id)) && sameAsSent(sentBody, object));
	return matches[matches.length - 1];
}
