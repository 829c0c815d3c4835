import { runOmiseNode } from './harness/n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, MARK, MARK_KEY, markOf, startSandbox, summarize } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
const auth = basicAuth(KEYS.testSecretKey);
let tokenCounter = 0;
const token = () => `tokn_test_card${++tokenCounter}`;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const run = async (parameters: Record<string, unknown>, credentialOverrides: Record<string, string> = {}) =>
	await runOmiseNode({ resource: 'charge', ...parameters } as never, credentialsFor(sandbox, credentialOverrides));

async function makeCharge(overrides: Record<string, unknown> = {}) {
	const charge = await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: token(), ...overrides });
	sandbox.clearRequests();
	return charge;
}

const request = (method: string, path: string, body?: unknown, query: Record<string, string> = {}) => ({
	method,
	path,
	query,
	body,
	authorization: auth,
});

describe('Charge → Create', () => {
	test('card: sends amount, currency, card and every additional field in Omise\'s snake_case', async () => {
		const card = token();
		const { items, error } = await run(
			{
				operation: 'create',
				amount: '1500.50',
				amountUnit: 'major',
				currency: 'THB',
				paymentMethod: 'card',
				card,
				additionalFields: {
					description: 'Order 1001',
					capture: false,
					authorizationType: 'pre_auth',
					returnUri: 'https://shop.example.com/thanks',
					expiresAt: '2026-12-31T23:59:00Z',
					ip: '203.0.113.7',
					webhookEndpoints: ['https://hooks.example.com/a', 'https://hooks.example.com/b'],
					metadata: { metadataValues: [{ key: 'order_id', value: '1001' }, { key: 'channel', value: 'line' }] },
				},
			},
		);
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([
			request('POST', '/charges', {
				amount: 150050,
				currency: 'thb',
				card,
				description: 'Order 1001',
				capture: false,
				authorization_type: 'pre_auth',
				return_uri: 'https://shop.example.com/thanks',
				expires_at: '2026-12-31T23:59:00Z',
				ip: '203.0.113.7',
				webhook_endpoints: ['https://hooks.example.com/a', 'https://hooks.example.com/b'],
				metadata: { order_id: '1001', channel: 'line', [MARK_KEY]: MARK },
			}),
		]);
		expect(sandbox.requests[0].headers['omise-version']).toBe('2019-05-29');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			object: 'charge',
			amount: 150050,
			currency: 'THB',
			status: 'pending',
			authorized: true,
			paid: false,
			capturable: true,
			authorization_type: 'pre_auth',
			metadata: { order_id: '1001', channel: 'line', [MARK_KEY]: markOf(sandbox.requests[0]) },
		});
	});

	test('customer with one of its cards, and customer alone', async () => {
		const withCard = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'thb', paymentMethod: 'customer', customer: 'cust_test_1', card: 'card_test_9' });
		const withDefault = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'thb', paymentMethod: 'customer', customer: 'cust_test_1' });
		expect(sandbox.requests.map(summarize)).toEqual([
			request('POST', '/charges', { amount: 5000, currency: 'thb', customer: 'cust_test_1', card: 'card_test_9', metadata: { [MARK_KEY]: MARK } }),
			request('POST', '/charges', { amount: 5000, currency: 'thb', customer: 'cust_test_1', metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(withCard.items.map((item) => [item.json.customer, (item.json.card as { id: string }).id, item.json.paid])).toEqual([['cust_test_1', 'card_test_9', true]]);
		expect(withDefault.items.map((item) => [item.json.customer, item.json.status])).toEqual([['cust_test_1', 'successful']]);
	});

	test('source (e.g. PromptPay): the charge is pending until paid', async () => {
		const { items } = await run({ operation: 'create', amountUnit: 'smallest', amount: 2500, currency: 'THB', paymentMethod: 'source', source: 'src_test_promptpay1' });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', '/charges', { amount: 2500, currency: 'thb', source: 'src_test_promptpay1', metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ status: 'pending', paid: false, authorized: false, source: { id: 'src_test_promptpay1' } });
		expect(items[0].json.authorize_uri).toEqual(expect.stringContaining('/__sandbox/authorize/'));
	});

	test('chained (marketplace) charge sends destination', async () => {
		const { items } = await run({ operation: 'create', amountUnit: 'smallest', amount: 10000, currency: 'THB', card: 'tokn_test_chain', additionalFields: { destination: 'recp_test_shop1' } });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', '/charges', { amount: 10000, currency: 'thb', card: 'tokn_test_chain', destination: 'recp_test_shop1', metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ destination: 'recp_test_shop1', status: 'successful', paid: true });
	});

	test('an unverified recipient surfaces Omise\'s recipient_not_verified', async () => {
		const { error } = await run({ operation: 'create', amountUnit: 'smallest', amount: 10000, currency: 'THB', card: token(), additionalFields: { destination: 'recp_test_unverified1' } });
		expect(error?.message).toBe('Omise error recipient_not_verified: recipient is not verified');
		expect(sandbox.requests).toHaveLength(1);
	});

	test.each([
		// a spreadsheet row without the value: the expression gives an empty string
		[{ paymentMethod: 'card', card: '={{ $json.token }}' }, 'Card is required when Payment Method is Card: give a card token (tokn_…) made with Omise.js or the mobile SDKs'],
		[{ paymentMethod: 'customer', customer: ' ' }, 'Customer is required when Payment Method is Customer: give a customer ID (cust_…)'],
		[{ paymentMethod: 'source', source: '={{ $json.source }}' }, 'Source is required when Payment Method is Source: give a source ID (src_…), e.g. a PromptPay source'],
		[
			{ card: 'tokn_test_x', additionalFields: { webhookEndpoints: ['https://a.example.com', 'https://b.example.com', 'https://c.example.com'] } },
			'Webhook Endpoints can hold at most 2 URLs (Omise\'s limit); got 3',
		],
		[{ card: 'tokn_test_x', additionalFields: { webhookEndpoints: ['http://hooks.example.com'] } }, 'Webhook Endpoints must be https:// URLs (Omise requires HTTPS); got "http://hooks.example.com"'],
		[{ card: 'tokn_test_x', additionalFields: { returnUri: 'shop.example.com' } }, 'Return URI must be an https:// URL (Omise requires HTTPS); got "shop.example.com"'],
		[{ card: 'tokn_test_x', additionalFields: { expiresAt: 'tomorrow' } }, 'Expires At is not a date and time: "tomorrow"'],
		[{ card: 'tokn_test_x', amount: 10.5 }, 'Amount must be a whole number in the smallest currency unit (got 10.5). To type 10.5 THB, set Amount Unit to "Major Unit".'],
	])('refuses %p before any request', async (parameters, message) => {
		const { error } = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'THB', ...parameters });
		expect(error?.message).toBe(message);
		expect(sandbox.requests).toEqual([]);
	});

	test('a literally empty required field is caught by n8n\'s own parameter check before the run', async () => {
		await expect(run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'THB', paymentMethod: 'card', card: '' })).rejects.toThrow(
			'Parameter "Card" is required.',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('a declined card gives a failed charge with its failure_code (not an error)', async () => {
		const { items, error } = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'THB', card: 'tokn_test_declined1' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'failed', paid: false, failure_code: 'insufficient_fund' });
	});
});

