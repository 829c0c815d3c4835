import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import { omiseGet } from '../../shared/transport';
import { isObject } from '../../shared/values';
import { carriesMarker } from './marker';
import type { SentCreate } from './run';

// Finding the object that a create may have made when its answer was lost.
// Omise has no idempotency key, so this decides whether a row is reported as
// created or as "outcome unknown". A wrong match is worse than none: it would
// report a customer as charged who was not, or hide a charge that exists.

/** Omise may still be finishing a request whose answer was lost: look again after these pauses. */
export const LOOK_AGAIN_AFTER_MS = [1_000, 2_000];
/** The window opens this long before the send, on Omise's clock (its Date header and created_at are to the second). */
const SLACK_MS = 3_000;
/** Without a Date header from Omise, the window opens this long before the send on n8n's clock. */
const NO_CLOCK_LOOK_BACK_MS = 10 * 60_000;
/** A bounded search: beyond this many objects created since the send, give up (reported as unknown). */
const MAX_PAGES = 50;
const LOOKUP_TIMEOUT_MS = 30_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Whether Omise's object carries what was sent for `key`. A field Omise does not
 * echo cannot be compared; everything it echoes must be equal: amounts and flags
 * exactly, currencies in either case, dates as instants, an ID sent for a field
 * Omise expands (customer, card, source) as that object's id, objects field by
 * field. A card token is used up into a card: it cannot be compared (rows that
 * differ only by their tokens are told apart by the rule on alike rows below).
 */
function fieldMatches(key: string, sent: unknown, actual: unknown): boolean {
	if (actual === undefined || isCardToken(sent)) return true;
	if (Array.isArray(sent)) {
		return Array.isArray(actual) && sent.length === actual.length && sent.every((value, index) => fieldMatches(key, value, actual[index]));
	}
	if (isObject(sent)) {
		// Inside an object (metadata, an inline source) every key sent must be there.
		return isObject(actual) && Object.entries(sent).every(([name, value]) => name in actual && fieldMatches(name, value, actual[name]));
	}
	if (typeof sent === 'string') {
		if (isObject(actual)) return actual.id === sent;
		if (typeof actual !== 'string') return false;
		if (key === 'currency') return sent.toLowerCase() === actual.toLowerCase();
		if (ISO_DATE.test(sent) && ISO_DATE.test(actual)) return Date.parse(sent) === Date.parse(actual);
		return sent === actual;
	}
	return sent === actual;
}

function isCardToken(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('tokn_');
}

export function sameAsSent(sentBody: IDataObject, object: IDataObject): boolean {
	return Object.entries(sentBody).every(([key, value]) => fieldMatches(key, value, object[key]));
}

/** What a look-up can compare of a body: card tokens are left out (Omise echoes a card, not the token). */
function comparable(value: unknown): unknown {
	if (isCardToken(value)) return 'a card token';
	if (Array.isArray(value)) return value.map(comparable);
	if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, comparable(value[key])]));
	return value;
}

function alike(a: SentCreate, b: SentCreate): boolean {
	return JSON.stringify(comparable(a.body)) === JSON.stringify(comparable(b.body));
}

/** A header of the answer, whatever the case of its name (n8n's HTTP stack gives them in lower case today). */
function headerOf(response: IN8nHttpFullResponse, name: string): string | undefined {
	const key = Object.keys(response.headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : response.headers[key];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
}

/**
 * When the window opens, in Omise's time (ms): Omise's clock is not n8n's. The
 * list's Date header says Omise's time when it answered; the send was
 * (now − sentAt) earlier. Without a Date header, a wide window on n8n's clock.
 */
function windowStart(sentAt: number, response: IN8nHttpFullResponse, receivedAt: number): number {
	const omiseNow = omiseNowOf(response);
	if (omiseNow === undefined) return sentAt - NO_CLOCK_LOOK_BACK_MS;
	return omiseNow - (receivedAt - sentAt) - SLACK_MS;
}

/**
 * Objects listed at `path`, newest first, down to the first one created before
 * `oldest(omiseNow)` (ms on Omise's clock, from the list's Date header and
 * when it was received); `complete` is false when `maxPages` ran out first.
 * Undefined when Omise could not be asked.
 */
export async function listNewestFirst(
	context: IExecuteSingleFunctions,
	path: string,
	oldest: (response: IN8nHttpFullResponse, receivedAt: number) => number,
	maxPages = MAX_PAGES,
): Promise<{ objects: IDataObject[]; complete: boolean } | undefined> {
	const objects: IDataObject[] = [];
	let since: number | undefined;
	for (let page = 0; page < maxPages; page += 1) {
		let response;
		try {
			response = await omiseGet(context, path, { order: 'reverse_chronological', limit: MAX_PAGE_SIZE, offset: page * MAX_PAGE_SIZE }, LOOKUP_TIMEOUT_MS);
		} catch {
			return undefined;
		}
		if (response.statusCode >= 300 || !isObject(response.body) || !Array.isArray(response.body.data)) return undefined;
		since ??= oldest(response, Date.now());
		const data = response.body.data as IDataObject[];
		for (const object of data) {
			if (Date.parse(String(object.created_at)) < since) return { objects, complete: true };
			objects.push(object);
		}
		if (data.length < MAX_PAGE_SIZE) return { objects, complete: true };
	}
	return { objects, complete: false };
}

/** Omise's time when it answered (ms), from the answer's Date header; undefined without one. */
export function omiseNowOf(response: IN8nHttpFullResponse): number | undefined {
	const omiseNow = Date.parse(headerOf(response, 'date') ?? '');
	return Number.isNaN(omiseNow) ? undefined : omiseNow;
}

export interface LookResult {
	/** The row's own object. */
	found?: IDataObject;
	/** Objects that may be the row's but could not be told apart; empty when none was found. */
	candidates: string[];
	/** Omise could not be asked. */
	unreachable?: boolean;
}

/**
 * Looks once, at the URL the create was sent to (Omise lists a collection where
 * it creates into it), for the row's object:
 * - with a marker, the object that carries it, and only that one;
 * - without one, the single unclaimed object created since the send whose
 *   fields all match what was sent, and only when no other uncertain row of
 *   the run sent the same comparable fields; several matches are candidates.
 */
export async function lookForCreate(
	context: IExecuteSingleFunctions,
	url: string,
	sent: SentCreate,
	otherUncertain: SentCreate[],
	isUnclaimed: (id: string) => boolean,
): Promise<LookResult> {
	const listed = await listNewestFirst(context, url, (response, receivedAt) => windowStart(sent.sentAt, response, receivedAt));
	if (!listed) return { candidates: [], unreachable: true };
	const objects = listed.objects;
	const ids = (list: IDataObject[]) => list.map((object) => String(object.id));
	if (sent.marker) {
		const marked = objects.filter((object) => carriesMarker(object, sent.marker!));
		return marked.length === 1 ? { found: marked[0], candidates: [] } : { candidates: ids(marked) };
	}
	const matches = objects.filter((object) => isUnclaimed(String(object.id)) && sameAsSent(sent.body, object));
	const twins = otherUncertain.filter((other) => alike(other, sent));
	if (matches.length === 1 && twins.length === 0) return { found: matches[0], candidates: [] };
	return { candidates: ids(matches) };
}
