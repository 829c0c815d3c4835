import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AmountUnit } from './amount';
import { toSmallestUnit } from './amount';
import { toUtcIso } from './dates';
import { omiseErrorOf } from './errors';
import { body } from './preSend';
import { omiseGet } from './transport';


function fail(context: IExecuteSingleFunctions, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex: context.getItemIndex(), description });
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** `card`, `customer` (+ optional card of that customer) or `source`, as Payment Method says. */
export async function sendPaymentMethod(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const method = this.getNodeParameter('paymentMethod', 'card') as string;
	const target = body(requestOptions);
	if (method === 'card') {
		const card = text(this.getNodeParameter('card', ''));
		if (!card) throw fail(this, 'Card is required when Payment Method is Card: give a card token (tokn_…) made with Omise.js or the mobile SDKs');
		target.card = card;
	} else if (method === 'customer') {
		const customer = text(this.getNodeParameter('customer', ''));
		if (!customer) throw fail(this, 'Customer is required when Payment Method is Customer: give a customer ID (cust_…)');
		target.customer = customer;
		const card = text(this.getNodeParameter('card', ''));
		if (card) target.card = card;
	} else {
		const source = text(this.getNodeParameter('source', ''));
		if (!source) throw fail(this, 'Source is required when Payment Method is Source: give a source ID (src_…), e.g. a PromptPay source');
		target.source = source;
	}
	return requestOptions;
}

function isHttpsUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
	} catch {
		return false;
	}
}

/** Additional Fields of Charge → Create, checked and renamed to Omise's snake_case. */
export async function sendChargeOptions(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const target = body(requestOptions);
	if (text(fields.description)) target.description = String(fields.description);
	if (typeof fields.capture === 'boolean') target.capture = fields.capture;
	if (fields.authorizationType) target.authorization_type = fields.authorizationType;
	if (text(fields.ip)) target.ip = text(fields.ip);
	if (text(fields.destination)) target.destination = text(fields.destination);
	if (text(fields.returnUri)) {
		const returnUri = text(fields.returnUri);
		if (!isHttpsUrl(returnUri)) throw fail(this, `Return URI must be an https:// URL; got "${returnUri}"`);
		target.return_uri = returnUri;
	}
	if (text(fields.expiresAt)) {
		const expiresAt = toUtcIso(fields.expiresAt, this.getTimezone());
		if (!expiresAt) throw fail(this, `Expires At is not a date and time: "${String(fields.expiresAt)}"`);
		target.expires_at = expiresAt;
	}
	if (fields.webhookEndpoints !== undefined) {
		const endpoints = ([] as unknown[]).concat(fields.webhookEndpoints).map(text).filter(Boolean);
		if (endpoints.length > 2) {
			throw fail(this, `Webhook Endpoints can hold at most 2 URLs (Omise's limit); got ${endpoints.length}`);
		}
		const invalid = endpoints.find((url) => !isHttpsUrl(url));
		if (invalid) throw fail(this, `Webhook Endpoints must be https:// URLs; got "${invalid}"`);
		if (endpoints.length > 0) target.webhook_endpoints = endpoints;
	}
	return requestOptions;
}

/** Capture Amount: empty or 0 captures the full authorised amount. */
export async function sendCaptureAmount(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const value = this.getNodeParameter('captureAmount', 0) as unknown;
	if (value === undefined || value === null || value === '' || value === 0 || value === '0') return requestOptions;
	const amount = Number(value);
	if (!Number.isSafeInteger(amount) || amount < 0) {
		throw fail(this, `Capture Amount must be a whole number in the smallest currency unit (satang, cents, yen); got ${String(value)}`);
	}
	body(requestOptions).capture_amount = amount;
	return requestOptions;
}

/** Mark as Paid / Failed exist only in test mode; a live key would only get Omise's refusal. */
export async function requireTestKey(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const credentials = await this.getCredentials<{ secretKey?: string }>('omiseApi');
	if (!String(credentials.secretKey ?? '').startsWith('skey_test_')) {
		const operation = this.getNodeParameter('operation', '') === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed';
		throw fail(
			this,
			`${operation} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`,
			'Use a credential with your test secret key to simulate payments; live charges are settled by the customer’s bank.',
		);
	}
	return requestOptions;
}

async function fetchCharge(context: IExecuteSingleFunctions, chargeId: string): Promise<IDataObject> {
	const response = await omiseGet(context, `/charges/${encodeURIComponent(chargeId)}`);
	if (response.statusCode >= 400) {
		const { code, message } = omiseErrorOf(response);
		throw fail(context, `Omise error ${code}: ${message}`, 'Looking up the charge to compute the refund failed.');
	}
	return response.body as IDataObject;
}

/**
 * Refund amount. Omise requires one; when it is empty the node looks the charge
 * up and refunds what is left (amount - refunded_amount). In major units it
 * also needs the charge's currency, so the charge is looked up then too.
 */
export async function sendRefundAmount(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const chargeId = text(this.getNodeParameter('chargeId', ''));
	const value = this.getNodeParameter('amount', '') as unknown;
	const unit = this.getNodeParameter('amountUnit', 'smallest') as AmountUnit;
	const empty = value === undefined || value === null || value === '' || value === 0;
	if (!empty && unit === 'smallest') {
		body(requestOptions).amount = toSmallestUnit(this.getNode(), value, '', 'smallest', 'Amount', this.getItemIndex());
		return requestOptions;
	}
	const charge = await fetchCharge(this, chargeId);
	const remaining = Number(charge.amount) - Number(charge.refunded_amount ?? charge.refunded ?? 0);
	if (empty) {
		if (!(remaining > 0)) throw fail(this, `Charge ${chargeId} has nothing left to refund (${String(charge.refunded_amount)} of ${String(charge.amount)} already refunded)`);
		body(requestOptions).amount = remaining;
	} else {
		body(requestOptions).amount = toSmallestUnit(this.getNode(), value, String(charge.currency), 'major', 'Amount', this.getItemIndex());
	}
	return requestOptions;
}
