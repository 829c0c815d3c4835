// Transfer: payouts from the Omise balance. Create (in the smallest unit, or in
// the major unit once the account's currency is read from the balance), Get,
// Get Many, Update, Delete, Mark as Sent / Paid (test mode), Search, Simplify;
// the balance and the transactions a payout moves; Omise's recorded transfers.
import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox({}, { each: true });
const run = async (parameters: Record<string, unknown>, options = {}) => await omise.run({ resource: 'transfer', ...parameters }, options);
let tokens = 0;

/** What a paid charge of `amount` satang adds to the balance: its net, after Omise's fee (3.65 % in the sandbox) and the fee's VAT (7 %). */
const netOf = (amount: number) => amount - Math.round(amount * 0.0365) - Math.round(Math.round(amount * 0.0365) * 0.07);
/** Money in the balance: a paid charge of `amount` satang (its net reaches the balance). */
const fund = async (amount: number) => await omise.call('POST', '/charges', { amount, currency: 'thb', card: `tokn_test_fund${++tokens}` });
const balance = async () => (await omise.call('GET', '/balance')) as { total: number; transferable: number };
/** A recipient Omise verified (test mode: Verify), so that transfers to it can be sent. */
async function verifiedRecipient(name = 'Vendor') {
	const recipient = await omise.call('POST', '/recipients', { name, type: 'corporation', bank_account: { brand: 'kbank', number: '9876543210', name: name.toUpperCase() } });
	await omise.call('PATCH', `/recipients/${String(recipient.id)}/verify`);
	return recipient as { id: string };
}
const defaultRecipient = () => omise.store.all('recipient', false).find((recipient) => recipient.default)?.id;
const transfer = async (amount: number, extra: Record<string, unknown> = {}) => (await omise.call('POST', '/transfers', { amount, ...extra })) as { id: string };

describe('Transfer → Create', () => {
	test('in the smallest unit, to your own bank account: one POST; the amount is held from what can be transferred', async () => {
		await fund(1_000_000);
		const { items, requests, error } = await run({ operation: 'create', amount: 250000, amountUnit: 'smallest' });
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('POST', '/transfers', { amount: 250000, metadata: { [MARK_KEY]: MARK } })]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({ object: 'transfer', amount: 250000, recipient: defaultRecipient(), sent: false, paid: false, sendable: true, fee: 2804, fee_vat: 196, net: 247000, transactions: [] }),
				pairedItem: { item: 0 },
			},
		]);
		// Nothing has left yet: total stays, what can still be transferred goes down.
		expect(await balance()).toMatchObject({ total: netOf(1_000_000), transferable: netOf(1_000_000) - 250_000 });
	});

	test('in the major unit: the account’s currency is read from the balance first; to a recipient, Fail Fast, metadata, Simplify', async () => {
		await fund(1_000_000);
		const recipient = await verifiedRecipient('Vendor One');
		const { items, requests } = await run({
			operation: 'create',
			amount: 1500.5,
			recipient: recipient.id,
			failFast: true,
			metadata: { metadataValues: [{ key: 'invoice', value: 'INV-1' }] },
			simplify: true,
		});
		expect(requests).toEqual([
			sent('GET', '/balance'),
			sent('POST', '/transfers', { recipient: recipient.id, fail_fast: true, amount: 150050, metadata: { invoice: 'INV-1', [MARK_KEY]: MARK } }),
		]);
		expect(items.map((item) => item.json)).toEqual([
			{
				id: expect.stringMatching(/^trsf_test_/),
				sent: false,
				paid: false,
				sendable: true,
				amount_major: '1500.50',
				fee_major: '28.04',
				fee_vat_major: '1.96',
				net_major: '1470.50',
				currency: 'THB',
				recipient: recipient.id,
				bank_account: { brand: 'Kasikornbank', bank_code: 'kbank', branch_code: null, type: null, last_digits: '3210', name: 'VENDOR ONE' },
				sent_at: null,
				paid_at: null,
				failure_code: null,
				failure_message: null,
				metadata: { invoice: 'INV-1', [MARK_KEY]: expect.any(String) },
				created_at: expect.any(String),
				livemode: false,
			},
		]);
	});

	test.each([
		['an amount with more decimals than any currency', { amount: '10.001' }, 'Amount has more decimal places than any currency allows (at most 2); got 10.001'],
		['a fraction of the smallest unit', { amount: 10.5, amountUnit: 'smallest' }, 'Amount must be a whole number in the smallest currency unit (got 10.5). To type 10.5, set Amount Unit to "Major Unit".'],
		['no amount', { amount: '={{ "" }}' }, 'Amount is required'],
		['an amount that is not a number', { amount: '={{ "ten" }}' }, 'Amount must be a positive number written with digits and an optional decimal point; got "ten"'],
	])('%s is refused before any request', async (_what, fields, message) => {
		const { error, requests } = await run({ operation: 'create', ...fields });
		expect(requests).toEqual([]);
		expect(error?.message).toBe(message);
	});

	test('Omise’s refusals: more than the balance can pay, an unknown recipient', async () => {
		await fund(100_000);
		const tooMuch = await run({ operation: 'create', amount: 100_001, amountUnit: 'smallest' });
		expect(tooMuch.requests).toEqual([sent('POST', '/transfers', { amount: 100001, metadata: { [MARK_KEY]: MARK } })]);
		expect(tooMuch.error?.message).toBe(`Omise error insufficient_fund: amount must be less than or equal to the transferable balance (${netOf(100_000)} thb subunits)`);
		const stranger = await run({ operation: 'create', amount: 5000, amountUnit: 'smallest', recipient: 'recp_test_nothere' });
		expect(stranger.error?.message).toBe('Omise error invalid_recipient: recipient recp_test_nothere was not found');
		expect(omise.store.all('transfer', false)).toEqual([]);
	});
});

