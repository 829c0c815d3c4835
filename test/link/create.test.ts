import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();
const run = async (parameters: Record<string, unknown>, options?: Parameters<typeof omise.run>[1]) => await omise.run({ resource: 'link', ...parameters }, options);

describe('Link → Create', () => {
	test('sends amount, currency, title, description, multiple and every metadata pair', async () => {
		const { items, error } = await run({
			operation: 'create',
			amount: 150050,
			amountUnit: 'smallest',
			currency: 'THB',
			title: 'Invoice 42',
			description: 'Consulting, March',
			multiple: true,
			metadata: {
				metadataValues: [
					{ key: 'invoice_id', value: 'INV-42' },
					{ key: 'row.number', value: '7' },
					{ key: 'customer', value: 'Somchai' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([
			sent('POST', '/links', {
				amount: 150050,
				currency: 'thb',
				title: 'Invoice 42',
				description: 'Consulting, March',
				multiple: true,
				metadata: { invoice_id: 'INV-42', 'row.number': '7', customer: 'Somchai' },
			}),
		]);
		const headers = omise.raw[0].headers;
		expect(headers['omise-version']).toBe('2019-05-29');
		expect(headers['content-type']).toBe('application/json');
		expect(headers['user-agent']).toBe('n8n-nodes-omise/0.1.0');
		expect(items).toHaveLength(1);
		const link = items[0].json;
		expect(link).toMatchObject({
			object: 'link',
			amount: 150050,
			currency: 'THB',
			title: 'Invoice 42',
			description: 'Consulting, March',
			multiple: true,
			used: false,
			metadata: { invoice_id: 'INV-42', 'row.number': '7', customer: 'Somchai' },
		});
		expect(link.id).toMatch(/^link_test_/);
		expect(link.payment_uri).toMatch(new RegExp(`^${omise.url}/pay/[A-F0-9]{8}$`));
		expect(omise.store.get('link', link.id as string, false)).toBeDefined();
	});

	test('sends multiple=false by default', async () => {
		const { items } = await run({ operation: 'create', amount: 2000, currency: 'jpy', title: 'Matcha', description: 'Tea set' });
		expect(omise.requests).toEqual([
			sent('POST', '/links', { amount: 2000, currency: 'jpy', title: 'Matcha', description: 'Tea set', multiple: false }),
		]);
		expect(items.map((item) => [item.json.amount, item.json.currency, item.json.description, item.json.multiple])).toEqual([[2000, 'JPY', 'Tea set', false]]);
	});

	// Omise's API reference and every official library require a link's description (its Links guide says optional).
	test.each([
		['left out', {}],
		['empty', { description: '' }],
		['only spaces', { description: '   ' }],
		['from an expression that gives nothing', { description: '={{ $json.missing }}' }],
	])('a description %s is refused before any request', async (_case, parameters) => {
		const { items, error } = await run({ operation: 'create', amount: 2000, currency: 'jpy', title: 'Matcha', ...parameters });
		expect(error?.message).toBe('Description is required for a payment link (Omise’s API requires it; it is shown on the payment page)');
		expect(items).toEqual([]);
		expect(omise.requests).toEqual([]);
	});

	test('the sandbox, like Omise, answers a link without a description with 400', async () => {
		const before = omise.store.all('link', false).length;
		for (const body of [{}, { description: '' }]) {
			await expect(omise.call('POST', '/links', { amount: 2000, currency: 'thb', title: 'No description', ...body })).rejects.toThrow(
				'"code":"bad_request","message":"description is required"',
			);
		}
		expect(omise.store.all('link', false)).toHaveLength(before);
	});

	// 1.15 * 100 and 20.01 * 100 drift in floating point (114.999…, 2000.999…): the conversion must not.
	test.each([
		['1500.50', 'THB', 150050],
		[1500.5, 'THB', 150050],
		[19.99, 'USD', 1999],
		[1.15, 'SGD', 115],
		[20.01, 'THB', 2001],
		[1.1, 'MYR', 110],
		[1500, 'JPY', 1500],
		['20', 'thb', 2000],
	])('major unit %p %s is sent as %p', async (amount, currency, expected) => {
		const { items, error } = await run({ operation: 'create', amount, amountUnit: 'major', currency, title: 'Unit test', description: 'Unit' });
		expect(error).toBeUndefined();
		expect(omise.requests[0].body).toEqual({ amount: expected, currency: currency.toLowerCase(), title: 'Unit test', description: 'Unit', multiple: false });
		expect(items[0].json.amount).toBe(expected);
	});

	test.each([
		[{ amount: 1500.5, amountUnit: 'major', currency: 'JPY' }, 'Amount must be a whole number for JPY, which has no minor unit; got 1500.5'],
		[{ amount: '10.999', amountUnit: 'major', currency: 'THB' }, 'Amount has more than 2 decimal places, which THB does not allow; got 10.999'],
		[{ amount: 100.5, amountUnit: 'smallest', currency: 'THB' }, 'Amount must be a whole number in the smallest currency unit (got 100.5). To type 100.5 THB, set Amount Unit to "Major Unit".'],
		[{ amount: -500, currency: 'THB' }, 'Amount must be a positive number written with digits and an optional decimal point; got "-500"'],
		[{ amount: 0, currency: 'THB' }, 'Amount must be greater than zero'],
		[{ amount: '', currency: 'THB' }, 'Amount is required'],
		[{ amount: '1,500', amountUnit: 'major', currency: 'THB' }, 'Amount must be a positive number written with digits and an optional decimal point; got "1,500"'],
		[{ amount: 5000, currency: 'BAHT' }, 'Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "BAHT"'],
		[{ amount: 5000, currency: 'THB', title: 'x'.repeat(201) }, 'Title must be at most 200 characters; it has 201'],
		[{ amount: 5000, currency: 'THB', title: '  ' }, 'Title is required'],
		[{ amount: 5000, currency: 'THB', description: 'd'.repeat(1001) }, 'Description must be at most 1000 characters; it has 1001'],
		[{ amount: 5000, currency: 'THB', metadata: { metadataValues: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] } }, 'Metadata key "a" appears twice; each key can be used once'],
		[{ amount: 5000, currency: 'THB', metadata: { metadataValues: [{ key: '', value: '1' }] } }, 'Metadata key is empty: give every metadata row a key, or remove the row'],
	])('refuses %p before any request: %s', async (parameters, message) => {
		const { items, error } = await run({ operation: 'create', title: 'Bad input', description: 'Bad input', ...parameters });
		expect(error?.message).toBe(message);
		expect(items).toEqual([]);
		expect(omise.requests).toEqual([]);
	});

	test('Omise\'s own validation error reaches the user with its code and message', async () => {
		const { error } = await run({ operation: 'create', amount: 1999, amountUnit: 'smallest', currency: 'THB', title: 'Too cheap', description: 'Too cheap' });
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(error?.description).toBe('You asked for 19.99 THB (1999 in the smallest unit); Omise\'s minimum for THB is 20.00 THB (its message counts 2000, the smallest unit). Set Amount Unit to "Major Unit" to type amounts as people write them.');
		expect(error?.httpCode).toBe('400');
		expect(omise.requests).toHaveLength(1);
	});

	test('an amount from an expression over a spreadsheet row (text "1500.50") is converted exactly', async () => {
		const { items } = await run(
			{ operation: 'create', amount: '={{ $json.price }}', amountUnit: 'major', currency: '={{ $json.currency }}', title: '={{ $json.product }}', description: '={{ $json.product }}' },
			{ items: [{ json: { product: 'Latte', price: '1500.50', currency: 'thb' } }, { json: { product: 'Mocha', price: 89.9, currency: 'THB' } }] },
		);
		expect(omise.requests.map((r) => r.body)).toEqual([
			{ amount: 150050, currency: 'thb', title: 'Latte', description: 'Latte', multiple: false },
			{ amount: 8990, currency: 'thb', title: 'Mocha', description: 'Mocha', multiple: false },
		]);
		expect(items.map((item) => item.json.title)).toEqual(['Latte', 'Mocha']);
	});
});
