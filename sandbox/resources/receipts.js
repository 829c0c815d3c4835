'use strict';
// GET /receipts: Omise's daily fee receipt, one per day with charges whose money
// was captured: the charge fees of the day, their VAT, and the total (Omise's
// receipt object as its recorded responses show it; no withholding tax here).
const { notFound } = require('../errors');
const { listResponse } = require('../lists');

/** The receipts of the charges the store holds, one per UTC day. */
function receiptsOf(ctx) {
	const byDay = new Map();
	for (const record of ctx.store.all('charge', ctx.livemode)) {
		const charge = ctx.views.charge(ctx, record);
		if (!charge.paid) continue;
		const paidAt = String(charge.paid_at || charge.created_at);
		const day = paidAt.slice(0, 10);
		const receipt = byDay.get(day) ?? { day, currency: String(charge.currency).toLowerCase(), charge_fee: 0, vat: 0, last: paidAt };
		receipt.charge_fee += charge.fee;
		receipt.vat += charge.fee_vat;
		if (paidAt > receipt.last) receipt.last = paidAt;
		byDay.set(day, receipt);
	}
	return [...byDay.values()].map((receipt, index) => {
		const id = `rcpt_${ctx.livemode ? '' : 'test_'}${receipt.day.replace(/-/g, '')}`;
		return {
			object: 'receipt',
			id,
			livemode: ctx.livemode,
			number: String(index + 1),
			location: `/receipts/${id}`,
			date: `${receipt.day}T16:59:59Z`,
			customer_name: 'Sandbox merchant',
			company_name: 'Omise sandbox',
			charge_fee: receipt.charge_fee,
			voided_fee: 0,
			transfer_fee: 0,
			subtotal: receipt.charge_fee,
			vat: receipt.vat,
			wht: 0,
			total: receipt.charge_fee + receipt.vat,
			credit_note: false,
			currency: receipt.currency,
			// (listed by the time of the day's last charge, so that today's receipt is already there)
			created_at: receipt.last,
		};
	});
}

function register(router) {
	router.add('GET', '/receipts', (ctx) => listResponse(receiptsOf(ctx), ctx.query, '/receipts', (receipt) => receipt, ctx.store.now()));
	router.add('GET', '/receipts/:id', (ctx) => {
		const receipt = receiptsOf(ctx).find((candidate) => candidate.id === ctx.params.id);
		if (!receipt) throw notFound('receipt', ctx.params.id);
		return receipt;
	});
}

module.exports = { register };
