import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { amountAndCurrencyFields, MAJOR_UNIT_FOR_MODELS, sendAmountAndCurrency } from '../../common/amount';
import { body, checkedId } from '../../common/input';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { changedInVersion2, nameOn } from '../../common/versions';
import { checked, createsObject } from '../../sending/steps';
import { chargedCustomerField, customersCardField } from '../customer/ids';
import { additionalFields, sendChargeOptions } from './additionalFields';
import { inlineSource } from './paymentMethodTypes';
import { downloadQrCode, qrCodeFields } from './qrCode';

/** Card → the card token to charge; version 2 names it cardToken, so that no token is carried into a card ID field (e.g. Schedule → Create's Card). */
const cardTokenField = changedInVersion2(
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'tokn_test_...',
		description: 'The card token to charge; a token can be charged once',
		displayOptions: { show: { paymentMethod: ['card'] } },
	},
	{ name: 'cardToken', displayName: 'Card Token' },
);

/** Payment Method and what each method needs: a card token, a saved customer, a new source (a payment request) or an existing one. */
const paymentMethodFields: INodeProperties[] = [
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		default: 'card',
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
	},
	cardTokenField,
	chargedCustomerField('The customer to charge', { show: { paymentMethod: ['customer'] } }),
	customersCardField({ show: { paymentMethod: ['customer'] } }),
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'src_test_...',
		description: 'The source to charge, e.g. a PromptPay source; the customer pays it at its authorize_uri or QR code',
		displayOptions: { show: { paymentMethod: ['source'] } },
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
		displayOptions: { show: { paymentMethod: ['newSource'] } },
	},
	{
		displayName: 'Source Details',
		name: 'sourceDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'What some payment method types need; a known type is sent only the details it takes',
		displayOptions: { show: { paymentMethod: ['newSource'] } },
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
];

/** Step: `card`, `customer` (+ optional card of that customer), `source` (an ID, or inline: Payment Method Type), as Payment Method says. */
const sendPaymentMethod = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const method = this.getNodeParameter('paymentMethod', 'card') as string;
	const target = body(requestOptions);
	if (method === 'card') {
		target.card = checkedId(this, this.getNodeParameter(nameOn(this, cardTokenField), ''), 'Card', 'tokn', 'when Payment Method is Card: give a card token (tokn_…) made with Omise.js or the mobile SDKs');
	} else if (method === 'customer') {
		target.customer = checkedId(this, this.getNodeParameter('customer', ''), 'Customer', 'cust', 'when Payment Method is Customer: give a customer ID (cust_…)');
		const card = checkedId(this, this.getNodeParameter('card', ''), 'Card', 'card');
		if (card) target.card = card;
	} else if (method === 'newSource') {
		target.source = inlineSource(this);
	} else {
		target.source = checkedId(this, this.getNodeParameter('source', ''), 'Source', 'src', 'when Payment Method is Source: give a source ID (src_…), e.g. a PromptPay source');
	}
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a charge',
	description: 'Charge a card token or a saved customer, or ask for a payment by PromptPay QR, mobile banking and other local methods',
	request: { method: 'POST', url: '/charges' },
	toolDescription:
		`Creates an Omise charge: charges a card token or a saved customer, or asks for a payment by PromptPay QR, TrueMoney, mobile banking or another local method (Payment Method Type). ${MAJOR_UNIT_FOR_MODELS} ${eachCallCreates('charge')} Returns the charge: status pending until the customer pays a QR or redirect method; authorize_uri is the page for redirect methods. A QR code (PromptPay, PayNow, ...) is downloaded by the workflow when Download QR Code is on; never give the customer download_uri, which needs the secret key.`,
	fields: [...amountAndCurrencyFields, ...paymentMethodFields, ...qrCodeFields, additionalFields, idempotencyKeyField, simplifyField],
	// The QR code is downloaded from the full charge, then the item is simplified.
	steps: [createsObject('charge'), sendAmountAndCurrency, sendPaymentMethod, sendChargeOptions, useIdempotencyKey, downloadQrCode, simplify],
};
