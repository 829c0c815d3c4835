import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { toUtcIso } from '../../../shared/dates';
import { isOmiseId } from '../../../shared/values';
import { body, describeValue, inputError, isHttpsUrl, locatedValue, text } from '../../common/input';
import { idLocator } from '../../common/locator';
import { metadataField, metadataOf } from '../../common/metadata';
import { changedInVersion2 } from '../../common/versions';
import { checked } from '../../sending/steps';

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: '3DS',
			description: 'Card charges: ask the card holder to confirm the payment first, at the charge’s authorize_uri; they come back to Return URI (required). Passkey needs a card token made with the holder’s email or phone number.',
			options: [
				{ name: '3-D Secure', value: '3DS' },
				{ name: 'Passkey', value: 'PASSKEY' },
			],
		},
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
		changedInVersion2(
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: 'recp_test_...',
				description: 'Marketplace (chained) charge: the recipient who automatically receives a transfer of this charge',
			},
			idLocator('recp', 'recipient'),
		),
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
		metadataField('Your own key/value data on the charge, e.g. an order ID'),
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
};

/** Additional Fields of Charge → Create, checked and renamed to Omise's snake_case. */
export const sendChargeOptions = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const target = body(requestOptions);
	if (fields.description !== undefined && typeof fields.description === 'object') {
		throw inputError(this, `Description must be text; got ${describeValue(fields.description)}`);
	}
	if (text(fields.description)) target.description = String(fields.description);
	if (typeof fields.capture === 'boolean') target.capture = fields.capture;
	if (fields.authorizationType) target.authorization_type = fields.authorizationType;
	if (fields.authentication !== undefined) {
		if (!['3DS', 'PASSKEY'].includes(String(fields.authentication))) {
			throw inputError(this, `Authentication must be 3DS or PASSKEY; got ${describeValue(fields.authentication)}`);
		}
		if (!text(fields.returnUri)) {
			throw inputError(this, 'Authentication needs a Return URI: the page the card holder comes back to after confirming the payment', 'Add Additional Fields → Return URI (https://…).');
		}
		target.authentication = fields.authentication;
	}
	if (text(fields.ip)) target.ip = text(fields.ip);
	const destination = text(locatedValue(this, fields.destination, 'Destination', 'recp'));
	if (destination && !isOmiseId(destination, 'recp')) {
		throw inputError(this, `Destination must be a recipient ID starting with recp_; got "${destination.slice(0, 60)}"`);
	}
	if (destination) target.destination = destination;
	if (text(fields.returnUri)) {
		const returnUri = text(fields.returnUri);
		if (!isHttpsUrl(returnUri)) throw inputError(this, `Return URI must be an https:// URL (Omise requires HTTPS); got "${returnUri.slice(0, 100)}"`);
		target.return_uri = returnUri;
	}
	if (text(fields.expiresAt)) {
		const expiresAt = toUtcIso(fields.expiresAt, this.getTimezone());
		if (!expiresAt) throw inputError(this, `Expires At is not a date and time: ${describeValue(fields.expiresAt)}`);
		target.expires_at = expiresAt;
	}
	if (fields.webhookEndpoints !== undefined) {
		const endpoints = ([] as unknown[]).concat(fields.webhookEndpoints).map(text).filter(Boolean);
		if (endpoints.length > 2) {
			throw inputError(this, `Webhook Endpoints can hold at most 2 URLs (Omise's limit); got ${endpoints.length}`);
		}
		const invalid = endpoints.find((url) => !isHttpsUrl(url));
		if (invalid) throw inputError(this, `Webhook Endpoints must be https:// URLs (Omise requires HTTPS); got "${invalid.slice(0, 100)}"`);
		if (endpoints.length > 0) target.webhook_endpoints = endpoints;
	}
	const metadata = metadataOf(this, fields.metadata);
	if (metadata) target.metadata = metadata;
	return requestOptions;
});

