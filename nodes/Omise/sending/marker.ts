import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/values';

/*
 * Omise has no idempotency key. Every create of an object that keeps metadata
 * (by Omise's API reference) carries a mark of its own request, so that a
 * create whose answer was lost is found exactly, never by looking alike.
 * Links get none: only Omise's Links guide, not its API reference, documents
 * link metadata, and a live account might refuse it.
 */
export const MARKER_KEY = 'n8n_request_id';
/** Where an Idempotency Key is kept in the object's metadata (common/idempotency.ts). */
export const IDEMPOTENCY_METADATA_NAME = 'n8n_idempotency_key';
export const MAX_METADATA_KEYS = 50;

/** Where each kind of object keeps the metadata the mark goes into. */
const METADATA_PLACE: Record<string, string[]> = {
	charge: ['metadata'],
	customer: ['metadata'],
	recipient: ['metadata'],
	refund: ['metadata'],
	schedule: ['charge', 'metadata'], // a schedule's charge keeps metadata (the scheduled charge object)
	transfer: ['metadata'],
};

/** Where an object of this kind keeps metadata; a link's only by Omise's Links guide, so it carries no request mark, but may carry a key. */
export function metadataPlaceOf(objectName: string, forKey = false): string[] | undefined {
	return METADATA_PLACE[objectName] ?? (forKey && objectName === 'link' ? ['metadata'] : undefined);
}

/** A value of ours in the object's metadata: `name` = `value` at `place`. */
export interface Marker {
	place: string[];
	name: string;
	value: string;
	/** An Idempotency Key the node made for an AI agent's call that gave none (common/idempotency.ts). */
	repeatedCall?: boolean;
}

function at(object: IDataObject, place: string[]): unknown {
	return place.reduce<unknown>((value, name) => (isObject(value) ? value[name] : undefined), object);
}

/** The metadata object at `place` in a body, created when missing. */
export function metadataIn(body: IDataObject, place: string[]): IDataObject {
	let target = body;
	for (const name of place) {
		if (!isObject(target[name])) target[name] = {};
		target = target[name] as IDataObject;
	}
	return target;
}

/** Adds this request's mark to a create's body, where its object keeps metadata; undefined where it keeps none. */
export function markCreate(objectName: string, body: IDataObject): Marker | undefined {
	const place = metadataPlaceOf(objectName);
	if (!place) return undefined;
	const target = metadataIn(body, place);
	// Omise keeps at most 50 metadata keys: a body that already has 50 goes as it is (found by its fields instead).
	if (Object.keys(target).length >= MAX_METADATA_KEYS) return undefined;
	const marker = { place, name: MARKER_KEY, value: randomUUID() };
	target[MARKER_KEY] = marker.value;
	return marker;
}

export function carriesMarker(object: IDataObject, marker: Marker): boolean {
	const metadata = at(object, marker.place);
	return isObject(metadata) && metadata[marker.name] === marker.value;
}

export function describeMarker(marker: Marker): string {
	return `${marker.place.join('.')}.${marker.name} = ${marker.value}`;
}
