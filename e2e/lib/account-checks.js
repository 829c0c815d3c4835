'use strict';
// Issue 20's example workflows in real n8n: the daily reconciliation (yesterday's
// movements of the balance → a CSV with a check row) and the dispute alert.
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { omiseApi } = require('./sandbox-api');
const S = require('./scenario');

const DAY_MS = 24 * 60 * 60 * 1000;

/** 150050 → "1500.50", -50025 → "-500.25" (THB, the sandbox account's currency). */
const thb = (satang) => `${satang < 0 ? '-' : ''}${(Math.abs(satang) / 100).toFixed(2)}`;

/**
 * Yesterday's movements (made with the sandbox's clock, Omise's, a day behind):
 * two card charges, a partial refund, a payout sent; the example run by `n8n execute` writes one
 * row per movement of yesterday and a check row equal to the balance change.
 */
async function checkReconciliation(n8n, sandbox, tail) {
	const dir = path.join(n8n.filesDir, 'omise');
	const written = () => fs.readdirSync(dir).filter((name) => /^reconciliation-\d{4}-\d{2}-\d{2}\.csv$/.test(name));
	for (const name of written()) fs.unlinkSync(path.join(dir, name));

	const before = (await omiseApi(sandbox, 'GET', '/balance')).total;
	sandbox.setClockOffset(-DAY_MS);
	let made;
	try {
		const latte = await omiseApi(sandbox, 'POST', '/charges', { amount: 150050, currency: 'thb', card: 'tokn_test_reconcile1', description: 'Latte x 30' });
		const tea = await omiseApi(sandbox, 'POST', '/charges', { amount: 2000, currency: 'thb', card: 'tokn_test_reconcile2', description: 'Tea' });
		const refund = await omiseApi(sandbox, 'POST', `/charges/${latte.id}/refunds`, { amount: 50025 });
		// a payout to the merchant's own bank account (the default recipient), sent: its debit
		const payout = await omiseApi(sandbox, 'POST', '/transfers', { amount: 30000 });
		await omiseApi(sandbox, 'POST', `/transfers/${payout.id}/mark_as_sent`);
		made = { latte, tea, refund, payout };
	} finally {
		sandbox.setClockOffset(0);
	}
	const after = (await omiseApi(sandbox, 'GET', '/balance')).total;

	const r = await n8n.execute(S.IDS.reconciliationWorkflow);
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 60)}\n${tail(r.stderr, 30)}`);
	const files = written();
	assert.equal(files.length, 1, `one CSV named for yesterday's date (got ${files.join(', ') || 'none'})\n${tail(r.stdout, 40)}`);
	const rows = S.parseCsv(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
	const check = rows.pop();

	// every row is a movement Omise (the sandbox) holds, as it holds it, in the major unit, debits negative
	const transactions = new Map(sandbox.store.all('transaction', false).map((t) => [t.id, t]));
	for (const row of rows) {
		const transaction = transactions.get(row.transaction_id);
		assert.ok(transaction, `${row.transaction_id} is a transaction of the account`);
		assert.equal(row.amount, thb(transaction.direction === 'debit' ? -transaction.amount : transaction.amount), `${row.transaction_id}: its amount`);
		assert.deepEqual([row.direction, row.type, row.origin, row.currency], [transaction.direction, transaction.key, transaction.origin, 'THB']);
	}
	const ours = [made.latte.transaction, made.tea.transaction];
	for (const id of ours) assert.ok(rows.some((row) => row.transaction_id === id), `yesterday's charge credit ${id} is a row`);
	const refundRow = rows.find((row) => row.origin === made.refund.id);
	assert.ok(refundRow && refundRow.direction === 'debit', 'yesterday\'s refund is a debit row');
	const payoutRow = rows.find((row) => row.origin === made.payout.id);
	assert.ok(payoutRow && payoutRow.direction === 'debit' && payoutRow.type === 'transfer' && payoutRow.amount === '-300.00', 'yesterday\'s payout is a debit row of its amount');

	// the check row: the exact sum of the rows, which is the balance change of the day
	const sum = rows.reduce((total, row) => total + Math.round(Number(row.amount) * 100), 0);
	assert.deepEqual([check.transaction_id, check.type, check.currency, check.amount], ['CHECK: net change of the balance', 'total', 'THB', thb(sum)]);
	const othersOfYesterday = rows.filter((row) => !ours.includes(row.transaction_id) && row !== refundRow && row !== payoutRow);
	if (othersOfYesterday.length === 0) assert.equal(check.amount, thb(after - before), 'the check row equals the balance change');
	// the check row is dated at the period's end: every row is of that day, none of today (the e2e run's own charges)
	const end = Date.parse(check.date);
	const outside = rows.filter((row) => Date.parse(row.date) > end || Date.parse(row.date) < end - DAY_MS);
	assert.deepEqual(outside, [], 'only yesterday\'s movements');
	return `${files[0]}: ${rows.length} movements + check row ${check.amount} THB = balance change ${thb(after - before)} THB`;
}

