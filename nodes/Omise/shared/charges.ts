import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { toUtcIso } from '../../shared/dates';
import { omiseErrorOf } from '../../shared/errors';
import { omiseGet } from '../../shared/transport';
import { isOmiseId } from '../../shared/values';
import { checked, prepareBeforeSending } from '../sending/steps';
import type { AmountUnit } from './amount';
import { toSmallestUnit } from './amount';
import { body, describeValue, inputError, sendAmountAndCurrency, text } from './preSend';
import { inlineSource } from './sources';

/** An ID parameter of the request body: text, an Omise ID of the kind asked for. */
function idParameter(context: IExecuteSingleFunctions, name: string, label: string, prefix: string, why: string): string {
	const value = context.getNodeParameter(name, '') as unknown;
	if (value !== undefined && value !== null && typeof value !== 'string') throw inputError(context, `${label} must be text; got ${describeValue(value)}`);
	const id = text(value);
	if (!id) throw inputError(context, `${label} is required ${why}`);
	if (!id.startsWith(`${prefix}_`)) throw inputError(context, `${label} must start with ${prefix}_; got "${id.slice(0, 60)}"`);
	if (!isOmiseId(id, prefix)) throw inputError(context, `${label} is not an Omise ID: "${id.slice(0, 60)}". It looks like ${prefix}_test_…`);
	return id;
}

/** `card`, `customer` (+ optional card of that customer), `source` (an ID, or inline: Payment Method Type), as Payment Method says. */
export const sendPaymentMethod = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const method = this.getNodeParameter('paymentMethod', 'card') as string;
	const target = body(requestOptions);
	if (method === 'card') {
		target.card = idParameter(this, 'card', 'Card', 'tokn', 'when Payment Method is Card: give a card token (tokn_…) made with Omise.js or the mobile SDKs');
	} else if (method === 'customer') {
		target.customer = idParameter(this, 'customer', 'Customer', 'cust', 'when Payment Method is Customer: give a customer ID (cust_…)');
		if (text(this.getNodeParameter('card', ''))) target.card = idParameter(this, 'card', 'Card', 'card', '');
	} else if (method === 'newSource') {
		target.source = inlineSource(this);
	} else {
		target.source = idParameter(this, 'source', 'Source', 'src', 'when Payment Method is Source: give a source ID (src_…), e.g. a PromptPay source');
	}
	return requestOptions;
});

function isHttpsUrl(value: string): boolean {
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}

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
	if (text(fields.ip)) target.ip = text(fields.ip);
	const destination = text(fields.destination);
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
	return requestOptions;
});

/** An amount left empty or 0: capture everything authorised, refund everything not yet refunded. */
function meansAll(value: unknown): boolean {
	return value === undefined || value === null || value === '' || value === 0 || value === '0';
}

/** Capture Amount as the property put it in the body: empty or 0 captures the full authorised amount. */
export const checkCaptureAmount = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const target = body(requestOptions);
	const value = target.capture_amount;
	if (meansAll(value)) {
		delete target.capture_amount;
		return requestOptions;
	}
	const amount = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isSafeInteger(amount) || amount < 0) {
		throw inputError(this, `Capture Amount must be a whole number in the smallest currency unit (satang, cents, yen); got ${describeValue(value)}`);
	}
	target.capture_amount = amount;
	return requestOptions;
});

/** Mark as Paid / Failed exist only in test mode; a live key would only get Omise's refusal. */
export const requireTestKey = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const credentials = await this.getCredentials<{ secretKey?: string }>('omiseApi');
	if (!String(credentials.secretKey ?? '').startsWith('skey_test_')) {
		const operation = this.getNodeParameter('operation', '') === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed';
		throw inputError(
			this,
			`${operation} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`,
			'Use a credential with your test secret key to simulate payments; live charges are settled by the customer’s bank.',
		);
	}
	return requestOptions;
});

async function fetchCharge(context: IExecuteSingleFunctions, chargePath: string): Promise<IDataObject> {
	const response = await omiseGet(context, chargePath);
	if (response.statusCode >= 400) {
		const { code, message } = omiseErrorOf(response);
		throw inputError(context, `Omise error ${code}: ${message}`, 'Looking up the charge to compute the refund failed; nothing was refunded.');
	}
	return response.body as IDataObject;
}

/**
 * Refund amount. Omise requires one; when it is empty the node looks the charge
 * up and refunds what is left of what was captured (a partly captured charge
 * has `captured_amount`). In major units it needs the charge's currency, so the
 * charge is looked up then too. The look-up waits for the row's turn to send.
 */
async function sendRefundAmount(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const target = body(requestOptions);
	const value = this.getNodeParameter('amount', '') as unknown;
	const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
	const empty = meansAll(value);
	if (!empty && unit === 'smallest') {
		target.amount = toSmallestUnit(this.getNode(), value, '', 'smallest', 'Amount', this.getItemIndex());
		return requestOptions;
	}
	const chargePath = String(requestOptions.url).replace(/\/refunds$/, '');
	prepareBeforeSending(requestOptions, async (context, options) => {
		const charge = await fetchCharge(context, chargePath);
		const chargeId = String(charge.id);
		if (!empty) {
			body(options).amount = toSmallestUnit(context.getNode(), value, String(charge.currency), 'major', 'Amount', context.getItemIndex());
			return;
		}
		const captured = Number(charge.captured_amount ?? charge.amount);
		const refunded = Number(charge.refunded_amount ?? charge.refunded ?? 0);
		const remaining = captured - refunded;
		if (!(remaining > 0)) {
			throw inputError(context, `Charge ${chargeId} has nothing left to refund (${refunded} of ${captured} already refunded)`);
		}
		body(options).amount = remaining;
	});
	return requestOptions;
}

/** The Amount of every create: a refund's may be empty (refund what remains), a link's or charge's goes with its currency. */
export const sendAmount = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const resource = this.getNodeParameter('resource', '') as string;
	return resource === 'refund' ? await sendRefundAmount.call(this, requestOptions) : await sendAmountAndCurrency.call(this, requestOptions);
});
