import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();
/** GET /search with this query. */
const searched = (query: Record<string, string>) => sent('GET', '/search', undefined, query);
const search = async (resource: string, parameters: Record<string, unknown>) => await omise.run({ resource, operation: 'search', ...parameters });

describe('Refund → Search', () => {
	test('Refund: voided filter and More Filters', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_search1' });
		const refund = await omise.call('POST', `/charges/${String(charge.id)}/refunds`, { amount: 20000, metadata: { ticket: 'T-5' } });
		const { items } = await search('refund', { query: 'T-5', limit: 3, searchFilters: { voided: false, more: { filter: [{ key: 'status', value: 'closed' }] } } });
		expect(omise.requests).toEqual([searched({ scope: 'refund', query: 'T-5', per_page: '3', page: '1', 'filters[voided]': 'false', 'filters[status]': 'closed' })]);
		expect(items.map((item) => [item.json.id, item.json.object])).toEqual([[refund.id, 'refund']]);
	});
});
