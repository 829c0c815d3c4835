import { AUTH, useSandbox } from '../harness/operation';
import { KEYS } from '../harness/sandbox';

const omise = useSandbox({ latencyMs: 40 });

const rows = [
	{ title: 'Row 1', price: '100.00', currency: 'THB' },
	{ title: 'Row 2', price: '5.00', currency: 'THB' }, // below Omise's THB minimum: Omise refuses it
	{ title: 'Row 3', price: '250.25', currency: 'THB' },
	{ title: 'Row 4', price: '12.50', currency: 'BAHT' }, // not a currency code: refused before sending
	{ title: 'Row 5', price: '1000', currency: 'JPY' },
];

const createFromRows = {
	resource: 'link',
	operation: 'create',
	title: '={{ $json.title }}',
	description: 'Order link',
	amount: '={{ $json.price }}',
	amountUnit: 'major',
	currency: '={{ $json.currency }}',
};

describe('errors', () => {
	test.each([
		['a wrong key (401)', { secretKey: 'skey_test_wrong' }, { operation: 'get', linkId: 'link_test_x' }, 'Omise error authentication_failure: authentication failed', '401', 'Secret Key'],
		['an unknown id (404)', {}, { operation: 'get', linkId: 'link_test_missing' }, 'Omise error not_found: link link_test_missing was not found', '404', 'same mode'],
		['an amount Omise refuses (400)', {}, { operation: 'create', amount: 100, amountUnit: 'smallest', currency: 'THB', title: 'x', description: 'x' }, 'Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)', '400', 'Omise\'s minimum for THB is 20.00 THB'],
		['an unsupported currency (400)', {}, { operation: 'create', amount: 100000, currency: 'XYZ', title: 'x', description: 'x' }, 'Omise error invalid_currency: currency is currently not supported', '400', '3-letter code'],
	])('%s surfaces as a node error with Omise\'s code and message', async (_label, credentialOverrides, parameters, message, httpCode, hint) => {
		const { error, items } = await omise.run({ resource: 'link', ...parameters }, { credentials: credentialOverrides });
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe(httpCode);
		expect(error?.description).toContain(hint);
		expect(items).toEqual([]);
		// sent once: no automatic retry of a failed request
		expect(omise.requests).toHaveLength(1);
	});

	test('the secret key appears in no output, error or run data', async () => {
		const results = [
			await omise.run({ resource: 'link', operation: 'get', linkId: 'link_test_missing' }),
			await omise.run({ resource: 'link', operation: 'get', linkId: 'link_test_x' }, { credentials: { secretKey: 'skey_test_wrong_key_123' } }),
			await omise.run({ resource: 'link', operation: 'create', amount: 100000, currency: 'THB', title: 'ok', description: 'ok' }),
			await omise.run(createFromRows, { items: rows.map((json) => ({ json })), node: { onError: 'continueRegularOutput' } }),
		];
		for (const { run, error } of results) {
			const text = JSON.stringify(run) + JSON.stringify(error ?? {}) + String(error?.stack ?? '');
			expect(text).not.toContain(KEYS.testSecretKey);
			expect(text).not.toContain('skey_test_wrong_key_123');
			expect(text).not.toContain(Buffer.from(`${KEYS.testSecretKey}:`).toString('base64'));
		}
	});
});

