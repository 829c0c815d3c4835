import { sent, useSandbox, withSandbox } from '../harness/operation';

const omise = useSandbox();
let tokenCounter = 0;
const token = () => `tokn_test_member${++tokenCounter}`;
const run = async (parameters: Record<string, unknown>) => await omise.run({ resource: 'customer', ...parameters });
const makeCustomer = async (body: Record<string, unknown> = { email: 'someone@example.com', card: token() }) =>
	(await omise.call('POST', '/customers', body)) as { id: string; default_card: string };

describe('Customer → Get / Update / Delete / Get Many', () => {
	test('Get, Update (new card token, email, metadata), Update default card, Delete', async () => {
		const customer = await makeCustomer();
		const got = await run({ operation: 'get', customerId: customer.id });
		const newCard = token();
		const updated = await run({
			operation: 'update',
			customerId: customer.id,
			updateFields: { email: 'new@example.com', card: newCard, metadata: { metadataValues: [{ key: 'plan', value: 'silver' }] } },
		});
		const back = await run({ operation: 'update', customerId: customer.id, updateFields: { defaultCard: customer.default_card } });
		const deleted = await run({ operation: 'delete', customerId: customer.id });
		expect(omise.requests).toEqual([
			sent('GET', `/customers/${customer.id}`),
			sent('PATCH', `/customers/${customer.id}`, { email: 'new@example.com', card: newCard, metadata: { plan: 'silver' } }),
			sent('PATCH', `/customers/${customer.id}`, { default_card: customer.default_card }),
			sent('DELETE', `/customers/${customer.id}`),
		]);
		expect(got.items.map((item) => item.json.id)).toEqual([customer.id]);
		const afterUpdate = updated.items[0].json as { email: string; metadata: object; cards: { total: number }; default_card: string };
		expect(afterUpdate).toMatchObject({ email: 'new@example.com', metadata: { plan: 'silver' }, cards: { total: 2 } });
		expect(afterUpdate.default_card).not.toBe(customer.default_card);
		expect(back.items[0].json.default_card).toBe(customer.default_card);
		expect(deleted.items[0].json).toMatchObject({ id: customer.id, deleted: true });
	});

	test('Update with empty Update Fields, and IDs of the wrong kind, are refused before any request', async () => {
		const empty = await run({ operation: 'update', customerId: 'cust_test_1', updateFields: {} });
		const blank = await run({ operation: 'update', customerId: 'cust_test_1', updateFields: { email: ' ' } });
		const wrongId = await run({ operation: 'get', customerId: 'chrg_test_1' });
		const wrongCard = await run({ operation: 'getCard', customerId: 'cust_test_1', cardId: 'tokn_test_1' });
		expect(empty.error?.message).toBe('Update Fields is empty: add Email, Description, Card Token, Default Card or Metadata to change');
		expect(blank.error?.message).toBe('Update Fields holds only empty values: add Email, Description, Card Token, Default Card or Metadata to change');
		expect(wrongId.error?.message).toBe('Customer ID must be a customer ID (cust_…); got "chrg_test_1", which is a charge ID');
		expect(wrongCard.error?.message).toBe('Card ID must be a card ID (card_…); got "tokn_test_1", which is a card token');
		expect(omise.requests).toEqual([]);
	});

	test('Get Many: Return All pages by offset; Limit and filters are sent', async () => {
		await withSandbox(async (list) => {
			for (let index = 0; index < 120; index++) await list.call('POST', '/customers', { email: `c${index}@example.com` });
			const all = await list.run({ resource: 'customer', operation: 'getAll', returnAll: true });
			const some = await list.run({ resource: 'customer', operation: 'getAll', limit: 2, filters: { order: 'reverse_chronological' } });
			expect(list.requests).toEqual([
				sent('GET', '/customers', undefined, { limit: '100', offset: '0' }),
				sent('GET', '/customers', undefined, { limit: '100', offset: '100' }),
				sent('GET', '/customers', undefined, { limit: '2', order: 'reverse_chronological' }),
			]);
			expect(all.items.map((item) => item.json.email)).toEqual(Array.from({ length: 120 }, (_, index) => `c${index}@example.com`));
			expect(some.items.map((item) => item.json.email)).toEqual(['c119@example.com', 'c118@example.com']);
		});
	});
});

describe('Customer cards', () => {
	test('Get Cards, Get Card, Update Card (name and expiry), Delete Card', async () => {
		const customer = await makeCustomer();
		const cardId = customer.default_card;
		const listed = await run({ operation: 'getCards', customerId: customer.id, returnAll: true });
		const got = await run({ operation: 'getCard', customerId: customer.id, cardId });
		const updated = await run({ operation: 'updateCard', customerId: customer.id, cardId, updateFields: { name: 'SOMCHAI J', expirationMonth: 9, expirationYear: 2031 } });
		const deleted = await run({ operation: 'deleteCard', customerId: customer.id, cardId });
		expect(omise.requests).toEqual([
			sent('GET', `/customers/${customer.id}/cards`, undefined, { limit: '100', offset: '0' }),
			sent('GET', `/customers/${customer.id}/cards/${cardId}`),
			sent('PATCH', `/customers/${customer.id}/cards/${cardId}`, { name: 'SOMCHAI J', expiration_month: 9, expiration_year: 2031 }),
			sent('DELETE', `/customers/${customer.id}/cards/${cardId}`),
		]);
		expect(listed.items.map((item) => item.json.id)).toEqual([cardId]);
		expect(got.items[0].json).toMatchObject({ object: 'card', id: cardId, last_digits: '4242' });
		expect(updated.items[0].json).toMatchObject({ id: cardId, name: 'SOMCHAI J', expiration_month: 9, expiration_year: 2031 });
		expect(deleted.items[0].json).toMatchObject({ id: cardId, deleted: true });
	});

	test('Update Card refuses a month outside 1–12 before any request', async () => {
		const { error } = await run({ operation: 'updateCard', customerId: 'cust_test_1', cardId: 'card_test_1', updateFields: { expirationMonth: 13 } });
		expect(error?.message).toBe('Expiration Month must be a whole number from 1 to 12; got 13');
		expect(omise.requests).toEqual([]);
	});
});

describe('Customer → Simplify', () => {
	test('Get, Get Many and Create with Simplify: no nested cards, the default card and how many cards there are', async () => {
		const customer = await makeCustomer({ email: 'simple@example.com', description: 'Gold member', card: token(), metadata: { member_id: 'M-7' } });
		const got = await run({ operation: 'get', customerId: customer.id, simplify: true });
		const listed = await run({ operation: 'getAll', limit: 1, simplify: true });
		const created = await run({ operation: 'create', email: 'new@example.com', description: 'New', simplify: true });
		expect([...got.requests, ...listed.requests]).toEqual([sent('GET', `/customers/${customer.id}`), sent('GET', '/customers', undefined, { limit: '1' })]);
		const simplified = { id: customer.id, email: 'simple@example.com', description: 'Gold member', default_card: customer.default_card, card_count: 1, metadata: { member_id: 'M-7' }, created_at: expect.any(String), livemode: false };
		expect(got.items[0].json).toEqual(simplified);
		expect(listed.items.map((item) => item.json.id)).toHaveLength(1);
		expect(Object.keys(listed.items[0].json)).toEqual(['id', 'email', 'description', 'default_card', 'card_count', 'metadata', 'created_at', 'livemode']);
		expect(created.items[0].json).toMatchObject({ email: 'new@example.com', description: 'New', default_card: null, card_count: 0 });
	});
});
