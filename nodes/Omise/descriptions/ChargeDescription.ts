import type { INodeProperties } from 'n8n-workflow';

import { checkCaptureAmount, requireTestKey, sendAmount, sendChargeOptions, sendPaymentMethod } from '../shared/charges';
import { descriptionAndMetadataUpdate, idField, listRouting, metadataField, searchRouting, showFor } from '../shared/fields';
import { noteQrCodeDownload } from '../shared/qrCode';
import { createsObject } from '../sending/steps';

const chargePath = '/charges/:chargeId';

const chargeAction = (action: string) => ({ request: { method: 'POST' as const, url: `${chargePath}/${action}` } });

export const chargeOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['charge'] } },
		default: 'create',
		options: [
			{
				name: 'Capture',
				value: 'capture',
				action: 'Capture a charge',
				description: 'Collect an authorised charge (created with Capture off), fully or partly',
				routing: chargeAction('capture'),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a charge',
				description: 'Charge a card token or a saved customer, or ask for a payment by PromptPay QR, mobile banking and other local methods',
				routing: { request: { method: 'POST', url: '/charges' }, send: { preSend: [createsObject('charge'), sendAmount] } },
			},
			{
				name: 'Expire',
				value: 'expire',
				action: 'Expire a charge',
				description: 'End a pending charge of a source (e.g. an unpaid PromptPay QR) so it can no longer be paid',
				routing: chargeAction('expire'),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a charge',
				routing: { request: { method: 'GET', url: chargePath } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many charges',
				routing: listRouting('/charges'),
			},
			{
				name: 'Mark as Failed',
				value: 'markAsFailed',
				action: 'Mark a test charge as failed',
				description: 'Test mode only: simulate a failed payment of a pending charge',
				routing: { ...chargeAction('mark_as_failed'), send: { preSend: [requireTestKey] } },
			},
			{
				name: 'Mark as Paid',
				value: 'markAsPaid',
				action: 'Mark a test charge as paid',
				description: 'Test mode only: simulate a successful payment of a pending charge',
				routing: { ...chargeAction('mark_as_paid'), send: { preSend: [requireTestKey] } },
			},
			{
				name: 'Reverse',
				value: 'reverse',
				action: 'Reverse a charge',
				description: 'Release an authorised charge that was not captured; a captured charge needs a refund instead',
				routing: chargeAction('reverse'),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search charges',
				description: 'Find charges by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
				routing: searchRouting('charge'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a charge',
				description: 'Change the description or metadata of a charge',
				routing: { request: { method: 'PATCH', url: chargePath } },
			},
		],
	},
];

const createOnly = showFor('charge', ['create']);

