// The sandbox is the backend of every test, so it is tested on its own too:
// what it accepts and answers must match what the Omise docs describe.
import { basicAuth, KEYS, startSandbox } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

async function call(method: string, path: string, options: { body?: string; type?: string; key?: string; version?: string } = {}) {
	const headers: Record<string, string> = { authorization: basicAuth(options.key ?? KEYS.testSecretKey) };
	if (options.type) headers['content-type'] = options.type;
	if (options.version) headers['omise-version'] = options.version;
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: options.body });
	return { status: response.status, json: (await response.json()) as Record<string, any> };
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