describe('Transfer → Get / Get Many / Update / Mark as Sent / Mark as Paid / Delete / Search', () => {
	test('a payout’s life: Get, Update the amount (major unit: the transfer’s currency read first), Mark as Sent, Mark as Paid', async () => {
		await fund(1_000_000);
		const recipient = await verifiedRecipient();
		const created = await transfer(100_000, { recipient: recipient.id });
		const got = await run({ operation: 'get', transferId: created.id });
		const updated = await run({ operation: 'update', transferId: created.id, updateFields: { amount: 1200.25, metadata: { metadataValues: [{ key: 'batch', value: '7' }] } } });
		const sentOut = await run({ operation: 'markAsSent', transferId: created.id, simplify: true });
		const paid = await run({ operation: 'markAsPaid', transferId: created.id, simplify: true });
		expect(omise.requests).toEqual([
			sent('GET', `/transfers/${created.id}`),
			sent('GET', `/transfers/${created.id}`),
			sent('PATCH', `/transfers/${created.id}`, { metadata: { batch: '7' }, amount: 120025 }),
			sent('POST', `/transfers/${created.id}/mark_as_sent`),
			sent('POST', `/transfers/${created.id}/mark_as_paid`),
		]);
		expect(got.items[0].json).toMatchObject({ object: 'transfer', id: created.id, amount: 100000, recipient: recipient.id });
		expect(updated.items[0].json).toMatchObject({ amount: 120025, metadata: { batch: '7' }, net: 117025 });
		expect(sentOut.items[0].json).toMatchObject({ id: created.id, sent: true, paid: false, sendable: false, sent_at: expect.any(String), amount_major: '1200.25' });
		expect(paid.items[0].json).toMatchObject({ id: created.id, sent: true, paid: true, paid_at: expect.any(String) });
		// Omise's event of each change, for the webhooks
		const keys = omise.store.all('event', false).filter((event) => (event.dataSnapshot as { id?: string }).id === created.id).map((event) => event.key);
		expect(keys).toEqual(['transfer.create', 'transfer.update', 'transfer.send', 'transfer.pay']);
	});

	test('a transfer leaves the balance when it is sent: one debit transaction of its amount, key transfer, origin the transfer; the balance moves by the transactions', async () => {
		await fund(1_000_000);
		const before = await balance();
		// The period starts after the funding charge (created_at counts whole seconds).
		omise.store.setClockOffset(10_000);
		const since = new Date(Math.floor(omise.store.now().getTime() / 1000) * 1000).toISOString();
		const created = await transfer(300_000);
		expect(await balance()).toMatchObject({ total: before.total, transferable: before.transferable - 300_000 });
		const sentOut = await run({ operation: 'markAsSent', transferId: created.id });
		const debit = { object: 'transaction', direction: 'debit', key: 'transfer', origin: created.id, amount: 300000, currency: 'THB' };
		expect(sentOut.items[0].json.transactions).toEqual([expect.objectContaining(debit)]);
		const after = await balance();
		expect(after).toMatchObject({ total: before.total - 300_000, transferable: before.transferable - 300_000 });
		// A reconciliation: the period's transactions add up to the change of the balance.
		const moves = await omise.run({ resource: 'transaction', operation: 'getAll', returnAll: true, filters: { from: since } });
		const signed = moves.items.map((item) => (item.json.direction === 'credit' ? 1 : -1) * Number(item.json.amount));
		expect(moves.items.map((item) => item.json)).toEqual([expect.objectContaining({ ...debit, id: (sentOut.items[0].json.transactions as Array<{ id: string }>)[0].id })]);
		expect(signed.reduce((sum, amount) => sum + amount, 0)).toBe(after.total - before.total);
	});

	test('Delete before it is sent frees its amount; a sent transfer can be neither deleted nor changed', async () => {
		await fund(1_000_000);
		const kept = await transfer(100_000);
		const dropped = await transfer(200_000);
		const deleted = await run({ operation: 'delete', transferId: dropped.id });
		expect(deleted.requests).toEqual([sent('DELETE', `/transfers/${dropped.id}`)]);
		expect(deleted.items[0].json).toMatchObject({ object: 'transfer', id: dropped.id, deleted: true });
		expect(await balance()).toMatchObject({ total: netOf(1_000_000), transferable: netOf(1_000_000) - 100_000 });
		await omise.call('POST', `/transfers/${kept.id}/mark_as_sent`);
		const late = await run({ operation: 'delete', transferId: kept.id });
		expect(late.error?.message).toBe('Omise error bad_request: transfer was already sent and cannot be deleted');
		const changed = await run({ operation: 'update', transferId: kept.id, amountUnit: 'smallest', updateFields: { amount: 5000 } });
		expect(changed.requests).toEqual([sent('PATCH', `/transfers/${kept.id}`, { amount: 5000 })]);
		expect(changed.error?.message).toBe('Omise error bad_request: transfer was already sent and cannot be updated');
		const gone = await run({ operation: 'get', transferId: dropped.id });
		expect(gone.error?.message).toBe(`Omise error not_found: transfer ${dropped.id} was not found`);
	});

	test('Mark as Paid before it is sent, and Mark as Sent to a recipient Omise has not verified: Omise’s refusals', async () => {
		await fund(1_000_000);
		const unverified = await omise.call('POST', '/recipients', { name: 'New', type: 'individual', bank_account: { brand: 'scb', number: '1111111111', name: 'NEW' } });
		const created = await transfer(100_000, { recipient: unverified.id });
		expect(created).toMatchObject({ sendable: false });
		const early = await run({ operation: 'markAsPaid', transferId: created.id });
		expect(early.error?.message).toBe('Omise error bad_request: transfer has not been sent yet: mark it as sent first');
		const notVerified = await run({ operation: 'markAsSent', transferId: created.id });
		expect(notVerified.error?.message).toBe('Omise error recipient_not_verified: recipient is not verified');
	});

	test.each(['markAsSent', 'markAsPaid'])('%s with a live key is refused before any request', async (operation) => {
		const { error, requests } = await run({ operation, transferId: 'trsf_test_1' }, { credentials: { secretKey: 'skey_live_sandbox' } });
		expect(requests).toEqual([]);
		expect(error?.message).toBe(`${operation === 'markAsSent' ? 'Mark as Sent' : 'Mark as Paid'} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`);
	});

	test('Update with nothing to change is refused before any request', async () => {
		const empty = await run({ operation: 'update', transferId: 'trsf_test_1', updateFields: {} });
		const zero = await run({ operation: 'update', transferId: 'trsf_test_1', updateFields: { amount: 0 } });
		expect(empty.error?.message).toBe('Update Fields is empty: add Amount or Metadata to change');
		expect(zero.error?.message).toBe('Update Fields holds only empty values: add Amount or Metadata to change');
		expect(omise.requests).toEqual([]);
	});

	test('Get Many with Simplify, newest first; Search by a metadata value, Sent and an amount range in the major unit', async () => {
		await fund(1_000_000);
		const first = await transfer(100_000, { metadata: { invoice: 'INV-9' } });
		const second = await transfer(200_000);
		await omise.call('POST', `/transfers/${second.id}/mark_as_sent`);
		const list = await run({ operation: 'getAll', limit: 10, filters: { order: 'reverse_chronological' }, simplify: true });
		expect(list.requests).toEqual([sent('GET', '/transfers', undefined, { limit: '10', order: 'reverse_chronological' })]);
		expect(list.items.map((item) => [item.json.id, item.json.amount_major, item.json.sent])).toEqual([
			[second.id, '2000.00', true],
			[first.id, '1000.00', false],
		]);
		const found = await run({ operation: 'search', query: 'INV-9', searchFilters: { sent: false, amount: '500..1500' }, limit: 5 });
		expect(found.requests).toEqual([
			sent('GET', '/search', undefined, { scope: 'transfer', query: 'INV-9', 'filters[amount]': '500..1500', 'filters[sent]': 'false', per_page: '5', page: '1' }),
		]);
		expect(found.items.map((item) => item.json.id)).toEqual([first.id]);
	});
});

