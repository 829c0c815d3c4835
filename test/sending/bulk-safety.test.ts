// Bulk creates against an Omise that fails the way networks do (issue: bulk
// creates that lose nothing and duplicate nothing). The sandbox injects the
// faults; the package runs in n8n's own engine, nothing of it mocked.
import type { INodeExecutionData } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { AUTH, useSandbox } from '../harness/operation';
import { summarize } from '../harness/sandbox';

// a new sandbox for every test: the checks count every link in it
const omise = useSandbox({ latencyMs: 5 }, { each: true });

const createLink = {
	resource: 'link',
	operation: 'create',
	title: '={{ $json.title }}',
	description: 'Bulk link',
	amount: '={{ $json.price }}',
	amountUnit: 'major',
	currency: 'THB',
	requestOptions: { batching: { batch: { batchSize: 5, batchInterval: 0 } }, timeout: 700 },
};

function rowsOf(count: number, title = (index: number) => `Row ${index + 1}`) {
	return Array.from({ length: count }, (_, index) => ({ json: { title: title(index), price: `${100 + index}.50` } }));
}

const links = () => omise.store.all('link', false);
const createRequests = () => omise.raw.filter((request) => request.method === 'POST' && request.path === '/links');

/** Every row comes out once, paired with its row; every link in Omise is reported by exactly one row. */
function expectEveryRowAccountedFor(items: INodeExecutionData[], rowCount: number) {
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: rowCount }, (_, item) => ({ item })));
	const reported = items.map((item) => item.json.id).filter(Boolean);
	expect(new Set(reported).size).toBe(reported.length);
	expect(links().map((link) => link.id).sort()).toEqual([...reported].sort());
}

