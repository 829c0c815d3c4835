'use strict';
// GET /transactions: every movement of the account's balance, as Omise's
// transaction object (API version 2019-05-29): a charge whose money was
// captured is a credit of its net (key charge.capture), a refund a debit (key refund),
// derived from the events the store records; a transfer, when it is sent, a
// debit of its amount (key transfer), written by transfers.js. Each names its
// origin object. The balance is what they add up to (transfers.js, balanceOf).
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
			// What reaches the balance is the charge's net: Omise keeps its fee and the fee's VAT (omise-go's recorded
			// transactions-get.json credits 96094 for a 100000 charge, and the transfer of the balance debits 2 × 96094).
			record(event, { amount: data.net ?? data.captured_amount ?? data.amount, currency: data.currency, direction: 'credit', key: 'charge.capture', origin: data.id }, id);
		}
		if (event.key === 'refund.create') {
			record(event, { amount: data.amount, currency: data.currency, direction: 'debit', key: 'refund', origin: data.id });
		}
	});
}

/**
 * The debit of a transfer that was sent: its whole amount (the fee is part of
 * it: the recipient gets the net), as Omise's recorded transfer and its
 * transaction show (omise-go transfers-get.json: 192188, and its debit
 * trxn_test_4yqafnvlztbf3908vs1: 192188). Its ID is made from the transfer's.
 */
function writeTransferDebit(store, transfer) {
	const id = `trxn_${transfer.livemode ? '' : 'test_'}${String(transfer.id).split('_').pop()}`;
	return store.insert({
		object: 'transaction',
		id,
		livemode: transfer.livemode,
		created_at: store.timestamp(),
		amount: transfer.amount,
		currency: transfer.currency,
		direction: 'debit',
		key: 'transfer',
		origin: transfer.id,
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

module.exports = { register, install, transactionView, writeTransferDebit };
