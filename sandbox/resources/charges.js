'use strict';
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');
const sources = require('./sources');
const { customerCard } = require('./customers');

const CHARGE_PARAMS = [
	'amount', 'currency', 'card', 'customer', 'source', 'description', 'metadata', 'capture',
	'return_uri', 'expires_at', 'ip', 'webhook_endpoints', 'authorization_type', 'destination',
	'platform_fee', 'zero_interest_installments', 'linked_account', 'offsite', 'authentication',
];

const AUTHENTICATIONS = ['3DS', 'PASSKEY'];

function findCharge(ctx, id) {
	const charge = ctx.store.get('charge', id, ctx.livemode);
	if (!charge) throw notFound('charge', id);
	return charge;
}

/** What was captured: less than `amount` after a partial capture of a pre-authorisation. */
function capturedAmount(charge) {
	return charge.captured_amount ?? charge.amount;
}

function chargeView(ctx, charge) {
	const refunds = ctx.store.all('refund', charge.livemode, (refund) => refund.charge === charge.id);
	return {
		object: 'charge',
		id: charge.id,
		livemode: charge.livemode,
		location: `/charges/${charge.id}`,
		amount: charge.amount,
		currency: charge.currency,
		description: charge.description,
		metadata: charge.metadata,
		status: charge.status,
		capture: charge.capture,
		authorized: charge.authorized,
		authorization_type: charge.authorization_type,
		capturable: charge.status === 'pending' && charge.authorized && !charge.paid,
		reversible: charge.status === 'pending' && charge.authorized && !charge.paid,
		reversed: charge.reversed,
		reversed_at: charge.reversed_at,
		paid: charge.paid,
		paid_at: charge.paid_at,
		expired: charge.expired,
		expired_at: charge.expired_at,
		expires_at: charge.expires_at,
		refundable: charge.paid && charge.refunded_amount < capturedAmount(charge),
		partially_refundable: charge.paid && charge.refunded_amount < capturedAmount(charge),
		captured_amount: charge.paid ? capturedAmount(charge) : 0,
		...feesOf(charge.paid ? capturedAmount(charge) : charge.amount),
		refunded_amount: charge.refunded_amount,
		refunds: {
			object: 'list',
			data: refunds.map((refund) => ctx.views.refund(ctx, refund)),
			limit: 20,
			offset: 0,
			total: refunds.length,
			order: 'chronological',
			location: `/charges/${charge.id}/refunds`,
		},
		card: charge.card,
		customer: charge.customer,
		source: charge.source,
		link: charge.link,
		destination: charge.destination,
		failure_code: charge.failure_code,
		failure_message: charge.failure_message,
		return_uri: charge.return_uri,
		authorize_uri: charge.authorize_uri,
		authenticated_by: charge.authenticated_by ?? null,
		ip: charge.ip,
		transaction: charge.paid ? `trxn_${charge.livemode ? '' : 'test_'}${charge.id.split('_').pop()}` : null,
		created_at: charge.created_at,
	};
}

/** Omise's fee on what is charged (3.65 %, as its recorded responses show), the VAT on the fee (7 %), and what is left. */
function feesOf(amount) {
	const fee = Math.round(amount * 0.0365);
	const feeVat = Math.round(fee * 0.07);
	return { fee, fee_vat: feeVat, net: amount - fee - feeVat, transaction_fees: { fee_flat: '0.0', fee_rate: '3.65', vat_rate: '7.0' } };
}

function parseUrl(value, name) {
	try {
		const url = new URL(value);
		const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
		if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return value;
	} catch {
		// fall through to the error below
	}
	throw badRequest(`${name} is not a valid https URL`);
}

// Test card tokens: any tokn_test_… works once; one containing "declined" fails
// with insufficient_fund, as Omise's test cards do.
function paymentMethod(ctx, body, currency) {
	const { card, customer, source } = body;
	if (!card && !customer && !source) throw new OmiseError(400, 'missing_card', 'request contains no card, customer or source');
	if (source && typeof source === 'object' && !Array.isArray(source)) return { source: sources.inlineSource(ctx, source, currency) };
	if (source) {
		const sourceId = typeof source === 'object' ? undefined : String(source);
		if (sourceId !== undefined && !/^src_(test_)?\w+$/.test(sourceId)) {
			throw new OmiseError(400, 'invalid_source', 'source was not found');
		}
		const type = typeof source === 'object' ? String(source.type || '') : 'promptpay';
		if (!type) throw new OmiseError(400, 'invalid_source', 'source type is required');
		return { source: { object: 'source', id: sourceId || ctx.store.newId('transaction', ctx.livemode).replace('trxn', 'src'), type } };
	}
	if (customer) {
		if (!/^cust_(test_)?\w+$/.test(String(customer))) throw notFound('customer', customer);
		if (card && !/^card_(test_)?\w+$/.test(String(card))) throw new OmiseError(400, 'invalid_card', 'card does not belong to customer');
		// A customer the sandbox holds is charged on its own (default) card.
		const saved = customerCard(ctx, String(customer), card && String(card));
		if (saved) return { customer: String(customer), card: saved };
		return { customer: String(customer), card: cardObject(card || `card_test_default_${customer}`) };
	}
	const token = String(card);
	if (!/^tokn_(test_)?\w+$/.test(token)) throw new OmiseError(400, 'invalid_card_token', 'token was not found');
	if (ctx.sandbox.usedTokens.has(token)) throw new OmiseError(400, 'used_token', 'token was already used');
	ctx.sandbox.usedTokens.add(token);
	return { card: cardObject(token), declined: token.includes('declined') };
}

