// Transaction → Get / Get Many: the movements of the balance, for reconciliation.
// The sandbox writes a credit for every captured charge and a debit for every refund.
import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({}, { each: true });

/** What a paid charge adds to the balance: its net, after the sandbox's fee (3.65 %) and the fee's VAT (7 %), as Omise credits it. */
const netOf = (amount: number) => amount - Math.round(amount * 0.0365) - Math.round(Math.round(amount * 0.0365) * 0.07);

async function charge(amount: number, token: string) {
	return await omise.call('POST', '/charges', { amount, currency: 'thb', card: token });
}

describe('Transaction', () => {
	test('Get Many with Simplify: one item per movement, its direction, the amount in the major unit (a charge’s net), what it is and where it comes from', async () => {
		const paid = await charge(150050, 'tokn_test_tx1');
		const refund = await omise.call('POST', `/charges/${String(paid.id)}/refunds`, { amount: 50 });
		const { items, requests, error } = await omise.run({ resource: 'transaction', operation: 'getAll', limit: 10, filters: { order: 'chronological' }, simplify: true });
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('GET', '/transactions', undefined, { limit: '10', order: 'chronological' })]);
		expect(items.map((item) => item.json)).toEqual([
			{ id: expect.stringMatching(/^trxn_test_/), direction: 'credit', amount_major: '1441.90', currency: 'THB', key: 'charge.capture', origin: paid.id, transferable_at: expect.any(String), created_at: expect.any(String), livemode: false },
			{ id: expect.stringMatching(/^trxn_test_/), direction: 'debit', amount_major: '0.50', currency: 'THB', key: 'refund', origin: refund.id, transferable_at: expect.any(String), created_at: expect.any(String), livemode: false },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Get: one transaction by its ID, as Omise sends it', async () => {
		await charge(2000, 'tokn_test_tx2');
		const [listed] = (await omise.run({ resource: 'transaction', operation: 'getAll', limit: 1 })).items;
		const { items, requests } = await omise.run({ resource: 'transaction', operation: 'get', transactionId: listed.json.id });
		expect(requests).toEqual([sent('GET', `/transactions/${String(listed.json.id)}`)]);
		expect(items[0].json).toEqual({ ...listed.json });
		expect(items[0].json).toMatchObject({ object: 'transaction', amount: netOf(2000), direction: 'credit', location: `/transactions/${String(listed.json.id)}` });
	});

	test('Get Many with Return All reads every page (more than 100 movements) and a period by From/To', async () => {
		for (let i = 0; i < 101; i++) await charge(2000 + i, `tokn_test_page${i}`);
		const { items, requests } = await omise.run({ resource: 'transaction', operation: 'getAll', returnAll: true, filters: { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' } });
		const period = { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' };
		expect(requests).toEqual([
			sent('GET', '/transactions', undefined, { ...period, limit: '100', offset: '0' }),
			sent('GET', '/transactions', undefined, { ...period, limit: '100', offset: '100' }),
		]);
		expect(items).toHaveLength(101);
		expect(items.reduce((sum, item) => sum + Number(item.json.amount), 0)).toBe(Array.from({ length: 101 }, (_, i) => netOf(2000 + i)).reduce((a, b) => a + b, 0));
	});

	test('a charge names its transaction: Transaction → Get of charge.transaction is the credit of that charge', async () => {
		const paid = await charge(100000, 'tokn_test_tx3');
		const { items } = await omise.run({ resource: 'transaction', operation: 'get', transactionId: paid.transaction, simplify: true });
		// the sandbox's fee is 3.65 % plus 7 % VAT on it, as Omise's recorded charges show
		expect(paid).toMatchObject({ fee: 3650, fee_vat: 256, net: 96094 });
		// its credit is the net, as Omise's recorded transactions show: 96094 for a 100000 charge
		expect(items[0].json).toMatchObject({ id: paid.transaction, direction: 'credit', amount_major: '960.94', key: 'charge.capture', origin: paid.id });
	});

	// Omise's own recorded responses (omise-go testdata/fixtures/api.omise.co/transactions-get.json and
	// transactions/trxn_test_4yq7duwb9jts1vxgqua-get.json, an older API version: `type` and `created`)
	// pass through Get Many and Get, with Simplify off and on.
	const RECORDED_LIST = {
		object: 'list', from: '1970-01-01T00:00:00+00:00', to: '2015-01-15T10:14:58+00:00', offset: 0, limit: 20, total: 2,
		data: [
			{ object: 'transaction', id: 'trxn_test_4yq7duwb9jts1vxgqua', type: 'credit', amount: 96094, currency: 'THB', created: '2015-01-15T05:00:29Z' },
			{ object: 'transaction', id: 'trxn_test_4yqafnvlztbf3908vs1', type: 'debit', amount: 192188, currency: 'THB', created: '2015-01-15T10:12:25Z' },
		],
	};
	test.each([false, true])('Omise\'s recorded transactions pass through (Simplify %s)', async (simplify) => {
		omise.faults.add({ kind: 'garbage', method: 'GET', path: '/transactions', status: 200, body: JSON.stringify(RECORDED_LIST), contentType: 'application/json', times: 1 });
		const list = await omise.run({ resource: 'transaction', operation: 'getAll', limit: 20, simplify });
		expect(list.error).toBeUndefined();
		expect(list.items.map((item) => [item.json.id, simplify ? item.json.amount_major : item.json.amount])).toEqual([
			['trxn_test_4yq7duwb9jts1vxgqua', simplify ? '960.94' : 96094],
			['trxn_test_4yqafnvlztbf3908vs1', simplify ? '1921.88' : 192188],
		]);
		omise.faults.add({ kind: 'garbage', method: 'GET', path: '/transactions/trxn_test_4yq7duwb9jts1vxgqua', status: 200, body: JSON.stringify(RECORDED_LIST.data[0]), contentType: 'application/json', times: 1 });
		const one = await omise.run({ resource: 'transaction', operation: 'get', transactionId: 'trxn_test_4yq7duwb9jts1vxgqua', simplify });
		expect(one.error).toBeUndefined();
		expect(one.items[0].json.id).toBe('trxn_test_4yq7duwb9jts1vxgqua');
	});
});