// Omise's own recorded transfers pass through Get Many and Get, with Simplify off and on:
// omise-php tests/fixtures/api.omise.co/transfers-get.json and transfers/trsf_test_6344mzlz6y6nbeiaoxv-get.json
// (API 2019-05-29: fee, fee_vat, net, transactions, the bank account with account_number), and
// omise-dotnet testdata/fixtures/api.omise.co/transfers-get.json (an older version: `transaction`, no fee_vat;
// omise-go's copy of it is not valid JSON) and omise-go transfers/trsf_test_4yqacz8t3cbipcj766u-get.json.
const PHP_TRANSFER = {
	object: 'transfer',
	id: 'trsf_test_6344mzlz6y6nbeiaoxv',
	livemode: false,
	location: '/transfers/trsf_test_6344mzlz6y6nbeiaoxv',
	deleted: false,
	fail_fast: false,
	paid: false,
	sent: false,
	sendable: true,
	currency: 'THB',
	amount: 100000,
	fee: 2804,
	metadata: {},
	recipient: 'recp_test_62e6vi6h2cnhukcqr13',
	bank_account: {
		object: 'bank_account',
		livemode: false,
		last_digits: '6789',
		account_number: '123456789',
		name: 'DEFAULT BANK ACCOUNT',
		type: null,
		created_at: '2025-01-13T02:42:11Z',
		brand: 'Test Bank',
		bank_code: 'test',
		branch_code: null,
	},
	failure_code: null,
	failure_message: null,
	paid_at: null,
	sent_at: null,
	balance_hold_at: null,
	created_at: '2025-03-20T10:15:35Z',
	transactions: [],
	schedule: null,
	fee_vat: 196,
	net: 97000,
	total_fee: 3000,
	split_transfer_group_id: null,
};
const PHP_LIST = { object: 'list', data: [PHP_TRANSFER], limit: 20, offset: 0, total: 1, location: '/transfers', order: 'chronological', from: '1970-01-01T00:00:00Z', to: '2025-03-20T10:18:24Z' };
const DOTNET_LIST = {
	object: 'list',
	from: '1970-01-01T00:00:00+00:00',
	to: '2015-01-15T10:16:08+00:00',
	offset: 0,
	limit: 20,
	total: 2,
	order: 'chronological',
	location: '/transfers',
	data: [
		{
			object: 'transfer',
			id: 'trsf_test_4yqacz8t3cbipcj766u',
			livemode: false,
			location: '/transfers/trsf_test_4yqacz8t3cbipcj766u',
			sent: true,
			paid: true,
			amount: 192188,
			bank_account: { object: 'bank_account', brand: 'test', last_digits: '6789', name: 'DEFAULT BANK ACCOUNT', created_at: '2015-12-16T05:55:29Z' },
			currency: 'thb',
			fee: 3000,
			failure_code: null,
			failure_message: null,
			transaction: 'trxn_test_4yqafnvlztbf3908vs1',
			recipient: 'recp_test_50894vc13y8z4v51iuc',
			created_at: '2016-01-28T06:56:10Z',
		},
		{
			object: 'transfer',
			id: 'trsf_test_52u3iksaytvi9u23rie',
			livemode: false,
			location: '/transfers/trsf_test_52u3iksaytvi9u23rie',
			recipient: 'recp_test_52d8z55mdalt4o3wzz0',
			bank_account: { object: 'bank_account', brand: 'test', last_digits: '6789', name: 'JOHN DOE', created_at: '2015-06-02T09:26:59Z' },
			sent: false,
			paid: false,
			amount: 32100,
			currency: 'thb',
			fee: 3000,
			failure_code: null,
			failure_message: null,
			transaction: null,
			created_at: '2015-01-15T10:04:47Z',
		},
	],
};
const GO_TRANSFER = {
	object: 'transfer',
	id: 'trsf_test_4yqacz8t3cbipcj766u',
	livemode: false,
	location: '/transfers/trsf_test_4yqacz8t3cbipcj766u',
	sent: true,
	paid: true,
	amount: 192188,
	currency: 'thb',
	failure_code: null,
	failure_message: null,
	transaction: 'trxn_test_4yqafnvlztbf3908vs1',
	recipient: 'recp_test_50894vc13y8z4v51iuc',
	bank_account: { object: 'bank_account', brand: 'test', last_digits: '6789', name: 'JOHN DOE', created_at: '2015-06-02T09:26:59Z' },
	created_at: '2015-01-15T10:04:47Z',
};

