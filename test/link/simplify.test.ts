// Link → Create with Simplify: the payment page first, the amount as exact text in the major unit.
import { AUTH, sent, useSandbox } from '../harness/operation';

const omise = useSandbox();

describe('Simplify', () => {
	const createLink = { resource: 'link', operation: 'create', amount: '={{ $json.price }}', currency: '={{ $json.currency }}', title: '={{ $json.title }}', description: 'Order', simplify: true };

	test('Link → Create: the payment page first, the amount as exact text in the major unit, each item paired with its row', async () => {
		const { items, error } = await omise.run(
			{ ...createLink, metadata: { metadataValues: [{ key: 'row', value: '={{ $json.row }}' }] } },
			{ items: [{ json: { title: 'Latte', price: '1500.50', currency: 'THB', row: 2 } }, { json: { title: 'Matcha', price: '1500', currency: 'JPY', row: 3 } }] },
		);
		expect(error).toBeUndefined();
		const links = omise.store.all('link', false).slice(-2) as Array<{ id: string; payment_uri?: string }>;
		expect(omise.requests).toEqual([
			sent('POST', '/links', { amount: 150050, currency: 'thb', title: 'Latte', description: 'Order', multiple: false, metadata: { row: 2 } }),
			sent('POST', '/links', { amount: 1500, currency: 'jpy', title: 'Matcha', description: 'Order', multiple: false, metadata: { row: 3 } }),
		]);
		expect(items.map((item) => Object.keys(item.json))).toEqual([
			['id', 'payment_uri', 'used', 'amount_major', 'currency', 'title', 'description', 'multiple', 'metadata', 'created_at', 'livemode'],
			['id', 'payment_uri', 'used', 'amount_major', 'currency', 'title', 'description', 'multiple', 'metadata', 'created_at', 'livemode'],
		]);
		expect(items).toEqual([
			{
				json: {
					id: links[0].id,
					payment_uri: expect.stringMatching(new RegExp(`^${omise.url}/pay/`)),
					used: false,
					amount_major: '1500.50',
					currency: 'THB',
					title: 'Latte',
					description: 'Order',
					multiple: false,
					metadata: { row: 2 },
					created_at: expect.any(String),
					livemode: false,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					id: links[1].id,
					payment_uri: expect.stringMatching(new RegExp(`^${omise.url}/pay/`)),
					used: false,
					amount_major: '1500',
					currency: 'JPY',
					title: 'Matcha',
					description: 'Order',
					multiple: false,
					metadata: { row: 3 },
					created_at: expect.any(String),
					livemode: false,
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	test('off by default: Omise\'s full object, as before', async () => {
		const { items } = await omise.run({ ...createLink, simplify: undefined }, { items: [{ json: { title: 'Latte', price: '1500.50', currency: 'THB' } }] });
		expect(items[0].json).toMatchObject({ object: 'link', amount: 150050, location: expect.any(String) });
		expect(items[0].json.amount_major).toBeUndefined();
	});

	test('a create whose answer was lost, found afterwards, keeps its `recovered` note', async () => {
		omise.faults.set([{ kind: '500', path: '/links', bodyIncludes: '"Lost answer"', process: true }]);
		const { items, error } = await omise.run({ ...createLink, title: 'Lost answer' }, { items: [{ json: { price: '99.00', currency: 'THB' } }], node: { onError: 'continueRegularOutput' } });
		expect(error).toBeUndefined();
		const [create, lookUp, ...more] = omise.requests;
		expect(create).toEqual(sent('POST', '/links', { amount: 9900, currency: 'thb', title: 'Lost answer', description: 'Order', multiple: false }));
		expect(lookUp).toMatchObject({ method: 'GET', path: '/links', query: { order: 'reverse_chronological', limit: '100', offset: '0' }, authorization: AUTH });
		expect(more).toEqual([]);
		const lost = omise.store.all('link', false).filter((link) => link.title === 'Lost answer');
		expect(lost).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ id: lost[0].id, title: 'Lost answer', amount_major: '99.00', recovered: expect.stringContaining('this link was found in Omise afterwards') });
		expect(Object.keys(items[0].json).slice(0, 2)).toEqual(['id', 'payment_uri']);
	});
});
