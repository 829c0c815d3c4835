import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();
/** GET /search with this query. */
const searched = (query: Record<string, string>) => sent('GET', '/search', undefined, query);
const search = async (resource: string, parameters: Record<string, unknown>) => await omise.run({ resource, operation: 'search', ...parameters });
let tokenCounter = 0;
const token = () => `tokn_test_search${++tokenCounter}`;

describe('Charge → Search', () => {
	test('Charge: the charge for order X by metadata; filters, amount in major units, order, Limit → per_page', async () => {
		const wanted = await omise.call('POST', '/charges', { amount: 150050, currency: 'thb', card: token(), metadata: { order_id: 'ORD-7781' } });
		await omise.call('POST', '/charges', { amount: 150050, currency: 'thb', card: token(), metadata: { order_id: 'ORD-1000' } });
		await omise.call('POST', '/charges', { amount: 990000, currency: 'thb', card: token(), metadata: { order_id: 'ORD-7781-B' } });

		const byOrder = await search('charge', { query: 'ORD-7781', amountUnit: 'smallest', limit: 5, searchFilters: { status: 'successful', captured: true, currency: 'thb', amount: '150050' } });
		const byRange = await search('charge', { amountUnit: 'major', limit: 50, filters: { order: 'chronological' }, searchFilters: { amount: '1000..2000.5' } });
		expect(omise.requests).toEqual([
			searched({
				scope: 'charge',
				query: 'ORD-7781',
				per_page: '5',
				page: '1',
				'filters[currency]': 'THB',
				'filters[status]': 'successful',
				'filters[amount]': '1500.50',
				'filters[captured]': 'true',
			}),
			searched({ scope: 'charge', per_page: '50', page: '1', order: 'chronological', 'filters[amount]': '1000..2000.5' }),
		]);
		expect(byOrder.items.map((item) => item.json.id)).toEqual([wanted.id]);
		expect(byRange.items.map((item) => item.json.amount)).toEqual([150050, 150050]);
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
		expect(omise.requests).toEqual([]);
	});
});
