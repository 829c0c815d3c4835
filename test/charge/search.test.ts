import { runOmiseNode } from './harness/n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, startSandbox, summarize } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
const auth = basicAuth(KEYS.testSecretKey);
let tokenCounter = 0;
const token = () => `tokn_test_search${++tokenCounter}`;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const request = (query: Record<string, string>) => ({ method: 'GET', path: '/search', query, body: undefined, authorization: auth });
const search = async (resource: string, parameters: Record<string, unknown>) =>
	await runOmiseNode({ resource, operation: 'search', ...parameters } as never, credentialsFor(sandbox));

describe('Search', () => {
	test('Charge: the charge for order X by metadata; filters, amount in major units, order, Limit → per_page', async () => {
		const wanted = await callSandbox(sandbox, 'POST', '/charges', { amount: 150050, currency: 'thb', card: token(), metadata: { order_id: 'ORD-7781' } });
		await callSandbox(sandbox, 'POST', '/charges', { amount: 150050, currency: 'thb', card: token(), metadata: { order_id: 'ORD-1000' } });
		await callSandbox(sandbox, 'POST', '/charges', { amount: 990000, currency: 'thb', card: token(), metadata: { order_id: 'ORD-7781-B' } });
		sandbox.clearRequests();

		const byOrder = await search('charge', { query: 'ORD-7781', amountUnit: 'smallest', limit: 5, searchFilters: { status: 'successful', captured: true, currency: 'thb', amount: '150050' } });
		const byRange = await search('charge', { amountUnit: 'major', limit: 50, filters: { order: 'chronological' }, searchFilters: { amount: '1000..2000.5' } });
		expect(sandbox.requests.map(summarize)).toEqual([
			request({
				scope: 'charge',
				query: 'ORD-7781',
				per_page: '5',
				page: '1',
				'filters[currency]': 'THB',
				'filters[status]': 'successful',
				'filters[amount]': '1500.50',
				'filters[captured]': 'true',
			}),
			request({ scope: 'charge', per_page: '50', page: '1', order: 'chronological', 'filters[amount]': '1000..2000.5' }),
		]);
		expect(byOrder.items.map((item) => item.json.id)).toEqual([wanted.id]);
		expect(byRange.items.map((item) => item.json.amount)).toEqual([150050, 150050]);
	});

	test('Return All over more than one page requests page 1, 2, 3 with per_page 100', async () => {
		const bigSandbox = await startSandbox();
		try {
			for (let index = 0; index < 230; index++) await callSandbox(bigSandbox, 'POST', '/customers', { email: `member${index}@example.com`, description: 'gym' });
			await callSandbox(bigSandbox, 'POST', '/customers', { email: 'other@example.com', description: 'cafe' });
			bigSandbox.clearRequests();
			const { items, error } = await runOmiseNode({ resource: 'customer', operation: 'search', query: 'gym', returnAll: true } as never, credentialsFor(bigSandbox));
			expect(error).toBeUndefined();
			expect(bigSandbox.requests.map(summarize)).toEqual(
				[1, 2, 3].map((page) => request({ scope: 'customer', query: 'gym', per_page: '100', page: String(page) })),
			);
			expect(items).toHaveLength(230);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(230);
			expect(items[0].json.email).toBe('member229@example.com'); // Omise's search: newest first
		} finally {
			await bigSandbox.close();
		}
	});

	test('Link: used filter and created range from From/To (days in the workflow time zone)', async () => {
		const link = await callSandbox(sandbox, 'POST', '/links', { amount: 50000, currency: 'thb', title: 'Yoga class', description: 'Morning yoga', metadata: { row: '12' } });
		sandbox.clearRequests();
		const today = new Date().toISOString().slice(0, 10);
		const { items } = await search('link', {
			query: 'yoga',
			returnAll: false,
			limit: 10,
			filters: { from: '2020-01-01T00:00:00Z', to: `${today}T23:59:59Z` },
			searchFilters: { used: false },
		});
		const [sent] = sandbox.requests.map(summarize);
		expect(sent).toEqual(request({ scope: 'link', query: 'yoga', per_page: '10', page: '1', 'filters[used]': 'false', 'filters[created]': expect.stringMatching(/^2019-12-3[01]\.\.\d{4}-\d{2}-\d{2}$/) }));
		expect(items.map((item) => item.json.id)).toEqual([link.id]);
	});

	test('Refund: voided filter and More Filters', async () => {
		const charge = await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: token() });
		const refund = await callSandbox(sandbox, 'POST', `/charges/${String(charge.id)}/refunds`, { amount: 20000, metadata: { ticket: 'T-5' } });
		sandbox.clearRequests();
		const { items } = await search('refund', { query: 'T-5', limit: 3, searchFilters: { voided: false, more: { filter: [{ key: 'status', value: 'closed' }] } } });
		expect(sandbox.requests.map(summarize)).toEqual([request({ scope: 'refund', query: 'T-5', per_page: '3', page: '1', 'filters[voided]': 'false', 'filters[status]': 'closed' })]);
		expect(items.map((item) => [item.json.id, item.json.object])).toEqual([[refund.id, 'refund']]);
	});

	test.each([
		[{ amountUnit: 'smallest', searchFilters: { amount: '100' } }, 'Filters → Currency is required to search by an amount in the smallest unit'],
		[{ amountUnit: 'major', searchFilters: { amount: '1..2..3' } }, 'Filters → Amount must be an amount or a range such as 100..500; got "1..2..3"'],
		[{ amountUnit: 'major', searchFilters: { currency: 'JPY', amount: '10.5' } }, 'Filters → Amount must be a whole number for JPY, which has no minor unit; got 10.5'],
		[{ searchFilters: { more: { filter: [{ key: 'bad key', value: '1' }] } } }, 'Filters → More Filters: a key must be an Omise filter name such as card_last_digits; got "bad key"'],
		[{ limit: 500 }, 'Limit must be a whole number from 1 to 100; got 500'],
	])('refuses %p before any request', async (parameters, message) => {
		const { error } = await search('charge', parameters);
		expect(error?.message).toBe(message);
		expect(sandbox.requests).toEqual([]);
	});
});
