import { sent, useSandbox } from '../harness/operation';

// a sandbox of this file's own: 231 customers
const omise = useSandbox();
/** GET /search with this query. */
const searched = (query: Record<string, string>) => sent('GET', '/search', undefined, query);

describe('Customer → Search', () => {
	test('Return All over more than one page requests page 1, 2, 3 with per_page 100', async () => {
		for (let index = 0; index < 230; index++) await omise.call('POST', '/customers', { email: `member${index}@example.com`, description: 'gym' });
		await omise.call('POST', '/customers', { email: 'other@example.com', description: 'cafe' });
		const { items, error } = await omise.run({ resource: 'customer', operation: 'search', query: 'gym', returnAll: true });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual(
			[1, 2, 3].map((page) => searched({ scope: 'customer', query: 'gym', per_page: '100', page: String(page) })),
		);
		expect(items).toHaveLength(230);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(230);
		expect(items[0].json.email).toBe('member229@example.com'); // Omise's search: newest first
	});
});
