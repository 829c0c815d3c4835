// Idempotency Key of every create: the key is kept in the object's metadata,
// and a create whose key an object already carries returns that object
// (marked reused, paired with its row) instead of making a second one: across
// re-runs of the workflow, rows of one run, a lost answer.
import type { INodeExecutionData } from 'n8n-workflow';

import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({ searchLagMs: 10 * 60_000 }, { each: true });
const KEY = 'n8n_idempotency_key';
const HOUR = 60 * 60_000;

const rows = (n: number, key = (i: number) => `order-${i}`): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { order: key(i), title: `Row ${i}` } }));
const linkCreate = { resource: 'link', operation: 'create', amount: 100, currency: 'THB', title: '={{ $json.title }}', description: 'Keyed', idempotencyKey: '={{ $json.order }}' };
const listLinks = sent('GET', '/links', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' });
const search = (scope: string, query: string) => sent('GET', '/search', undefined, { scope, query, page: '1', per_page: '100' });
const keysOf = (kind: string) => omise.store.all(kind, false).map((object) => (object.metadata as Record<string, string> | undefined)?.[KEY]);

test('the same 50 rows run twice: 50 links, the second run finds every one by its key and creates nothing', async () => {
	const first = await omise.run(linkCreate, { items: rows(50), node: { onError: 'continueRegularOutput' } });
	expect(first.error).toBeUndefined();
	expect(first.requests.filter((request) => request.method === 'POST')).toHaveLength(50);
	expect(first.requests[0]).toEqual(listLinks);
	expect(first.requests.filter((request) => request.path === '/search')).toHaveLength(50);
	expect(first.items.map((item) => [item.json.reused, item.pairedItem])).toEqual(rows(50).map((_, i) => [undefined, { item: i }]));
	const created = first.items.map((item) => item.json.id);
	expect(first.items.map((item) => (item.json.metadata as Record<string, string>)[KEY])).toEqual(rows(50).map((row) => row.json.order));

	const second = await omise.run(linkCreate, { items: rows(50), node: { onError: 'continueRegularOutput' } });
	// One list of the recent links answers every row: no search, no create.
	expect(second.requests).toEqual([listLinks]);
	expect(second.items.map((item) => [item.json.id, item.pairedItem])).toEqual(created.map((id, i) => [id, { item: i }]));
	expect(second.items.every((item) => String(item.json.reused).startsWith('A link with this Idempotency Key already existed'))).toBe(true);
	expect(omise.store.all('link', false)).toHaveLength(50);
});

test('rows of one run with the same key: the first creates, the later ones get its link', async () => {
	const { items, requests } = await omise.run(linkCreate, { items: rows(6, (i) => `order-${i % 2}`) });
	expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2);
	expect(items.map((item) => [item.json.id, Boolean(item.json.reused), item.pairedItem])).toEqual([
		[items[0].json.id, false, { item: 0 }],
		[items[1].json.id, false, { item: 1 }],
		[items[0].json.id, true, { item: 2 }],
		[items[1].json.id, true, { item: 3 }],
		[items[0].json.id, true, { item: 4 }],
		[items[1].json.id, true, { item: 5 }],
	]);
	expect(keysOf('link')).toEqual(['order-0', 'order-1']);
});

test('two executions at once with the same key (an AI agent’s parallel tool calls): one link, the later one gets it', async () => {
	const [a, b] = await Promise.all([omise.run(linkCreate, { items: rows(1) }), omise.run(linkCreate, { items: rows(1) })]);
	expect(omise.store.all('link', false)).toHaveLength(1);
	expect(a.items[0].json.id).toBe(b.items[0].json.id);
	expect([a.items[0].json.reused, b.items[0].json.reused].filter(Boolean)).toHaveLength(1);
});

test('with Simplify, a reused link keeps its id, payment_uri and the reused note', async () => {
	await omise.run(linkCreate, { items: rows(1) });
	const { items } = await omise.run({ ...linkCreate, simplify: true }, { items: rows(1) });
	expect(Object.keys(items[0].json)).toEqual(expect.arrayContaining(['id', 'payment_uri', 'reused']));
});

