'use strict';
const { OmiseError, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');
const { findCharge, chargeView } = require('./charges');

function refundView(ctx, refund) {
	return {
		object: 'refund',
		id: refund.id,
		livemode: refund.livemode,
		location: `/charges/${refund.charge}/refunds/${refund.id}`,
		amount: refund.amount,
		currency: refund.currency,
		charge: refund.charge,
		status: refund.status,
		voided: refund.voided,
		metadata: refund.metadata,
		transaction: `trxn_${refund.livemode ? '' : 'test_'}${refund.id.split('_').pop()}`,
		created_at: refund.created_at,
	};
}

function create(ctx) {
	const charge = findCharge(ctx, ctx.params.id);
	v.rejectUnknown(ctx.body, ['amount', 'metadata', 'void']);
	if (ctx.body.amount === undefined || ctx.body.amount === '') throw new OmiseError(400, 'failed_refund', 'amount is required');
	const amount = v.toInteger(ctx.body.amount);
	if (amount === undefined || amount <= 0) throw new OmiseError(400, 'failed_refund', 'amount must be a positive integer');
	if (!charge.paid) throw new OmiseError(400, 'failed_refund', `charge is ${charge.status} and has not been paid`);
	const refundable = (charge.captured_amount ?? charge.amount) - charge.refunded_amount;
	if (amount > refundable) {
		throw new OmiseError(400, 'failed_refund', `amount must be less than or equal to the refundable amount (${refundable})`);
	}
	const refund = ctx.store.insert({
		object: 'refund',
		id: ctx.store.newId('refund', ctx.livemode),
		livemode: ctx.livemode,
		amount,
		currency: charge.currency,
		charge: charge.id,
		status: 'closed',
		voided: v.optionalBoolean(ctx.body.void, 'void', false),
		metadata: v.optionalMetadata(ctx.body.metadata) || {},
		created_at: ctx.store.timestamp(),
	});
	charge.refunded_amount += amount;
	ctx.store.recordEvent('refund.create', refundView(ctx, refund), ctx.livemode, charge.webhook_endpoints);
	ctx.store.recordEvent('charge.update', chargeView(ctx, charge), ctx.livemode, charge.webhook_endpoints);
	return refundView(ctx, refund);
}

function register(router) {
	router.add('POST', '/charges/:id/refunds', create);
	router.add('GET', '/charges/:id/refunds', (ctx) => {
		const charge = findCharge(ctx, ctx.params.id);
		const refunds = ctx.store.all('refund', ctx.livemode, (refund) => refund.charge === charge.id);
		return listResponse(refunds, ctx.query, `/charges/${charge.id}/refunds`, (refund) => refundView(ctx, refund), ctx.store.now());
	});
	router.add('GET', '/charges/:id/refunds/:refundId', (ctx) => {
		const charge = findCharge(ctx, ctx.params.id);
		const refund = ctx.store.get('refund', ctx.params.refundId, ctx.livemode);
		if (!refund || refund.charge !== charge.id) throw notFound('refund', ctx.params.refundId);
		return refundView(ctx, refund);
	});
	router.add('GET', '/refunds', (ctx) =>
		listResponse(ctx.store.all('refund', ctx.livemode), ctx.query, '/refunds', (refund) => refundView(ctx, refund), ctx.store.now()),
	);
}

module.exports = { register, refundView };
