// Every answer Omise could not have sent is an error, and only a create can
// have an unknown outcome (issue 17). The sandbox answers the way a proxy, a
// firewall or a cut connection would; the package runs in n8n's own engine.
import { runOmiseNode } from '../harness/n8n';
import { callSandbox, credentialsFor, KEYS, startSandbox } from '../harness/sandbox';
import type { Sandbox } from '../harness/sandbox';

let sandbox: Sandbox;
let chargeId: string;
beforeAll(async () => {
	sandbox = await startSandbox();
	chargeId = String((await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_answers' })).id);
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.faults.set([]);
	sandbox.clearRequests();
});

const getCharge = () => ({ resource: 'charge', operation: 'get', chargeId });
const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';

describe('a read answered with something that is not Omise\'s JSON is an error, in Stop and in Continue', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['200 with text that is not JSON (omise-go\'s malformed-response fixture)', { status: 200, body: 'This is not JSON {' }, 'Omise answered HTTP 200 with something that is not Omise\'s JSON: "This is not JSON {"'],
		['200 with an HTML page', { status: 200, body: HTML_502, contentType: 'text/html' }, `Omise answered HTTP 200 with something that is not Omise's JSON: "${HTML_502}"`],
		['200 with an empty body', { status: 200, body: '' }, 'Omise answered HTTP 200 with something that is not Omise\'s JSON: an empty body'],
		['200 with JSON cut off', { status: 200, body: '{"object":"charge","id":"chrg_te', contentType: 'application/json' }, 'Omise answered HTTP 200 with something that is not Omise\'s JSON: "{"object":"charge","id":"chrg_te"'],
	];
	for (const [name, fault, message] of cases) {
		test(name, async () => {
			sandbox.faults.set([{ kind: 'garbage', method: 'GET', path: `/charges/${chargeId}`, ...fault } as never]);
			const stopped = await runOmiseNode(getCharge() as never, credentialsFor(sandbox));
			expect(stopped.items).toEqual([]);
			expect(stopped.error?.message).toBe(message);
			expect(stopped.error?.description).toBe(
				'Omise always answers with a JSON object. Something between n8n and Omise (a proxy, a firewall, a wrong API Base URL in the Omise credential) answered instead, or the answer was cut off. A read changes nothing in Omise, so running it again is safe.',
			);
			const continued = await runOmiseNode(getCharge() as never, credentialsFor(sandbox), { node: { onError: 'continueRegularOutput' } });
			expect(continued.items).toEqual([{ json: { error: message }, error: expect.anything(), pairedItem: { item: 0 } }]);
			expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /charges/${chargeId}`, `GET /charges/${chargeId}`]);
		});
	}

	test('502 with an HTML page on a read: an error saying a read is safe to run again, never "outcome unknown"', async () => {
		sandbox.faults.set([{ kind: 'garbage', method: 'GET', path: `/charges/${chargeId}`, status: 502, body: HTML_502, contentType: 'text/html' }]);
		const { error } = await runOmiseNode(getCharge() as never, credentialsFor(sandbox));
		expect(error?.message).toBe(`Omise error http_502: HTTP 502 with something that is not Omise's JSON: "${HTML_502}"`);
		expect(error?.description).toBe('A read changes nothing in Omise, so running it again is safe.');
		expect(error?.httpCode).toBe('502');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a read whose answer never comes: no "outcome unknown" either', async () => {
		sandbox.faults.set([{ kind: 'stall', method: 'GET', path: `/charges/${chargeId}` }]);
		const { error } = await runOmiseNode({ ...getCharge(), requestOptions: { timeout: 300 } } as never, credentialsFor(sandbox));
		expect(error?.message).toBe('No answer from Omise: no answer within the timeout of 0.3 s');
		expect(error?.message).not.toMatch(/outcome unknown/i);
	});

	test('a delete whose answer is an HTML 502: deleting again is safe', async () => {
		const link = await callSandbox(sandbox, 'POST', '/links', { amount: 2000, currency: 'thb', title: 'x', description: 'y' });
		sandbox.clearRequests();
		sandbox.faults.set([{ kind: 'garbage', method: 'DELETE', path: `/links/${String(link.id)}`, status: 502, body: HTML_502, contentType: 'text/html', process: true }]);
		const { error } = await runOmiseNode({ resource: 'link', operation: 'delete', linkId: link.id } as never, credentialsFor(sandbox));
		expect(error?.message).toBe(`Omise error http_502: HTTP 502 with something that is not Omise's JSON: "${HTML_502}"`);
		expect(error?.description).toBe('Omise may or may not have deleted it. Deleting again is safe: if it was deleted, Omise answers that it is not found.');
	});

	test('nothing of the key reaches the message, even when the page echoes it', async () => {
		sandbox.faults.set([{ kind: 'garbage', method: 'GET', path: `/charges/${chargeId}`, status: 200, body: `<pre>Authorization: Basic abc== user ${KEYS.testSecretKey}</pre>` }]);
		const { error } = await runOmiseNode(getCharge() as never, credentialsFor(sandbox));
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(KEYS.testSecretKey);
		expect(error?.message).toContain('skey_…');
	});
});

describe('a create answered with something that is not Omise\'s JSON may have been done: it is looked up', () => {
	test('200 with JSON cut off after the charge was made: the charge is found by its request mark', async () => {
		sandbox.faults.set([{ kind: 'garbage', path: '/charges', status: 200, body: '{"object":"charge","id":"chrg_te', contentType: 'application/json', process: true }]);
		const { items, error } = await runOmiseNode(
			{ resource: 'charge', operation: 'create', amount: 500, amountUnit: 'major', currency: 'THB', paymentMethod: 'card', card: 'tokn_test_cut' } as never,
			credentialsFor(sandbox),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			object: 'charge',
			amount: 50000,
			recovered: 'The answer to the create request was lost (Omise answered HTTP 200 with something that is not Omise\'s JSON: "{"object":"charge","id":"chrg_te"); this charge was found in Omise afterwards.',
		});
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /charges', 'GET /charges']);
	});
});