describe('Charge → Get / Update / Get Many', () => {
	test('Get sends GET /charges/:id', async () => {
		const charge = await makeCharge();
		const { items } = await run({ operation: 'get', chargeId: charge.id });
		expect(sandbox.requests.map(summarize)).toEqual([request('GET', `/charges/${charge.id}`)]);
		expect(items.map((item) => item.json.id)).toEqual([charge.id]);
	});

	test('Update sends PATCH /charges/:id with description and metadata', async () => {
		const charge = await makeCharge({ metadata: { a: '1' } });
		const { items } = await run({
			operation: 'update',
			chargeId: charge.id,
			updateFields: { description: 'Shipped', metadata: { metadataValues: [{ key: 'tracking', value: 'TH123' }] } },
		});
		expect(sandbox.requests.map(summarize)).toEqual([request('PATCH', `/charges/${charge.id}`, { description: 'Shipped', metadata: { tracking: 'TH123' } })]);
		expect(items[0].json).toMatchObject({ description: 'Shipped', metadata: { a: '1', tracking: 'TH123' } });
	});

	test('Return All pages through 250 charges in 3 requests; Limit and filters are sent', async () => {
		const listSandbox = await startSandbox();
		try {
			for (let index = 0; index < 250; index++) {
				await callSandbox(listSandbox, 'POST', '/charges', { amount: 2000 + index, currency: 'thb', card: `tokn_test_page${index}` });
			}
			listSandbox.clearRequests();
			const all = await runOmiseNode({ resource: 'charge', operation: 'getAll', returnAll: true } as never, credentialsFor(listSandbox));
			const some = await runOmiseNode(
				{ resource: 'charge', operation: 'getAll', returnAll: false, limit: 3, filters: { order: 'reverse_chronological', from: '2020-01-01T00:00:00Z' } } as never,
				credentialsFor(listSandbox),
			);
			expect(listSandbox.requests.map(summarize)).toEqual([
				...[0, 100, 200].map((offset) => request('GET', '/charges', undefined, { limit: '100', offset: String(offset) })),
				request('GET', '/charges', undefined, { limit: '3', from: '2020-01-01T00:00:00Z', order: 'reverse_chronological' }),
			]);
			expect(all.items).toHaveLength(250);
			expect(all.items.map((item) => item.json.amount)).toEqual(Array.from({ length: 250 }, (_, index) => 2000 + index));
			expect(some.items.map((item) => item.json.amount)).toEqual([2249, 2248, 2247]);
		} finally {
			await listSandbox.close();
		}
	});
});