describe('bulk: Continue On Fail and batching', () => {
	test('with Continue On Fail, 5 rows with 2 bad ones give 5 items in order, errors as error items', async () => {
		const { items, error } = await omise.run(createFromRows, {
			items: rows.map((json) => ({ json })),
			node: { onError: 'continueRegularOutput' },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(items.map((item) => item.json.title ?? item.json.error)).toEqual([
			'Row 1',
			'Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)',
			'Row 3',
			'Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "BAHT"',
			'Row 5',
		]);
		expect(items.map((item) => item.json.amount ?? null)).toEqual([10000, null, 25025, null, 1000]);
		// Row 4 never left n8n; Row 2 reached Omise and was refused
		expect(omise.requests.map((r) => r.body.title).sort()).toEqual(['Row 1', 'Row 2', 'Row 3', 'Row 5']);
		expect(omise.raw.every((r) => r.headers.authorization === AUTH)).toBe(true);
	});

	test('without Continue On Fail a row with bad input stops the node before any request', async () => {
		const { items, error } = await omise.run(createFromRows, { items: rows.map((json) => ({ json })) });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "BAHT"');
		expect(omise.requests).toEqual([]);
	});

	test('without Continue On Fail the first refusal stops the sending, and the error lists what was created', async () => {
		const valid = rows.filter((row) => row.currency !== 'BAHT');
		const { items, error } = await omise.run(
			{ ...createFromRows, requestOptions: { batching: { batch: { batchSize: 1 } } } }, { items: valid.map((json) => ({ json })) },
		);
		expect(items).toEqual([]);
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		// one request at a time: Row 1 was created, Row 2 refused, Rows 3 and 5 never sent
		expect(omise.requests.map((r) => r.body.title)).toEqual(['Row 1', 'Row 2']);
		const created = omise.store.all('link', false).filter((link) => link.title === 'Row 1').pop() as { id: string };
		expect(error?.description).toContain(`Before the node stopped, 1 row(s) had already been done in Omise (they are not in the output): row 1: ${created.id}.`);
		expect(error?.description).toContain('2 row(s) were not sent.');
	});

	test('with Continue (using error output), good rows go to the first output paired with their input row, bad rows to the second', async () => {
		const { run, error } = await omise.run(createFromRows, {
			items: rows.map((json) => ({ json })),
			node: { onError: 'continueErrorOutput' },
		});
		expect(error).toBeUndefined();
		const [success, failed] = run.data.resultData.runData.Omise[0].data?.main ?? [];
		expect(success?.map((item) => [item.json.title, item.pairedItem])).toEqual([
			['Row 1', { item: 0 }],
			['Row 3', { item: 2 }],
			['Row 5', { item: 4 }],
		]);
		// error items are paired with their rows too, so the failed rows can be written back
		expect(failed?.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)', { item: 1 }],
			['Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "BAHT"', { item: 3 }],
		]);
	});

	test('list operations over several input items pair every result with its input item', async () => {
		const links = [];
		for (const title of ['Paid twice', 'Paid once']) {
			const created = await omise.run({ resource: 'link', operation: 'create', amount: 5000, currency: 'THB', title, description: title, multiple: true });
			links.push(created.items[0].json.id as string);
		}
		for (const id of [links[0], links[0], links[1]]) await fetch(`${omise.url}/__sandbox/links/${id}/pay`, { method: 'POST' });
		const { items } = await omise.run(
			{ resource: 'link', operation: 'getCharges', linkId: '={{ $json.linkId }}', returnAll: true }, { items: links.map((linkId) => ({ json: { linkId } })) },
		);
		expect(items.map((item) => [item.json.link, item.pairedItem])).toEqual([
			[links[0], { item: 0 }],
			[links[0], { item: 0 }],
			[links[1], { item: 1 }],
		]);
	});

	test('n8n\'s Request Options → Batching keeps several requests in flight and the output in input order', async () => {
		const many = Array.from({ length: 12 }, (_, index) => ({ json: { title: `Bulk ${index}`, price: String(100 + index), currency: 'THB' } }));
		const started = Date.now();
		const { items, error } = await omise.run(
			{ ...createFromRows, requestOptions: { batching: { batch: { batchSize: 4, batchInterval: 150 } } } }, { items: many },
		);
		const elapsed = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.title)).toEqual(many.map((item) => item.json.title));
		expect(items.map((item) => item.json.amount)).toEqual(many.map((_, index) => (100 + index) * 100));
		expect(omise.requests).toHaveLength(12);
		// batches of 4 start 150 ms apart; each answer takes 40 ms, so at most 4 overlap and at least 2 do
		expect(omise.maxInFlight).toBeGreaterThanOrEqual(2);
		expect(omise.maxInFlight).toBeLessThanOrEqual(4);
		expect(elapsed).toBeGreaterThanOrEqual(2 * 150);
	});
});

describe('whose error it is', () => {
	test('with On Error = Stop, a refusal of the node\'s own carries no HTTP code or raw messages (the editor shows no "From Omise" section); Omise\'s errors keep theirs', async () => {
		const own = await omise.run({ resource: 'link', operation: 'create', amount: 5000, currency: 'BAHT', title: 'x', description: 'y' });
		expect(own.error?.message).toBe('Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "BAHT"');
		expect(own.error?.httpCode ?? null).toBeNull();
		expect((own.error as { messages?: string[] } | undefined)?.messages ?? []).toEqual([]);
		expect(own.error?.context?.data).toBeUndefined();
		expect(own.error?.description ?? '').not.toContain('This is the error of row'); // one row: nothing to tell apart
		expect(omise.requests).toEqual([]);

		const fromOmise = await omise.run({ resource: 'link', operation: 'create', amount: 100, amountUnit: 'smallest', currency: 'THB', title: 'x', description: 'y' });
		expect(fromOmise.error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(fromOmise.error?.httpCode).toBe('400');
	});
});
