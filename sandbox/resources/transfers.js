'use strict';
// Transfers: payouts from the account's balance to a recipient's bank account
// (the default recipient, the merchant's own account, when none is named).
// Omise's transfer object as API version 2019-05-29 has it (omise-php's recorded
// transfers): amount, fee + fee_vat (30.00 THB together: 28.04 + 1.96), net,
// sent/paid with their times, transactions, bank_account of the recipient.
//
// The balance (GET /balance) is what the transactions add up to: credits less
// debits. A transfer holds its amount from its creation (transferable goes
// down; total does not), and takes it from the balance when it is sent: then
// one debit transaction of the transfer's amount (key `transfer`, origin the
// transfer), so that total moves by exactly the sum of the transactions.
// Test mode: POST /transfers/:id/mark_as_sent and /mark_as_paid (the paths
// omise-java calls) do what Omise's bank transfer does in live mode.
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');
const { bankAccountView, defaultRecipient } = require('./recipients');
const { transactionView, writeTransferDebit } = require('./transactions');

/** Omise's transfer fee in THB (satang) and its VAT, as its recorded transfers show (2804 + 196). */
const FEE = 2804;
const FEE_VAT = 196;
const ACCOUNT_CURRENCY = 'thb';

function findTransfer(ctx, id) {
	const transfer = ctx.store.get('transfer', id, ctx.livemode);
	if (!transfer || transfer.deleted) throw notFound('transfer', id);
	return transfer;
}

/** The account's balance: total = credits − debits of its transactions; transferable = total less what unsent transfers hold. */
function balanceOf(store, livemode) {
	const inCurrency = (record) => String(record.currency).toLowerCase() === ACCOUNT_CURRENCY;
	const total = store.all('transaction', livemode, inCurrency).reduce((sum, t) => sum + (t.direction === 'credit' ? t.amount : -t.amount), 0);
	const held = store.all('transfer', livemode, (t) => inCurrency(t) && !t.sent && !t.deleted).reduce((sum, t) => sum + t.amount, 0);
	return { total, transferable: total - held, held };
}

function recipientOf(ctx, transfer) {
	return ctx.store.get('recipient', transfer.recipient, transfer.livemode);
}

function sendable(ctx, transfer) {
	const recipient = recipientOf(ctx, transfer);
	return !transfer.sent && !transfer.deleted && Boolean(recipient) && !recipient.deleted && recipient.verified && recipient.active;
}

function transferView(ctx, transfer) {
	const recipient = recipientOf(ctx, transfer);
	return {
		object: 'transfer',
		id: transfer.id,
		livemode: transfer.livemode,
		location: `/transfers/${transfer.id}`,
		deleted: transfer.deleted,
		fail_fast: transfer.fail_fast,
		paid: transfer.paid,
		sent: transfer.sent,
		sendable: sendable(ctx, transfer),
		currency: transfer.currency,
		amount: transfer.amount,
		fee: transfer.fee,
		metadata: transfer.metadata,
		recipient: transfer.recipient,
		bank_account: recipient ? bankAccountView(recipient) : null,
		failure_code: transfer.failure_code,
		failure_message: transfer.failure_message,
		paid_at: transfer.paid_at,
		sent_at: transfer.sent_at,
		balance_hold_at: null,
		created_at: transfer.created_at,
		transactions: ctx.store.all('transaction', transfer.livemode, (t) => t.origin === transfer.id).map(transactionView),
		schedule: null,
		fee_vat: transfer.fee_vat,
		net: transfer.amount - transfer.fee - transfer.fee_vat,
		total_fee: transfer.fee + transfer.fee_vat,
		split_transfer_group_id: null,
	};
}

/** A transfer's amount: a whole number of satang, more than the fee, and at most what the balance can pay (`available`). */
function checkedAmount(value, available) {
	if (value === undefined || value === null || value === '') throw new OmiseError(400, 'invalid_amount', 'amount is required');
	const amount = v.toInteger(value);
	if (amount === undefined) throw new OmiseError(400, 'invalid_amount', 'amount must be an integer');
	if (amount <= FEE + FEE_VAT) throw new OmiseError(400, 'invalid_amount', `amount must be greater than the transfer fee of ${FEE + FEE_VAT} (${ACCOUNT_CURRENCY} subunits)`);
	if (amount > available) {
		throw new OmiseError(400, 'insufficient_fund', `amount must be less than or equal to the transferable balance (${Math.max(available, 0)} ${ACCOUNT_CURRENCY} subunits)`);
	}
	return amount;
}

