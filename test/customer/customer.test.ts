import { runOmiseNode } from '../harness/n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, MARK, MARK_KEY, markOf, startSandbox, summarize } from '../harness/sandbox';
import type { Sandbox } from '../harness/sandbox';

let sandbox: Sandbox;
const auth = basicAuth(KEYS.testSecretKey);
let tokenCounter = 0;
const token = () => `tokn_test_member${++tokenCounter}`;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const run = async (parameters: Record<string, unknown>) => await runOmiseNode({ resource: 'customer', ...parameters } as never, credentialsFor(sandbox));

const request = (method: string, path: string, body?: unknown, query: Record<string, string> = {}) => ({ method, path, query, body, authorization: auth });

async function makeCustomer(body: Record<string, unknown> = { email: 'someone@example.com', card: token() }) {
	const customer = await callSandbox(sandbox, 'POST', '/customers', body);
	sandbox.clearRequests();
	return customer as { id: string; default_card: string };
}

describe('Customer → Create / Get / Update / Delete / Get Many', () => {
	test('Create sends email, description, card token and metadata; the card is saved as the default card', async () => {
		const card = token();
		const { items, error } = await run({
			operation: 'create',
			email: ' member@example.com ',
			description: 'Gold member',
			card,
			metadata: { metadataValues: [{ key: 'member_id', value: 'M-17' }, { key: 'plan', value: 'gold' }] },
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([
			request('POST', '/customers', { email: 'member@example.com', description: 'Gold member', card, metadata: { member_id: 'M-17', plan: 'gold', [MARK_KEY]: MARK } }),
		]);
		expect(items).toHaveLength(1);
		const customer = items[0].json as { id: string; default_card: string; cards: { data: Array<{ id: string; last_digits: string }> } };
		expect(customer).toMatchObject({ object: 'customer', email: 'member@example.com', description: 'Gold member', metadata: { member_id: 'M-17', plan: 'gold', [MARK_KEY]: markOf(sandbox.requests[0]) } });
		expect(customer.id).toMatch(/^cust_test_/);
		expect(customer.cards.data.map((c) => [c.id, c.last_digits])).toEqual([[customer.default_card, '4242']]);
	});

	test('Create without anything optional sends no fields but its request mark', async () => {
		const { items } = await run({ operation: 'create' });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', '/customers', { metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ object: 'customer', email: null, default_card: null, metadata: { [MARK_KEY]: markOf(sandbox.requests[0]) } });
	});

	test.each([
		[{ email: 'not-an-email' }, 'Email is not an email address: "not-an-email"'],
		[{ card: 'card_test_123' }, 'Card Token must be an ID starting with tokn_; got "card_test_123"'],
		[{ card: 'tokn_test_1', metadata: { metadataValues: [{ key: '', value: 'x' }] } }, 'Metadata key is empty: give every metadata row a key, or remove the row'],
	])('Create refuses %p before any request', async (parameters, message) => {
		const { error } = await run({ operation: 'create', ...parameters });
		expect(error?.message).toBe(message);
		expect(sandbox.requests).toEqual([]);
	});

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
		expect(sandbox.requests.map(summarize)).toEqual([
			request('GET', `/customers/${customer.id}`),
			request('PATCH', `/customers/${customer.id}`, { email: 'new@example.com', card: newCard, metadata: { plan: 'silver' } }),
			request('PATCH', `/customers/${customer.id}`, { default_card: customer.default_card }),
			request('DELETE', `/customers/${customer.id}`),
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
		expect(sandbox.requests).toEqual([]);
	});

	test('Get Many: Return All pages by offset; Limit and filters are sent', async () => {
		const listSandbox = await startSandbox();
		try {
			for (let index = 0; index < 120; index++) await callSandbox(listSandbox, 'POST', '/customers', { email: `c${index}@example.com` });
			listSandbox.clearRequests();
			const all = await runOmiseNode({ resource: 'customer', operation: 'getAll', returnAll: true } as never, credentialsFor(listSandbox));
			const some = await runOmiseNode({ resource: 'customer', operation: 'getAll', limit: 2, filters: { order: 'reverse_chronological' } } as never, credentialsFor(listSandbox));
			expect(listSandbox.requests.map(summarize)).toEqual([
				request('GET', '/customers', undefined, { limit: '100', offset: '0' }),
				request('GET', '/customers', undefined, { limit: '100', offset: '100' }),
				request('GET', '/customers', undefined, { limit: '2', order: 'reverse_chronological' }),
			]);
			expect(all.items.map((item) => item.json.email)).toEqual(Array.from({ length: 120 }, (_, index) => `c${index}@example.com`));
			expect(some.items.map((item) => item.json.email)).toEqual(['c119@example.com', 'c118@example.com']);
		} finally {
			await listSandbox.close();
		}
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
		expect(sandbox.requests.map(summarize)).toEqual([
			request('GET', `/customers/${customer.id}/cards`, undefined, { limit: '100', offset: '0' }),
			request('GET', `/customers/${customer.id}/cards/${cardId}`),
			request('PATCH', `/customers/${customer.id}/cards/${cardId}`, { name: 'SOMCHAI J', expiration_month: 9, expiration_year: 2031 }),
			request('DELETE', `/customers/${customer.id}/cards/${cardId}`),
		]);
		expect(listed.items.map((item) => item.json.id)).toEqual([cardId]);
		expect(got.items[0].json).toMatchObject({ object: 'card', id: cardId, last_digits: '4242' });
		expect(updated.items[0].json).toMatchObject({ id: cardId, name: 'SOMCHAI J', expiration_month: 9, expiration_year: 2031 });
		expect(deleted.items[0].json).toMatchObject({ id: cardId, deleted: true });
	});

	test('Update Card refuses a month outside 1–12 before any request', async () => {
		const { error } = await run({ operation: 'updateCard', customerId: 'cust_test_1', cardId: 'card_test_1', updateFields: { expirationMonth: 13 } });
		expect(error?.message).toBe('Expiration Month must be a whole number from 1 to 12; got 13');
		expect(sandbox.requests).toEqual([]);
	});

	test('Charge → Create with Payment Method Customer charges the saved default card', async () => {
		const customer = await makeCustomer();
		const { items } = await runOmiseNode(
			{ resource: 'charge', operation: 'create', amount: 99000, amountUnit: 'smallest', currency: 'THB', paymentMethod: 'customer', customer: customer.id } as never,
			credentialsFor(sandbox),
		);
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', '/charges', { amount: 99000, currency: 'thb', customer: customer.id, metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ customer: customer.id, card: { id: customer.default_card }, status: 'successful', paid: true });
	});

	test('a create whose answer is lost is found by the look-up by its request mark', async () => {
		// a customer that looks alike (same email and metadata), made before: the look-up must not take it
		const lookAlike = await makeCustomer({ email: 'lost@example.com', card: token(), metadata: { member_id: 'M-99' } });
		await callSandbox(sandbox, 'POST', '/__sandbox/faults', { faults: [{ kind: 'reset', method: 'POST', path: '/customers', times: 1 }] });
		try {
			const card = token();
			const { items, error } = await run({ operation: 'create', email: 'lost@example.com', card, metadata: { metadataValues: [{ key: 'member_id', value: 'M-99' }] } });
			expect(error).toBeUndefined();
			expect(sandbox.requests.map(summarize)).toEqual([
				request('POST', '/customers', { email: 'lost@example.com', card, metadata: { member_id: 'M-99', [MARK_KEY]: MARK } }),
				// no `from`: the look-up's window comes from Omise's Date header and created_at
				request('GET', '/customers', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' }),
			]);
			const mark = markOf(sandbox.requests[0]);
			const marked = sandbox.store.all('customer', false).filter((customer) => (customer.metadata as Record<string, unknown> | undefined)?.[MARK_KEY] === mark);
			expect(marked).toHaveLength(1);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ id: marked[0].id, email: 'lost@example.com', metadata: { member_id: 'M-99', [MARK_KEY]: mark }, recovered: expect.stringContaining('this customer was found in Omise') });
			expect(items[0].json.id).not.toBe(lookAlike.id);
		} finally {
			await callSandbox(sandbox, 'POST', '/__sandbox/faults', { faults: [] });
		}
	});
});