describe('a faulty bulk run with On Error = Continue', () => {
	test('every row comes out once; links whose answer was lost are found and marked recovered; nothing is created twice', async () => {
		omise.faults.set([
			{ kind: '500', path: '/links', bodyIncludes: '"Row 3"', process: true }, // created, then 500
			{ kind: '500', path: '/links', bodyIncludes: '"Row 5"' }, // 500 before creating
			{ kind: 'stall', path: '/links', bodyIncludes: '"Row 8"' }, // created, answer never comes
			{ kind: 'reset', path: '/links', bodyIncludes: '"Row 11"' }, // created, connection dropped
			{ kind: 'reset', path: '/links', bodyIncludes: '"Row 13"', process: false }, // dropped before creating
			{ kind: '429', path: '/links', bodyIncludes: '"Row 15"', times: 2, retryAfter: 1 }, // limited twice, then fine
		]);
		const { items, error } = await omise.run(createLink, {
			items: rowsOf(20),
			node: { onError: 'continueRegularOutput' },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		expectEveryRowAccountedFor(items, 20);

		const byRow = (row: number) => items[row - 1].json;
		for (const row of [3, 8, 11]) {
			expect(byRow(row).title).toBe(`Row ${row}`);
			expect(byRow(row).recovered).toMatch(/^The answer to the create request was lost \(.+\); this link was found in Omise afterwards\.$/);
		}
		expect(byRow(3).recovered).toContain('Omise answered Omise error internal_error');
		expect(byRow(8).recovered).toContain('no answer within the timeout of 0.7 s');
		expect(byRow(11).recovered).toContain('the connection was dropped before the answer came');
		for (const row of [5, 13]) {
			expect(byRow(row).id).toBeUndefined();
			expect(byRow(row).error).toMatch(/^Outcome unknown: Omise may or may not have created this link\. The answer to the create request was lost/);
			expect(String(byRow(row).error)).not.toMatch(/retry/i);
		}
		expect(byRow(15)).toMatchObject({ title: 'Row 15', amount: 11450 });
		expect(byRow(15).recovered).toBeUndefined();

		// one create request per row, plus the two 429s of Row 15; never a second create after a lost answer
		const titles = createRequests().map((request) => summarize(request).body.title);
		expect(titles.filter((title) => title === 'Row 15')).toHaveLength(3);
		expect(titles.filter((title) => title !== 'Row 15').sort()).toEqual(rowsOf(20).map((row) => row.json.title).filter((title) => title !== 'Row 15').sort());
		// look-ups are GETs of recent links, newest first, authenticated like every request
		const lookups = omise.raw.filter((request) => request.method === 'GET');
		expect(lookups.length).toBeGreaterThanOrEqual(5);
		// no `from`: the look-up's window comes from Omise's Date header and created_at
		expect(lookups[0].query).toEqual({ order: 'reverse_chronological', limit: '100', offset: '0' });
		expect(lookups.filter((lookup) => 'from' in lookup.query)).toEqual([]);
		expect(omise.raw.every((request) => request.headers.authorization === AUTH)).toBe(true);
	});

	test('429 waits for Retry-After, then sends the row again', async () => {
		omise.faults.set([{ kind: '429', path: '/links', times: 1, retryAfter: 1 }]);
		const { items } = await omise.run(createLink, { items: rowsOf(1), node: { onError: 'continueRegularOutput' } });
		expect(items.map((item) => item.json.title)).toEqual(['Row 1']);
		const [limited, sent] = createRequests();
		expect([limited.status, sent.status]).toEqual([429, 200]);
		expect(sent.startedAt - limited.startedAt).toBeGreaterThanOrEqual(1000);
		expect(summarize(sent)).toEqual(summarize(limited));
	});

	test('429 for too long gives up with Omise\'s error and says the row is safe to send again', async () => {
		omise.faults.set([{ kind: '429', path: '/links', retryAfter: 61 }]);
		const { items } = await omise.run(createLink, { items: rowsOf(1), node: { onError: 'continueRegularOutput' } });
		expect(items).toEqual([{ json: { error: 'Omise error too_many_requests: too many requests, please slow down' }, pairedItem: { item: 0 }, error: expect.anything() }]);
		expect(items[0].error?.description).toContain('Nothing was created for this row; it is safe to send it again later');
		expect(createRequests()).toHaveLength(1); // waiting 61 s would pass the 60 s budget
	});

	test('identical rows: a row whose answer was lost never takes the link another row reported', async () => {
		omise.faults.set([{ kind: 'reset', path: '/links', every: 2, times: 1, process: false }]);
		const { items } = await omise.run(createLink, {
			items: rowsOf(3, () => 'Same title'),
			node: { onError: 'continueRegularOutput' },
		});
		expectEveryRowAccountedFor(items, 3);
		expect(items.filter((item) => item.json.id)).toHaveLength(2);
		expect(items.filter((item) => String(item.json.error).startsWith('Outcome unknown'))).toHaveLength(1);
	});

	test('a look-up pairs a row only with a link whose every sent field matches', async () => {
		// an older link with the same title but another amount must not be taken
		await omise.run({ ...createLink, amount: 999 }, { items: rowsOf(1) });
		omise.faults.set([{ kind: 'reset', path: '/links', process: false }]);
		const { items } = await omise.run(createLink, { items: rowsOf(1), node: { onError: 'continueRegularOutput' } });
		expect(items[0].json.error).toMatch(/^Outcome unknown/);
		expect(links()).toHaveLength(1);
	});

	test('Continue (using error output): error items carry their row, so the row can be written back', async () => {
		omise.faults.set([{ kind: '500', path: '/links', bodyIncludes: '"Row 2"' }]);
		const { run } = await omise.run(createLink, { items: rowsOf(3), node: { onError: 'continueErrorOutput' } });
		const [success, failed] = run.data.resultData.runData.Omise[0].data?.main ?? [];
		expect(success?.map((item) => [item.json.title, item.pairedItem])).toEqual([
			['Row 1', { item: 0 }],
			['Row 3', { item: 2 }],
		]);
		expect(failed?.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		// the error output carries the message alone (n8n keeps the row's fields only then): it says what to look for
		expect(failed?.[0].json).toEqual({ error: expect.stringMatching(/^Outcome unknown: .* Look for it \(created since \d{4}-\d\d-\d\dT[\d:.]+Z\) before creating it again\.$/) });
		// the look-up that reached the sandbox: newest links first, no `from` on n8n's clock
		expect(omise.raw.filter((request) => request.method === 'GET').map((request) => [request.path, request.query])).toEqual([['/links', { order: 'reverse_chronological', limit: '100', offset: '0' }]]);
	});
});

describe('Retry On Fail and On Error = Stop', () => {
	test('Retry On Fail re-runs the node, but no row is created twice and a lost create is never sent again', async () => {
		omise.faults.set([
			{ kind: 'reset', path: '/links', bodyIncludes: '"Row 2"', process: true },
			{ kind: '500', path: '/links', bodyIncludes: '"Row 4"' }, // every try: the node keeps failing
		]);
		const { items, error } = await omise.run(createLink, {
			items: rowsOf(6),
			node: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Outcome unknown: Omise may or may not have created this link/);
		// each row was sent at most once over the three tries; the look-ups for Row 4 were repeated instead
		const titles = createRequests().map((request) => summarize(request).body.title);
		expect(new Set(titles).size).toBe(titles.length);
		expect(links().map((link) => link.title).sort()).toEqual(titles.filter((title) => title !== 'Row 4').sort());
		// the error lists every link that exists, so none is hidden
		for (const link of links()) expect(error?.description).toContain(String(link.id));
	});

	test('Retry On Fail after a 429 storm: the second try sends only what was not created', async () => {
		// 6 answers of 429 (the first try and its 5 retries), then a 7th, then fine
		omise.faults.set([{ kind: '429', path: '/links', bodyIncludes: '"Row 2"', retryAfter: 0, times: 7 }]);
		const { items, error } = await omise.run(createLink, {
			items: rowsOf(3),
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.title)).toEqual(['Row 1', 'Row 2', 'Row 3']);
		expect(createRequests().map((request) => summarize(request).body.title).sort()).toEqual(['Row 1', ...Array(8).fill('Row 2'), 'Row 3']);
		expect(links()).toHaveLength(3);
	});

	test('Stop: after the first failure nothing more is sent, and the error names every link made', async () => {
		omise.faults.set([{ kind: '500', path: '/links', bodyIncludes: '"Row 4"' }]);
		const { error } = await omise.run({ ...createLink, requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 0 } } } }, {
			items: rowsOf(8),
		});
		expect(createRequests().map((request) => summarize(request).body.title)).toEqual(['Row 1', 'Row 2', 'Row 3', 'Row 4']);
		expect(links()).toHaveLength(3);
		for (const [index, link] of links().entries()) expect(error?.description).toContain(`row ${index + 1}: ${String(link.id)}`);
		expect(error?.description).toContain('4 row(s) were not sent.');
	});

	test('Stop: an expression that fails at a row stops n8n before our code sends anything', async () => {
		const { error } = await omise.run({ ...createLink, title: "={{ $json.fail ? $('No Such Node').item.json.title : $json.title }}" }, {
			items: [...rowsOf(3), { json: { fail: true, price: '1.00' } }, ...rowsOf(2)],
		});
		expect(error?.message).toBe("Referenced node doesn't exist");
		expect(omise.requests).toEqual([]);
		expect(links()).toEqual([]);
	});
});

describe('requests in flight', () => {
	test('at most Items per Batch requests at once; 5 without Batching', async () => {
		await omise.restart({ latencyMs: 120 });
		await omise.run({ ...createLink, requestOptions: {} }, { items: rowsOf(12), node: { onError: 'continueRegularOutput' } });
		expect(omise.maxInFlight).toBe(5);
		omise.clear();
		await omise.run({ ...createLink, requestOptions: { batching: { batch: { batchSize: 3, batchInterval: 0 } } } }, {
			items: rowsOf(9),
			node: { onError: 'continueRegularOutput' },
		});
		expect(omise.maxInFlight).toBe(3);
		expect(links()).toHaveLength(21);
	});
});

describe('bad input that used to get through: refused per row before any request, naming the field', () => {
	const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
		['a Link ID of "."', { resource: 'link', operation: 'get', linkId: '={{ $json.v }}' }, { v: '.' }, 'Link ID is not an Omise ID: ".". It looks like link_test_…'],
		['a Charge ID of ".." (capture)', { resource: 'charge', operation: 'capture', chargeId: '={{ $json.v }}' }, { v: '..' }, 'Charge ID is not an Omise ID: "..". It looks like chrg_test_…'],
		['a charge ID typed into Refund ID', { resource: 'refund', operation: 'get', chargeId: 'chrg_test_1', refundId: '={{ $json.v }}' }, { v: 'chrg_test_1' }, 'Refund ID must be a refund ID (rfnd_…); got "chrg_test_1", which is a charge ID'],
		['Limit 0 from an expression', { resource: 'link', operation: 'getAll', limit: '={{ $json.v }}' }, { v: 0 }, 'Limit must be a whole number from 1 to 100; got 0'],
		['Limit -1 from an expression', { resource: 'charge', operation: 'getAll', limit: '={{ $json.v }}' }, { v: -1 }, 'Limit must be a whole number from 1 to 100; got -1'],
		['Limit 101 from an expression', { resource: 'event', operation: 'getAll', limit: '={{ $json.v }}' }, { v: 101 }, 'Limit must be a whole number from 1 to 100; got 101'],
		['a title that is an object', { resource: 'link', operation: 'create', amount: 5000, currency: 'THB', title: '={{ $json.v }}' }, { v: { name: 'x' } }, 'Title must be text; got an object'],
		['a description that is a list', { resource: 'link', operation: 'create', amount: 5000, currency: 'THB', title: 'x', description: '={{ $json.v }}' }, { v: [1, 2] }, 'Description must be text; got a list'],
		['Update Fields with only an empty description', { resource: 'link', operation: 'update', linkId: 'link_test_1', updateFields: { description: '={{ $json.v }}' } }, { v: '' }, 'Update Fields holds only an empty Description: add Description or Metadata to change'],
		['http://localhost as Return URI', { resource: 'charge', operation: 'create', amount: 5000, currency: 'THB', card: 'tokn_test_1', additionalFields: { returnUri: '={{ $json.v }}' } }, { v: 'http://localhost/thanks' }, 'Return URI must be an https:// URL (Omise requires HTTPS); got "http://localhost/thanks"'],
		['http://127.0.0.1 as a webhook endpoint', { resource: 'charge', operation: 'create', amount: 5000, currency: 'THB', card: 'tokn_test_1', additionalFields: { webhookEndpoints: ['={{ $json.v }}'] } }, { v: 'http://127.0.0.1/hook' }, 'Webhook Endpoints must be https:// URLs (Omise requires HTTPS); got "http://127.0.0.1/hook"'],
		['an amount that is an object (present, wrong type)', { resource: 'link', operation: 'create', amount: '={{ $json.v }}', currency: 'THB', title: 'x' }, { v: { price: 1 } }, 'Amount must be a number; got an object'],
		['a currency that is a number', { resource: 'charge', operation: 'create', amount: 5000, currency: '={{ $json.v }}', card: 'tokn_test_1' }, { v: 764 }, 'Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "764"'],
		['a metadata value that is an object', { resource: 'link', operation: 'create', amount: 5000, currency: 'THB', title: 'x', description: 'x', metadata: { metadataValues: [{ key: 'order', value: '={{ $json.v }}' }] } }, { v: { id: 7 } }, 'Metadata value of "order" is an object; metadata values are sent as text, numbers or true/false'],
		['a card that is not a token', { resource: 'charge', operation: 'create', amount: 5000, currency: 'THB', card: '={{ $json.v }}' }, { v: 'cust_test_1' }, 'Card must start with tokn_; got "cust_test_1"'],
	];
	test.each(cases)('%s', async (_label, parameters, json, message) => {
		const { run, error } = await omise.run(parameters, { items: [{ json: json as never }], node: { onError: 'continueErrorOutput' } });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([]);
		const [success, failed] = run.data.resultData.runData.Omise[0].data?.main ?? [];
		expect(success).toEqual([]);
		expect(failed?.map((item) => [item.json.error, item.pairedItem])).toEqual([[message, { item: 0 }]]);
	});
});

