import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY, markOf } from '../harness/sandbox';

const omise = useSandbox();
let tokenCounter = 0;
const token = () => `tokn_test_member${++tokenCounter}`;
const run = async (parameters: Record<string, unknown>) => await omise.run({ resource: 'customer', ...parameters });
const makeCustomer = async (body: Record<string, unknown> = { email: 'someone@example.com', card: token() }) =>
	(await omise.call('POST', '/customers', body)) as { id: string; default_card: string };

describe('Customer → Create', () => {
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
		expect(omise.requests).toEqual([
			sent('POST', '/customers', { email: 'member@example.com', description: 'Gold member', card, metadata: { member_id: 'M-17', plan: 'gold', [MARK_KEY]: MARK } }),
		]);
		expect(items).toHaveLength(1);
		const customer = items[0].json as { id: string; default_card: string; cards: { data: Array<{ id: string; last_digits: string }> } };
		expect(customer).toMatchObject({ object: 'customer', email: 'member@example.com', description: 'Gold member', metadata: { member_id: 'M-17', plan: 'gold', [MARK_KEY]: markOf(omise.raw[0]) } });
		expect(customer.id).toMatch(/^cust_test_/);
		expect(customer.cards.data.map((c) => [c.id, c.last_digits])).toEqual([[customer.default_card, '4242']]);
	});

	test('Create without anything optional sends no fields but its request mark', async () => {
		const { items } = await run({ operation: 'create' });
		expect(omise.requests).toEqual([sent('POST', '/customers', { metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ object: 'customer', email: null, default_card: null, metadata: { [MARK_KEY]: markOf(omise.raw[0]) } });
	});

	test.each([
		[{ email: 'not-an-email' }, 'Email is not an email address: "not-an-email"'],
		[{ card: 'card_test_123' }, 'Card Token must start with tokn_; got "card_test_123"'],
		[{ card: 'tokn_test_1', metadata: { metadataValues: [{ key: '', value: 'x' }] } }, 'Metadata key is empty: give every metadata row a key, or remove the row'],
	])('Create refuses %p before any request', async (parameters, message) => {
		const { error } = await run({ operation: 'create', ...parameters });
		expect(error?.message).toBe(message);
		expect(omise.requests).toEqual([]);
	});

	test('a create whose answer is lost is found by the look-up by its request mark', async () => {
		// a customer that looks alike (same email and metadata), made before: the look-up must not take it
		const lookAlike = await makeCustomer({ email: 'lost@example.com', card: token(), metadata: { member_id: 'M-99' } });
		await omise.call('POST', '/__sandbox/faults', { faults: [{ kind: 'reset', method: 'POST', path: '/customers', times: 1 }] });
		try {
			const card = token();
			const { items, error } = await run({ operation: 'create', email: 'lost@example.com', card, metadata: { metadataValues: [{ key: 'member_id', value: 'M-99' }] } });
			expect(error).toBeUndefined();
			expect(omise.requests).toEqual([
				sent('POST', '/customers', { email: 'lost@example.com', card, metadata: { member_id: 'M-99', [MARK_KEY]: MARK } }),
				// no `from`: the look-up's window comes from Omise's Date header and created_at
				sent('GET', '/customers', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' }),
			]);
			const mark = markOf(omise.raw[0]);
			const marked = omise.store.all('customer', false).filter((customer) => (customer.metadata as Record<string, unknown> | undefined)?.[MARK_KEY] === mark);
			expect(marked).toHaveLength(1);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ id: marked[0].id, email: 'lost@example.com', metadata: { member_id: 'M-99', [MARK_KEY]: mark }, recovered: expect.stringContaining('this customer was found in Omise') });
			expect(items[0].json.id).not.toBe(lookAlike.id);
		} finally {
			await omise.call('POST', '/__sandbox/faults', { faults: [] });
		}
	});
});
