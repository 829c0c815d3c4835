import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OMISE_API_URL } from '../shared/constants';
import { OMISE_ACTIONS_DESCRIPTION } from '../shared/editorText';
import { OMISE_HEADERS } from '../shared/transport';
import { accountOperations } from './descriptions/AccountDescription';
import { chargeFields, chargeOperations } from './descriptions/ChargeDescription';
import { customerFields, customerOperations } from './descriptions/CustomerDescription';
import { eventFields, eventOperations } from './descriptions/EventDescription';
import { linkFields, linkOperations } from './descriptions/LinkDescription';
import { refundFields, refundOperations } from './descriptions/RefundDescription';
import { scheduleFields, scheduleOperations } from './descriptions/ScheduleDescription';
import { throwOnOmiseError } from './shared/errors';
import { amountFields, createMetadataField, listFields, requestOptionsNotice, searchFields, simplifyField } from './shared/fields';
import { fillPathIds } from './shared/preSend';
import { registerRow, sendRow } from './sending/sendRow';
import { getSourceTypes } from './shared/sources';

export class Omise implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omise',
		name: 'omise',
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: OMISE_ACTIONS_DESCRIPTION,
		defaults: { name: 'Omise' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omiseApi', required: true }],
		requestDefaults: {
			// A constant: the credential's authenticate() points requests at its API Base URL.
			baseURL: OMISE_API_URL,
			headers: { ...OMISE_HEADERS, 'Content-Type': 'application/json' },
			json: true,
			// Omise's error object is turned into the node's error by throwOnOmiseError.
			ignoreHttpStatusErrors: true,
		},
		// Every operation's request goes through sendRow (send.paginate is on for all): see shared/requests.ts.
		requestOperations: { pagination: sendRow },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'link',
				options: [
					{ name: 'Account', value: 'account', description: 'The account of the key: details, balance, enabled payment methods' },
					{ name: 'Charge', value: 'charge', description: 'Payments: create, capture, reverse, expire and more' },
					{ name: 'Customer', value: 'customer', description: 'Saved customers and their cards, to charge again or on a schedule' },
					{ name: 'Event', value: 'event', description: 'What happened in the account, as sent to webhooks' },
					{ name: 'Link', value: 'link', description: 'Payment links: a page the customer pays on' },
					{ name: 'Refund', value: 'refund', description: 'Money given back for a paid charge' },
					{ name: 'Schedule', value: 'schedule', description: 'Recurring charges of a saved customer, e.g. a monthly membership' },
				],
				// Runs first for every operation: the row's place in the run, the IDs in the URL,
				// and Omise's error object turned into the node's error.
				routing: {
					send: { paginate: true, preSend: [registerRow, fillPathIds] },
					output: { postReceive: [throwOnOmiseError] },
				},
			},
			...accountOperations,
			...linkOperations,
			...chargeOperations,
			...refundOperations,
			...eventOperations,
			...customerOperations,
			...scheduleOperations,
			// Order is the editor's order: a refund's Charge ID before the shared Amount.
			...refundFields,
			...amountFields,
			...linkFields,
			...chargeFields,
			...customerFields,
			...eventFields,
			createMetadataField,
			...listFields,
			// Both build their request from what the properties above put in it, so they come last.
			...searchFields,
			...scheduleFields,
			// After Download QR Code (chargeFields): the QR code is downloaded from the full charge, then the item is simplified.
			simplifyField,
			// Last: n8n appends its Request Options after the node's properties.
			requestOptionsNotice,
		],
	};

	methods = {
		loadOptions: {
			// Payment Method Type: the source types enabled for the credential's key.
			getSourceTypes,
		},
	};
}
