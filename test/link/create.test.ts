import { runOmiseNode } from './harness/n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, startSandbox, summarize } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
const auth = basicAuth(KEYS.testSecretKey);

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const run = async (parameters: Record<string, unknown>, options: Parameters<typeof runOmiseNode>[2] = {}) =>
	await runOmiseNode({ resource: 'link', ...parameters } as never, credentialsFor(sandbox), options);

async function makeLink(overrides: Record<string, unknown> = {}) {
	const link = await callSandbox(sandbox, 'POST', '/links', { amount: 10000, currency: 'thb', title: 'Fixture', description: 'Fixture link', ...overrides });
	sandbox.clearRequests();
	return link;
}

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
		expect(sandbox.requests.map(summarize)).toEqual([
			{
				method: 'POST',
				path: '/links',
				query: {},
				body: {
					amount: 150050,
					currency: 'thb',
					title: 'Invoice 42',
					description: 'Consulting, March',
					multiple: true,
					metadata: { invoice_id: 'INV-42', 'row.number': '7', customer: 'Somchai' },
				},
				authorization: auth,
			},
		]);
		const headers = sandbox.requests[0].headers;
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
		expect(link.payment_uri).toMatch(new RegExp(`^${sandbox.url}/pay/[A-F0-9]{8}$`));
		expect(sandbox.store.get('link', link.id as string, false)).toBeDefined();
	});

	test('sends multiple=false by default', async () => {
		const { items } = await run({ operation: 'create', amount: 2000, currency: 'jpy', title: 'Matcha', description: 'Tea set' });
		expect(sandbox.requests.map(summarize)).toEqual([
			{ method: 'POST', path: '/links', query: {}, body: { amount: 2000, currency: 'jpy', title: 'Matcha', description: 'Tea set', multiple: false }, authorization: auth },
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
		expect(sandbox.requests).toEqual([]);
	});

	test('the sandbox, like Omise, answers a link without a description with 400', async () => {
		const before = sandbox.store.all('link', false).length;
		for (const body of [{}, { description: '' }]) {
			await expect(callSandbox(sandbox, 'POST', '/links', { amount: 2000, currency: 'thb', title: 'No description', ...body })).rejects.toThrow(
				'"code":"bad_request","message":"description is required"',
			);
		}
		expect(sandbox.store.all('link', false)).toHaveLength(before);
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
		expect(summarize(sandbox.requests[0]).body).toEqual({ amount: expected, currency: currency.toLowerCase(), title: 'Unit test', description: 'Unit', multiple: false });
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
		expect(sandbox.requests).toEqual([]);
	});

	test('Omise\'s own validation error reaches the user with its code and message', async () => {
		const { error } = await run({ operation: 'create', amount: 1999, amountUnit: 'smallest', currency: 'THB', title: 'Too cheap', description: 'Too cheap' });
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(error?.description).toContain('smallest currency unit');
		expect(error?.httpCode).toBe('400');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('an amount from an expression over a spreadsheet row (text "1500.50") is converted exactly', async () => {
		const { items } = await run(
			{ operation: 'create', amount: '={{ $json.price }}', amountUnit: 'major', currency: '={{ $json.currency }}', title: '={{ $json.product }}', description: '={{ $json.product }}' },
			{ items: [{ json: { product: 'Latte', price: '1500.50', currency: 'thb' } }, { json: { product: 'Mocha', price: 89.9, currency: 'THB' } }] },
		);
		expect(sandbox.requests.map((r) => summarize(r).body)).toEqual([
			{ amount: 150050, currency: 'thb', title: 'Latte', description: 'Latte', multiple: false },
			{ amount: 8990, currency: 'thb', title: 'Mocha', description: 'Mocha', multiple: false },
		]);
		expect(items.map((item) => item.json.title)).toEqual(['Latte', 'Mocha']);
	});
});

describe('Link → Get / Update / Delete', () => {
	test('Get sends GET /links/:id and outputs the link', async () => {
		const link = await makeLink();
		const { items } = await run({ operation: 'get', linkId: link.id });
		expect(sandbox.requests.map(summarize)).toEqual([{ method: 'GET', path: `/links/${link.id}`, query: {}, body: undefined, authorization: auth }]);
		expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ id: link.id, object: 'link', title: 'Fixture' })]);
	});

	test.each([
		['../account', 'Link ID is not an Omise ID: "../account". It looks like link_test_…'],
		['.', 'Link ID is not an Omise ID: ".". It looks like link_test_…'],
		['..', 'Link ID is not an Omise ID: "..". It looks like link_test_…'],
		['chrg_test_5abc', 'Link ID must be a link ID (link_…); got "chrg_test_5abc", which is a charge ID'],
		['  ', 'Link ID is required (an Omise ID such as link_test_…)'],
	])('a Link ID of %j is refused before any request: it could change the path or is the wrong kind', async (linkId, message) => {
		const { error } = await run({ operation: 'get', linkId });
		expect(sandbox.requests).toEqual([]);
		expect(error?.message).toBe(message);
	});

	test('an empty Link ID is refused before any request', async () => {
		const { error } = await run({ operation: 'get', linkId: ' ' });
		expect(error?.message).toBe('Link ID is required (an Omise ID such as link_test_…)');
		expect(sandbox.requests).toEqual([]);
	});

	test('Update sends PATCH /links/:id with description and metadata only', async () => {
		const link = await makeLink({ metadata: { keep: 'me' } });
		const { items } = await run({
			operation: 'update',
			linkId: link.id,
			updateFields: { description: 'Now with oat milk', metadata: { metadataValues: [{ key: 'status', value: 'sent' }] } },
		});
		expect(sandbox.requests.map(summarize)).toEqual([
			{
				method: 'PATCH',
				path: `/links/${link.id}`,
				query: {},
				body: { description: 'Now with oat milk', metadata: { status: 'sent' } },
				authorization: auth,
			},
		]);
		expect(items[0].json).toMatchObject({ id: link.id, description: 'Now with oat milk', metadata: { keep: 'me', status: 'sent' } });
	});

	test('Update with nothing in Update Fields is refused before any request', async () => {
		const link = await makeLink();
		const { error } = await run({ operation: 'update', linkId: link.id, updateFields: {} });
		expect(error?.message).toBe('Update Fields is empty: add Description or Metadata to change');
		expect(sandbox.requests).toEqual([]);
	});

	test('Delete sends DELETE /links/:id and outputs the deleted link', async () => {
		const link = await makeLink();
		const { items } = await run({ operation: 'delete', linkId: link.id });
		expect(sandbox.requests.map(summarize)).toEqual([{ method: 'DELETE', path: `/links/${link.id}`, query: {}, body: undefined, authorization: auth }]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: link.id, deleted: true });
		expect(items[0].json.deleted_at).toEqual(expect.any(String));
	});
});