/**
 * A paid charge is disputed (the sandbox's control route, as a card issuer would) →
 * dispute.create, signed, reaches the example's Omise Trigger (A Dispute Was Opened) →
 * the dispute and its charge → one email; the merchant's reply through the
 * example's webhook → Dispute → Update: the dispute holds the message, pending.
 */
async function checkDisputeAlert({ sandbox, sink, triggerUrl, replyUrl, replyToken }) {
	const config = sandbox.webhooks.config;
	sandbox.webhooks.configure({ ...config, endpoints: [...config.endpoints, triggerUrl] });
	try {
		const charge = await omiseApi(sandbox, 'POST', '/charges', {
			amount: 1290000, currency: 'thb', card: 'tokn_test_disputed1', description: 'Espresso machine', metadata: { order_id: 'ORD-7001' },
		});
		const before = sink.messages.length;
		const opened = await fetch(`${sandbox.url}/__sandbox/charges/${charge.id}/dispute`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const dispute = await opened.json();
		assert.equal(opened.status, 200, `the sandbox opened a dispute: ${JSON.stringify(dispute)}`);
		// (the paid charge also emails sales@ through the paid-charge example: look for the dispute's email)
		const toDisputes = () => sink.messages.slice(before).filter((m) => m.envelope.to.includes('disputes@example.com'));
		for (const started = Date.now(); toDisputes().length === 0 && Date.now() - started < 30000; ) await new Promise((resolve) => setTimeout(resolve, 200));
		if (toDisputes().length === 0) {
			await sandbox.webhooks.idle();
			const seen = sandbox.webhooks.deliveries.filter((d) => d.key.startsWith('dispute')).map((d) => `${d.key} → ${d.url} ${d.status ?? d.error} ${String(d.response || '').slice(0, 200)}`);
			throw new Error(`no email to disputes@example.com within 30 s\ndispute deliveries:\n  ${seen.join('\n  ')}`);
		}
		const [mail] = toDisputes();
		assert.deepEqual(mail.envelope.to, ['disputes@example.com']);
		assert.match(mail.subject, new RegExp(`^Dispute ${dispute.id}: 12900\\.00 THB, reply by \\d{4}-\\d{2}-\\d{2}$`));
		for (const text of [charge.id, 'Espresso machine', 'ORD-7001', dispute.reason_message, `"dispute_id": "${dispute.id}"`]) {
			assert.ok(mail.text.includes(text), `the email quotes "${text}":\n${mail.text}`);
		}
		await sandbox.webhooks.idle();
		const delivery = sandbox.webhooks.deliveries.find((d) => d.key === 'dispute.create' && d.url === triggerUrl);
		assert.ok(delivery && delivery.status === 200, 'dispute.create reached the example\'s trigger, signed, and was answered 200');

		const message = 'The machine was delivered on 2026-11-20; the signed delivery note is attached.';
		const denied = await fetch(replyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dispute_id: dispute.id, message }) });
		assert.equal(denied.status, 403, `no token → ${denied.status}`);
		const replied = await fetch(replyUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [S.DISPUTE_REPLY_HEADER]: replyToken },
			body: JSON.stringify({ dispute_id: dispute.id, message }),
		});
		const answer = await replied.json();
		assert.equal(replied.status, 200, `the reply → ${replied.status} ${JSON.stringify(answer)}`);
		assert.deepEqual([answer.ok, answer.dispute.id, answer.dispute.message, answer.dispute.status], [true, dispute.id, message, 'pending']);
		const stored = sandbox.store.get('dispute', dispute.id, false);
		assert.equal(stored.message, message, 'Omise (the sandbox) holds the merchant\'s reply');
		assert.equal(toDisputes().length, 1, 'one email for the dispute');
		return `${charge.id} disputed → email "${mail.subject}"; reply → ${dispute.id} pending with the message; no token → 403`;
	} finally {
		sandbox.webhooks.configure(config);
	}
}

module.exports = { checkReconciliation, checkDisputeAlert };
