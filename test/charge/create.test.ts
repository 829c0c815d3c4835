import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY, markOf } from '../harness/sandbox';

const omise = useSandbox();
let tokenCounter = 0;
const token = () => `tokn_test_card${++tokenCounter}`;
const run = async (parameters: Record<string, unknown>) => await omise.run({ resource: 'charge', ...parameters });

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
		expect(omise.requests).toEqual([
			sent('POST', '/charges', {
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
		expect(omise.raw[0].headers['omise-version']).toBe('2019-05-29');
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
			metadata: { order_id: '1001', channel: 'line', [MARK_KEY]: markOf(omise.raw[0]) },
		});
	});

	test('3-D Secure or Passkey (Authentication): the charge waits at authorize_uri, and says how it was authenticated once paid', async () => {
		const card = token();
		const { items, error } = await run({
			operation: 'create', amountUnit: 'smallest', amount: 120000, currency: 'THB', paymentMethod: 'card', card,
			additionalFields: { authentication: '3DS', returnUri: 'https://shop.example.com/thanks' },
		});
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([
			sent('POST', '/charges', { amount: 120000, currency: 'thb', card, authentication: '3DS', return_uri: 'https://shop.example.com/thanks', metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items[0].json).toMatchObject({ status: 'pending', paid: false, authorized: false, authenticated_by: null });
		expect(items[0].json.authorize_uri).toEqual(expect.stringContaining(`/__sandbox/authorize/${String(items[0].json.id)}`));
		const paid = await omise.call('POST', `/charges/${String(items[0].json.id)}/mark_as_paid`);
		expect(paid).toMatchObject({ status: 'successful', paid: true, authenticated_by: '3DS' });
	});

	test('Authentication without a Return URI is refused before any request, naming both fields', async () => {
		const { items, error } = await run(
			{ operation: 'create', amountUnit: 'smallest', amount: 120000, currency: 'THB', paymentMethod: 'card', card: token(), additionalFields: { authentication: 'PASSKEY' } },
		);
		expect(omise.requests).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toBe('Authentication needs a Return URI: the page the card holder comes back to after confirming the payment');
	});

	test('customer with one of its cards, and customer alone', async () => {
		const withCard = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'thb', paymentMethod: 'customer', customer: 'cust_test_1', card: 'card_test_9' });
		const withDefault = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'thb', paymentMethod: 'customer', customer: 'cust_test_1' });
		expect(omise.requests).toEqual([
			sent('POST', '/charges', { amount: 5000, currency: 'thb', customer: 'cust_test_1', card: 'card_test_9', metadata: { [MARK_KEY]: MARK } }),
			sent('POST', '/charges', { amount: 5000, currency: 'thb', customer: 'cust_test_1', metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(withCard.items.map((item) => [item.json.customer, (item.json.card as { id: string }).id, item.json.paid])).toEqual([['cust_test_1', 'card_test_9', true]]);
		expect(withDefault.items.map((item) => [item.json.customer, item.json.status])).toEqual([['cust_test_1', 'successful']]);
	});

	test('source (e.g. PromptPay): the charge is pending until paid', async () => {
		const { items } = await run({ operation: 'create', amountUnit: 'smallest', amount: 2500, currency: 'THB', paymentMethod: 'source', source: 'src_test_promptpay1' });
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 2500, currency: 'thb', source: 'src_test_promptpay1', metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ status: 'pending', paid: false, authorized: false, source: { id: 'src_test_promptpay1' } });
		expect(items[0].json.authorize_uri).toEqual(expect.stringContaining('/__sandbox/authorize/'));
	});

	test('chained (marketplace) charge sends destination', async () => {
		const { items } = await run({ operation: 'create', amountUnit: 'smallest', amount: 10000, currency: 'THB', card: 'tokn_test_chain', additionalFields: { destination: 'recp_test_shop1' } });
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 10000, currency: 'thb', card: 'tokn_test_chain', destination: 'recp_test_shop1', metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ destination: 'recp_test_shop1', status: 'successful', paid: true });
	});

	test('an unverified recipient surfaces Omise\'s recipient_not_verified', async () => {
		const { error } = await run({ operation: 'create', amountUnit: 'smallest', amount: 10000, currency: 'THB', card: token(), additionalFields: { destination: 'recp_test_unverified1' } });
		expect(error?.message).toBe('Omise error recipient_not_verified: recipient is not verified');
		expect(omise.requests).toHaveLength(1);
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
		expect(omise.requests).toEqual([]);
	});

	test('a literally empty required field is caught by n8n\'s own parameter check before the run', async () => {
		await expect(run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'THB', paymentMethod: 'card', card: '' })).rejects.toThrow(
			'Parameter "Card" is required.',
		);
		expect(omise.requests).toEqual([]);
	});

	test('a declined card gives a failed charge with its failure_code (not an error)', async () => {
		const { items, error } = await run({ operation: 'create', amountUnit: 'smallest', amount: 5000, currency: 'THB', card: 'tokn_test_declined1' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'failed', paid: false, failure_code: 'insufficient_fund' });
	});

	test('Charge → Create without Amount Unit takes the major unit too', async () => {
		const { error } = await omise.run({ resource: 'charge', operation: 'create', amount: '20.01', currency: 'THB', card: 'tokn_test_major1' });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 2001, currency: 'thb', card: 'tokn_test_major1', metadata: { [MARK_KEY]: MARK } })]);
	});

	test('Payment Method Customer charges the saved default card', async () => {
		const customer = await omise.call('POST', '/customers', { email: 'someone@example.com', card: token() });
		const { items } = await omise.run({ resource: 'charge', operation: 'create', amount: 99000, amountUnit: 'smallest', currency: 'THB', paymentMethod: 'customer', customer: customer.id });
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 99000, currency: 'thb', customer: customer.id, metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ customer: customer.id, card: { id: customer.default_card }, status: 'successful', paid: true });
	});
});
