// Refund → Create / Get / Get Many, in the unit people write (Major Unit by
// default: the charge is looked up for its currency), and Simplify.
import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY, markOf } from '../harness/sandbox';

const omise = useSandbox();
let tokenCounter = 0;
const token = () => `tokn_test_refund${++tokenCounter}`;

describe('Refund → Create / Get / Get Many', () => {
	test('a charge\'s refunds: create with capture off → capture part → refund part → list refunds → refund the rest', async () => {
		const created = await omise.run({
			resource: 'charge',
			operation: 'create',
			amount: 100000,
			amountUnit: 'smallest',
			currency: 'THB',
			card: token(),
			additionalFields: { capture: false, authorizationType: 'pre_auth' },
		});
		const chargeId = created.items[0].json.id as string;
		expect(created.items[0].json).toMatchObject({ status: 'pending', capturable: true, paid: false });

		const captured = await omise.run({ resource: 'charge', operation: 'capture', chargeId, captureAmount: 60000 });
		// Omise keeps the authorised amount; captured_amount is what was captured
		expect(captured.items[0].json).toMatchObject({ status: 'successful', paid: true, amount: 100000, captured_amount: 60000, refunded_amount: 0 });

		const refunded = await omise.run({
			resource: 'refund',
			operation: 'create',
			chargeId,
			amount: 150,
			amountUnit: 'major',
			metadata: { metadataValues: [{ key: 'reason', value: 'damaged' }] },
		});
		expect(refunded.items[0].json).toMatchObject({ object: 'refund', amount: 15000, charge: chargeId, metadata: { reason: 'damaged', [MARK_KEY]: markOf(omise.raw[omise.raw.length - 1]) } });

		const listed = await omise.run({ resource: 'refund', operation: 'getAll', chargeId, returnAll: true });
		expect(listed.items.map((item) => item.json.id)).toEqual([refunded.items[0].json.id]);

		const rest = await omise.run({ resource: 'refund', operation: 'create', chargeId });
		expect(rest.items[0].json).toMatchObject({ amount: 45000 });

		const fetched = await omise.run({ resource: 'refund', operation: 'get', chargeId, refundId: rest.items[0].json.id });
		expect(fetched.items[0].json).toMatchObject({ id: rest.items[0].json.id, amount: 45000 });

		expect(omise.requests).toEqual([
			sent('POST', '/charges', expect.objectContaining({ amount: 100000, capture: false, authorization_type: 'pre_auth' })),
			sent('POST', `/charges/${chargeId}/capture`, { capture_amount: 60000 }),
			// major units: the node reads the charge's currency first
			sent('GET', `/charges/${chargeId}`),
			sent('POST', `/charges/${chargeId}/refunds`, { amount: 15000, metadata: { reason: 'damaged', [MARK_KEY]: MARK } }),
			sent('GET', `/charges/${chargeId}/refunds`, undefined, { limit: '100', offset: '0' }),
			// empty amount: the node refunds what is left of what was captured (captured_amount 60000 - 15000, not amount 100000 - 15000)
			sent('GET', `/charges/${chargeId}`),
			sent('POST', `/charges/${chargeId}/refunds`, { amount: 45000, metadata: { [MARK_KEY]: MARK } }),
			sent('GET', `/charges/${chargeId}/refunds/${rest.items[0].json.id}`),
		]);

		const fractional = await omise.run({ resource: 'refund', operation: 'create', chargeId, amount: 10.5, amountUnit: 'smallest' });
		expect(fractional.error?.message).toBe('Amount must be a whole number in the smallest currency unit (got 10.5). To type 10.5, set Amount Unit to "Major Unit".');

		const nothingLeft = await omise.run({ resource: 'refund', operation: 'create', chargeId });
		expect(nothingLeft.error?.message).toBe(`Charge ${chargeId} has nothing left to refund (60000 of 60000 already refunded)`);
	});

	test('refunding more than was paid is refused with Omise\'s failed_refund', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 5000, currency: 'thb', card: token() });
		const { error } = await omise.run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 5001, amountUnit: 'smallest' });
		expect(omise.requests).toEqual([sent('POST', `/charges/${charge.id}/refunds`, { amount: 5001, metadata: { [MARK_KEY]: MARK } })]);
		expect(error?.message).toBe('Omise error failed_refund: amount must be less than or equal to the refundable amount (5000)');
	});

	test('a refund without Amount Unit is in the major unit: the charge is looked up for its currency', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_refund_major' });
		const { items, error } = await omise.run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: '150.25' });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([
			sent('GET', `/charges/${String(charge.id)}`),
			sent('POST', `/charges/${String(charge.id)}/refunds`, { amount: 15025, metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items[0].json).toMatchObject({ object: 'refund', amount: 15025 });
	});

	test('as an AI agent’s tool: two refunds of other amounts in one agent run are two refunds (the amount, converted in the row’s turn, tells the calls apart)', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_refund_agent' });
		const asTool = { node: { type: 'n8n-nodes-omise.omiseTool' }, additionalData: { executionId: 'agent-refunds-1' } };
		const first = await omise.run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 100 }, asTool);
		const second = await omise.run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 200 }, asTool);
		expect([first.items[0].json.amount, second.items[0].json.amount]).toEqual([10000, 20000]);
		expect(second.items[0].json.reused).toBeUndefined();
		expect(omise.store.all('refund', false).filter((refund) => refund.charge === charge.id)).toHaveLength(2);
	});

	test('Simplify: the refund simplified, its charge as an ID', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_refund_simple' });
		const { items } = await omise.run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 250, simplify: true });
		// Major Unit: the charge is looked up for its currency, then 250.00 THB is refunded as 25000 satang.
		expect(omise.requests).toEqual([
			sent('GET', `/charges/${String(charge.id)}`),
			sent('POST', `/charges/${String(charge.id)}/refunds`, { amount: 25000, metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items).toEqual([
			{
				json: { id: expect.stringMatching(/^rfnd_test_/), status: expect.any(String), amount_major: '250.00', currency: 'THB', charge: charge.id, voided: false, metadata: expect.any(Object), created_at: expect.any(String), livemode: false },
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Refund → Get Many of the whole account', () => {
	test('Refunds Of: Whole Account lists GET /refunds (no Charge ID), One Charge (the default, as saved workflows have it) the charge’s', async () => {
		const first = await omise.call('POST', '/charges', { amount: 10000, currency: 'thb', card: 'tokn_test_acctrefund1' });
		const second = await omise.call('POST', '/charges', { amount: 20000, currency: 'thb', card: 'tokn_test_acctrefund2' });
		const refundA = await omise.call('POST', `/charges/${String(first.id)}/refunds`, { amount: 1000 });
		const refundB = await omise.call('POST', `/charges/${String(second.id)}/refunds`, { amount: 2050 });
		const account = await omise.run({ resource: 'refund', operation: 'getAll', refundsOf: 'account', chargeId: String(first.id), limit: 100, filters: { order: 'reverse_chronological' }, simplify: true });
		const ofCharge = await omise.run({ resource: 'refund', operation: 'getAll', chargeId: String(second.id), limit: 100 });
		expect([...account.requests, ...ofCharge.requests]).toEqual([
			sent('GET', '/refunds', undefined, { limit: '100', order: 'reverse_chronological' }),
			sent('GET', `/charges/${String(second.id)}/refunds`, undefined, { limit: '100' }),
		]);
		expect(account.items.map((item) => item.json).slice(0, 2)).toEqual([
			{ id: refundB.id, status: 'closed', amount_major: '20.50', currency: 'THB', charge: second.id, voided: false, metadata: {}, created_at: expect.any(String), livemode: false },
			{ id: refundA.id, status: 'closed', amount_major: '10.00', currency: 'THB', charge: first.id, voided: false, metadata: {}, created_at: expect.any(String), livemode: false },
		]);
		expect(ofCharge.items.map((item) => item.json.id)).toEqual([refundB.id]);
	});
});
