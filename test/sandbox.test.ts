// The sandbox is the backend of every test, so it is tested on its own too:
// what it accepts and answers must match what the Omise docs describe.
import { basicAuth, KEYS, startSandbox } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

// Answers are read loosely: the tests compare them with the values they expect.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function call(method: string, path: string, options: { body?: string; type?: string; key?: string; version?: string } = {}) {
	const headers: Record<string, string> = { authorization: basicAuth(options.key ?? KEYS.testSecretKey) };
	if (options.type) headers['content-type'] = options.type;
	if (options.version) headers['omise-version'] = options.version;
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: options.body });
	return { status: response.status, json: (await response.json()) as Json };
}

test('form encoding as curl and the PHP/Ruby libraries send it: metadata[key] and webhook_endpoints[]', async () => {
	const link = await call('POST', '/links', {
		type: 'application/x-www-form-urlencoded',
		body: 'amount=10000&currency=thb&title=Hot+Latte&description=Large&multiple=true&metadata[order_id]=42&metadata[note]=a%26b',
	});
	expect(link.status).toBe(200);
	expect(link.json).toMatchObject({ amount: 10000, multiple: true, metadata: { order_id: '42', note: 'a&b' } });
	const charge = await call('POST', '/charges', {
		type: 'application/x-www-form-urlencoded',
		body: 'amount=5000&currency=thb&card=tokn_test_form&webhook_endpoints[]=https://a.example.com&webhook_endpoints[]=https://b.example.com',
	});
	expect(charge.status).toBe(200);
	expect(sandbox.requests.at(-1)?.body).toMatchObject({ webhook_endpoints: ['https://a.example.com', 'https://b.example.com'] });
});

test('authentication: a missing, wrong or public key gets 401 authentication_failure', async () => {
	for (const key of ['', 'skey_test_nope', KEYS.testPublicKey]) {
		const response = await call('GET', '/links', { key });
		expect(response).toEqual({
			status: 401,
			json: { object: 'error', location: 'https://www.omise.co/api-errors#authentication-failure', code: 'authentication_failure', message: 'authentication failed' },
		});
	}
});

test('test and live keys see separate objects, with ids and livemode that say so', async () => {
	const live = await call('POST', '/links', { type: 'application/json', body: JSON.stringify({ amount: 10000, currency: 'thb', title: 'Live', description: 'Live' }), key: KEYS.liveSecretKey });
	expect(live.json.id).toMatch(/^link_(?!test_)/);
	expect(live.json.livemode).toBe(true);
	expect((await call('GET', `/links/${live.json.id}`)).status).toBe(404);
	expect((await call('GET', `/links/${live.json.id}`, { key: KEYS.liveSecretKey })).status).toBe(200);
});

test('Omise-Version decides created_at/created and the currency case', async () => {
	const link = await call('POST', '/links', { type: 'application/json', body: JSON.stringify({ amount: 10000, currency: 'THB', title: 'Versions', description: 'Versions' }) });
	const latest = await call('GET', `/links/${link.json.id}`, { version: '2019-05-29' });
	const older = await call('GET', `/links/${link.json.id}`, { version: '2017-11-02' });
	expect(latest.json).toMatchObject({ currency: 'THB', created_at: expect.any(String) });
	expect(latest.json.created).toBeUndefined();
	expect(older.json).toMatchObject({ currency: 'thb', created: expect.any(String) });
	expect(older.json.created_at).toBeUndefined();
});

test('lists cap limit at 100 and report total, offset, order, from and to', async () => {
	const list = await call('GET', '/links?limit=500&offset=1&order=reverse_chronological');
	expect(list.json).toMatchObject({ object: 'list', limit: 100, offset: 1, order: 'reverse_chronological', location: '/links', from: '1970-01-01T00:00:00Z' });
	expect(list.json.total).toBeGreaterThan(0);
	expect((await call('GET', '/links?order=sideways')).json).toMatchObject({ code: 'bad_request', message: 'order must be one of chronological, reverse_chronological' });
	expect((await call('GET', '/links?from=yesterday')).json).toMatchObject({ code: 'bad_request', message: 'from is not a valid ISO 8601 date' });
});

