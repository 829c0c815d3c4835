// One run per event: the Omise Trigger under n8n-core's WebhookContext, served
// the way n8n's live webhook server serves it (static data read from the
// "database" for each request and stored when n8n stores it), with events
// from the sandbox, signed here as Omise signs them.
import type { IDataObject, INode, IWorkflowBase } from 'n8n-workflow';
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'undici';

import { omiseNode, outputOf } from '../harness/n8n';
import { basicAuth, credentialsFor, KEYS, startSandbox, type Sandbox } from '../harness/sandbox';
import { captureLogs, newStoredWorkflow, startTriggerServer, TRIGGER_NAME, type LogLine, type TriggerServer } from '../harness/webhook';

const SECRET = randomBytes(32).toString('base64');
const STARTED = { message: 'Workflow was started' };
const ALREADY_RUN = { message: 'This Omise event has already started a run of this workflow; it is not started again' };
const IN_PROGRESS = { code: 'in_progress', message: 'A run for this Omise event has not finished yet; deliver it again later' };
const WEEK = 7 * 24 * 60 * 60;

let sandbox: Sandbox;
let logs: { lines: LogLine[]; restore(): void };
const servers: TriggerServer[] = [];
const events: Record<string, IDataObject> = {};
let linkId: string;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function signed(body: string | Buffer, timestamp = nowSeconds()): Record<string, string> {
	const signature = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${timestamp}.`).update(body).digest('hex');
	return { 'Omise-Signature': signature, 'Omise-Signature-Timestamp': String(timestamp) };
}

async function omise(method: 'GET' | 'POST' | 'PATCH', path: string, body?: IDataObject) {
	const response = await request(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: basicAuth(KEYS.testSecretKey), 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return (await response.body.json()) as IDataObject;
}

async function trigger(parameters: IDataObject, extra: Partial<Parameters<typeof startTriggerServer>[0]> = {}, credentials: IDataObject = { webhookSecret: SECRET }) {
	const server = await startTriggerServer({
		parameters: { events: ['*'], ...parameters } as never,
		credentials: credentialsFor(sandbox, credentials as never),
		...extra,
	});
	servers.push(server);
	return server;
}

async function post(server: TriggerServer, body: string | Buffer, headers: Record<string, string> = {}) {
	const response = await request(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	const text = await response.body.text();
	await server.idle();
	return { status: response.statusCode, body: text === '' ? undefined : (JSON.parse(text) as IDataObject) };
}

/** The same signed delivery (same bytes, same headers) as many times as asked, one after the other. */
async function deliverRepeatedly(server: TriggerServer, event: IDataObject, times: number) {
	const body = JSON.stringify(event);
	const headers = signed(body);
	const answers = [];
	for (let i = 0; i < times; i++) answers.push(await post(server, body, headers));
	return answers;
}

function runs(server: TriggerServer) {
	return server.calls.filter((call) => call.run !== undefined);
}

function stored(server: TriggerServer): Record<string, number> {
	return ((server.workflow.stored().global as IDataObject | undefined)?.omiseRuns ?? {}) as Record<string, number>;
}

async function setFaults(faults: IDataObject[]) {
	const response = await request(`${sandbox.url}/__sandbox/faults`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ faults }),
	});
	expect(response.statusCode).toBe(200);
	await response.body.dump();
}

/** A downstream Omise node that reads the charge's payment link: the run fails when the API does. */
function linkLookup(): { downstream: INode[]; connections: IWorkflowBase['connections'] } {
	const node = omiseNode({ resource: 'link', operation: 'get', linkId: '={{ $json.data.link }}' }, { name: 'Get Link', position: [300, 0] });
	return { downstream: [node], connections: { [TRIGGER_NAME]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } } };
}

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startSandbox();
	const link = await omise('POST', '/links', { amount: 150050, currency: 'THB', title: 'Hot Latte', description: 'Large' });
	linkId = link.id as string;
	const paid = await request(`${sandbox.url}/__sandbox/links/${linkId}/pay`, { method: 'POST', body: '{}' });
	const charge = (await paid.body.json()) as IDataObject;
	await omise('PATCH', `/charges/${charge.id as string}`, { metadata: { shipped: 'yes' } });
	const list = (await omise('GET', '/events?limit=100')).data as IDataObject[];
	const find = (key: string) => list.find((event) => event.key === key && (event.data as IDataObject).id === charge.id) as IDataObject;
	events.complete = find('charge.complete');
	events.update = find('charge.update');
	events.pending = find('charge.create');
	sandbox.clearRequests();
});

afterEach(async () => {
	await setFaults([]);
	sandbox.clearRequests();
	sandbox.options.latencyMs = 0;
});

afterAll(async () => {
	for (const server of servers) await server.close();
	await sandbox.close();
	logs.restore();
});

describe('one run per event (the default)', () => {
	test('the same genuine delivery posted twice within the tolerance starts one run; the second is told why', async () => {
		const server = await trigger({});

		const [first, second] = await deliverRepeatedly(server, events.complete, 2);

		expect(first).toEqual({ status: 200, body: STARTED });
		expect(second).toEqual({ status: 200, body: ALREADY_RUN });
		expect(runs(server)).toHaveLength(1);
		expect(outputOf(runs(server)[0].run!, TRIGGER_NAME).map((item) => item.json)).toEqual([events.complete]);
		expect(Object.keys(stored(server))).toEqual([events.complete.id]);
		expect(Math.abs(stored(server)[events.complete.id as string] - nowSeconds())).toBeLessThanOrEqual(5);
		expect(logs.lines).toContainEqual({
			level: 'info',
			message: `Omise Trigger "${TRIGGER_NAME}": event "${events.complete.id as string}" has already started a run; not started again`,
			metadata: { workflowId: server.workflow.id, nodeName: TRIGGER_NAME },
		});
	});

	test('deliveries of one event arriving at the same time start one run', async () => {
		const server = await trigger({}, { ...linkLookup() });
		const body = JSON.stringify(events.complete);
		const headers = signed(body);

		const answers = await Promise.all(Array.from({ length: 5 }, () => post(server, body, headers)));

		expect(answers.filter((a) => a.status === 200 && a.body?.message === STARTED.message)).toHaveLength(1);
		expect(answers.filter((a) => a.status === 200 && a.body?.message === ALREADY_RUN.message)).toHaveLength(4);
		expect(runs(server)).toHaveLength(1);
		expect(sandbox.requestsTo('GET', '/links/')).toHaveLength(1);
	});

	test('what has run is kept in the workflow\'s static data: another process (n8n restarted) still starts nothing', async () => {
		const workflow = newStoredWorkflow();
		const server = await trigger({}, { workflow });
		expect((await deliverRepeatedly(server, events.complete, 1))[0]).toEqual({ status: 200, body: STARTED });

		// A fresh copy of the package and of n8n-core: nothing in memory, only what is stored.
		const deliverAfterRestart = async (staticData: IDataObject) => {
			let answer: { status: number; body?: IDataObject } | undefined;
			let started = 0;
			await jest.isolateModulesAsync(async () => {
				const harness = (await import('../harness/webhook')) as typeof import('../harness/webhook');
				const server = await harness.startTriggerServer({
					parameters: { events: ['*'] },
					credentials: credentialsFor(sandbox, { webhookSecret: SECRET }),
					workflow: new harness.StoredWorkflow(workflow.id).seed(staticData),
				});
				[answer] = await deliverRepeatedly(server, events.complete, 1);
				started = runs(server).length;
				await server.close();
			});
			return { answer, started };
		};

		expect(await deliverAfterRestart(workflow.stored())).toEqual({ answer: { status: 200, body: ALREADY_RUN }, started: 0 });
		// and it is the static data that knew: a restarted process without it runs the event again
		expect(await deliverAfterRestart({})).toEqual({ answer: { status: 200, body: STARTED }, started: 1 });
	});

	test('other events of the same charge still run; a test-URL (manual) delivery is never remembered', async () => {
		const server = await trigger({});
		const manual = await trigger({}, { mode: 'manual' });

		await deliverRepeatedly(server, events.pending, 1);
		await deliverRepeatedly(server, events.complete, 1);
		const manualAnswers = await deliverRepeatedly(manual, events.complete, 2);

		expect(runs(server)).toHaveLength(2);
		expect(manualAnswers).toEqual([
			{ status: 200, body: STARTED },
			{ status: 200, body: STARTED },
		]);
		expect(runs(manual)).toHaveLength(2);
		expect(manual.workflow.stored()).toEqual({});
	});

	test('Start One Run Per "Delivery (Off)" runs every delivery and stores nothing', async () => {
		const server = await trigger({ runOncePer: 'delivery' });

		const answers = await deliverRepeatedly(server, events.complete, 2);

		expect(answers).toEqual([
			{ status: 200, body: STARTED },
			{ status: 200, body: STARTED },
		]);
		expect(runs(server)).toHaveLength(2);
		expect(server.workflow.stored()).toEqual({});
		expect(server.workflow.saves).toBe(0);
	});

	test('events that are rejected or ignored store nothing', async () => {
		const server = await trigger({ events: ['charge.complete'] });
		const body = JSON.stringify(events.update);

		expect(await post(server, body, signed(body))).toEqual({ status: 200, body: { message: 'Webhook call received' } });
		expect((await post(server, body, { 'Omise-Signature': 'ab'.repeat(32), 'Omise-Signature-Timestamp': String(nowSeconds()) })).status).toBe(401);
		expect(server.workflow.saves).toBe(0);
	});

	test('the record keeps the newest 1,000 entries and none older than 7 days', async () => {
		const workflow = newStoredWorkflow();
		const now = nowSeconds();
		const seeded: Record<string, number> = {};
		for (let i = 0; i < 1000; i++) seeded[`evnt_test_seed${String(i).padStart(4, '0')}`] = now - 1000 + i;
		seeded.evnt_test_lastweek = now - WEEK - 10;
		workflow.seed({ global: { omiseRuns: seeded } });
		const server = await trigger({}, { workflow });

		expect((await deliverRepeatedly(server, events.complete, 1))[0]).toEqual({ status: 200, body: STARTED });

		const kept = stored(server);
		expect(Object.keys(kept)).toHaveLength(1000);
		expect(kept[events.complete.id as string]).toBeGreaterThanOrEqual(now);
		expect(kept.evnt_test_lastweek).toBeUndefined();
		expect(kept.evnt_test_seed0000).toBeUndefined();
		expect(kept.evnt_test_seed0999).toBe(now - 1);
	});
});

describe('one run per paid charge', () => {
	test('charge.complete and a later charge.update of the same paid charge start one run', async () => {
		const server = await trigger({ onlyPaidCharges: true, runOncePer: 'paidCharge' });

		const [complete] = await deliverRepeatedly(server, events.complete, 1);
		const [update] = await deliverRepeatedly(server, events.update, 1);

		expect(complete).toEqual({ status: 200, body: STARTED });
		expect(update).toEqual({ status: 200, body: ALREADY_RUN });
		expect(runs(server).map((call) => call.items?.[0].json.key)).toEqual(['charge.complete']);
		const chargeId = (events.complete.data as IDataObject).id as string;
		expect(Object.keys(stored(server)).sort()).toEqual([events.complete.id, chargeId].sort());
	});

	test('per event (the default) the charge.update is a second run', async () => {
		const server = await trigger({ onlyPaidCharges: true });

		await deliverRepeatedly(server, events.complete, 1);
		await deliverRepeatedly(server, events.update, 1);

		expect(runs(server).map((call) => call.items?.[0].json.key)).toEqual(['charge.complete', 'charge.update']);
	});
});

describe('Trigger On: a common moment in one choice', () => {
	const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	const event = (id: string, key: string, data: IDataObject): IDataObject => ({ object: 'event', id, livemode: false, key, created_at: at, data });
	const transfer = (sent: boolean, paid: boolean) => ({ object: 'transfer', id: 'trsf_test_shortcut1', livemode: false, amount: 500000, currency: 'THB', sent, paid });
	const dispute = (status: string) => ({ object: 'dispute', id: 'dspt_test_shortcut1', livemode: false, amount: 150050, currency: 'THB', status, charge: 'chrg_test_disputed1' });

	test('A Dispute Was Opened: dispute.create starts a run; dispute.update and other events do not', async () => {
		const server = await trigger({ triggerOn: 'disputeOpened', events: ['charge.complete'] });
		await deliverRepeatedly(server, event('evnt_test_dspupd1', 'dispute.update', dispute('pending')), 1);
		await deliverRepeatedly(server, events.complete, 1);
		const [opened] = await deliverRepeatedly(server, event('evnt_test_dspnew1', 'dispute.create', dispute('open')), 1);
		expect(opened).toEqual({ status: 200, body: STARTED });
		expect(runs(server).map((call) => [call.items?.[0].json.key, (call.items?.[0].json.data as IDataObject).id])).toEqual([['dispute.create', 'dspt_test_shortcut1']]);
	});

	test('A Payout Was Sent: one run per transfer once it is sent, whichever transfer event carries it', async () => {
		const server = await trigger({ triggerOn: 'payoutSent' });
		await deliverRepeatedly(server, event('evnt_test_trcreate', 'transfer.create', transfer(false, false)), 1);
		const [sent] = await deliverRepeatedly(server, event('evnt_test_trsent', 'transfer.update', transfer(true, false)), 1);
		const [paidLater] = await deliverRepeatedly(server, event('evnt_test_trpaid', 'transfer.update', transfer(true, true)), 1);
		expect([sent, paidLater]).toEqual([{ status: 200, body: STARTED }, { status: 200, body: ALREADY_RUN }]);
		expect(runs(server).map((call) => call.items?.[0].json.id)).toEqual(['evnt_test_trsent']);
		expect(Object.keys(stored(server)).sort()).toEqual(['evnt_test_trsent', 'sent:trsf_test_shortcut1']);
	});

	test('A Charge Was Paid: one run per paid charge (its pending charge.create starts none), whatever Start One Run Per says', async () => {
		const server = await trigger({ triggerOn: 'chargePaid', runOncePer: 'event' });
		await deliverRepeatedly(server, events.pending, 1);
		const [complete] = await deliverRepeatedly(server, events.complete, 1);
		const [update] = await deliverRepeatedly(server, events.update, 1);
		expect([complete, update]).toEqual([{ status: 200, body: STARTED }, { status: 200, body: ALREADY_RUN }]);
		expect(runs(server).map((call) => call.items?.[0].json.key)).toEqual(['charge.complete']);
	});
});

describe('answer Omise when the run has finished', () => {
	test('200 after a successful run (empty body); the redelivery starts nothing', async () => {
		const server = await trigger({ options: { respond: 'afterRun' } }, linkLookup());

		const [first] = await deliverRepeatedly(server, events.complete, 1);
		// n8n stored the static data before it answered, so the success is kept in memory until the next delivery
		const storedAfterFirst = stored(server);
		const [second] = await deliverRepeatedly(server, events.complete, 1);

		expect(first).toEqual({ status: 200, body: undefined });
		expect(storedAfterFirst).toEqual({});
		expect(second).toEqual({ status: 200, body: ALREADY_RUN });
		expect(runs(server)).toHaveLength(1);
		expect(outputOf(runs(server)[0].run!, 'Get Link').map((item) => item.json.id)).toEqual([linkId]);
		expect(Object.keys(stored(server))).toEqual([events.complete.id]);
	});

	test('a failed run gets 500 and nothing is remembered, so the redelivery runs; after it succeeded, nothing more', async () => {
		const server = await trigger({ options: { respond: 'afterRun' } }, linkLookup());
		await setFaults([{ kind: '500', method: 'GET', path: '/links/*', times: 1 }]);

		const [failed, redelivered, again] = await deliverRepeatedly(server, events.complete, 3);

		expect(failed).toEqual({ status: 500, body: { message: 'Error in workflow' } });
		expect(redelivered).toEqual({ status: 200, body: undefined });
		expect(again).toEqual({ status: 200, body: ALREADY_RUN });
		const started = runs(server);
		expect(started).toHaveLength(2);
		expect(started[0].run!.data.resultData.error).toBeDefined();
		expect(started[1].run!.data.resultData.error).toBeUndefined();
		expect(sandbox.requestsTo('GET', '/links/').map((r) => r.status)).toEqual([500, 200]);
		expect(Object.keys(stored(server))).toEqual([events.complete.id]);
	});

	test('a redelivery while the run is still going gets 409 (Omise delivers again later) and starts nothing', async () => {
		const server = await trigger({ options: { respond: 'afterRun' } }, linkLookup());
		sandbox.options.latencyMs = 700;
		const body = JSON.stringify(events.complete);
		const headers = signed(body);

		const first = post(server, body, headers);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const during = await request(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		const duringBody = await during.body.json();

		expect({ status: during.statusCode, body: duringBody }).toEqual({ status: 409, body: IN_PROGRESS });
		expect(await first).toEqual({ status: 200, body: undefined });
		expect(runs(server)).toHaveLength(1);
		expect(logs.lines).toContainEqual({
			level: 'info',
			message: `Omise Trigger "${TRIGGER_NAME}" answered 409 in_progress: event "${events.complete.id as string}" arrived again while its run has not finished`,
			metadata: { workflowId: server.workflow.id, nodeName: TRIGGER_NAME },
		});
	});

	test('when Omise stops waiting before the run ends, the outcome still counts: a later redelivery of a run that succeeded starts nothing', async () => {
		const server = await trigger({ options: { respond: 'afterRun' } }, linkLookup());
		sandbox.options.latencyMs = 600;
		const body = JSON.stringify(events.complete);
		const headers = signed(body);

		await expect(
			request(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(200) }),
		).rejects.toThrow();
		await server.idle();
		sandbox.options.latencyMs = 0;

		expect(runs(server)).toHaveLength(1);
		expect(runs(server)[0].run!.data.resultData.error).toBeUndefined();
		expect(server.calls[0].responseBody).toBe('');
		expect(await post(server, body, headers)).toEqual({ status: 200, body: ALREADY_RUN });
		expect(runs(server)).toHaveLength(1);
	});
});

describe('re-fetch verification', () => {
	test('a known event id posted again starts nothing and costs no API call', async () => {
		const server = await trigger({}, {}, { webhookSecret: '' });
		const forged = JSON.stringify({ ...events.complete, data: { forged: true } });

		const first = await post(server, JSON.stringify(events.complete));
		const calls = sandbox.requests.length;
		const again = await post(server, forged);
		const andAgain = await post(server, JSON.stringify(events.complete));

		expect([first, again, andAgain]).toEqual([
			{ status: 200, body: STARTED },
			{ status: 200, body: ALREADY_RUN },
			{ status: 200, body: ALREADY_RUN },
		]);
		expect(calls).toBe(1);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /events/${events.complete.id as string}`]);
		expect(runs(server)).toHaveLength(1);
	});
});

describe('hardening', () => {
	test('a signed body that starts with a UTF-8 byte-order mark is accepted', async () => {
		const server = await trigger({});
		const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(events.complete))]);

		const response = await post(server, body, signed(body));

		expect(response).toEqual({ status: 200, body: STARTED });
		expect(runs(server)[0].items?.map((item) => item.json)).toEqual([events.complete]);
	});
});
