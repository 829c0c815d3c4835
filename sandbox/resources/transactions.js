'use strict';
// GET /transactions: every movement of the account's balance, as Omise's
// transaction object (API version 2019-05-29): a charge whose money was
// captured is a credit (key charge.capture), a refund a debit (key refund),
// each with its origin object. Derived from the events the store records.
const { notFound } = require('../errors');
const { listResponse } = require('../lists');

function transactionView(record) {
	return {
		object: 'transaction',
		id: record.id,
		livemode: record.livemode,
		location: `/transactions/${record.id}`,
		amount: record.amount,
		currency: String(record.currency).toUpperCase(),
		direction: record.direction,
		key: record.key,
		origin: record.origin,
		transferable_at: record.created_at,
		created_at: record.created_at,
	};
}

/** Writes a transaction for every capture and refund the store records. */
function install(store) {
	const credited = new Set();
	const record = (event, fields, id = store.newId('transaction', event.livemode)) =>
		store.insert({ object: 'transaction', id, livemode: event.livemode, created_at: store.timestamp(), ...fields });
	store.onEvent((event) => {
		const data = event.dataSnapshot || {};
		if (['charge.create', 'charge.capture', 'charge.complete'].includes(event.key) && data.paid && !credited.has(data.id)) {
			credited.add(data.id);
			// The ID the charge names as its `transaction`.
			const id = `trxn_${event.livemode ? '' : 'test_'}${String(data.id).split('_').pop()}`;
			record(event, { amount: data.captured_amount || data.amount, currency: data.currency, direction: 'credit', key: 'charge.capture', origin: data.id }, id);
		}
		if (event.key === 'refund.create') {
			record(event, { amount: data.amount, currency: data.currency, direction: 'debit', key: 'refund', origin: data.id });
		}
	});
}

function register(router) {
	router.add('GET', '/transactions', (ctx) =>
		listResponse(ctx.store.all('transaction', ctx.livemode), ctx.query, '/transactions', transactionView, ctx.store.now()),
	);
	router.add('GET', '/transactions/:id', (ctx) => {
		const transaction = ctx.store.get('transaction', ctx.params.id, ctx.livemode);
		if (!transaction) throw notFound('transaction', ctx.params.id);
		return transactionView(transaction);
	});
}

module.exports = { register, install, transactionView };