test('validation errors use Omise\'s codes', async () => {
	const post = (body: object) => call('POST', '/links', { type: 'application/json', body: JSON.stringify(body) });
	expect((await post({ amount: 'ten', currency: 'thb', title: 'x' })).json).toMatchObject({ code: 'invalid_amount', message: 'amount must be an integer' });
	expect((await post({ amount: 10000, currency: 'xyz', title: 'x' })).json).toMatchObject({ code: 'invalid_currency' });
	expect((await post({ amount: 10000, currency: 'thb', description: 'd' })).json).toMatchObject({ code: 'bad_request', message: 'title is required' });
	// Omise's API reference and libraries require a link's description (its Links guide says optional)
	expect((await post({ amount: 10000, currency: 'thb', title: 'x' })).json).toMatchObject({ code: 'bad_request', message: 'description is required' });
	expect((await post({ amount: 10000, currency: 'thb', title: 'x', description: '' })).json).toMatchObject({ code: 'bad_request', message: 'description is required' });
	expect((await post({ amount: 10000, currency: 'thb', title: 't'.repeat(201), description: 'd' })).json).toMatchObject({
		code: 'bad_request',
		message: 'title is too long (maximum is 200 characters)',
	});
	// stricter than Omise on purpose: a stray parameter is a bug in the node
	expect((await post({ amount: 10000, currency: 'thb', title: 'x', description: 'd', amountUnit: 'major' })).json).toMatchObject({
		code: 'bad_request',
		message: 'amountUnit is not a valid parameter',
	});
	const broken = await call('POST', '/links', { type: 'application/json', body: '{"amount":' });
	expect(broken).toMatchObject({ status: 400, json: { code: 'bad_request', message: 'request body is not valid JSON' } });
});

