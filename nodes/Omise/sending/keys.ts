import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import { omiseGet } from '../../shared/transport';
import { isObject } from '../../shared/values';
import type { Marker } from './marker';
import { carriesMarker } from './marker';
import { listNewestFirst, omiseNowOf } from './recovery';

/*
 * Finding the object that already carries a create's Idempotency Key. Omise
 * lists a collection at once but its search index may lag behind: objects
 * created in the last LISTED_WINDOW_MS (on Omise's clock) are read from the
 * list, once per run and collection; older ones are searched for, one search
 * per key. Only an object whose metadata holds exactly the key is the row's.
 */

/** How far back the list is read; an object older than this is expected in Omise's search. */
export const LISTED_WINDOW_MS = 60 * 60_000;
/** At most this many pages (of 100) of the list, once per run and collection. */
const MAX_LISTED_PAGES = 20;
const MAX_SEARCH_PAGES = 5;
/** The kinds of object Omise's search covers (GET /search?scope=…); the others are listed back to the first. */
const SEARCH_SCOPES = ['charge', 'customer', 'link', 'refund'];

/** Who is working with each key in this n8n process: runs of the node (an AI agent's parallel tool calls too) take turns. */
const keyTurns = new Map<string, Promise<void>>();

/**
 * Waits until no other row, of this run or another, is working with this key
 * (so the later one finds the earlier one's object); resolves with the
 * function that ends this row's turn.
 */
export async function takeKeyTurn(key: string): Promise<() => void> {
	const previous = keyTurns.get(key) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const chained = previous.then(() => mine);
	keyTurns.set(key, chained);
	await previous;
	return () => {
		release();
		if (keyTurns.get(key) === chained) keyTurns.delete(key);
	};
}

/** How long this process remembers an AI agent's call, to answer an identical call of the same agent run. */
const REPEATED_CALL_MEMORY_MS = 30 * 60_000;
const repeatedCalls = new Map<string, { outcome: KeyedOutcome; at: number }>();

/** What became of a create with a key: its objects, or an unknown outcome (the row that sent it). */
export type KeyedOutcome = { objects: IDataObject[] } | { unknownRow: number };

export function rememberCall(key: string, outcome: KeyedOutcome) {
	const now = Date.now();
	for (const [old, { at }] of repeatedCalls) if (now - at > REPEATED_CALL_MEMORY_MS) repeatedCalls.delete(old);
	repeatedCalls.set(key, { outcome, at: now });
}

export function recentCall(key: string): KeyedOutcome | undefined {
	const entry = repeatedCalls.get(key);
	return entry && Date.now() - entry.at <= REPEATED_CALL_MEMORY_MS ? entry.outcome : undefined;
}

export interface Listing {
	objects: IDataObject[];
	/** Every object of the window was read (false: the page limit came first). */
	complete: boolean;
}

export interface KeyLook {
	/** The objects that carry the key (one, normally; several if it was already used twice). */
	found: IDataObject[];
	/** Why the key could not be checked (nothing may be created then). */
	failed?: string;
}

/** The recent objects of `url`, read once per run: `listings` is the run's memory of them. */
function listingOf(context: IExecuteSingleFunctions, url: string, objectName: string, listings: Map<string, Promise<Listing | undefined>>) {
	let listing = listings.get(url);
	if (!listing) {
		const searchable = SEARCH_SCOPES.includes(objectName);
		listing = listNewestFirst(
			context,
			url,
			(response, receivedAt) => (searchable ? (omiseNowOf(response) ?? receivedAt) - LISTED_WINDOW_MS : -Infinity),
			MAX_LISTED_PAGES,
		);
		listings.set(url, listing);
	}
	return listing;
}

async function searchFor(context: IExecuteSingleFunctions, objectName: string, key: Marker): Promise<IDataObject[] | undefined> {
	const found: IDataObject[] = [];
	for (let page = 1; page <= MAX_SEARCH_PAGES; page += 1) {
		let response;
		try {
			response = await omiseGet(context, '/search', { scope: objectName, query: key.value, page, per_page: MAX_PAGE_SIZE }, 30_000);
		} catch {
			return undefined;
		}
		if (response.statusCode >= 300 || !isObject(response.body) || !Array.isArray(response.body.data)) return undefined;
		const data = response.body.data as IDataObject[];
		found.push(...data.filter((object) => carriesMarker(object, key)));
		if (data.length < MAX_PAGE_SIZE) return found;
	}
	return found;
}

/**
 * The objects at `url` that carry the key: those this run created or found
 * with it (`known`), the recent ones from the list, the older ones from
 * Omise's search.
 */
export async function lookForKey(
	context: IExecuteSingleFunctions,
	url: string,
	objectName: string,
	key: Marker,
	known: IDataObject[],
	listings: Map<string, Promise<Listing | undefined>>,
): Promise<KeyLook> {
	if (known.length > 0) return { found: known };
	const listing = await listingOf(context, url, objectName, listings);
	if (!listing) return { found: [], failed: `Omise could not be asked for the recent ${objectName}s` };
	const listed = listing.objects.filter((object) => carriesMarker(object, key));
	if (listed.length > 0) return { found: listed };
	if (!SEARCH_SCOPES.includes(objectName)) {
		return listing.complete ? { found: [] } : { found: [], failed: `this account has more ${objectName}s than the node reads (${MAX_LISTED_PAGES * MAX_PAGE_SIZE})` };
	}
	if (!listing.complete) return { found: [], failed: `more ${objectName}s were created in the last hour than the node reads (${MAX_LISTED_PAGES * MAX_PAGE_SIZE})` };
	const searched = await searchFor(context, objectName, key);
	if (!searched) return { found: [], failed: `Omise's search could not be asked for older ${objectName}s` };
	return { found: searched };
}

/** The charge of a refunds URL (`/charges/chrg_…/refunds`): a refund found by its key must be of that charge. */
function parentChargeOf(url: string): string | undefined {
	return /^\/charges\/([^/]+)\/refunds$/.exec(url)?.[1];
}

/** The objects found for a key that belong elsewhere than `url` (a refund of another charge). */
export function foundElsewhere(url: string, found: IDataObject[]): IDataObject[] {
	const charge = parentChargeOf(url);
	if (!charge) return [];
	return found.filter((object) => (isObject(object.charge) ? object.charge.id : object.charge) !== decodeURIComponent(charge));
}

export function idsIn(objects: IDataObject[]): string {
	return objects.map((object) => String(object.id)).join(', ');
}

/** The row's error about its key: nothing was created for it. */
export function keyError(context: IExecuteSingleFunctions, key: Marker, why: string): Error {
	return new NodeOperationError(context.getNode(), `Idempotency Key "${key.value}": ${why}.`, {
		itemIndex: context.getItemIndex(),
		description: `The key is kept in the metadata of the object it made (${key.place.join('.')}.${key.name}): this node's Search with the key as Query finds it (a schedule: Get Many).`,
	});
}

/** Said on an item whose object came back without the key in its metadata (e.g. an account that ignores a link's metadata). */
export function keyNotKept(objectName: string): string {
	return `Omise did not keep the Idempotency Key in this ${objectName}'s metadata, so a later run cannot find it by its key: the same key would create another ${objectName}.`;
}
