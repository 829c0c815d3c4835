import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from './keys';

// The properties both Omise triggers show (names are public: saved workflows use them).

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

const CHOSEN_EVENTS = { show: { triggerOn: ['events'] } };

/** The event filters of both triggers. */
export const FILTER_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'triggerOn',
		type: 'options',
		default: 'events',
		description: 'What starts the workflow: one of the common moments, or the Omise events you choose',
		options: [
			{
				name: 'A Charge Was Paid',
				value: 'chargePaid',
				description: 'One run per paid charge, whichever event carries it (card, 3-D Secure, PromptPay and other QR or offsite payments, capture)',
			},
			{ name: 'A Dispute Was Opened', value: 'disputeOpened', description: 'A customer disputed a charge (chargeback): dispute.create' },
			{
				name: 'A Payout Was Sent',
				value: 'payoutSent',
				description: 'One run per transfer (payout) once Omise has sent it to the bank (sent is true), whichever transfer event carries it',
			},
			{ name: 'Chosen Events', value: 'events', description: 'The Omise events chosen below, with their filters' },
		],
	},
	{
		displayName: 'Events',
		name: 'events',
		displayOptions: CHOSEN_EVENTS,
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
		displayOptions: CHOSEN_EVENTS,
		type: 'boolean',
		default: false,
		description:
			'Whether to start only for charges that are paid (status successful and paid true), whichever event carries them: a card charge can be paid at charge.create, a 3-D Secure or offsite one at charge.complete. When on, only charge events start the workflow. A later charge.update of a paid charge passes too: for one run per payment, set Start One Run Per to Paid Charge.',
	},
	{
		displayName: 'Only Charges From Payment Links',
		name: 'onlyLinkCharges',
		displayOptions: CHOSEN_EVENTS,
		type: 'boolean',
		default: false,
		description:
			'Whether to start only for charges made through a payment link (the charge\'s link is set). When on, only charge events start the workflow.',
	},
	{
		// Not "Mode": the poll trigger's Poll Times already has n8n's own Mode (how often).
		displayName: 'Test or Live Events',
		name: 'mode',
		type: 'options',
		default: 'both',
		description: 'Which Omise mode the events must come from (the event\'s livemode): test events come with a test key and a test endpoint, live ones with live',
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
