import type { IDataObject } from 'n8n-workflow';

import { isObject, isOmiseId } from '../values';

export interface Filters {
	/** `events` (the chosen Events and filters) or a shortcut of SHORTCUTS. */
	triggerOn: string;
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

/** A transfer (a payout) that was sent to the bank: Omise sets `sent` (and `sent_at`) then. */
function isSentTransfer(data: unknown): data is IDataObject & { id: string } {
	return isObject(data) && data.object === 'transfer' && typeof data.id === 'string' && data.sent === true;
}

interface Shortcut {
	/** The event keys that can carry it (Omise's documented ones, and transfer.send and transfer.pay, which its libraries list). */
	keys: string[];
	matches: (data: unknown) => boolean;
	/** What it starts one run per, besides the event's ID: its object may ride on several events. */
	runKey?: (data: IDataObject) => string;
}

/**
 * "Trigger On" choices that are one pick instead of an event key to know: the
 * events that can carry what happened, and what makes it one run.
 */
export const SHORTCUTS: Record<string, Shortcut> = {
	chargePaid: {
		keys: ['charge.create', 'charge.complete', 'charge.capture', 'charge.update'],
		matches: isPaidCharge,
		runKey: (charge) => String(charge.id),
	},
	disputeOpened: { keys: ['dispute.create'], matches: (data) => isObject(data) && data.object === 'dispute' },
	payoutSent: {
		keys: ['transfer.create', 'transfer.update', 'transfer.send', 'transfer.pay'],
		matches: isSentTransfer,
		runKey: (transfer) => `sent:${String(transfer.id)}`,
	},
};

export function matchesFilters(event: IDataObject, filters: Filters): boolean {
	const shortcut = SHORTCUTS[filters.triggerOn];
	if (shortcut) {
		if (filters.mode !== 'both' && event.livemode !== (filters.mode === 'live')) return false;
		return shortcut.keys.includes(String(event.key)) && shortcut.matches(event.data);
	}
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
 * charge.capture and charge.update can all carry the same paid charge); a
 * shortcut adds its own key (a paid charge, a sent payout) whatever that says.
 */
export function runKeys(event: OmiseEvent, runOncePer: string, triggerOn = 'events'): string[] {
	const shortcutKey = SHORTCUTS[triggerOn]?.runKey?.(event.data);
	if (shortcutKey !== undefined) return [event.id, shortcutKey];
	if (runOncePer === 'paidCharge' && isPaidCharge(event.data)) return [event.id, event.data.id];
	return [event.id];
}