describe('Omise’s recorded transfers pass through', () => {
	const answer = (path: string, body: unknown) =>
		omise.faults.add({ kind: 'garbage', method: 'GET', path, status: 200, body: JSON.stringify(body), contentType: 'application/json', times: 1 });

	test('Get Many and Get, Simplify off: Omise’s objects as they are', async () => {
		for (const recorded of [PHP_LIST, DOTNET_LIST]) {
			answer('/transfers', recorded);
			const list = await run({ operation: 'getAll', limit: 20 });
			expect(list.error).toBeUndefined();
			expect(list.items.map((item) => item.json)).toEqual(recorded.data);
		}
		for (const recorded of [PHP_TRANSFER, GO_TRANSFER]) {
			answer(`/transfers/${recorded.id}`, recorded);
			const one = await run({ operation: 'get', transferId: recorded.id });
			expect(one.items.map((item) => item.json)).toEqual([recorded]);
		}
	});

	test('Get Many and Get, Simplify on: the amounts in the major unit, no account_number', async () => {
		answer('/transfers', PHP_LIST);
		const php = await run({ operation: 'getAll', limit: 20, simplify: true });
		expect(php.items.map((item) => item.json)).toEqual([
			{
				id: 'trsf_test_6344mzlz6y6nbeiaoxv',
				sent: false,
				paid: false,
				sendable: true,
				amount_major: '1000.00',
				fee_major: '28.04',
				fee_vat_major: '1.96',
				net_major: '970.00',
				currency: 'THB',
				recipient: 'recp_test_62e6vi6h2cnhukcqr13',
				bank_account: { brand: 'Test Bank', bank_code: 'test', branch_code: null, type: null, last_digits: '6789', name: 'DEFAULT BANK ACCOUNT' },
				sent_at: null,
				paid_at: null,
				failure_code: null,
				failure_message: null,
				metadata: {},
				created_at: '2025-03-20T10:15:35Z',
				livemode: false,
			},
		]);
		answer('/transfers', DOTNET_LIST);
		const dotnet = await run({ operation: 'getAll', limit: 20, simplify: true });
		expect(dotnet.items.map((item) => [item.json.id, item.json.amount_major, item.json.fee_major, item.json.net_major, item.json.sent])).toEqual([
			['trsf_test_4yqacz8t3cbipcj766u', '1921.88', '30.00', undefined, true],
			['trsf_test_52u3iksaytvi9u23rie', '321.00', '30.00', undefined, false],
		]);
		answer(`/transfers/${GO_TRANSFER.id}`, GO_TRANSFER);
		const go = await run({ operation: 'get', transferId: GO_TRANSFER.id, simplify: true });
		expect(go.items[0].json).toMatchObject({ id: GO_TRANSFER.id, amount_major: '1921.88', paid: true, bank_account: { brand: 'test', last_digits: '6789', name: 'JOHN DOE' } });
		answer(`/transfers/${PHP_TRANSFER.id}`, PHP_TRANSFER);
		const one = await run({ operation: 'get', transferId: PHP_TRANSFER.id, simplify: true });
		expect(JSON.stringify(one.items[0].json)).not.toContain('123456789');
	});
});
