import type { INodeProperties } from 'n8n-workflow';

import { sendAmount } from '../shared/charges';
import { descriptionAndMetadataUpdate, idField, listRouting, searchRouting, showFor } from '../shared/fields';
import { sendText, TOOL_PARAMETER_NAMES } from '../shared/preSend';
import { createsObject } from '../sending/steps';

const LINK_DESCRIPTION_REQUIRED =
	'Description is required for a payment link (Omise’s API requires it; it is shown on the payment page)';

const linkPath = '/links/:linkId';
const CREATES_WITH_DESCRIPTION = showFor(['link', 'customer', 'schedule'], ['create']);

export const linkOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment link',
				description: 'Create a link a customer pays on; its payment_uri is the page to share',
				routing: {
					request: { method: 'POST', url: '/links' },
					send: {
						preSend: [
							createsObject('link'),
							sendAmount,
							sendText('title', 'Title', { maxLength: 200, required: true }),
							sendText('description', 'Description', {
								maxLength: 1000,
								required: true,
								requiredMessage: LINK_DESCRIPTION_REQUIRED,
							}),
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a payment link',
				description: 'Deactivate a link so it can no longer be paid',
				routing: { request: { method: 'DELETE', url: linkPath } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a payment link',
				routing: { request: { method: 'GET', url: linkPath } },
			},
			{
				name: 'Get Charges',
				value: 'getCharges',
				action: 'Get the charges of a payment link',
				description: 'List the payments made through a link',
				routing: listRouting(`${linkPath}/charges`),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many payment links',
				routing: listRouting('/links'),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search payment links',
				description: 'Find payment links by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
				routing: searchRouting('link'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a payment link',
				description: 'Change the description or metadata of a link',
				routing: { request: { method: 'PATCH', url: linkPath } },
			},
		],
	},
];

export const linkFields: INodeProperties[] = [
	idField('linkId', 'link', ['get', 'update', 'delete', 'getCharges']),

	// create (Amount, Amount Unit, Currency and Metadata are shared with the other creates)
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Hot Latte',
		description: 'Shown on the payment page, at most 200 characters',
		displayOptions: showFor('link', ['create']),
	},
	// One Description for Link, Customer and Schedule → Create (a schedule's goes on each charge it makes),
	// under another name in the AI-agent tool: see TOOL_PARAMETER_NAMES.
	...[false, true].map(
		(tool): INodeProperties => ({
			displayName: 'Description',
			name: tool ? TOOL_PARAMETER_NAMES.description : 'description',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'At most 1000 characters. Required for a link (Omise’s API requires it; it is shown on the payment page); optional for a customer or schedule, sent only when not empty (a schedule’s is the description of every charge it makes).',
			displayOptions: { show: { ...CREATES_WITH_DESCRIPTION.show, '@tool': [tool] } },
			// Read once by each create's sendText step.
		}),
	),
	{
		displayName: 'Multiple Use',
		name: 'multiple',
		type: 'boolean',
		default: false,
		description: 'Whether the link can be paid many times; a single-use link is used up by its first successful payment',
		displayOptions: showFor('link', ['create']),
		routing: { send: { type: 'body', property: 'multiple' } },
	},
	// update
	descriptionAndMetadataUpdate(
		'link',
		'Only the description and metadata of a link can change (per Omise’s Links guide); make a new link to change anything else',
		1000,
	),
];
