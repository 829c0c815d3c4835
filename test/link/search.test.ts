import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();
/** GET /search with this query. */
const searched = (query: Record<string, string>) => sent('GET', '/search', undefined, query);
const search = async (resource: string, parameters: Record<string, unknown>) => await omise.run({ resource, operation: 'search', ...parameters });

describe('Link → Search', () => {
	test('Link: used filter and created range from From/To (days in the workflow time zone)', async () => {
		const link = await omise.call('POST', '/links', { amount: 50000, currency: 'thb', title: 'Yoga class', description: 'Morning yoga', metadata: { row: '12' } });
		const today = new Date().toISOString().slice(0, 10);
		const { items } = await search('link', {
			query: 'yoga',
			returnAll: false,
			limit: 10,
			filters: { from: '2020-01-01T00:00:00Z', to: `${today}T23:59:59Z` },
			searchFilters: { used: false },
		});
		const [sent] = omise.requests;
		expect(sent).toEqual(searched({ scope: 'link', query: 'yoga', per_page: '10', page: '1', 'filters[used]': 'false', 'filters[created]': expect.stringMatching(/^2019-12-3[01]\.\.\d{4}-\d{2}-\d{2}$/) }));
		expect(items.map((item) => item.json.id)).toEqual([link.id]);
	});
});
