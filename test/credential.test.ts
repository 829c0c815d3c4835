import { testCredential } from './harness/credentialTest';
import { basicAuth, credentialsFor, KEYS, startSandbox } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

describe('Omise API credential test', () => {
	test('passes with the secret key, calling GET /account with basic auth', async () => {
		const result = await testCredential(credentialsFor(sandbox));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([['GET', '/account', {}, '']]);
		expect(sandbox.requests[0].headers.authorization).toBe(basicAuth(KEYS.testSecretKey));
		expect(sandbox.requests[0].headers['omise-version']).toBe('2019-05-29');
	});

	test('passes with a live key too (one credential per mode)', async () => {
		const result = await testCredential(credentialsFor(sandbox, { secretKey: KEYS.liveSecretKey }));
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].headers.authorization).toBe(basicAuth(KEYS.liveSecretKey));
	});

	test.each([
		['a wrong secret key', 'skey_test_wrong'],
		['a public key pasted by mistake', KEYS.testPublicKey],
	])('fails with %s, saying to use the secret key and not a pkey_', async (_label, secretKey) => {
		const result = await testCredential(credentialsFor(sandbox, { secretKey }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Omise rejected this key (authentication_failure). Paste your secret key (skey_test_… or skey_live_…); a public key (pkey_…) cannot call the Omise API.',
		);
		expect(result.message).not.toContain(secretKey);
		expect(sandbox.requests[0].path).toBe('/account');
		expect(sandbox.requests[0].headers.authorization).toBe(basicAuth(secretKey));
	});

	test('a base URL with a trailing slash still reaches /account', async () => {
		const result = await testCredential(credentialsFor(sandbox, { baseUrl: `${sandbox.url}/` }));
		expect(result.status).toBe('OK');
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/account']);
	});
});