describe('Charge lifecycle and actions', () => {
	test('create with capture off → capture part → refund part → list refunds → refund the rest', async () => {
		const created = await run({
			operation: 'create',
			amount: 100000,
			amountUnit: 'smallest',
			currency: 'THB',
			card: token(),
			additionalFields: { capture: false, authorizationType: 'pre_auth' },
		});
		const chargeId = created.items[0].json.id as string;
		expect(created.items[0].json).toMatchObject({ status: 'pending', capturable: true, paid: false });

		const captured = await run({ operation: 'capture', chargeId, captureAmount: 60000 });
		// Omise keeps the authorised amount; captured_amount is what was captured
		expect(captured.items[0].json).toMatchObject({ status: 'successful', paid: true, amount: 100000, captured_amount: 60000, refunded_amount: 0 });

		const refunded = await runOmiseNode(
			{ resource: 'refund', operation: 'create', chargeId, amount: 150, amountUnit: 'major', metadata: { metadataValues: [{ key: 'reason', value: 'damaged' }] } } as never,
			credentialsFor(sandbox),
		);
		expect(refunded.items[0].json).toMatchObject({ object: 'refund', amount: 15000, charge: chargeId, metadata: { reason: 'damaged', [MARK_KEY]: markOf(sandbox.requests[sandbox.requests.length - 1]) } });

		const listed = await runOmiseNode({ resource: 'refund', operation: 'getAll', chargeId, returnAll: true } as never, credentialsFor(sandbox));
		expect(listed.items.map((item) => item.json.id)).toEqual([refunded.items[0].json.id]);

		const rest = await runOmiseNode({ resource: 'refund', operation: 'create', chargeId } as never, credentialsFor(sandbox));
		expect(rest.items[0].json).toMatchObject({ amount: 45000 });

		const fetched = await runOmiseNode(
			{ resource: 'refund', operation: 'get', chargeId, refundId: rest.items[0].json.id } as never,
			credentialsFor(sandbox),
		);
		expect(fetched.items[0].json).toMatchObject({ id: rest.items[0].json.id, amount: 45000 });

		expect(sandbox.requests.map(summarize)).toEqual([
			request('POST', '/charges', expect.objectContaining({ amount: 100000, capture: false, authorization_type: 'pre_auth' })),
			request('POST', `/charges/${chargeId}/capture`, { capture_amount: 60000 }),
			// major units: the node reads the charge's currency first
			request('GET', `/charges/${chargeId}`),
			request('POST', `/charges/${chargeId}/refunds`, { amount: 15000, metadata: { reason: 'damaged', [MARK_KEY]: MARK } }),
			request('GET', `/charges/${chargeId}/refunds`, undefined, { limit: '100', offset: '0' }),
			// empty amount: the node refunds what is left of what was captured (captured_amount 60000 - 15000, not amount 100000 - 15000)
			request('GET', `/charges/${chargeId}`),
			request('POST', `/charges/${chargeId}/refunds`, { amount: 45000, metadata: { [MARK_KEY]: MARK } }),
			request('GET', `/charges/${chargeId}/refunds/${rest.items[0].json.id}`),
		]);

		const fractional = await runOmiseNode({ resource: 'refund', operation: 'create', chargeId, amount: 10.5, amountUnit: 'smallest' } as never, credentialsFor(sandbox));
		expect(fractional.error?.message).toBe('Amount must be a whole number in the smallest currency unit (got 10.5). To type 10.5, set Amount Unit to "Major Unit".');

		const nothingLeft = await runOmiseNode({ resource: 'refund', operation: 'create', chargeId } as never, credentialsFor(sandbox));
		expect(nothingLeft.error?.message).toBe(`Charge ${chargeId} has nothing left to refund (60000 of 60000 already refunded)`);
	});

	test('capture without an amount captures the full amount (no body)', async () => {
		const charge = await makeCharge({ capture: false });
		const { items } = await run({ operation: 'capture', chargeId: charge.id });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', `/charges/${charge.id}/capture`)]);
		expect(items[0].json).toMatchObject({ status: 'successful', paid: true, amount: 100000 });
	});

	test('a Capture Amount that is not a whole number is refused before any request', async () => {
		const { error } = await run({ operation: 'capture', chargeId: 'chrg_test_1', captureAmount: 10.5 });
		expect(error?.message).toBe('Capture Amount must be a whole number in the smallest currency unit (satang, cents, yen); got 10.5');
		expect(sandbox.requests).toEqual([]);
	});

	test('reverse releases an uncaptured authorisation', async () => {
		const charge = await makeCharge({ capture: false });
		const { items } = await run({ operation: 'reverse', chargeId: charge.id });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', `/charges/${charge.id}/reverse`)]);
		expect(items[0].json).toMatchObject({ status: 'reversed', reversed: true, paid: false });
	});

	test('expire ends a pending source charge', async () => {
		const charge = await makeCharge({ card: undefined, source: 'src_test_pp2', amount: 3000 });
		const { items } = await run({ operation: 'expire', chargeId: charge.id });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', `/charges/${charge.id}/expire`)]);
		expect(items[0].json).toMatchObject({ status: 'expired', expired: true });
	});

	test.each([
		['markAsPaid', 'mark_as_paid', { status: 'successful', paid: true }],
		['markAsFailed', 'mark_as_failed', { status: 'failed', paid: false, failure_code: 'payment_rejected' }],
	])('%s (test mode) posts to /charges/:id/%s', async (operation, action, expected) => {
		const charge = await makeCharge({ card: undefined, source: `src_test_${action}`, amount: 3000 });
		const { items } = await run({ operation, chargeId: charge.id });
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', `/charges/${charge.id}/${action}`)]);
		expect(items[0].json).toMatchObject(expected);
	});

	test.each(['markAsPaid', 'markAsFailed'])('%s with a live key is refused before any request', async (operation) => {
		const { error } = await run({ operation, chargeId: 'chrg_live_1' }, { secretKey: KEYS.liveSecretKey });
		expect(error?.message).toBe(
			`${operation === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed'} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`,
		);
		expect(JSON.stringify(error)).not.toContain(KEYS.liveSecretKey);
		expect(sandbox.requests).toEqual([]);
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
		expect(sandbox.requests).toHaveLength(1);
	});

	test('refunding more than was paid is refused with Omise\'s failed_refund', async () => {
		const charge = await makeCharge({ amount: 5000 });
		const { error } = await runOmiseNode({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 5001, amountUnit: 'smallest' } as never, credentialsFor(sandbox));
		expect(sandbox.requests.map(summarize)).toEqual([request('POST', `/charges/${charge.id}/refunds`, { amount: 5001, metadata: { [MARK_KEY]: MARK } })]);
		expect(error?.message).toBe('Omise error failed_refund: amount must be less than or equal to the refundable amount (5000)');
	});

	test('a partial capture of a final_auth charge is refused by Omise', async () => {
		const charge = await makeCharge({ capture: false });
		const { error } = await run({ operation: 'capture', chargeId: charge.id, captureAmount: 100 });
		expect(error?.message).toBe('Omise error failed_capture: a partial capture needs a charge created with authorization_type pre_auth');
	});
});