describe('Link → Get Many / Get Charges', () => {
	let listSandbox: Sandbox;
	beforeAll(async () => {
		let clock = Date.parse('2026-01-01T00:00:00Z');
		listSandbox = await startSandbox({ now: () => new Date((clock += 60_000)) });
		for (let index = 0; index < 250; index++) {
			await callSandbox(listSandbox, 'POST', '/links', { amount: 2000 + index, currency: 'thb', title: `Row ${index}`, description: `Row ${index}` });
		}
	});
	afterAll(async () => await listSandbox.close());
	beforeEach(() => listSandbox.clearRequests());

	const runList = async (parameters: Record<string, unknown>, settings?: Record<string, unknown>) =>
		await runOmiseNode({ resource: 'link', ...parameters } as never, credentialsFor(listSandbox), { settings });

	test('Return All over 250 links makes exactly 3 requests of limit 100 and outputs one item per link', async () => {
		const { items } = await runList({ operation: 'getAll', returnAll: true });
		expect(listSandbox.requests.map(summarize)).toEqual(
			[0, 100, 200].map((offset) => ({
				method: 'GET',
				path: '/links',
				query: { limit: '100', offset: String(offset) },
				body: undefined,
				authorization: auth,
			})),
		);
		expect(items).toHaveLength(250);
		expect(items.map((item) => item.json.title)).toEqual(Array.from({ length: 250 }, (_, index) => `Row ${index}`));
	});

	test('Limit is honoured with one request', async () => {
		const { items } = await runList({ operation: 'getAll', returnAll: false, limit: 7 });
		expect(listSandbox.requests.map(summarize)).toEqual([{ method: 'GET', path: '/links', query: { limit: '7' }, body: undefined, authorization: auth }]);
		expect(items.map((item) => item.json.title)).toEqual(['Row 0', 'Row 1', 'Row 2', 'Row 3', 'Row 4', 'Row 5', 'Row 6']);
	});

	test('filters send from/to in UTC (a zone-less time is read in the workflow time zone) and order', async () => {
		const { items } = await runList(
			{
				operation: 'getAll',
				returnAll: false,
				limit: 100,
				filters: { from: '2026-01-01T07:05:00', to: '2026-01-01T00:09:00Z', order: 'reverse_chronological' },
			},
			{ timezone: 'Asia/Bangkok' },
		);
		expect(listSandbox.requests.map(summarize)).toEqual([
			{
				method: 'GET',
				path: '/links',
				query: { limit: '100', from: '2026-01-01T00:05:00Z', to: '2026-01-01T00:09:00Z', order: 'reverse_chronological' },
				body: undefined,
				authorization: auth,
			},
		]);
		const inRange = listSandbox.store
			.all('link', false, (link) => (link.created_at as string) >= '2026-01-01T00:05:00Z' && (link.created_at as string) <= '2026-01-01T00:09:00Z')
			.map((link) => link.title)
			.reverse();
		expect(inRange.length).toBeGreaterThan(1);
		expect(items.map((item) => item.json.title)).toEqual(inRange);
	});

	test('a From that is not a date is refused before any request', async () => {
		const { error } = await runList({ operation: 'getAll', returnAll: true, filters: { from: 'last tuesday' } });
		expect(error?.message).toBe('Filters → From is not a date and time: "last tuesday"');
		expect(listSandbox.requests).toEqual([]);
	});

	test('Get Charges lists the payments of a link through GET /links/:id/charges', async () => {
		const link = await makeLink({ multiple: true, title: 'Donation' });
		for (let payment = 0; payment < 3; payment++) {
			const response = await fetch(`${sandbox.url}/__sandbox/links/${link.id}/pay`, { method: 'POST' });
			expect(response.status).toBe(200);
		}
		sandbox.clearRequests();
		const all = await run({ operation: 'getCharges', linkId: link.id, returnAll: true });
		const limited = await run({ operation: 'getCharges', linkId: link.id, returnAll: false, limit: 2 });
		expect(sandbox.requests.map(summarize)).toEqual([
			{ method: 'GET', path: `/links/${link.id}/charges`, query: { limit: '100', offset: '0' }, body: undefined, authorization: auth },
			{ method: 'GET', path: `/links/${link.id}/charges`, query: { limit: '2' }, body: undefined, authorization: auth },
		]);
		expect(all.items).toHaveLength(3);
		expect(all.items.map((item) => [item.json.object, item.json.link, item.json.status, item.json.paid])).toEqual(
			Array(3).fill(['charge', link.id, 'successful', true]),
		);
		expect(limited.items).toHaveLength(2);
	});
});
