import { sent, useSandbox, withSandbox } from '../harness/operation';

describe('Link → Get Many', () => {
	let clock = Date.parse('2026-01-01T00:00:00Z');
	const list = useSandbox({ now: () => new Date((clock += 60_000)) });
	beforeAll(async () => {
		for (let index = 0; index < 250; index++) {
			await list.call('POST', '/links', { amount: 2000 + index, currency: 'thb', title: `Row ${index}`, description: `Row ${index}` });
		}
	});

	test('Return All over 250 links makes exactly 3 requests of limit 100 and outputs one item per link', async () => {
		const { items } = await list.run({ resource: 'link', operation: 'getAll', returnAll: true });
		expect(list.requests).toEqual(
			[0, 100, 200].map((offset) => sent('GET', '/links', undefined, { limit: '100', offset: String(offset) })),
		);
		expect(items).toHaveLength(250);
		expect(items.map((item) => item.json.title)).toEqual(Array.from({ length: 250 }, (_, index) => `Row ${index}`));
	});

	test('Limit is honoured with one request', async () => {
		const { items } = await list.run({ resource: 'link', operation: 'getAll', returnAll: false, limit: 7 });
		expect(list.requests).toEqual([sent('GET', '/links', undefined, { limit: '7' })]);
		expect(items.map((item) => item.json.title)).toEqual(['Row 0', 'Row 1', 'Row 2', 'Row 3', 'Row 4', 'Row 5', 'Row 6']);
	});

	test('filters send from/to in UTC (a zone-less time is read in the workflow time zone) and order', async () => {
		const { items } = await list.run(
			{
				resource: 'link',
				operation: 'getAll',
				returnAll: false,
				limit: 100,
				filters: { from: '2026-01-01T07:05:00', to: '2026-01-01T00:09:00Z', order: 'reverse_chronological' },
			},
			{ settings: { timezone: 'Asia/Bangkok' } },
		);
		expect(list.requests).toEqual([
			sent('GET', '/links', undefined, { limit: '100', from: '2026-01-01T00:05:00Z', to: '2026-01-01T00:09:00Z', order: 'reverse_chronological' }),
		]);
		const inRange = list.store
			.all('link', false, (link) => (link.created_at as string) >= '2026-01-01T00:05:00Z' && (link.created_at as string) <= '2026-01-01T00:09:00Z')
			.map((link) => link.title)
			.reverse();
		expect(inRange.length).toBeGreaterThan(1);
		expect(items.map((item) => item.json.title)).toEqual(inRange);
	});

	test('a From that is not a date is refused before any request', async () => {
		const { error } = await list.run({ resource: 'link', operation: 'getAll', returnAll: true, filters: { from: 'last tuesday' } });
		expect(error?.message).toBe('Filters → From is not a date and time: "last tuesday"');
		expect(list.requests).toEqual([]);
	});

	test('Simplify: every link simplified, paired with the row that asked', async () => {
		await withSandbox(async (own) => {
			for (const amount of [2000, 150050]) await own.call('POST', '/links', { amount, currency: 'thb', title: `Link ${amount}`, description: 'x' });
			const { items, requests } = await own.run({ resource: 'link', operation: 'getAll', returnAll: true, simplify: true });
			expect(requests).toEqual([sent('GET', '/links', undefined, { limit: '100', offset: '0' })]);
			expect(items.map((item) => [item.json.title, item.json.amount_major, item.json.amount, item.pairedItem])).toEqual([
				['Link 2000', '20.00', undefined, { item: 0 }],
				['Link 150050', '1500.50', undefined, { item: 0 }],
			]);
		});
	});
});

describe('Link → Get Charges', () => {
	const omise = useSandbox();

	test('Get Charges lists the payments of a link through GET /links/:id/charges', async () => {
		const link = await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title: 'Donation', description: 'Fixture link', multiple: true });
		for (let payment = 0; payment < 3; payment++) {
			const response = await omise.payLink(String(link.id));
			expect(response.status).toBe(200);
		}
		const all = await omise.run({ resource: 'link', operation: 'getCharges', linkId: link.id, returnAll: true });
		const limited = await omise.run({ resource: 'link', operation: 'getCharges', linkId: link.id, returnAll: false, limit: 2 });
		expect([...all.requests, ...limited.requests]).toEqual([
			sent('GET', `/links/${String(link.id)}/charges`, undefined, { limit: '100', offset: '0' }),
			sent('GET', `/links/${String(link.id)}/charges`, undefined, { limit: '2' }),
		]);
		expect(omise.requests).toHaveLength(2);
		expect(all.items).toHaveLength(3);
		expect(all.items.map((item) => [item.json.object, item.json.link, item.json.status, item.json.paid])).toEqual(
			Array(3).fill(['charge', link.id, 'successful', true]),
		);
		expect(limited.items).toHaveLength(2);
	});
});