function cardObject(reference) {
	return { object: 'card', id: reference.startsWith('card_') ? reference : `card_test_${reference.split('_').pop()}`, brand: 'Visa', last_digits: '4242', name: 'SANDBOX TESTER' };
}

function createCharge(ctx, body, extra = {}) {
	v.rejectUnknown(body, CHARGE_PARAMS);
	const currency = v.requireCurrency(body.currency);
	const amount = v.requireAmount(body.amount, currency, 'invalid_charge');
	const endpoints = body.webhook_endpoints === undefined ? [] : [].concat(body.webhook_endpoints);
	if (endpoints.length > 2) throw badRequest('webhook_endpoints can contain at most 2 URLs');
	endpoints.forEach((url) => parseUrl(url, 'webhook_endpoints'));
	const authorizationType = body.authorization_type === undefined ? null : String(body.authorization_type);
	if (authorizationType !== null && !['pre_auth', 'final_auth'].includes(authorizationType)) {
		throw badRequest('authorization_type must be pre_auth or final_auth');
	}
	if (body.destination !== undefined) {
		const recipient = String(body.destination);
		if (!/^recp_(test_)?\w+$/.test(recipient)) throw new OmiseError(400, 'invalid_recipient', 'recipient was not found');
		if (recipient.includes('unverified')) throw new OmiseError(400, 'recipient_not_verified', 'recipient is not verified');
	}
	const expiresAt = body.expires_at === undefined ? null : new Date(String(body.expires_at));
	if (expiresAt && Number.isNaN(expiresAt.getTime())) throw badRequest('expires_at is not a valid ISO 8601 date');
	const capture = v.optionalBoolean(body.capture, 'capture', true);
	// Omise's `authentication` (omise-node's types: 3DS or PASSKEY): the card holder authenticates at authorize_uri first.
	const authentication = body.authentication === undefined ? null : String(body.authentication);
	if (authentication !== null && !AUTHENTICATIONS.includes(authentication)) throw badRequest(`authentication must be one of ${AUTHENTICATIONS.join(', ')}`);
	if (authentication && body.return_uri === undefined) throw badRequest('return_uri is required for a charge with authentication');
	const method = paymentMethod(ctx, body, currency);
	const now = ctx.store.timestamp();
	const charge = {
		object: 'charge',
		id: ctx.store.newId('charge', ctx.livemode),
		livemode: ctx.livemode,
		amount,
		currency,
		description: v.optionalString(body.description, 'description') ?? null,
		metadata: v.optionalMetadata(body.metadata) || {},
		capture,
		authorization_type: authorizationType,
		status: 'pending',
		authorized: false,
		paid: false,
		paid_at: null,
		reversed: false,
		reversed_at: null,
		expired: false,
		expired_at: null,
		expires_at: expiresAt ? expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
		refunded_amount: 0,
		card: method.card || null,
		customer: method.customer || null,
		source: method.source || null,
		link: extra.link || null,
		destination: body.destination === undefined ? null : String(body.destination),
		failure_code: null,
		failure_message: null,
		return_uri: body.return_uri === undefined ? null : parseUrl(body.return_uri, 'return_uri'),
		authorize_uri: null,
		authentication,
		authenticated_by: null,
		ip: v.optionalString(body.ip, 'ip') ?? null,
		webhook_endpoints: endpoints,
		created_at: now,
	};
	if (method.declined) {
		Object.assign(charge, { status: 'failed', failure_code: 'insufficient_fund', failure_message: 'insufficient funds in the account or the card has reached the credit limit' });
	} else if (charge.source && charge.source.qr !== undefined) {
		// An inline source: a QR type is paid by scanning its code (no authorize_uri) before expires_at;
		// a redirect type at authorize_uri, after which the customer comes back to return_uri.
		const qr = charge.source.qr;
		charge.source = sources.attachToCharge(ctx, charge.source, charge);
		if (qr) charge.expires_at ??= new Date(Date.parse(now) + sources.QR_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
		else charge.authorize_uri = `${ctx.sandbox.publicUrl}/__sandbox/authorize/${charge.id}`;
	} else if (charge.source) {
		charge.authorize_uri = `${ctx.sandbox.publicUrl}/__sandbox/authorize/${charge.id}`;
	} else if (authentication) {
		charge.authorize_uri = `${ctx.sandbox.publicUrl}/__sandbox/authorize/${charge.id}`;
	} else {
		charge.authorized = true;
		if (capture) Object.assign(charge, { status: 'successful', paid: true, paid_at: now });
	}
	ctx.store.insert(charge);
	ctx.store.recordEvent('charge.create', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return charge;
}

function capture(ctx) {
	const charge = findCharge(ctx, ctx.params.id);
	ctx.body && v.rejectUnknown(ctx.body, ['capture_amount']);
	if (charge.paid) throw new OmiseError(400, 'failed_capture', 'charge was already captured');
	if (charge.status !== 'pending' || !charge.authorized) throw new OmiseError(400, 'failed_capture', `charge is ${charge.status} and cannot be captured`);
	let amount = charge.amount;
	if (ctx.body.capture_amount !== undefined) {
		amount = v.toInteger(ctx.body.capture_amount);
		if (amount === undefined || amount <= 0) throw new OmiseError(400, 'failed_capture', 'capture_amount must be a positive integer');
		if (amount > charge.amount) throw new OmiseError(400, 'failed_capture', 'capture_amount must be less than or equal to the authorized amount');
		if (amount < charge.amount && charge.authorization_type !== 'pre_auth') {
			throw new OmiseError(400, 'failed_capture', 'a partial capture needs a charge created with authorization_type pre_auth');
		}
	}
	// After a partial capture the uncaptured rest is released: captured_amount says what was captured.
	Object.assign(charge, { captured_amount: amount, status: 'successful', paid: true, paid_at: ctx.store.timestamp() });
	ctx.store.recordEvent('charge.capture', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function reverse(ctx) {
	const charge = findCharge(ctx, ctx.params.id);
	if (charge.paid) throw new OmiseError(400, 'failed_reverse', 'charge was already captured and cannot be reversed, refund it instead');
	if (charge.status !== 'pending' || !charge.authorized) throw new OmiseError(400, 'failed_reverse', `charge is ${charge.status} and cannot be reversed`);
	Object.assign(charge, { status: 'reversed', reversed: true, reversed_at: ctx.store.timestamp() });
	ctx.store.recordEvent('charge.reverse', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function expire(ctx) {
	const charge = findCharge(ctx, ctx.params.id);
	if (charge.status !== 'pending' || charge.authorized) throw new OmiseError(400, 'failed_expire', `charge is ${charge.status === 'pending' ? 'authorized' : charge.status} and cannot be expired`);
	Object.assign(charge, { status: 'expired', expired: true, expired_at: ctx.store.timestamp() });
	// Omise's official event list has no charge.expire: the change is recorded as charge.update.
	ctx.store.recordEvent('charge.update', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function requireTestMode(ctx, action) {
	if (ctx.livemode) throw new OmiseError(403, 'forbidden', `${action} is only available in test mode`);
}

function markAsPaid(ctx) {
	requireTestMode(ctx, 'mark_as_paid');
	const charge = findCharge(ctx, ctx.params.id);
	if (charge.status !== 'pending') throw new OmiseError(400, 'bad_request', `charge is ${charge.status} and cannot be marked as paid`);
	Object.assign(charge, { status: 'successful', authorized: true, paid: true, paid_at: ctx.store.timestamp(), authenticated_by: charge.authentication ?? null });
	ctx.store.recordEvent('charge.complete', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function markAsFailed(ctx) {
	requireTestMode(ctx, 'mark_as_failed');
	const charge = findCharge(ctx, ctx.params.id);
	if (charge.status !== 'pending') throw new OmiseError(400, 'bad_request', `charge is ${charge.status} and cannot be marked as failed`);
	Object.assign(charge, { status: 'failed', failure_code: 'payment_rejected', failure_message: 'marked as failed in test mode' });
	ctx.store.recordEvent('charge.complete', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function update(ctx) {
	const charge = findCharge(ctx, ctx.params.id);
	v.rejectUnknown(ctx.body, ['description', 'metadata']);
	const description = v.optionalString(ctx.body.description, 'description');
	const metadata = v.optionalMetadata(ctx.body.metadata);
	if (description !== undefined) charge.description = description;
	if (metadata !== undefined) charge.metadata = { ...charge.metadata, ...metadata };
	ctx.store.recordEvent('charge.update', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return chargeView(ctx, charge);
}

function register(router) {
	router.add('POST', '/charges', (ctx) => chargeView(ctx, createCharge(ctx, ctx.body)));
	router.add('GET', '/charges', (ctx) =>
		listResponse(ctx.store.all('charge', ctx.livemode), ctx.query, '/charges', (charge) => chargeView(ctx, charge), ctx.store.now()),
	);
	router.add('GET', '/charges/:id', (ctx) => chargeView(ctx, findCharge(ctx, ctx.params.id)));
	router.add('PATCH', '/charges/:id', update);
	router.add('POST', '/charges/:id/capture', capture);
	router.add('POST', '/charges/:id/reverse', reverse);
	router.add('POST', '/charges/:id/expire', expire);
	router.add('POST', '/charges/:id/mark_as_paid', markAsPaid);
	router.add('POST', '/charges/:id/mark_as_failed', markAsFailed);
	router.add('GET', '/charges/:id/documents/:documentId/downloads/:secret', (ctx) => sources.download(ctx, findCharge(ctx, ctx.params.id)));
	router.add('GET', '/capability', sources.capability);
}

module.exports = { register, chargeView, findCharge, createCharge };
