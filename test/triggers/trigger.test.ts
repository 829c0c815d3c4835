// The Omise Trigger under n8n-core's WebhookContext, fed by real HTTP requests.
// Events come from the sandbox (a link paid with 3-D Secure, a plain card
// charge, a declined charge, a live charge) and are signed here as Omise signs.
import type { IDataObject } from 'n8n-workflow';
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'undici';

import { loadPackage, outputOf } from '../harness/n8n';
import { basicAuth, credentialsFor, KEYS, startSandbox, type Sandbox } from '../harness/sandbox';
import { captureLogs, startTriggerServer, TRIGGER_NAME, type LogLine, type TriggerServer } from '../harness/webhook';

const SECRET = randomBytes(32).toString('base64');
const OLD_SECRET = randomBytes(32).toString('base64');
const STARTED = { message: 'Workflow was started' };
const IGNORED = { message: 'Webhook call received' };
const UNVERIFIED = { code: 'verification_failed', message: 'The request could not be verified as an Omise webhook delivery' };
const MISMATCH =
	'Omise-Signature does not match the request body: the body was changed on the way, or the Webhook Signing Secret in the credential is not the one shown in the Omise dashboard for this mode (test and live have different secrets)';

let sandbox: Sandbox;
let logs: { lines: LogLine[]; restore(): void };
const servers: TriggerServer[] = [];
const events: Record<string, IDataObject> = {};
let linkId: string;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(secret: string, timestamp: number, body: string): string {
	return createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${body}`).digest('hex');
}

function signed(body: string, secrets = [SECRET], timestamp = nowSeconds()): Record<string, string> {
	return {
		'Omise-Signature': secrets.map((secret) => sign(secret, timestamp, body)).join(','),
		'Omise-Signature-Timestamp': String(timestamp),
	};
}

async function omise(method: 'GET' | 'POST', path: string, body?: IDataObject, key = KEYS.testSecretKey) {
	const response = await request(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: basicAuth(key), 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return (await response.body.json()) as IDataObject;
}

async function trigger(parameters: IDataObject, credentialOverrides: IDataObject = { webhookSecret: SECRET }) {
	const server = await startTriggerServer({
		parameters: { events: ['*'], ...parameters } as never,
		credentials: credentialsFor(sandbox, credentialOverrides as never),
	});
	servers.push(server);
	return server;
}

async function post(server: TriggerServer, body: string, headers: Record<string, string> = {}) {
	const response = await request(server.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	const text = await response.body.text();
	await server.idle();
	return { status: response.statusCode, body: JSON.parse(text) as IDataObject };
}

/** Posts an event signed with the current secret and reports whether the workflow started. */
async function deliver(server: TriggerServer, event: IDataObject) {
	const body = JSON.stringify(event);
	const response = await post(server, body, signed(body));
	const call = server.calls[server.calls.length - 1];
	return { ...response, started: call.run !== undefined, output: call.items?.map((item) => item.json) };
}

/** The reason a 401 was given, from n8n's log (the response does not say it). */
function loggedReason(server: TriggerServer): string | undefined {
	const prefix = `Omise Trigger "${TRIGGER_NAME}" answered 401 verification_failed: `;
	const lines = logs.lines.filter((line) => line.metadata?.workflowId === server.workflow.id && line.message.startsWith(prefix));
	return lines.at(-1)?.message.slice(prefix.length);
}

function findEvent(list: IDataObject[], key: string, predicate: (data: IDataObject) => boolean): IDataObject {
	const found = list.find((event) => event.key === key && predicate(event.data as IDataObject));
	if (!found) throw new Error(`no ${key} event in the sandbox`);
	return found;
}

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startSandbox();
	const link = await omise('POST', '/links', { amount: 150050, currency: 'THB', title: 'Hot Latte', description: 'Large' });
	linkId = link.id as string;
	await request(`${sandbox.url}/__sandbox/links/${linkId}/pay`, { method: 'POST', body: '{}' }).then((r) => r.body.dump());
	await omise('POST', '/charges', { amount: 100000, currency: 'THB', card: 'tokn_test_plain1' });
	await omise('POST', '/charges', { amount: 100000, currency: 'THB', card: 'tokn_test_declined1' });
	await omise('POST', '/charges', { amount: 100000, currency: 'THB', card: 'tokn_live1' }, KEYS.liveSecretKey);

	const test = (await omise('GET', '/events?limit=100')).data as IDataObject[];
	const live = (await omise('GET', '/events?limit=100', undefined, KEYS.liveSecretKey)).data as IDataObject[];
	events.linkCreate = findEvent(test, 'link.create', () => true);
	events.linkChargePending = findEvent(test, 'charge.create', (data) => data.link === linkId);
	events.linkChargePaid = findEvent(test, 'charge.complete', (data) => data.link === linkId);
	events.cardChargePaid = findEvent(test, 'charge.create', (data) => data.link === null && data.status === 'successful');
	events.cardChargeFailed = findEvent(test, 'charge.create', (data) => data.status === 'failed');
	events.liveChargePaid = findEvent(live, 'charge.create', (data) => data.status === 'successful');
	sandbox.clearRequests();
});

afterEach(() => sandbox.clearRequests());

afterAll(async () => {
	for (const server of servers) await server.close();
	await sandbox.close();
	logs.restore();
});

describe('node description (example workflows depend on these names)', () => {
	test('parameters, defaults and webhook', async () => {
		const loader = await loadPackage();
		const description = loader.getNode('omiseTrigger').type.description as unknown as IDataObject & {
			properties: Array<{ name: string; type: string; default: unknown; options?: Array<{ name: string; value?: string; default?: unknown }> }>;
		};
		const byName = Object.fromEntries(description.properties.map((property) => [property.name, property]));

		expect(description).toMatchObject({
			name: 'omiseTrigger',
			displayName: 'Omise Trigger',
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'omiseApi', required: true }],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					path: 'webhook',
					responseMode: "={{((parameters) => (parameters.options || {}).respond === 'afterRun' ? 'lastNode' : 'onReceived')($parameter)}}",
					responseData: "={{((parameters) => (parameters.options || {}).respond === 'afterRun' ? 'noData' : '')($parameter)}}",
				},
			],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(Object.keys(byName)).toEqual(
			expect.arrayContaining(['notice', 'triggerOn', 'events', 'onlyPaidCharges', 'onlyLinkCharges', 'mode', 'runOncePer', 'verification', 'options']),
		);
		expect([byName.triggerOn.default, byName.triggerOn.options?.map((option) => option.value)]).toEqual(['events', ['chargePaid', 'disputeOpened', 'payoutSent', 'events']]);
		expect([byName.events.type, byName.events.default]).toEqual(['multiOptions', ['*']]);
		expect(byName.events.options?.map((option) => option.value)).toEqual(
			expect.arrayContaining([
				'*', 'charge.create', 'charge.update', 'charge.capture', 'charge.reverse', 'charge.complete', 'refund.create',
				'link.create', 'customer.create', 'customer.update', 'customer.destroy', 'dispute.create', 'dispute.update',
				'dispute.close', 'transfer.create', 'transfer.update', 'transfer.destroy', 'recipient.create', 'recipient.update',
				'recipient.destroy', 'recipient.activate', 'recipient.deactivate', 'recipient.verify',
			]),
		);
		expect([byName.onlyPaidCharges.type, byName.onlyPaidCharges.default]).toEqual(['boolean', false]);
		expect([byName.onlyLinkCharges.type, byName.onlyLinkCharges.default]).toEqual(['boolean', false]);
		expect([byName.mode.default, byName.mode.options?.map((option) => option.value)]).toEqual(['both', ['both', 'test', 'live']]);
		expect([byName.verification.default, byName.verification.options?.map((option) => option.value)]).toEqual([
			'auto',
			['auto', 'refetch', 'none'],
		]);
		expect([byName.runOncePer.default, byName.runOncePer.options?.map((option) => option.value)]).toEqual([
			'event',
			['event', 'paidCharge', 'delivery'],
		]);
		expect(byName.options.options?.map((option) => [option.name, option.default])).toEqual([
			['respond', 'immediately'],
			['includeLink', false],
			['signatureTolerance', 300],
		]);
		const respond = byName.options.options?.find((option) => option.name === 'respond') as { options?: Array<{ value: string }> };
		expect(respond.options?.map((option) => option.value)).toEqual(['immediately', 'afterRun']);
	});
});

describe('signature verification (credential with a Webhook Signing Secret)', () => {
	test('a genuine signed event starts the workflow with the event as output', async () => {
		const server = await trigger({});
		const body = JSON.stringify(events.linkChargePaid);

		const response = await post(server, body, signed(body));

		expect(response).toEqual({ status: 200, body: STARTED });
		const [call] = server.calls;
		expect(call.items?.map((item) => item.json)).toEqual([events.linkChargePaid]);
		expect(call.run?.data.resultData.error).toBeUndefined();
		expect(outputOf(call.run!, TRIGGER_NAME).map((item) => item.json)).toEqual([events.linkChargePaid]);
		expect(sandbox.requests).toEqual([]);
	});

	test('a wrong signature gets 401, starts nothing, and the reason is logged', async () => {
		const server = await trigger({});
		const body = JSON.stringify(events.linkChargePaid);

		const response = await post(server, body, signed(body, [randomBytes(32).toString('base64')]));

		expect(response).toEqual({ status: 401, body: UNVERIFIED });
		expect(server.calls[0].result).toEqual({ noWebhookResponse: true });
		expect(server.calls[0].run).toBeUndefined();
		expect(logs.lines).toContainEqual({
			level: 'warn',
			message: `Omise Trigger "${TRIGGER_NAME}" answered 401 verification_failed: ${MISMATCH}`,
			metadata: { workflowId: server.workflow.id, nodeName: TRIGGER_NAME },
		});
	});

	test('a tampered body gets 401', async () => {
		const server = await trigger({});
		const original = JSON.stringify(events.linkChargePaid);
		const headers = signed(original);
		const tampered = original.replace('"amount":150050', '"amount":1');
		expect(tampered).not.toEqual(original);

		const response = await post(server, tampered, headers);

		expect(response).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toBe(MISMATCH);
		expect(server.calls[0].run).toBeUndefined();
	});

	test('a stale timestamp gets 401 even with a correct signature; the clock offset is logged, not answered', async () => {
		const server = await trigger({});
		const body = JSON.stringify(events.linkChargePaid);

		const response = await post(server, body, signed(body, [SECRET], nowSeconds() - 400));

		expect(response).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toMatch(
			/^Omise-Signature-Timestamp is 40[01] seconds old, outside the tolerance of 300 seconds \(a replayed delivery, or a wrong server clock\)$/,
		);
		expect(server.calls[0].run).toBeUndefined();
	});

	test('a timestamp from the future beyond the tolerance gets 401', async () => {
		const server = await trigger({});
		const body = JSON.stringify(events.linkChargePaid);

		const response = await post(server, body, signed(body, [SECRET], nowSeconds() + 400));

		expect(response).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toMatch(/^Omise-Signature-Timestamp is (399|400) seconds in the future, outside the tolerance of 300 seconds/);
		expect(server.calls[0].run).toBeUndefined();
	});

	test('the tolerance is an option', async () => {
		const server = await trigger({ options: { signatureTolerance: 60 } });
		const body = JSON.stringify(events.linkChargePaid);

		const late = await post(server, body, signed(body, [SECRET], nowSeconds() - 120));
		const inTime = await post(server, body, signed(body, [SECRET], nowSeconds() - 30));

		expect(late).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toMatch(/^Omise-Signature-Timestamp is 12[01] seconds old, outside the tolerance of 60 seconds/);
		expect(inTime).toEqual({ status: 200, body: STARTED });
		expect(server.calls.map((call) => call.run !== undefined)).toEqual([false, true]);
	});

	test('a missing Omise-Signature or Omise-Signature-Timestamp header gets 401', async () => {
		const server = await trigger({});
		const body = JSON.stringify(events.linkChargePaid);
		const { 'Omise-Signature': signature, 'Omise-Signature-Timestamp': timestamp } = signed(body);

		const reasons = [];
		const attempts: Array<Record<string, string>> = [{ 'Omise-Signature-Timestamp': timestamp }, { 'Omise-Signature': signature }, {}];
		for (const headers of attempts) {
			expect(await post(server, body, headers)).toEqual({ status: 401, body: UNVERIFIED });
			reasons.push(loggedReason(server));
		}

		expect(reasons).toEqual(['Missing Omise-Signature header', 'Missing Omise-Signature-Timestamp header', 'Missing Omise-Signature header']);
		expect(server.calls.every((call) => call.run === undefined)).toBe(true);
	});

	test('during a secret rotation either of the two signatures may match', async () => {
		const current = await trigger({});
		const previous = await trigger({}, { webhookSecret: OLD_SECRET });
		const body = JSON.stringify(events.linkChargePaid);
		const pair = signed(body, [OLD_SECRET, SECRET]);

		expect(await post(current, body, pair)).toEqual({ status: 200, body: STARTED });
		expect(await post(previous, body, pair)).toEqual({ status: 200, body: STARTED });
		expect(current.calls[0].items?.map((item) => item.json)).toEqual([events.linkChargePaid]);
		expect(previous.calls[0].items?.map((item) => item.json)).toEqual([events.linkChargePaid]);

		const neitherMatches = signed(body, [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')]);
		expect(await post(current, body, neitherMatches)).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(current)).toBe(MISMATCH);
		expect(current.calls[1].run).toBeUndefined();
	});

	test('the signing secret is read from the credential at most once a minute; a new one applies at once', async () => {
		const realNow = Date.now.bind(Date);
		let offsetMs = 0;
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
		try {
			const NEW_SECRET = randomBytes(32).toString('base64');
			const NEWER_SECRET = randomBytes(32).toString('base64');
			let secret = SECRET;
			let reads = 0;
			const credentials = credentialsFor(sandbox);
			Object.defineProperty(credentials, 'webhookSecret', { enumerable: true, get: () => ((reads += 1), secret) });
			const server = await startTriggerServer({ parameters: { events: ['*'] }, credentials });
			servers.push(server);
			const deliverSigned = async (event: IDataObject, key: string) => {
				const body = JSON.stringify(event);
				return (await post(server, body, signed(body, [key]))).status;
			};

			const first = [await deliverSigned(events.linkChargePaid, SECRET), await deliverSigned(events.cardChargePaid, SECRET)];
			const readsAtFirst = reads;
			// 11 s later the secret was replaced in the credential, and Omise signs with the new one
			offsetMs = 11_000;
			secret = NEW_SECRET;
			const newSecret = await deliverSigned(events.linkChargePending, NEW_SECRET);
			const readsAfterNew = reads;
			const oldRightAfter = await deliverSigned(events.linkCreate, SECRET);
			// replaced again: the secret read 9 s ago is still used for up to a minute, then read again
			offsetMs = 20_000;
			secret = NEWER_SECRET;
			const withinTheMinute = await deliverSigned(events.cardChargeFailed, NEW_SECRET);
			offsetMs = 72_000;
			const afterTheMinute = await deliverSigned(events.liveChargePaid, NEW_SECRET);

			expect({ first, readsAtFirst, newSecret, readsAfterNew, oldRightAfter, withinTheMinute, afterTheMinute, reads }).toEqual({
				first: [200, 200],
				readsAtFirst: 1,
				newSecret: 200,
				readsAfterNew: 2,
				oldRightAfter: 401,
				withinTheMinute: 200,
				afterTheMinute: 401,
				reads: 3,
			});
		} finally {
			clock.mockRestore();
		}
	});

	test('a signed body that is not JSON gets 400, one that is not an event gets 400', async () => {
		const server = await trigger({});
		const malformed = '{"object":"event","id":';
		let parseError = '';
		try {
			JSON.parse(malformed);
		} catch (error) {
			parseError = (error as Error).message;
		}

		expect(await post(server, malformed, signed(malformed))).toEqual({
			status: 400,
			body: { code: 'bad_request', message: `The request body is not valid JSON (${parseError})` },
		});
		const notAnEvent = JSON.stringify({ object: 'charge', id: 'chrg_test_1' });
		expect(await post(server, notAnEvent, signed(notAnEvent))).toEqual({
			status: 400,
			body: {
				code: 'bad_request',
				message: 'The request body is not an Omise event (expected object "event" with id evnt_…, key and data)',
			},
		});
		expect(server.calls.every((call) => call.run === undefined)).toBe(true);
	});

	test('an unsigned malformed body gets 401, not 400: nothing is parsed before the signature is checked', async () => {
		const server = await trigger({});

		expect(await post(server, '{not json')).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toBe('Missing Omise-Signature header');
	});

	test('a secret that is not base64 is reported as a credential problem', async () => {
		const server = await trigger({}, { webhookSecret: 'not base64!' });
		const body = JSON.stringify(events.linkChargePaid);

		expect(await post(server, body, signed(body))).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toBe(
			'The Webhook Signing Secret in the Omise credential is not valid base64: copy it again from the Omise dashboard (Webhooks)',
		);
	});
});

describe('re-fetch verification (credential without a signing secret)', () => {
	test('the event is fetched by its id and Omise\'s copy is emitted, never the posted body', async () => {
		const server = await trigger({}, { webhookSecret: '' });
		const forged = { ...events.linkChargePaid, data: { ...(events.linkChargePaid.data as IDataObject), amount: 1, metadata: { forged: 'yes' } } };

		const response = await post(server, JSON.stringify(forged));

		expect(response).toEqual({ status: 200, body: STARTED });
		const fetched = await omise('GET', `/events/${events.linkChargePaid.id as string}`);
		expect(server.calls[0].items?.map((item) => item.json)).toEqual([fetched]);
		expect((server.calls[0].items?.[0].json.data as IDataObject).amount).toBe(150050);
		const [lookup] = sandbox.requests;
		expect(lookup).toMatchObject({
			method: 'GET',
			path: `/events/${events.linkChargePaid.id as string}`,
			auth: { user: KEYS.testSecretKey, password: '' },
		});
		expect(lookup.headers['omise-version']).toBe('2019-05-29');
	});

	test('an event id that Omise does not know gets 401 and starts nothing', async () => {
		const server = await trigger({}, { webhookSecret: '' });
		const unknown = { ...events.linkChargePaid, id: 'evnt_test_doesnotexist' };

		const response = await post(server, JSON.stringify(unknown));

		expect(response).toEqual({ status: 401, body: UNVERIFIED });
		expect(loggedReason(server)).toBe(
			'Omise does not know event "evnt_test_doesnotexist" for this credential\'s secret key: the request did not come from Omise, or the event is from the other mode (a test key sees only test events)',
		);
		expect(server.calls[0].run).toBeUndefined();
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /events/evnt_test_doesnotexist 404']);
	});

	test.each([
		['a path', '../links'],
		['"."', '.'],
		['".."', '..'],
		['100,000 characters', `evnt_test_${'a'.repeat(100000)}`],
		['a number', 12345],
		['an id of another object', 'chrg_test_5x'],
	])('an event id that is %s gets 400 and no API call', async (_, id) => {
		const server = await trigger({}, { webhookSecret: '' });

		const response = await post(server, JSON.stringify({ ...events.linkChargePaid, id }));

		expect(response).toEqual({
			status: 400,
			body: { code: 'bad_request', message: 'The request body has no Omise event id (evnt_…), so it is not an Omise event' },
		});
		expect(server.calls[0].run).toBeUndefined();
		expect(sandbox.requests).toEqual([]);
	});

	test('malformed JSON gets 400, a body without an event id gets 400', async () => {
		const server = await trigger({}, { webhookSecret: '' });
		let parseError = '';
		try {
			JSON.parse('{"id": evnt_test_1}');
		} catch (error) {
			parseError = (error as Error).message;
		}

		expect(await post(server, '{"id": evnt_test_1}')).toEqual({
			status: 400,
			body: { code: 'bad_request', message: `The request body is not valid JSON (${parseError})` },
		});
		expect(await post(server, JSON.stringify({ object: 'event', key: 'charge.complete' }))).toEqual({
			status: 400,
			body: { code: 'bad_request', message: 'The request body has no Omise event id (evnt_…), so it is not an Omise event' },
		});
		expect(server.calls.every((call) => call.run === undefined)).toBe(true);
		expect(sandbox.requests).toEqual([]);
	});

	test('Verification "Re-Fetch" re-fetches even when the credential has a secret', async () => {
		const server = await trigger({ verification: 'refetch' });

		const response = await post(server, JSON.stringify(events.cardChargePaid));

		expect(response).toEqual({ status: 200, body: STARTED });
		expect(sandbox.requests.map((r) => r.path)).toEqual([`/events/${events.cardChargePaid.id as string}`]);
	});

	test('events the filters would drop are acknowledged without an API call', async () => {
		const server = await trigger({ events: ['charge.complete'] }, { webhookSecret: '' });

		expect(await post(server, JSON.stringify(events.linkCreate))).toEqual({ status: 200, body: IGNORED });
		expect(sandbox.requests).toEqual([]);
		expect(server.calls[0].run).toBeUndefined();
	});
});

describe('verification off', () => {
	test('Verification "None" emits the posted body unchecked', async () => {
		const server = await trigger({ verification: 'none' });
		const unchecked = { ...events.cardChargePaid, id: 'evnt_test_unchecked' };

		expect(await post(server, JSON.stringify(unchecked))).toEqual({ status: 200, body: STARTED });
		expect(server.calls[0].items?.map((item) => item.json)).toEqual([unchecked]);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('filters', () => {
	test('events not selected are acknowledged with 200 and start nothing', async () => {
		const server = await trigger({ events: ['charge.complete', 'refund.create'] });

		const linkCreate = await deliver(server, events.linkCreate);
		const chargeCreate = await deliver(server, events.cardChargePaid);
		const chargeComplete = await deliver(server, events.linkChargePaid);

		expect([linkCreate, chargeCreate].map(({ status, body, started }) => ({ status, body, started }))).toEqual([
			{ status: 200, body: IGNORED, started: false },
			{ status: 200, body: IGNORED, started: false },
		]);
		expect(chargeComplete).toMatchObject({ status: 200, body: STARTED, started: true, output: [events.linkChargePaid] });
	});

	test('Only Paid Charges: paid charges from any event, nothing else', async () => {
		const server = await trigger({ onlyPaidCharges: true });

		const results = {
			linkCreate: (await deliver(server, events.linkCreate)).started,
			linkChargePending: (await deliver(server, events.linkChargePending)).started,
			linkChargePaid: (await deliver(server, events.linkChargePaid)).started,
			cardChargePaid: (await deliver(server, events.cardChargePaid)).started,
			cardChargeFailed: (await deliver(server, events.cardChargeFailed)).started,
		};

		expect(results).toEqual({
			linkCreate: false,
			linkChargePending: false,
			linkChargePaid: true,
			cardChargePaid: true,
			cardChargeFailed: false,
		});
		expect(server.calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
	});

	test('Only Charges From Payment Links: charges with a link, nothing else', async () => {
		const server = await trigger({ onlyLinkCharges: true });

		const results = {
			linkCreate: (await deliver(server, events.linkCreate)).started,
			linkChargePending: (await deliver(server, events.linkChargePending)).started,
			linkChargePaid: (await deliver(server, events.linkChargePaid)).started,
			cardChargePaid: (await deliver(server, events.cardChargePaid)).started,
		};

		expect(results).toEqual({ linkCreate: false, linkChargePending: true, linkChargePaid: true, cardChargePaid: false });
	});

	test('Only Paid Charges and Only Charges From Payment Links together: the paid link charge only', async () => {
		const server = await trigger({ onlyPaidCharges: true, onlyLinkCharges: true });

		const started = [];
		for (const name of ['linkCreate', 'linkChargePending', 'linkChargePaid', 'cardChargePaid', 'cardChargeFailed']) {
			if ((await deliver(server, events[name])).started) started.push(name);
		}

		expect(started).toEqual(['linkChargePaid']);
	});

	test.each([
		['test', { test: true, live: false }],
		['live', { test: false, live: true }],
		['both', { test: true, live: true }],
	])('Mode "%s"', async (mode, expected) => {
		const server = await trigger({ mode });

		const test = await deliver(server, events.cardChargePaid);
		const live = await deliver(server, events.liveChargePaid);

		expect({ test: test.started, live: live.started }).toEqual(expected);
		expect([test.status, live.status]).toEqual([200, 200]);
	});
});

describe('Include Payment Link', () => {
	test('adds the link of a link charge as payment_link (one GET /links/:id)', async () => {
		const server = await trigger({ options: { includeLink: true } });

		const result = await deliver(server, events.linkChargePaid);
		const apiCalls = sandbox.requests.map((r) => `${r.method} ${r.path} ${r.headers['omise-version']}`);

		const link = await omise('GET', `/links/${linkId}`);
		expect(result.output).toEqual([{ ...events.linkChargePaid, payment_link: link }]);
		expect((result.output?.[0].payment_link as IDataObject).title).toBe('Hot Latte');
		expect(apiCalls).toEqual([`GET /links/${linkId} 2019-05-29`]);
	});

	test('leaves other charges alone and makes no API call', async () => {
		const server = await trigger({ options: { includeLink: true } });

		const result = await deliver(server, events.cardChargePaid);

		expect(result.output).toEqual([events.cardChargePaid]);
		expect(sandbox.requests).toEqual([]);
	});

	test('a link fetch answered 200 with an HTML page gets 500 (Omise retries) and starts nothing', async () => {
		const server = await trigger({ options: { includeLink: true } });
		const link = String((events.linkChargePaid.data as IDataObject).link);
		sandbox.faults.set([{ kind: 'garbage', method: 'GET', path: `/links/${link}`, status: 200, body: '<html>Bad Gateway</html>', contentType: 'text/html' }]);

		const result = await deliver(server, events.linkChargePaid);
		sandbox.faults.set([]);

		expect(result).toMatchObject({
			status: 500,
			body: { code: 'omise_api_error', message: 'The Omise API answered with something that is not its JSON; deliver the event again later' },
			started: false,
		});
		expect(logs.lines).toContainEqual({
			level: 'error',
			message: `Omise Trigger "${TRIGGER_NAME}" answered 500 omise_api_error: could not fetch payment link "${link}" from the Omise API: HTTP 200 with "<html>Bad Gateway</html>"`,
			metadata: { workflowId: server.workflow.id, nodeName: TRIGGER_NAME },
		});
	});

	test('a link that cannot be fetched gets 500 (Omise retries) and starts nothing', async () => {
		const server = await trigger({ options: { includeLink: true } });
		const orphan = { ...events.linkChargePaid, data: { ...(events.linkChargePaid.data as IDataObject), link: 'link_test_gone' } };

		const result = await deliver(server, orphan);

		expect(result).toMatchObject({
			status: 500,
			body: { code: 'omise_api_error', message: 'The Omise API answered with an error; deliver the event again later' },
			started: false,
		});
		expect(logs.lines).toContainEqual({
			level: 'error',
			message: `Omise Trigger "${TRIGGER_NAME}" answered 500 omise_api_error: could not fetch payment link "link_test_gone" from the Omise API: not_found: link link_test_gone was not found`,
			metadata: { workflowId: server.workflow.id, nodeName: TRIGGER_NAME },
		});
	});
});

describe('secrets', () => {
	test('neither the signing secret nor the secret key appears in any response, output or log line', () => {
		const seen = servers.flatMap((server) =>
			server.calls.flatMap((call) => [call.responseBody, JSON.stringify(call.items ?? []), JSON.stringify(call.run?.data ?? {})]),
		);
		seen.push(...logs.lines.map((line) => `${line.message} ${JSON.stringify(line.metadata ?? {})}`));

		expect(servers.length).toBeGreaterThan(20);
		expect(logs.lines.length).toBeGreaterThan(10);
		for (const secret of [SECRET, OLD_SECRET, KEYS.testSecretKey, Buffer.from(SECRET, 'base64').toString('hex')]) {
			expect(seen.filter((text) => text.includes(secret))).toEqual([]);
		}
	});
});