describe('as an AI agent’s tool, without a key', () => {
	const tool = { type: 'n8n-nodes-omise.omiseTool' };
	const call = { resource: 'link', operation: 'create', amount: 1500.5, currency: 'THB', title: 'Latte', descriptionText: 'One latte' };
	// n8n gives every execution its own ID; this process remembers calls by it, so each test has its own.
	const inRun = (executionId: string) => ({ node: tool, additionalData: { executionId } });

	test('the same call twice in one agent run, one after the other and at once: one link; the repeats say so', async () => {
		const first = await omise.run(call, inRun('agent-run-1'));
		const again = await omise.run(call, inRun('agent-run-1'));
		const together = await Promise.all([omise.run(call, inRun('agent-run-1')), omise.run(call, inRun('agent-run-1'))]);
		expect(omise.store.all('link', false)).toHaveLength(1);
		for (const repeat of [again, ...together]) {
			expect(repeat.items[0].json.id).toBe(first.items[0].json.id);
			expect(repeat.items[0].json.reused).toBe(
				`An identical call earlier in this agent run created this link (${String(first.items[0].json.created_at)}); it is returned, and nothing was created. To create another on purpose, give a different Idempotency Key.`,
			);
		}
		expect(first.items[0].json.reused).toBeUndefined();
	});

	test('another agent run, other arguments, or a key of the model’s own: a new link each', async () => {
		await omise.run(call, inRun('agent-run-3'));
		await omise.run(call, inRun('agent-run-4'));
		await omise.run({ ...call, title: 'Two lattes' }, inRun('agent-run-3'));
		await omise.run({ ...call, idempotencyKey: 'order-9' }, inRun('agent-run-3'));
		expect(omise.store.all('link', false)).toHaveLength(4);
	});
});

test('a link created an hour ago is found by Omise’s search, one made minutes ago (not yet searchable) by the list', async () => {
	const old = await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title: 'Old', description: 'Old', metadata: { [KEY]: 'order-old' } });
	omise.store.setClockOffset(2 * HOUR);
	const recent = await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title: 'Recent', description: 'Recent', metadata: { [KEY]: 'order-recent' } });
	const { items, requests } = await omise.run(linkCreate, { items: [{ json: { order: 'order-old', title: 'x' } }, { json: { order: 'order-recent', title: 'y' } }] });
	expect(requests).toEqual([listLinks, search('link', 'order-old')]);
	expect(items.map((item) => [item.json.id, Boolean(item.json.reused)])).toEqual([
		[old.id, true],
		[recent.id, true],
	]);
});

test('a key must match exactly: a link whose key only contains it is not the row’s', async () => {
	omise.store.setClockOffset(2 * HOUR);
	await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title: 'Other', description: 'Other', metadata: { [KEY]: 'order-10' } });
	omise.store.setClockOffset(4 * HOUR);
	const { items, requests } = await omise.run(linkCreate, { items: [{ json: { order: 'order-1', title: 'x' } }] });
	expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /links', 'GET /search', 'POST /links']);
	expect(items[0].json.reused).toBeUndefined();
	expect((items[0].json.metadata as Record<string, string>)[KEY]).toBe('order-1');
});

test('a lost answer is found by its key, exactly (a link carries no request mark)', async () => {
	omise.faults.add({ kind: 'reset', method: 'POST', path: '/links', process: true, times: 1 });
	const { items, error } = await omise.run(linkCreate, { items: rows(1), node: { onError: 'continueRegularOutput' } });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(String(items[0].json.recovered)).toContain('found in Omise afterwards');
	expect(omise.store.all('link', false).map((link) => link.id)).toEqual([items[0].json.id]);
	// A second run finds it by its key.
	const again = await omise.run(linkCreate, { items: rows(1) });
	expect(again.items[0].json.id).toBe(items[0].json.id);
	expect(again.items[0].json.reused).toBeDefined();
});

test.each([
	['an object', { order: { id: 1 } }, 'Idempotency Key must be text; got an object'],
	['too long', { order: 'x'.repeat(256) }, 'Idempotency Key must be at most 255 characters; it has 256'],
])('a key that cannot be stored (%s) is refused before any request', async (_what, json, message) => {
	const { items, requests } = await omise.run(linkCreate, { items: [{ json: { title: 'x', ...json } }], node: { onError: 'continueRegularOutput' } });
	expect(requests).toEqual([]);
	expect(items[0].json.error).toBe(message);
});

