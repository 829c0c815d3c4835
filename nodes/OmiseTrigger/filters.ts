import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from './events';

export interface Filters {
	events: string[];
	mode: string;
	onlyPaidCharges: boolean;
	onlyLinkCharges: boolean;
}

export type OmiseEvent = IDataObject & { id: string; key: string; data: IDataObject };

/** Omise event IDs: evnt_… or evnt_test_…, letters and digits. Anything else is not sent to the API. */
const EVENT_ID = /^evnt_[A-Za-z0-9_]{1,100}$/;

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isEventId(value: unknown): value is string {
	return typeof value === 'string' && EVENT_ID.test(value);
}

export function isEvent(value: unknown): value is OmiseEvent {
	return (
		isObject(value) &&
		value.object === 'event' &&
		isEventId(value.id) &&
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

export function matchesFilters(event: IDataObject, filters: Filters): boolean {
	if (!filters.events.includes('*') && !filters.events.includes(String(event.key))) return false;
	if (filters.mode !== 'both' && event.livemode !== (filters.mode === 'live')) return false;
	if (filters.onlyPaidCharges || filters.onlyLinkCharges) {
		const data = event.data;
		if (!isObject(data) || data.object !== 'charge') return false;
		if (filters.onlyPaidCharges && !isPaidCharge(data)) return false;
		if (filters.onlyLinkCharges && !(typeof data.link === 'string' && data.link !== '')) return false;
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

const RUN_ONCE_PER_EVENT = {
	name: 'Event',
	value: 'event',
	description:
		'An Omise event ID starts at most one run, however often it is delivered (repeated deliveries, Omise\'s redeliveries)',
};

const RUN_ONCE_PER_PAID_CHARGE = {
	name: 'Paid Charge',
	value: 'paidCharge',
	description:
		'As Event, and a paid charge starts at most one run, whichever events carry it (charge.create, charge.complete, charge.capture, a later charge.update)',
};

/** "Start One Run Per" of the poll trigger, which reads each event once anyway. */
export const RUN_ONCE_PER_PROPERTY: INodeProperties = {
	displayName: 'Start One Run Per',
	name: 'runOncePer',
	type: 'options',
	default: 'event',
	description:
		'What may start only one run of this workflow, remembered for 7 days (the last 1,000) in the workflow\'s static data',
	options: [RUN_ONCE_PER_EVENT, RUN_ONCE_PER_PAID_CHARGE],
};

/** "Start One Run Per" of the webhook trigger, which can also run every delivery. */
export const WEBHOOK_RUN_ONCE_PER_PROPERTY: INodeProperties = {
	...RUN_ONCE_PER_PROPERTY,
	options: [
		RUN_ONCE_PER_EVENT,
		RUN_ONCE_PER_PAID_CHARGE,
		{ name: 'Delivery (Off)', value: 'delivery', description: 'Every verified delivery starts a run, also a repeated one' },
	],
};

/** The event filters both Omise triggers share (names are public: saved workflows use them). */
export const FILTER_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['*'],
		description:
			'The Omise events that start the workflow. Other events are acknowledged and ignored.',
		options: EVENT_OPTIONS,
	},
	{
		displayName: 'Only Paid Charges',
		name: 'onlyPaidCharges',
		type: 'boolean',
		default: false,
		description:
			'Whether to start only for charges that are paid (status successful and paid true), whichever event carries them: a card charge can be paid at charge.create, a 3-D Secure or offsite one at charge.complete. When on, only charge events start the workflow. A later charge.update of a paid charge passes too: for one run per payment, set Start One Run Per to Paid Charge.',
	},
	{
		displayName: 'Only Charges From Payment Links',
		name: 'onlyLinkCharges',
		type: 'boolean',
		default: false,
		description:
			'Whether to start only for charges made through a payment link (the charge\'s link is set). When on, only charge events start the workflow.',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'both',
		description: 'Which Omise mode the events must come from (the event\'s livemode)',
		options: [
			{ name: 'Test and Live', value: 'both' },
			{ name: 'Test Only', value: 'test' },
			{ name: 'Live Only', value: 'live' },
		],
	},
];

export const INCLUDE_LINK_OPTION: INodeProperties = {
	displayName: 'Include Payment Link',
	name: 'includeLink',
	type: 'boolean',
	default: false,
	description:
		'Whether to fetch the payment link of a link charge (one API call) and add it as payment_link, e.g. to quote its title and metadata in an email',
};
