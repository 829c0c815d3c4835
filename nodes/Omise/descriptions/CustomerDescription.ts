import type { INodeProperties } from 'n8n-workflow';

import { checkBodyId, checkBodyInteger, checkEmail, requireSomeUpdate } from '../shared/customers';
import { idField, listRouting, metadataField, searchRouting, showFor } from '../shared/fields';
import { checkText, sendText } from '../shared/preSend';
import { createsObject } from '../sending/steps';

const customerPath = '/customers/:customerId';
const cardPath = `${customerPath}/cards/:cardId`;

export const customerOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a customer',
				description: 'Save a customer, optionally with a card (from a card token) to charge later or on a schedule',
				routing: {
					request: { method: 'POST', url: '/customers' },
					send: { preSend: [createsObject('customer'), sendText('description', 'Description', { maxLength: 1000 })] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a customer',
				description: 'Delete a customer and their saved cards',
				routing: { request: { method: 'DELETE', url: customerPath } },
			},
			{
				name: 'Delete Card',
				value: 'deleteCard',
				action: 'Delete a card of a customer',
				routing: { request: { method: 'DELETE', url: cardPath } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a customer',
				routing: { request: { method: 'GET', url: customerPath } },
			},
			{
				name: 'Get Card',
				value: 'getCard',
				action: 'Get a card of a customer',
				routing: { request: { method: 'GET', url: cardPath } },
			},
			{
				name: 'Get Cards',
				value: 'getCards',
				action: 'Get the cards of a customer',
				description: 'List the cards saved on a customer',
				routing: listRouting(`${customerPath}/cards`),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				routing: listRouting('/customers'),
			},
			{
				name: 'Get Schedules',
				value: 'getSchedules',
				action: 'Get the schedules of a customer',
				description: 'List the recurring charge schedules of a customer',
				routing: listRouting(`${customerPath}/schedules`),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search customers',
				description: 'Find customers by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
				routing: searchRouting('customer'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer',
				description: 'Change email, description or metadata, attach a new card (token) or choose the default card',
				routing: { request: { method: 'PATCH', url: customerPath } },
			},
			{
				name: 'Update Card',
				value: 'updateCard',
				action: 'Update a card of a customer',
				description: 'Change the name, expiry, city or postal code of a saved card',
				routing: { request: { method: 'PATCH', url: cardPath } },
			},
		],
	},
];

export const customerFields: INodeProperties[] = [
	idField('customerId', 'customer', ['get', 'update', 'delete', 'getCards', 'getCard', 'updateCard', 'deleteCard', 'getSchedules']),
	idField('cardId', 'customer', ['getCard', 'updateCard', 'deleteCard']),

	// create (Description and Metadata are shared with the other creates)
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The customer’s email address; sent only when not empty',
		displayOptions: showFor('customer', ['create']),
		routing: { send: { type: 'body', property: 'email', preSend: [checkEmail] } },
	},
	{
		displayName: 'Card Token',
		name: 'card',
		type: 'string',
		default: '',
		placeholder: 'tokn_test_...',
		description: 'A card token (tokn_…) made with Omise.js or the mobile SDKs, saved as the customer’s card; empty saves the customer without a card',
		displayOptions: showFor('customer', ['create']),
		routing: { send: { type: 'body', property: 'card', preSend: [checkBodyId('card', 'Card Token', 'tokn')] } },
	},

	// update
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('customer', ['update']),
		routing: { send: { preSend: [requireSomeUpdate('Email, Description, Card Token, Default Card or Metadata')] } },
		options: [
			{
				displayName: 'Card Token',
				name: 'card',
				type: 'string',
				default: '',
				placeholder: 'tokn_test_...',
				description: 'A new card token (tokn_…) to attach to the customer',
				routing: { send: { type: 'body', property: 'card', preSend: [checkBodyId('card', 'Card Token', 'tokn')] } },
			},
			{
				displayName: 'Default Card',
				name: 'defaultCard',
				type: 'string',
				default: '',
				placeholder: 'card_test_...',
				description: 'One of the customer’s cards (card_…), charged when a charge or schedule names no card',
				routing: { send: { type: 'body', property: 'default_card', preSend: [checkBodyId('default_card', 'Default Card', 'card')] } },
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'description', preSend: [checkText('description', 'Description', { maxLength: 1000 })] } },
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				routing: { send: { type: 'body', property: 'email', preSend: [checkEmail] } },
			},
			metadataField('updateFields.metadata', 'Keys to set on the customer'),
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'A saved card’s number cannot change: attach a new card token to the customer instead',
		displayOptions: showFor('customer', ['updateCard']),
		routing: { send: { preSend: [requireSomeUpdate('Name, Expiration Month, Expiration Year, City or Postal Code')] } },
		options: [
			{
				displayName: 'City',
				name: 'city',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'city', preSend: [checkText('city', 'City', { maxLength: 255 })] } },
			},
			{
				displayName: 'Expiration Month',
				name: 'expirationMonth',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 12 },
				routing: { send: { type: 'body', property: 'expiration_month', preSend: [checkBodyInteger('expiration_month', 'Expiration Month', 1, 12)] } },
			},
			{
				displayName: 'Expiration Year',
				name: 'expirationYear',
				type: 'number',
				default: 2030,
				description: 'Four digits, e.g. 2030',
				routing: { send: { type: 'body', property: 'expiration_year', preSend: [checkBodyInteger('expiration_year', 'Expiration Year', 2000, 2100)] } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The card holder’s name',
				routing: { send: { type: 'body', property: 'name', preSend: [checkText('name', 'Name', { maxLength: 255 })] } },
			},
			{
				displayName: 'Postal Code',
				name: 'postalCode',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'postal_code', preSend: [checkText('postal_code', 'Postal Code', { maxLength: 20 })] } },
			},
		],
	},
];