test('a key with metadata already holding 50 keys (Omise’s limit) is refused before any request', async () => {
	const metadataValues = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
	const { items, requests } = await omise.run({ ...linkCreate, metadata: { metadataValues } }, { items: rows(1), node: { onError: 'continueRegularOutput' } });
	expect(requests).toEqual([]);
	expect(items[0].json.error).toBe('Idempotency Key cannot be stored: the metadata already has 50 keys, Omise’s limit');
});

test('On Error = Stop: a key on several links stops the node with that error, and nothing is created', async () => {
	for (const title of ['One', 'Two']) await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title, description: 'Twice', metadata: { [KEY]: 'order-0' } });
	// One request at a time: the first row stops the node before the others are sent.
	const { error, requests } = await omise.run({ ...linkCreate, requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 0 } } } }, { items: rows(3) });
	expect(error?.message).toMatch(/^Idempotency Key "order-0": it is on several links: link_test_\w+, link_test_\w+\. Nothing was created\.$/);
	expect(requests.filter((request) => request.method === 'POST')).toEqual([]);
});

describe('every create keeps the key and finds it again', () => {
	test('Charge, Customer, Refund and Schedule → Create: the key in the object’s metadata; a second run reuses it', async () => {
		const customer = await omise.call('POST', '/customers', { email: 'k@example.com', card: 'tokn_test_keyed' });
		const paid = await omise.call('POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_test_keyed2' });
		const creates: Array<[string, Record<string, unknown>, string]> = [
			['charge', { resource: 'charge', operation: 'create', amount: 100, currency: 'THB', paymentMethod: 'customer', customer: customer.id }, '/charges'],
			['customer', { resource: 'customer', operation: 'create', email: 'new@example.com' }, '/customers'],
			['refund', { resource: 'refund', operation: 'create', chargeId: paid.id, amount: 100, amountUnit: 'smallest' }, `/charges/${String(paid.id)}/refunds`],
			['schedule', { resource: 'schedule', operation: 'create', amount: 100, currency: 'THB', customer: customer.id, period: 'month', daysOfMonth: '1', endDate: '2030-01-01' }, '/schedules'],
		];
		for (const [kind, parameters, path] of creates) {
			const first = await omise.run({ ...parameters, idempotencyKey: `key-${kind}` });
			expect(first.error).toBeUndefined();
			const post = first.requests.find((request) => request.method === 'POST');
			expect(post?.path).toBe(path);
			const metadata = kind === 'schedule' ? ((post?.body as Record<string, Record<string, unknown>>).charge.metadata as Record<string, string>) : ((post?.body as Record<string, unknown>).metadata as Record<string, string>);
			expect(metadata[KEY]).toBe(`key-${kind}`);
			const second = await omise.run({ ...parameters, idempotencyKey: `key-${kind}` });
			expect(second.requests.filter((request) => request.method === 'POST')).toEqual([]);
			expect([second.items[0].json.id, Boolean(second.items[0].json.reused)]).toEqual([first.items[0].json.id, true]);
		}
	});

	test('a refund key already used on another charge is refused, naming that refund', async () => {
		const one = await omise.call('POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_test_k1' });
		const two = await omise.call('POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_test_k2' });
		const refund = await omise.call('POST', `/charges/${String(one.id)}/refunds`, { amount: 100, metadata: { [KEY]: 'refund-7' } });
		omise.store.setClockOffset(2 * HOUR);
		const { items, requests } = await omise.run(
			{ resource: 'refund', operation: 'create', chargeId: two.id, amount: 100, amountUnit: 'smallest', idempotencyKey: 'refund-7' },
			{ node: { onError: 'continueRegularOutput' } },
		);
		expect(requests.filter((request) => request.method === 'POST')).toEqual([]);
		expect(items[0].json.error).toBe(`Idempotency Key "refund-7": it is already on ${String(refund.id)}, which belongs elsewhere. Nothing was created.`);
	});
});