describe('recipients and transfers', () => {
	const json = (method: string, path: string, body?: object, key?: string) => call(method, path, { type: 'application/json', body: body && JSON.stringify(body), key });
	const bank = { brand: 'bbl', number: '1234567890', name: 'SOMCHAI' };

	test('a recipient needs a name, a type and the bank account of its country: Omise\'s codes', async () => {
		const post = (body: object) => json('POST', '/recipients', body);
		expect((await post({ type: 'individual', bank_account: bank })).json).toMatchObject({ code: 'bad_request', message: 'name is required' });
		expect((await post({ name: 'A', type: 'person', bank_account: bank })).json).toMatchObject({ code: 'bad_request', message: 'type must be one of individual, corporation' });
		expect((await post({ name: 'A', type: 'individual' })).json).toMatchObject({ code: 'invalid_bank_account', message: 'bank_account is required' });
		expect((await post({ name: 'A', type: 'individual', bank_account: { number: '1234567890', name: 'A' } })).json).toMatchObject({ code: 'invalid_bank_account', message: 'bank_account[brand] is required' });
		const japan = { bank_code: '0001', branch_code: '001', type: 'normal', number: '0000001', name: 'A' };
		expect((await post({ name: 'A', type: 'individual', bank_account: { ...japan, branch_code: undefined } })).json).toMatchObject({ code: 'invalid_bank_account', message: 'bank_account[branch_code] is required' });
		expect((await post({ name: 'A', type: 'individual', bank_account: { ...japan, type: 'savings' } })).json).toMatchObject({ code: 'invalid_bank_account', message: 'bank_account[type] must be one of normal, current' });
		const created = await post({ name: 'A', type: 'individual', bank_account: japan });
		expect(created).toMatchObject({ status: 200, json: { object: 'recipient', verified: false, active: false, bank_account: { bank_code: '0001', branch_code: '001', type: 'normal', last_digits: '0001', account_number: '0000001' } } });
		// verifying is a test-mode action
		const live = await json('PATCH', `/recipients/${created.json.id}/verify`, undefined, KEYS.liveSecretKey);
		expect(live).toMatchObject({ status: 403, json: { code: 'forbidden', message: 'verify is only available in test mode' } });
		expect((await json('PATCH', `/recipients/${created.json.id}/verify`)).json).toMatchObject({ verified: true, active: true });
	});

	test('transfers: Omise\'s codes for a bad amount, more than the balance, an unknown recipient; the balance is its transactions', async () => {
		const post = (body: object) => json('POST', '/transfers', body);
		expect((await post({ amount: 'ten' })).json).toMatchObject({ code: 'invalid_amount', message: 'amount must be an integer' });
		expect((await post({ amount: 3000 })).json).toMatchObject({ code: 'invalid_amount', message: 'amount must be greater than the transfer fee of 3000 (thb subunits)' });
		expect((await post({ amount: 5000, recipient: 'recp_test_none' })).json).toMatchObject({ code: 'invalid_recipient', message: 'recipient recp_test_none was not found' });
		const before = (await call('GET', '/balance')).json;
		await json('POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_test_sandbox_transfer' });
		expect((await post({ amount: before.transferable + 500001 })).json).toMatchObject({ code: 'insufficient_fund' });
		const transfer = (await post({ amount: 400000, metadata: { batch: '1' } })).json;
		expect(transfer).toMatchObject({ object: 'transfer', amount: 400000, fee: 2804, fee_vat: 196, net: 397000, total_fee: 3000, sent: false, transactions: [] });
		// the live balance is another one
		const live = await json('POST', '/transfers', { amount: 5000 }, KEYS.liveSecretKey);
		expect(live.json).toMatchObject({ code: 'insufficient_fund' });
		const sentOut = (await json('POST', `/transfers/${transfer.id}/mark_as_sent`)).json;
		expect(sentOut.transactions).toEqual([expect.objectContaining({ direction: 'debit', key: 'transfer', amount: 400000, origin: transfer.id })]);
		const after = (await call('GET', '/balance')).json;
		expect(after.total).toBe(before.total + (500000 - 18250 - 1278) - 400000); // the charge's net: less its fee (3.65 %) and the fee's VAT
		const transactions = (await call('GET', '/transactions?limit=100')).json.data as Json[];
		expect(transactions.reduce((sum, t) => sum + (t.direction === 'credit' ? t.amount : -t.amount), 0)).toBe(after.total);
	});

	test('mark_as_sent and mark_as_paid of a live transfer are refused (test mode only)', async () => {
		const liveSandbox = await startSandbox();
		try {
			const live = async (method: string, path: string, body?: object) => {
				const response = await fetch(`${liveSandbox.url}${path}`, { method, headers: { authorization: basicAuth(KEYS.liveSecretKey), 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
				return (await response.json()) as Json;
			};
			await live('POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_live_sandbox1' });
			const transfer = await live('POST', '/transfers', { amount: 100000 });
			expect(transfer).toMatchObject({ object: 'transfer', livemode: true, id: expect.stringMatching(/^trsf_(?!test_)/) });
			expect(await live('POST', `/transfers/${transfer.id}/mark_as_sent`)).toMatchObject({ code: 'forbidden', message: 'mark_as_sent is only available in test mode' });
			expect(await live('POST', `/transfers/${transfer.id}/mark_as_paid`)).toMatchObject({ code: 'forbidden', message: 'mark_as_paid is only available in test mode' });
		} finally {
			await liveSandbox.close();
		}
	});
});

test('paying a single-use link marks it used; a second payment is refused', async () => {
	const link = await call('POST', '/links', { type: 'application/json', body: JSON.stringify({ amount: 10000, currency: 'thb', title: 'Once', description: 'Single use' }) });
	const pay = () => fetch(`${sandbox.url}/__sandbox/links/${link.json.id}/pay`, { method: 'POST' });
	const first = await pay();
	expect(first.status).toBe(200);
	expect(await first.json()).toMatchObject({ object: 'charge', status: 'successful', paid: true, link: link.json.id, description: 'Once\n\nSingle use' });
	const second = await pay();
	expect(second.status).toBe(400);
	expect(await second.json()).toMatchObject({ code: 'invalid_link', message: 'link has already been used' });
	expect((await call('GET', `/links/${link.json.id}`)).json).toMatchObject({ used: true, charges: { total: 1 } });
	const keys = (await call('GET', '/events?order=reverse_chronological&limit=2')).json.data.map((event: { key: string }) => event.key);
	expect(keys).toEqual(['charge.complete', 'charge.create']);
});

test('the payment page of a link is served at its payment_uri and pays it with a test card', async () => {
	const link = await call('POST', '/links', { type: 'application/json', body: JSON.stringify({ amount: 54000, currency: 'thb', title: 'Page <b>test</b>', description: 'Page' }) });
	const page = await fetch(link.json.payment_uri);
	const html = await page.text();
	expect(page.headers.get('content-type')).toContain('text/html');
	expect(html).toContain('Page &lt;b&gt;test&lt;/b&gt;');
	expect(html).toContain('540.00 THB');
	const paid = await fetch(link.json.payment_uri, { method: 'POST' });
	expect(await paid.text()).toMatch(/Paid\. Charge chrg_test_/);
});

// --- Omise's clock, and faults beyond "no answer" -------------------------------------------

const json = { 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** An API call to a given sandbox whose answer is read as bytes (it may not be JSON). */
async function rawCall(target: Sandbox, method: string, path: string, body?: unknown, type = 'application/json') {
	const response = await fetch(`${target.url}${path}`, {
		method,
		headers: { authorization: basicAuth(KEYS.testSecretKey), 'content-type': type },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function control(target: Sandbox, method: string, path: string, body?: unknown) {
	const response = await fetch(`${target.url}/__sandbox/${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Json };
}

const chargesWith = (target: Sandbox, description: string) => target.store.all('charge', false, (charge) => charge.description === description);

describe("Omise's clock", () => {
	let skewed: Sandbox;
	beforeAll(async () => {
		skewed = await startSandbox({ clockOffsetMs: -90_000 });
	});
	afterAll(async () => await skewed.close());

	test('clockOffsetMs: created_at and every Date header are ~90 s behind the real time; lists use the sandbox clock', async () => {
		const before = Date.now() / 1000;
		const charge = await rawCall(skewed, 'POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_clock1', description: 'Clock' });
		const after = Date.now() / 1000;
		expect(charge.status).toBe(200);
		const created = JSON.parse(charge.bytes.toString()).created_at as string;
		// created_at and Date have whole seconds: allow one second either side
		expect(seconds(created)).toBeGreaterThanOrEqual(before - 90 - 1);
		expect(seconds(created)).toBeLessThanOrEqual(after - 90 + 1);
		const date = Date.parse(charge.headers.get('date') ?? '') / 1000;
		expect(date).toBeGreaterThanOrEqual(before - 90 - 1);
		expect(date).toBeLessThanOrEqual(after - 90 + 1);
		expect(Math.abs(date - seconds(created))).toBeLessThanOrEqual(1);

		// errors carry Omise's Date too
		const missing = await rawCall(skewed, 'GET', '/charges/chrg_test_missing');
		expect(missing.status).toBe(404);
		expect(Date.parse(missing.headers.get('date') ?? '') / 1000).toBeLessThanOrEqual(Date.now() / 1000 - 89);

		// from = one minute ago by the real clock: the charge was made before that, by Omise's clock
		const realMinuteAgo = new Date(Date.now() - 60_000).toISOString();
		const sinceReal = JSON.parse((await rawCall(skewed, 'GET', `/charges?from=${realMinuteAgo}`)).bytes.toString());
		expect(sinceReal.total).toBe(0);
		const sandboxMinuteAgo = new Date(Date.parse(created) - 60_000).toISOString();
		const sinceSandbox = JSON.parse((await rawCall(skewed, 'GET', `/charges?from=${sandboxMinuteAgo}`)).bytes.toString());
		expect(sinceSandbox.data.map((c: { description: string }) => c.description)).toEqual(['Clock']);
		// the default `to` is the sandbox's now
		expect(seconds(sinceSandbox.to)).toBeLessThanOrEqual(Date.now() / 1000 - 89);
	});

	test('a fault that answers and a raw download carry the sandbox clock in Date', async () => {
		skewed.faults.set([{ kind: '500', method: 'GET', path: '/account', times: 1 }]);
		const failed = await rawCall(skewed, 'GET', '/account');
		expect(failed.status).toBe(500);
		expect(Date.parse(failed.headers.get('date') ?? '') / 1000).toBeLessThanOrEqual(Date.now() / 1000 - 89);

		const qr = JSON.parse((await rawCall(skewed, 'POST', '/charges', { amount: 10000, currency: 'thb', source: { type: 'promptpay' } })).bytes.toString());
		const download = await fetch(qr.source.scannable_code.image.download_uri, { headers: { authorization: basicAuth(KEYS.testSecretKey) } });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('image/png');
		expect(Date.parse(download.headers.get('date') ?? '') / 1000).toBeLessThanOrEqual(Date.now() / 1000 - 89);
	});

	test('POST /__sandbox/clock { offsetMs } moves the clock at run time; GET reads it; a bad offset is refused', async () => {
		expect((await control(skewed, 'GET', 'clock')).json).toMatchObject({ offsetMs: -90_000 });
		const set = await control(skewed, 'POST', 'clock', { offsetMs: 90_000 });
		expect(set.status).toBe(200);
		expect(set.json.offsetMs).toBe(90_000);
		expect(Date.parse(set.json.now) / 1000).toBeGreaterThanOrEqual(Date.now() / 1000 + 89);
		try {
			const charge = await rawCall(skewed, 'POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_clock2', description: 'Ahead' });
			const created = JSON.parse(charge.bytes.toString()).created_at as string;
			expect(seconds(created)).toBeGreaterThanOrEqual(Date.now() / 1000 + 89);
			expect(Date.parse(charge.headers.get('date') ?? '') / 1000).toBeGreaterThanOrEqual(Date.now() / 1000 + 89);
			// listed by default although it is "in the future" for the real clock: `to` is the sandbox's now
			const list = JSON.parse((await rawCall(skewed, 'GET', '/charges?order=reverse_chronological&limit=1')).bytes.toString());
			expect(list.data.map((c: { description: string }) => c.description)).toEqual(['Ahead']);

			const bad = await control(skewed, 'POST', 'clock', { offsetMs: 'soon' });
			expect(bad).toEqual({
				status: 400,
				json: expect.objectContaining({ code: 'bad_request', message: 'clock offset must be a number of milliseconds; got "soon"' }),
			});
			expect(skewed.store.clockOffsetMs).toBe(90_000);
		} finally {
			skewed.setClockOffset(-90_000);
		}
	});

	test('the offset also shifts a given `now` clock; the Date header does not move a clock that advances on each reading', async () => {
		const fixed = await startSandbox({ now: () => new Date('2030-01-01T00:00:00Z'), clockOffsetMs: -60_000 });
		let clock = Date.parse('2030-01-01T00:00:00Z');
		const ticking = await startSandbox({ now: () => new Date((clock += 60_000)) });
		try {
			const link = await rawCall(fixed, 'POST', '/links', { amount: 10000, currency: 'thb', title: 'Fixed', description: 'Fixed' });
			expect(JSON.parse(link.bytes.toString()).created_at).toBe('2029-12-31T23:59:00Z');
			expect(link.headers.get('date')).toBe('Mon, 31 Dec 2029 23:59:00 GMT');

			// a link creation reads the clock twice (the link, its event); the answer's Date is the last reading
			const made = [];
			for (const title of ['First', 'Second']) made.push(await rawCall(ticking, 'POST', '/links', { amount: 10000, currency: 'thb', title, description: title }));
			const created = made.map((answer) => JSON.parse(answer.bytes.toString()).created_at);
			expect(created).toEqual(['2030-01-01T00:01:00Z', '2030-01-01T00:03:00Z']);
			expect(made.map((answer) => answer.headers.get('date'))).toEqual(['Tue, 01 Jan 2030 00:02:00 GMT', 'Tue, 01 Jan 2030 00:04:00 GMT']);
			// an answer whose handling never read the clock reads it once
			const missing = await rawCall(ticking, 'GET', '/links/link_test_missing');
			expect([missing.status, missing.headers.get('date')]).toEqual([404, 'Tue, 01 Jan 2030 00:05:00 GMT']);
		} finally {
			await fixed.close();
			await ticking.close();
		}
	});
});

describe('faults', () => {
	afterEach(() => {
		sandbox.faults.set([]);
	});

	test('stall with processAfterMs: no answer, and the object appears only after the delay, exactly once', async () => {
		sandbox.faults.set([{ kind: 'stall', path: '/charges', bodyIncludes: '"Late stall"', processAfterMs: 600, times: 1 }]);
		const sent = Date.now();
		const answer = fetch(`${sandbox.url}/charges`, {
			method: 'POST',
			headers: { authorization: basicAuth(KEYS.testSecretKey), ...json },
			body: JSON.stringify({ amount: 5000, currency: 'thb', card: 'tokn_test_latestall', description: 'Late stall' }),
			signal: AbortSignal.timeout(100),
		});
		await expect(answer).rejects.toThrow();
		const entry = sandbox.requests.at(-1)!;
		expect(entry).toMatchObject({ path: '/charges', fault: 'stall', handled: false, status: 'stalled' });
		expect(chargesWith(sandbox, 'Late stall')).toHaveLength(0);
		expect(entry.body).toBeUndefined();

		await sleep(600 - (Date.now() - sent) + 100);
		const made = chargesWith(sandbox, 'Late stall');
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ status: 'successful', amount: 5000 });
		expect(entry).toMatchObject({ handled: true, handledStatus: 200, status: 'stalled' });
		expect(entry.handledAt! - sent).toBeGreaterThanOrEqual(600);

		await sleep(500);
		expect(chargesWith(sandbox, 'Late stall')).toHaveLength(1);
		expect(sandbox.requests.filter((r) => r.rawBody.includes('Late stall'))).toHaveLength(1);
	});

	test('reset with processAfterMs: the connection is dropped at once, the object appears later; an error is handled late too', async () => {
		sandbox.faults.set([{ kind: 'reset', path: '/charges', bodyIncludes: '"Late reset"', processAfterMs: 600 }]);
		const post = (card: string) =>
			fetch(`${sandbox.url}/charges`, {
				method: 'POST',
				headers: { authorization: basicAuth(KEYS.testSecretKey), ...json },
				body: JSON.stringify({ amount: 5000, currency: 'thb', card, description: 'Late reset' }),
			});
		const sent = Date.now();
		await expect(post('tokn_test_latereset')).rejects.toThrow();
		expect(Date.now() - sent).toBeLessThan(600);
		expect(chargesWith(sandbox, 'Late reset')).toHaveLength(0);
		// the same token again: handled later too, and refused then, because the first one used it
		await expect(post('tokn_test_latereset')).rejects.toThrow();
		await sleep(600 - (Date.now() - sent) + 200);
		expect(chargesWith(sandbox, 'Late reset')).toHaveLength(1);
		const entries = sandbox.requests.filter((r) => r.rawBody.includes('Late reset'));
		expect(entries.map((r) => [r.status, r.handled, r.handledStatus])).toEqual([
			['reset', true, 200],
			['reset', true, 400],
		]);
	});

	test('processAfterMs: close() clears the pending handling, so it never keeps the process alive', async () => {
		const { spawn } = await import('node:child_process');
		const { join } = await import('node:path');
		const script = `
			const { createSandbox } = require(${JSON.stringify(join(__dirname, '..', 'sandbox', 'server.js'))});
			(async () => {
				const sandbox = await createSandbox({ faults: [{ kind: 'stall', path: '/links', processAfterMs: 600000 }] });
				await fetch(sandbox.url + '/links', { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }).catch(() => {});
				await sandbox.close();
				console.log('closed ' + sandbox.timers.size);
			})();`;
		const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		const started = Date.now();
		const code = await new Promise((resolve) => child.on('exit', resolve));
		expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'closed 0' });
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	test('twin (kind none): someone else makes the same charge first, without n8n_ metadata and with its own token', async () => {
		sandbox.faults.set([{ kind: 'none', twin: true, path: '/charges', bodyIncludes: '"Twin charge"', times: 1 }]);
		sandbox.clearRequests();
		const body = { amount: 7000, currency: 'thb', card: 'tokn_test_twinrow1', description: 'Twin charge', metadata: { n8n_row: '1', n8n_execution: 'e1', order: '42' } };
		const answer = await rawCall(sandbox, 'POST', '/charges', body);
		expect(answer.status).toBe(200);
		const row = JSON.parse(answer.bytes.toString());
		expect(row).toMatchObject({ status: 'successful', metadata: { n8n_row: '1', n8n_execution: 'e1', order: '42' }, card: { id: 'card_test_twinrow1' } });

		expect(sandbox.twins).toHaveLength(1);
		const twinId = sandbox.twins[0];
		expect(twinId).not.toBe(row.id);
		const twin = sandbox.store.get('charge', twinId, false)!;
		expect(twin).toMatchObject({ amount: 7000, currency: 'thb', description: 'Twin charge', status: 'successful', metadata: { order: '42' } });
		expect(Object.keys(twin.metadata as object)).toEqual(['order']);
		expect((twin.card as { id: string }).id).toMatch(/^card_test_twin[0-9a-f]{12}$/);
		// made first, and not a request of the log
		expect(chargesWith(sandbox, 'Twin charge').map((c) => c.id)).toEqual([twinId, row.id]);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ fault: 'none', handled: true, status: 200, twin: { status: 200, id: twinId } });
		expect((await control(sandbox, 'GET', 'twins')).json).toEqual({ twins: [twinId] });
	});

	test('twin with a fault that does not handle the request: only the twin exists; a schedule loses charge.metadata n8n_ keys', async () => {
		sandbox.faults.set([{ kind: '500', twin: true, path: '/charges', bodyIncludes: '"Twin only"' }]);
		sandbox.clearRequests();
		const failed = await rawCall(sandbox, 'POST', '/charges', { amount: 7000, currency: 'thb', card: 'tokn_test_twinonly', description: 'Twin only', metadata: { n8n_row: '2' } });
		expect(failed.status).toBe(500);
		const made = chargesWith(sandbox, 'Twin only');
		expect(made.map((c) => [c.id, c.metadata])).toEqual([[sandbox.twins[0], {}]]);
		expect(sandbox.requests[0]).toMatchObject({ fault: '500', handled: false, status: 500, twin: { status: 200, id: sandbox.twins[0] } });
		// the row's token was not used by the twin: the retry succeeds
		sandbox.faults.set([]);
		expect((await rawCall(sandbox, 'POST', '/charges', { amount: 7000, currency: 'thb', card: 'tokn_test_twinonly', description: 'Twin only' })).status).toBe(200);

		const customer = JSON.parse((await rawCall(sandbox, 'POST', '/customers', { email: 'twin@example.com', card: 'tokn_test_twincustomer' })).bytes.toString());
		sandbox.faults.set([{ kind: 'stall', twin: true, method: 'POST', path: '/schedules', process: false }]);
		const schedule = {
			every: 1,
			period: 'month',
			on: { days_of_month: [1] },
			end_date: '2099-12-31',
			charge: { customer: customer.id, amount: 9000, currency: 'thb', description: 'Twin schedule', metadata: { n8n_row: '3', n8n_key: 'k', plan: 'gold' } },
		};
		await expect(
			fetch(`${sandbox.url}/schedules`, { method: 'POST', headers: { authorization: basicAuth(KEYS.testSecretKey), ...json }, body: JSON.stringify(schedule), signal: AbortSignal.timeout(150) }),
		).rejects.toThrow();
		const schedules = sandbox.store.all('schedule', false, (s) => (s.charge as { description: string }).description === 'Twin schedule');
		expect(schedules.map((s) => s.id)).toEqual([sandbox.twins.at(-1)]);
		expect((schedules[0].charge as { metadata: object }).metadata).toEqual({ plan: 'gold' });
	});

	test('twin of a form-encoded request: metadata[n8n_…] is dropped and the card token replaced', async () => {
		sandbox.faults.set([{ kind: 'none', twin: true, path: '/customers', bodyIncludes: 'twinform' }]);
		sandbox.clearRequests();
		const answer = await rawCall(sandbox, 'POST', '/customers', 'email=twinform%40example.com&metadata[n8n_row]=7&metadata[ref]=r&card=tokn_test_twinform', 'application/x-www-form-urlencoded');
		expect(answer.status).toBe(200);
		const row = JSON.parse(answer.bytes.toString());
		const twin = sandbox.store.get('customer', sandbox.twins[0], false)!;
		expect(row.metadata).toEqual({ n8n_row: '7', ref: 'r' });
		expect(twin).toMatchObject({ email: 'twinform@example.com', metadata: { ref: 'r' } });
		expect(Object.keys(twin.metadata as object)).toEqual(['ref']);
		expect(twin.default_card).not.toBe(row.default_card);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('garbage answers arrive byte for byte: non-JSON, a proxy HTML page, empty, truncated JSON (set over HTTP)', async () => {
		const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
		const truncated = '{"object":"charge","id":"chrg_te';
		const set = await control(sandbox, 'POST', 'faults', {
			faults: [
				{ kind: 'garbage', method: 'GET', path: '/account', times: 1 },
				{ kind: 'garbage', method: 'GET', path: '/balance', status: 502, body: html, contentType: 'text/html' },
				{ kind: 'garbage', method: 'GET', path: '/capability', body: '' },
				{ kind: 'garbage', path: '/charges', bodyIncludes: '"Garbage row"', body: truncated, contentType: 'application/json', every: 2 },
			],
		});
		expect(set.status).toBe(200);
		expect(set.json.faults[0]).toEqual({ kind: 'garbage', method: 'GET', path: '/account', every: 1, times: 1, twin: false, status: 200, body: 'This is not JSON {', contentType: 'text/plain', process: false, seen: 0, fired: 0 });

		const notJson = await rawCall(sandbox, 'GET', '/account');
		expect([notJson.status, notJson.headers.get('content-type'), notJson.bytes]).toEqual([200, 'text/plain', Buffer.from('This is not JSON {')]);
		expect(notJson.headers.get('date')).toEqual(expect.stringMatching(/GMT$/));
		// times: 1
		expect(JSON.parse((await rawCall(sandbox, 'GET', '/account')).bytes.toString()).object).toBe('account');

		const gateway = await rawCall(sandbox, 'GET', '/balance');
		expect([gateway.status, gateway.headers.get('content-type'), gateway.bytes]).toEqual([502, 'text/html', Buffer.from(html)]);

		const empty = await rawCall(sandbox, 'GET', '/capability');
		expect([empty.status, empty.headers.get('content-type'), empty.headers.get('content-length'), empty.bytes.length]).toEqual([200, 'text/plain', '0', 0]);

		// every: 2 among the requests whose body matches; process defaults to false: nothing is made
		const charge = (card: string, description: string) => rawCall(sandbox, 'POST', '/charges', { amount: 5000, currency: 'thb', card, description });
		expect((await charge('tokn_test_garbage1', 'Garbage row')).status).toBe(200);
		const cut = await charge('tokn_test_garbage2', 'Garbage row');
		expect([cut.status, cut.headers.get('content-type'), cut.bytes]).toEqual([200, 'application/json', Buffer.from(truncated)]);
		expect(JSON.parse((await charge('tokn_test_garbage3', 'Other row')).bytes.toString()).object).toBe('charge');
		expect(chargesWith(sandbox, 'Garbage row')).toHaveLength(1);
		expect(sandbox.requests.at(-2)).toMatchObject({ fault: 'garbage', handled: false, status: 200 });
		expect((await control(sandbox, 'GET', 'faults')).json.faults.map((f: { seen: number; fired: number }) => [f.seen, f.fired])).toEqual([
			[1, 1],
			[1, 1],
			[1, 1],
			[2, 1],
		]);
	});

	test('garbage with process: true makes the object, then answers garbage', async () => {
		sandbox.faults.set([{ kind: 'garbage', path: '/charges', bodyIncludes: '"Garbage made"', process: true }]);
		const answer = await rawCall(sandbox, 'POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_garbagemade', description: 'Garbage made' });
		expect([answer.status, answer.bytes.toString()]).toEqual([200, 'This is not JSON {']);
		expect(chargesWith(sandbox, 'Garbage made')).toHaveLength(1);
	});

	test('fault options are checked, in code and over HTTP; a bad list leaves the faults as they were', async () => {
		const bad: Array<[object, string]> = [
			[{ kind: 'teapot' }, 'fault: kind must be one of 500, 429, stall, reset, garbage, none; got teapot'],
			[{ kind: 'stall', processAfter: 10 }, 'fault: unknown option processAfter (options: kind, method, path, bodyIncludes, every, times, retryAfter, process, processAfterMs, twin, status, body, contentType)'],
			[{ kind: 'stall', processAfterMs: -1 }, 'fault: processAfterMs must be a non-negative number of milliseconds; got -1'],
			[{ kind: 'reset', processAfterMs: 10, process: false }, 'fault: processAfterMs handles the request later; it contradicts process: false'],
			[{ kind: '429', processAfterMs: 10 }, 'fault: processAfterMs is not an option of kind 429'],
			[{ kind: 'none' }, 'fault: kind none does nothing without twin: true'],
			[{ kind: 'none', twin: true, process: false }, 'fault: kind none always handles the request'],
			[{ kind: '500', twin: 'yes' }, 'fault: twin must be true or false; got "yes"'],
			[{ kind: '500', status: 502 }, 'fault: status is an option of kind garbage only'],
			[{ kind: 'garbage', status: 99 }, 'fault: status must be an HTTP status from 200 to 599; got 99'],
			[{ kind: 'garbage', body: { a: 1 } }, 'fault: body must be a string; got {"a":1}'],
			[{ kind: '500', every: 0 }, 'fault: every must be a positive integer; got 0'],
			[{ kind: '500', times: 1.5 }, 'fault: times must be a non-negative integer or null; got 1.5'],
			[{ kind: '500', retryAfter: 2 }, 'fault: retryAfter is an option of kind 429 only'],
		];
		sandbox.faults.set([{ kind: '500', method: 'GET', path: '/nothing' }]);
		for (const [spec, message] of bad) {
			expect(() => sandbox.faults.set([spec as never])).toThrow(message);
			expect(await control(sandbox, 'POST', 'faults', { faults: [spec] })).toEqual({ status: 400, json: expect.objectContaining({ code: 'bad_request', message }) });
		}
		expect((await control(sandbox, 'GET', 'faults')).json.faults).toEqual([{ kind: '500', method: 'GET', path: '/nothing', every: 1, times: null, twin: false, process: false, seen: 0, fired: 0 }]);
		// a summary can be posted back as it is
		const summary = (await control(sandbox, 'GET', 'faults')).json.faults;
		expect((await control(sandbox, 'POST', 'faults', { faults: summary })).status).toBe(200);
	});
});