export const chargeFields: INodeProperties[] = [
	idField('chargeId', 'charge', ['get', 'update', 'capture', 'reverse', 'expire', 'markAsPaid', 'markAsFailed']),

	// create (Amount, Amount Unit and Currency are shared with the other creates)
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		default: 'card',
		displayOptions: createOnly,
		options: [
			{ name: 'Card', value: 'card', description: 'A card token (tokn_…) from Omise.js or the mobile SDKs' },
			{ name: 'Customer', value: 'customer', description: 'A saved customer (cust_…): their default card, or a card you name' },
			{
				name: 'Payment Method Type',
				value: 'newSource',
				description: 'A payment request by PromptPay QR, TrueMoney, mobile banking, konbini, PayNow, FPX and more: the customer pays by QR code or at authorize_uri',
			},
			{ name: 'Source', value: 'source', description: 'An existing source (src_…) made with the public key, e.g. by Omise.js' },
		],
		// Additional Fields are read here too, so that the collection itself has no routing (read once).
		routing: { send: { preSend: [sendPaymentMethod, sendChargeOptions] } },
	},
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'tokn_test_...',
		description: 'The card token to charge; a token can be charged once',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['card'] } },
	},
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'cust_test_...',
		description: 'The customer to charge',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['customer'] } },
	},
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		default: '',
		placeholder: 'card_test_...',
		description: 'One of the customer’s cards (card_…); empty charges the customer’s default card',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['customer'] } },
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'src_test_...',
		description: 'The source to charge, e.g. a PromptPay source; the customer pays it at its authorize_uri or QR code',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['source'] } },
	},
	{
		displayName: 'Payment Method Type Name or ID',
		name: 'sourceType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSourceTypes' },
		required: true,
		default: 'promptpay',
		description: 'How the customer pays, by country; the list shows the methods enabled for the credential’s key. Redirect methods give authorize_uri, the page to send the customer to. An expression can give any Omise type string, also types added later. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'QR methods (PromptPay, PayNow, DuitNow QR, …) give a QR code (turn on Download QR Code); the others give authorize_uri',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['newSource'] } },
	},
	{
		displayName: 'Source Details',
		name: 'sourceDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'What some payment method types need; a known type is sent only the details it takes',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['newSource'] } },
		options: [
			{
				displayName: 'Bank',
				name: 'bank',
				type: 'string',
				default: '',
				placeholder: 'cimb',
				description: 'FPX and DuitNow Online Banking (required): the customer\'s bank code, e.g. cimb, maybank2u (Account → Get Capability lists them)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Konbini / Econtext (required): the customer\'s email',
			},
			{
				displayName: 'Installment Term',
				name: 'installmentTerm',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 1 },
				description: 'Installments (required): number of monthly payments, e.g. 3, 4, 6 or 10; the terms allowed depend on the bank',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Konbini / Econtext (required): the customer\'s name',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '0812345678',
				description: 'TrueMoney Wallet and Konbini / Econtext (required): the customer\'s phone number',
			},
			{
				displayName: 'Zero Interest Installments',
				name: 'zeroInterestInstallments',
				type: 'boolean',
				default: false,
				description: 'Whether you (the merchant) pay the installment interest instead of the customer (installments only)',
			},
		],
	},
	{
		displayName: 'Download QR Code',
		name: 'downloadQrCode',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the QR code of a QR method (PromptPay, PayNow, DuitNow QR, ...) into the item\'s binary data, to email or message it to the customer: Omise\'s QR image URL needs your secret key, so the customer cannot open it. Redirect methods have no QR code: share their authorize_uri instead. A failed download keeps the charge and sets qr_code_error.',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['newSource', 'source'] } },
		routing: { send: { preSend: [noteQrCodeDownload] } },
	},
	{
		displayName: 'Put Output In Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the binary field to put the QR image in; the file is named after the charge and Omise’s file name, e.g. chrg_test_…-qrcode.png',
		displayOptions: { show: { resource: ['charge'], operation: ['create'], paymentMethod: ['newSource', 'source'], downloadQrCode: [true] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: createOnly,
		options: [
			{
				displayName: 'Authorization Type',
				name: 'authorizationType',
				type: 'options',
				default: 'final_auth',
				description: 'With Capture off: Pre-Authorization allows capturing less than the amount later (Omise Thailand); Final Authorization captures the full amount',
				options: [
					{ name: 'Final Authorization', value: 'final_auth' },
					{ name: 'Pre-Authorization', value: 'pre_auth' },
				],
			},
			{
				displayName: 'Capture',
				name: 'capture',
				type: 'boolean',
				default: true,
				description: 'Whether to collect the money now. Off only authorises it: capture or reverse it later (within 7 days, 30 in Japan).',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: 'recp_test_...',
				description: 'Marketplace (chained) charge: the recipient who automatically receives a transfer of this charge',
			},
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When an unpaid charge of a source expires (supported sources only)',
			},
			{
				displayName: 'IP Address',
				name: 'ip',
				type: 'string',
				default: '',
				description: 'The customer’s IP address, for fraud checks',
			},
			metadataField('additionalFields.metadata', 'Your own key/value data on the charge, e.g. an order ID'),
			{
				displayName: 'Return URI',
				name: 'returnUri',
				type: 'string',
				default: '',
				placeholder: 'https://shop.example.com/thanks',
				description: 'Where the customer returns after 3-D Secure or an offsite payment; required for those',
			},
			{
				displayName: 'Webhook Endpoints',
				name: 'webhookEndpoints',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Endpoint' },
				default: [],
				placeholder: 'https://n8n.example.com/webhook/...',
				description: 'Up to 2 https URLs that receive this charge’s events instead of the account’s webhook endpoint',
			},
		],
	},

	// update
	descriptionAndMetadataUpdate('charge', 'Only the description and metadata of a charge can change'),

	// capture
	{
		displayName: 'Capture Amount',
		name: 'captureAmount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'In the smallest currency unit (satang, cents; yen). 0 or empty captures the full authorised amount; less captures part of a Pre-Authorization charge and releases the rest.',
		displayOptions: showFor('charge', ['capture']),
		routing: { send: { type: 'body', property: 'capture_amount', preSend: [checkCaptureAmount] } },
	},
];