describe('Event', () => {
	test('Get and Get Many read the event log written by charge changes', async () => {
		const eventSandbox = await startSandbox();
		try {
			const charge = await callSandbox(eventSandbox, 'POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_ev', capture: false });
			await callSandbox(eventSandbox, 'POST', `/charges/${charge.id}/capture`);
			await callSandbox(eventSandbox, 'POST', `/charges/${charge.id}/refunds`, { amount: 1000 });
			eventSandbox.clearRequests();
			const all = await runOmiseNode({ resource: 'event', operation: 'getAll', returnAll: true } as never, credentialsFor(eventSandbox));
			expect(all.items.map((item) => item.json.key)).toEqual(['charge.create', 'charge.capture', 'refund.create', 'charge.update']);
			const one = await runOmiseNode({ resource: 'event', operation: 'get', eventId: all.items[1].json.id } as never, credentialsFor(eventSandbox));
			expect(one.items[0].json).toMatchObject({ object: 'event', key: 'charge.capture', livemode: false, data: { id: charge.id, paid: true } });
			const limited = await runOmiseNode(
				{ resource: 'event', operation: 'getAll', returnAll: false, limit: 2, filters: { to: '2999-01-01T00:00:00Z' } } as never,
				credentialsFor(eventSandbox),
			);
			expect(limited.items).toHaveLength(2);
			expect(eventSandbox.requests.map(summarize)).toEqual([
				{ ...request('GET', '/events', undefined, { limit: '100', offset: '0' }) },
				{ ...request('GET', `/events/${all.items[1].json.id}`) },
				{ ...request('GET', '/events', undefined, { limit: '2', to: '2999-01-01T00:00:00Z' }) },
			]);
		} finally {
			await eventSandbox.close();
		}
	});
});
