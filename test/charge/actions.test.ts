import { sent, useSandbox, withSandbox } from '../harness/operation';
import { KEYS } from '../harness/sandbox';

const omise = useSandbox();
let tokenCounter = 0;
const run = async (parameters: Record<string, unknown>, options?: Parameters<typeof omise.run>[1]) => await omise.run({ resource: 'charge', ...parameters }, options);
const makeCharge = async (overrides: Record<string, unknown> = {}) =>
	await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: `tokn_test_card${++tokenCounter}`, ...overrides });

describe('Charge → Get / Update / Get Many', () => {
	test('Get sends GET /charges/:id', async () => {
		const charge = await makeCharge();
		const { items } = await run({ operation: 'get', chargeId: charge.id });
		expect(omise.requests).toEqual([sent('GET', `/charges/${charge.id}`)]);
		expect(items.map((item) => item.json.id)).toEqual([charge.id]);
	});

	test('Update sends PATCH /charges/:id with description and metadata', async () => {
		const charge = await makeCharge({ metadata: { a: '1' } });
		const { items } = await run({
			operation: 'update',
			chargeId: charge.id,
			updateFields: { description: 'Shipped', metadata: { metadataValues: [{ key: 'tracking', value: 'TH123' }] } },
		});
		expect(omise.requests).toEqual([sent('PATCH', `/charges/${charge.id}`, { description: 'Shipped', metadata: { tracking: 'TH123' } })]);
		expect(items[0].json).toMatchObject({ description: 'Shipped', metadata: { a: '1', tracking: 'TH123' } });
	});

	test('Return All pages through 250 charges in 3 requests; Limit and filters are sent', async () => {
		await withSandbox(async (list) => {
			for (let index = 0; index < 250; index++) {
				await list.call('POST', '/charges', { amount: 2000 + index, currency: 'thb', card: `tokn_test_page${index}` });
			}
			const all = await list.run({ resource: 'charge', operation: 'getAll', returnAll: true });
			const some = await list.run({
				resource: 'charge',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				filters: { order: 'reverse_chronological', from: '2020-01-01T00:00:00Z' },
			});
			expect(list.requests).toEqual([
				...[0, 100, 200].map((offset) => sent('GET', '/charges', undefined, { limit: '100', offset: String(offset) })),
				sent('GET', '/charges', undefined, { limit: '3', from: '2020-01-01T00:00:00Z', order: 'reverse_chronological' }),
			]);
			expect(all.items).toHaveLength(250);
			expect(all.items.map((item) => item.json.amount)).toEqual(Array.from({ length: 250 }, (_, index) => 2000 + index));
			expect(some.items.map((item) => item.json.amount)).toEqual([2249, 2248, 2247]);
		});
	});
});

describe('Charge actions', () => {
	test('capture without an amount captures the full amount (no body)', async () => {
		const charge = await makeCharge({ capture: false });
		const { items } = await run({ operation: 'capture', chargeId: charge.id });
		expect(omise.requests).toEqual([sent('POST', `/charges/${charge.id}/capture`)]);
		expect(items[0].json).toMatchObject({ status: 'successful', paid: true, amount: 100000 });
	});

	test('a Capture Amount that is not a whole number is refused before any request', async () => {
		const { error } = await run({ operation: 'capture', chargeId: 'chrg_test_1', captureAmount: 10.5 });
		expect(error?.message).toBe('Capture Amount must be a whole number in the smallest currency unit (satang, cents, yen); got 10.5');
		expect(omise.requests).toEqual([]);
	});

	test('reverse releases an uncaptured authorisation', async () => {
		const charge = await makeCharge({ capture: false });
		const { items } = await run({ operation: 'reverse', chargeId: charge.id });
		expect(omise.requests).toEqual([sent('POST', `/charges/${charge.id}/reverse`)]);
		expect(items[0].json).toMatchObject({ status: 'reversed', reversed: true, paid: false });
	});

	test('expire ends a pending source charge', async () => {
		const charge = await makeCharge({ card: undefined, source: 'src_test_pp2', amount: 3000 });
		const { items } = await run({ operation: 'expire', chargeId: charge.id });
		expect(omise.requests).toEqual([sent('POST', `/charges/${charge.id}/expire`)]);
		expect(items[0].json).toMatchObject({ status: 'expired', expired: true });
	});

	test.each([
		['markAsPaid', 'mark_as_paid', { status: 'successful', paid: true }],
		['markAsFailed', 'mark_as_failed', { status: 'failed', paid: false, failure_code: 'payment_rejected' }],
	])('%s (test mode) posts to /charges/:id/%s', async (operation, action, expected) => {
		const charge = await makeCharge({ card: undefined, source: `src_test_${action}`, amount: 3000 });
		const { items } = await run({ operation, chargeId: charge.id });
		expect(omise.requests).toEqual([sent('POST', `/charges/${charge.id}/${action}`)]);
		expect(items[0].json).toMatchObject(expected);
	});

	test.each(['markAsPaid', 'markAsFailed'])('%s with a live key is refused before any request', async (operation) => {
		const { error } = await run({ operation, chargeId: 'chrg_live_1' }, { credentials: { secretKey: KEYS.liveSecretKey } });
		expect(error?.message).toBe(
			`${operation === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed'} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`,
		);
		expect(JSON.stringify(error)).not.toContain(KEYS.liveSecretKey);
		expect(omise.requests).toEqual([]);
	});

	test.each([
		['capturing a captured charge', 'capture', {}, 'Omise error failed_capture: charge was already captured'],
		['reversing a captured charge', 'reverse', {}, 'Omise error failed_reverse: charge was already captured and cannot be reversed, refund it instead'],
		['expiring a card charge', 'expire', {}, 'Omise error failed_expire: charge is successful and cannot be expired'],
		['marking a paid charge as paid', 'markAsPaid', {}, 'Omise error bad_request: charge is successful and cannot be marked as paid'],
	])('%s is refused with Omise\'s code and message', async (_label, operation, extra, message) => {
		const charge = await makeCharge();
		const { error } = await run({ operation, chargeId: charge.id, ...extra });
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe('400');
		expect(omise.requests).toHaveLength(1);
	});

	test('a partial capture of a final_auth charge is refused by Omise', async () => {
		const charge = await makeCharge({ capture: false });
		const { error } = await run({ operation: 'capture', chargeId: charge.id, captureAmount: 100 });
		expect(error?.message).toBe('Omise error failed_capture: a partial capture needs a charge created with authorization_type pre_auth');
	});
});
