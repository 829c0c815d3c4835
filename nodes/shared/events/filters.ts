import type { IDataObject } from 'n8n-workflow';

import { isObject, isOmiseId } from '../values';

export interface Filters {
	events: string[];
	mode: string;
	onlyPaidCharges: boolean;
	onlyLinkCharges: boolean;
}

export type OmiseEvent = IDataObject & { id: string; key: string; data: IDataObject };

export function isEvent(value: unknown): value is OmiseEvent {
	return (
		isObject(value) &&
		value.object === 'event' &&
		isOmiseId(value.id, 'evnt') &&
		typeof value.key === 'string' &&
		isObject(value.data)
	);
}

export function isPaidCharge(data: unknown): data is IDataObject & { id: string } {
	return (
		isObject(data) &&
		data.object === 'charge' &&
		typeof data.id === 'string' &&
		data.status === 'successful' &&
		data.paid === true
	);
}

/** The payment link a charge (an event's data) was made through; undefined for anything else. */
export function paymentLinkId(data: unknown): string | undefined {
	return isObject(data) && data.object === 'charge' && typeof data.link === 'string' && data.link !== '' ? data.link : undefined;
}

export function matchesFilters(event: IDataObject, filters: Filters): boolean {
	if (!filters.events.includes('*') && !filters.events.includes(String(event.key))) return false;
	if (filters.mode !== 'both' && event.livemode !== (filters.mode === 'live')) return false;
	if (filters.onlyPaidCharges || filters.onlyLinkCharges) {
		const data = event.data;
		if (!isObject(data) || data.object !== 'charge') return false;
		if (filters.onlyPaidCharges && !isPaidCharge(data)) return false;
		if (filters.onlyLinkCharges && paymentLinkId(data) === undefined) return false;
	}
	return true;
}

/**
 * What "one run" is counted by: the event's ID, and with "Paid Charge" also
 * the ID of the paid charge it carries (charge.create, charge.complete,
 * charge.capture and charge.update can all carry the same paid charge).
 */
export function runKeys(event: OmiseEvent, runOncePer: string): string[] {
	if (runOncePer === 'paidCharge' && isPaidCharge(event.data)) return [event.id, event.data.id];
	return [event.id];
}
