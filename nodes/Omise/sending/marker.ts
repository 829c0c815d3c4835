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
const MAX_METADATA_KEYS = 50;

/** Where each kind of object keeps the metadata the mark goes into. */
const METADATA_PLACE: Record<string, string[]> = {
	charge: ['metadata'],
	customer: ['metadata'],
	refund: ['metadata'],
	schedule: ['charge', 'metadata'], // a schedule's charge keeps metadata (the scheduled charge object)
};

export interface Marker {
	place: string[];
	value: string;
}

function at(object: IDataObject, place: string[]): unknown {
	return place.reduce<unknown>((value, name) => (isObject(value) ? value[name] : undefined), object);
}

/** Adds this request's mark to a create's body, where its object keeps metadata; undefined where it keeps none. */
export function markCreate(objectName: string, body: IDataObject): Marker | undefined {
	const place = METADATA_PLACE[objectName];
	if (!place) return undefined;
	let target = body;
	for (const name of place) {
		if (!isObject(target[name])) target[name] = {};
		target = target[name] as IDataObject;
	}
	// Omise keeps at most 50 metadata keys: a body that already has 50 goes as it is (found by its fields instead).
	if (Object.keys(target).length >= MAX_METADATA_KEYS) return undefined;
	const marker = { place, value: randomUUID() };
	target[MARKER_KEY] = marker.value;
	return marker;
}

export function carriesMarker(object: IDataObject, marker: Marker): boolean {
	const metadata = at(object, marker.place);
	return isObject(metadata) && metadata[MARKER_KEY] === marker.value;
}

export function describeMarker(marker: Marker): string {
	return `${marker.place.join('.')}.${MARKER_KEY} = ${marker.value}`;
}