function create(ctx) {
	const body = ctx.body;
	v.rejectUnknown(body, ['amount', 'recipient', 'fail_fast', 'metadata', 'split_transfer']);
	let recipient;
	if (body.recipient === undefined || body.recipient === '') recipient = defaultRecipient(ctx.store, ctx.livemode);
	else {
		recipient = ctx.store.get('recipient', String(body.recipient), ctx.livemode);
		if (!recipient || recipient.deleted) throw new OmiseError(400, 'invalid_recipient', `recipient ${String(body.recipient)} was not found`);
	}
	const amount = checkedAmount(body.amount, balanceOf(ctx.store, ctx.livemode).transferable);
	const transfer = ctx.store.insert({
		object: 'transfer',
		id: ctx.store.newId('transfer', ctx.livemode),
		livemode: ctx.livemode,
		amount,
		currency: ACCOUNT_CURRENCY,
		recipient: recipient.id,
		fail_fast: v.optionalBoolean(body.fail_fast, 'fail_fast', false),
		metadata: v.optionalMetadata(body.metadata) || {},
		fee: FEE,
		fee_vat: FEE_VAT,
		sent: false,
		paid: false,
		sent_at: null,
		paid_at: null,
		deleted: false,
		failure_code: null,
		failure_message: null,
		created_at: ctx.store.timestamp(),
	});
	ctx.store.recordEvent('transfer.create', transferView(ctx, transfer), ctx.livemode);
	return transferView(ctx, transfer);
}

function update(ctx) {
	const transfer = findTransfer(ctx, ctx.params.id);
	v.rejectUnknown(ctx.body, ['amount', 'metadata']);
	if (transfer.sent) throw badRequest('transfer was already sent and cannot be updated');
	// The transfer's own amount is held already: it may grow by what is still transferable.
	const amount = ctx.body.amount === undefined ? undefined : checkedAmount(ctx.body.amount, balanceOf(ctx.store, ctx.livemode).transferable + transfer.amount);
	const metadata = v.optionalMetadata(ctx.body.metadata);
	if (amount !== undefined) transfer.amount = amount;
	if (metadata !== undefined) transfer.metadata = { ...transfer.metadata, ...metadata };
	ctx.store.recordEvent('transfer.update', transferView(ctx, transfer), ctx.livemode);
	return transferView(ctx, transfer);
}

function destroy(ctx) {
	const transfer = findTransfer(ctx, ctx.params.id);
	if (transfer.sent) throw badRequest('transfer was already sent and cannot be deleted');
	transfer.deleted = true;
	const view = transferView(ctx, transfer);
	ctx.store.recordEvent('transfer.destroy', view, ctx.livemode);
	return view;
}

function requireTestMode(ctx, action) {
	if (ctx.livemode) throw new OmiseError(403, 'forbidden', `${action} is only available in test mode`);
}

/** Test mode: the transfer leaves for the bank: its amount is debited from the balance (one transaction). */
function markAsSent(ctx) {
	requireTestMode(ctx, 'mark_as_sent');
	const transfer = findTransfer(ctx, ctx.params.id);
	if (transfer.sent) throw badRequest('transfer was already sent');
	const recipient = recipientOf(ctx, transfer);
	if (!recipient || recipient.deleted) throw new OmiseError(400, 'invalid_recipient', `recipient ${transfer.recipient} was not found`);
	if (!recipient.verified || !recipient.active) throw new OmiseError(400, 'recipient_not_verified', 'recipient is not verified');
	const { total, held } = balanceOf(ctx.store, ctx.livemode);
	// What the other unsent transfers hold stays theirs.
	if (transfer.amount > total - (held - transfer.amount)) throw new OmiseError(400, 'insufficient_fund', 'the balance no longer covers this transfer');
	Object.assign(transfer, { sent: true, sent_at: ctx.store.timestamp() });
	writeTransferDebit(ctx.store, transfer);
	ctx.store.recordEvent('transfer.send', transferView(ctx, transfer), ctx.livemode);
	return transferView(ctx, transfer);
}

/** Test mode: the recipient's bank has paid the transfer out. */
function markAsPaid(ctx) {
	requireTestMode(ctx, 'mark_as_paid');
	const transfer = findTransfer(ctx, ctx.params.id);
	if (!transfer.sent) throw badRequest('transfer has not been sent yet: mark it as sent first');
	if (transfer.paid) throw badRequest('transfer was already paid');
	Object.assign(transfer, { paid: true, paid_at: ctx.store.timestamp() });
	ctx.store.recordEvent('transfer.pay', transferView(ctx, transfer), ctx.livemode);
	return transferView(ctx, transfer);
}

// A route under /transfers/ with a fixed name (e.g. GET /transfers/schedules) must be registered before
// these: the router takes the first match, and /transfers/:id would take it.
function register(router) {
	router.add('POST', '/transfers', create);
	router.add('GET', '/transfers', (ctx) =>
		listResponse(ctx.store.all('transfer', ctx.livemode, (t) => !t.deleted), ctx.query, '/transfers', (t) => transferView(ctx, t), ctx.store.now()),
	);
	router.add('GET', '/transfers/:id', (ctx) => transferView(ctx, findTransfer(ctx, ctx.params.id)));
	router.add('PATCH', '/transfers/:id', update);
	router.add('DELETE', '/transfers/:id', destroy);
	router.add('POST', '/transfers/:id/mark_as_sent', markAsSent);
	router.add('POST', '/transfers/:id/mark_as_paid', markAsPaid);
}

module.exports = { register, transferView, balanceOf, FEE, FEE_VAT };
