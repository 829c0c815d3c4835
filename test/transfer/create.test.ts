// Transfer → Create is exactly-once: money leaves the account. A create whose
// answer is lost is looked up (never sent again), a repeated Idempotency Key
// returns the first transfer, and an AI agent repeating a call gets the first
// transfer back while a call for another amount makes its own.
import type { INodeExecutionData } from 'n8n-workflow';

import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox({}, { each: true });
const KEY = 'n8n_idempotency_key';
const listNewestFirst = sent('GET', '/transfers', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' });
const fund = async (amount = 10_000_000) => await omise.call('POST', '/charges', { amount, currency: 'thb', card: 'tokn_test_payouts' });
const transfers = () => omise.store.all('transfer', false);
const posts = (requests: Array<{ method: string }>) => requests.filter((request) => request.method === 'POST');

describe('a lost answer', () => {
	test.each(['reset', 'stall'] as const)('the create reached Omise but its answer was lost (%s): looked up, found by its mark, never sent twice', async (kind) => {
		await fund();
		omise.faults.add({ kind, method: 'POST', path: '/transfers', process: true, times: 1 });
		const { items, requests, error } = await omise.run(
			{ resource: 'transfer', operation: 'create', amount: 250000, amountUnit: 'smallest', requestOptions: { timeout: 700 } },
			{ node: { onError: 'continueRegularOutput' } },
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('POST', '/transfers', { amount: 250000, metadata: { [MARK_KEY]: MARK } }), listNewestFirst]);
		expect(transfers()).toHaveLength(1);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					object: 'transfer',
					id: transfers()[0].id,
					amount: 250000,
					recovered: expect.stringMatching(/^The answer to the create request was lost \(.+\); this transfer was found in Omise afterwards\.$/),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('with an Idempotency Key: found by its mark; a second run finds it by the key and sends nothing', async () => {
		await fund();
		omise.faults.add({ kind: 'reset', method: 'POST', path: '/transfers', process: true, times: 1 });
		const keyed = { resource: 'transfer', operation: 'create', amount: 99, amountUnit: 'major', idempotencyKey: 'payout-2026-05' };
		const first = await omise.run(keyed, { node: { onError: 'continueRegularOutput' } });
		expect(first.requests).toEqual([
			// the key is looked for first, then the currency is read, then the transfer is created once
			listNewestFirst,
			sent('GET', '/balance'),
			sent('POST', '/transfers', { amount: 9900, metadata: { [KEY]: 'payout-2026-05', [MARK_KEY]: MARK } }),
			listNewestFirst,
		]);
		expect(first.items[0].json).toMatchObject({ amount: 9900, recovered: expect.stringContaining('found in Omise afterwards') });
		const again = await omise.run(keyed);
		expect(again.requests).toEqual([listNewestFirst]);
		expect(again.items[0].json).toMatchObject({ id: first.items[0].json.id, reused: expect.stringMatching(/^A transfer with this Idempotency Key already existed/) });
		expect(transfers()).toHaveLength(1);
	});
});

describe('Idempotency Key', () => {
	const rows = (keys: string[]): INodeExecutionData[] => keys.map((key, i) => ({ json: { key, amount: 100000 + i } }));
	const keyedCreate = { resource: 'transfer', operation: 'create', amount: '={{ $json.amount }}', amountUnit: 'smallest', idempotencyKey: '={{ $json.key }}' };

	test('run twice: the second run returns the first transfers, marked reused, paired with their rows; nothing is paid twice', async () => {
		await fund();
		const first = await omise.run(keyedCreate, { items: rows(['inv-1', 'inv-2']) });
		expect(first.error).toBeUndefined();
		expect(posts(first.requests)).toEqual([
			sent('POST', '/transfers', { amount: 100000, metadata: { [KEY]: 'inv-1', [MARK_KEY]: MARK } }),
			sent('POST', '/transfers', { amount: 100001, metadata: { [KEY]: 'inv-2', [MARK_KEY]: MARK } }),
		]);
		const second = await omise.run(keyedCreate, { items: rows(['inv-1', 'inv-2']) });
		expect(second.requests).toEqual([listNewestFirst]);
		expect(second.items.map((item) => [item.json.id, Boolean(item.json.reused), item.pairedItem])).toEqual([
			[first.items[0].json.id, true, { item: 0 }],
			[first.items[1].json.id, true, { item: 1 }],
		]);
		expect(transfers().map((transfer) => (transfer.metadata as Record<string, string>)[KEY])).toEqual(['inv-1', 'inv-2']);
	});

	test('rows of one run with the same key: one transfer, the later row gets it', async () => {
		await fund();
		const { items, requests } = await omise.run(keyedCreate, { items: rows(['inv-7', 'inv-7']) });
		expect(posts(requests)).toHaveLength(1);
		expect(items.map((item) => [item.json.id, Boolean(item.json.reused)])).toEqual([
			[transfers()[0].id, false],
			[transfers()[0].id, true],
		]);
	});
});

describe('as an AI agent’s tool, without a key', () => {
	const tool = { type: 'n8n-nodes-omise.omiseTool' };
	const inRun = (executionId: string) => ({ node: tool, additionalData: { executionId } });
	const payout = (amount: number) => ({ resource: 'transfer', operation: 'create', amount });

	test('the same call twice in one agent run: one transfer; a call for another amount (in the major unit, converted later) makes its own', async () => {
		await fund();
		const first = await omise.run(payout(100), inRun('agent-payouts-1'));
		const repeat = await omise.run(payout(100), inRun('agent-payouts-1'));
		const other = await omise.run(payout(200), inRun('agent-payouts-1'));
		expect(first.error).toBeUndefined();
		expect(repeat.items[0].json).toMatchObject({ id: first.items[0].json.id, reused: expect.stringContaining('An identical call earlier in this agent run created this transfer') });
		expect(posts(repeat.requests)).toEqual([]);
		expect(other.items[0].json).toMatchObject({ amount: 20000 });
		expect(other.items[0].json.reused).toBeUndefined();
		expect(transfers().map((transfer) => transfer.amount)).toEqual([10000, 20000]);
	});
});