describe('cost per item', () => {
	test.each([1, 2])('each expression of a Link → Create (node version %i) is evaluated only as n8n\'s RoutingNode itself needs: no second reads, nothing of the package\'s own', async (typeVersion) => {
		const prototype = Expression.prototype as unknown as { renderExpression: (expression: string, data: unknown) => unknown };
		const render = prototype.renderExpression;
		const evaluations = new Map<string, number>();
		prototype.renderExpression = function (this: unknown, expression: string, data: unknown) {
			evaluations.set(expression, (evaluations.get(expression) ?? 0) + 1);
			return render.call(this, expression, data);
		};
		try {
			await omise.run(createLink, { items: rowsOf(10), node: { typeVersion } });
		} finally {
			prototype.renderExpression = render;
		}
		// RoutingNode resolves every parameter of the description twice per item (its pass
		// over the properties and again for its base-URL check); the node reads each
		// field once more to send it. The base URL, the credential and the requests add none,
		// nor do the other version's properties of the same name (hidden by @version).
		expect(Object.fromEntries([...evaluations].map(([expression, count]) => [expression.trim(), count / 10]))).toEqual({
			'{{ $json.title }}': 3,
			'{{ $json.price }}': 3,
		});
	});

	test('an ID field costs the same in version 1 (text) and version 2 (a resource locator): each version is its own node type, so no property of the other is evaluated', async () => {
		const charges: string[] = [];
		for (let i = 0; i < 10; i++) charges.push(String((await omise.call('POST', '/charges', { amount: 2000 + i, currency: 'thb', card: `tokn_test_cost${i}` })).id));
		const counts: number[] = [];
		for (const [typeVersion, chargeId] of [[1, '={{ $json.charge }}'], [2, { __rl: true, mode: 'id', value: '={{ $json.charge }}' }]] as const) {
			const prototype = Expression.prototype as unknown as { renderExpression: (expression: string, data: unknown) => unknown };
			const render = prototype.renderExpression;
			let evaluations = 0;
			prototype.renderExpression = function (this: unknown, expression: string, data: unknown) {
				if (expression.trim() === '{{ $json.charge }}') evaluations += 1;
				return render.call(this, expression, data);
			};
			try {
				const { items } = await omise.run({ resource: 'charge', operation: 'get', chargeId }, { items: charges.map((charge) => ({ json: { charge } })), node: { typeVersion } });
				expect(items.map((item) => item.json.id)).toEqual(charges);
			} finally {
				prototype.renderExpression = render;
			}
			counts.push(evaluations / charges.length);
		}
		// Charge ID is three properties of each version (Charge, Refund → Create and Get, Refund → Get Many): RoutingNode evaluates each twice, the node reads it once.
		expect(counts).toEqual([7, 7]);
	});
});
