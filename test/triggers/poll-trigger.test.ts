// The Omise Poll Trigger run by n8n-core's own PollTriggerExecutor, the way an
// active workflow polls: GET /events on the sandbox, one run per new event.
import type { IDataObject, INode } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';

import { loadPackage, outputOf } from '../harness/n8n';
import { startPollTrigger, POLL_TRIGGER_NAME, type PollTrigger } from '../harness/poll';
import { basicAuth, credentialsFor, KEYS, startSandbox, type Sandbox } from '../harness/sandbox';
import { newStoredWorkflow, startTriggerServer, type TriggerServer } from '../harness/webhook';

let sandbox: Sandbox;
const servers: TriggerServer[] = [];

async function omise(method: 'GET' | 'POST' | 'PATCH', path: string, body?: IDataObject, key = KEYS.testSecretKey) {
	const response = await request(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: basicAuth(key), 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = (await response.body.json()) as IDataObject;
	if (response.statusCode !== 200) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
	return json;
}

async function createLink(title: string, key = KEYS.testSecretKey) {
	return await omise('POST', '/links', { amount: 150050, currency: 'THB', title, description: title }, key);
}

async function payLink(id: string): Promise<IDataObject> {
	const response = await request(`${sandbox.url}/__sandbox/links/${id}/pay`, { method: 'POST', body: '{}' });
	return (await response.body.json()) as IDataObject;
}

async function poller(parameters: IDataObject, extra: { downstream?: INode[]; workflow?: ReturnType<typeof newStoredWorkflow> } = {}) {
	return await startPollTrigger({
		parameters: { events: ['*'], ...parameters } as never,
		credentials: credentialsFor(sandbox),
		...extra,
	});
}

/** The /events requests of the last poll, as "query" objects. */
function eventQueries() {
	return sandbox.requestsTo('GET', '/events').map((r) => r.query);
}

function keysOf(trigger: { emitted: Array<Array<{ json: IDataObject }>> }) {
	return trigger.emitted.map((items) => items.map((item) => `${item.json.key as string} ${(item.json.data as IDataObject).id as string}`));
}

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	await sandbox.close();
});

test('node description (saved workflows depend on these names)', async () => {
	const loader = await loadPackage();
	const description = loader.getNode('omisePollTrigger').type.description as unknown as IDataObject & {
		properties: Array<{ name: string; default: unknown; options?: Array<{ name: string; value?: string; default?: unknown }> }>;
	};
	const byName = Object.fromEntries(description.properties.map((property) => [property.name, property]));

	expect(description).toMatchObject({
		name: 'omisePollTrigger',
		displayName: 'Omise Poll Trigger',
		group: ['trigger'],
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'omiseApi', required: true }],
	});
	expect(description.webhooks).toBeUndefined();
	expect(description.usableAsTool).toBeUndefined();
	// n8n adds pollTimes (Poll Times) to every polling node, first
	expect(Object.keys(byName)).toEqual(['pollTimes', 'notice', 'triggerOn', 'events', 'onlyPaidCharges', 'onlyLinkCharges', 'mode', 'runOncePer', 'options']);
	expect(byName.events.default).toEqual(['*']);
	expect([byName.runOncePer.default, byName.runOncePer.options?.map((option) => option.value)]).toEqual(['event', ['event', 'paidCharge']]);
	expect(byName.options.options?.map((option) => [option.name, option.default])).toEqual([['includeLink', false]]);
});

describe('activation and polls', () => {
	test('the poll at activation starts from now: nothing that happened before starts a run', async () => {
		await createLink('Before activation');
		await payLink((await createLink('Paid before activation')).id as string);
		const trigger = await poller({});
		sandbox.clearRequests();

		const activation = await trigger.activate();
		const next = await trigger.poll();

		expect(activation).toEqual({ emitted: [], runs: [], error: undefined });
		expect(next).toEqual({ emitted: [], runs: [], error: undefined });
		const [first, second] = eventQueries();
		expect(first).toEqual({ order: 'reverse_chronological', limit: '100' });
		expect(second).toEqual({ from: expect.any(String), order: 'chronological', limit: '100', offset: '0' });
		const state = (trigger.workflow.stored()[`node:${POLL_TRIGGER_NAME}`] ?? {}) as IDataObject;
		expect(state).toEqual({ start: expect.any(String), cursor: expect.any(String), backlog: false, before: expect.any(Array) });
	});

	test('later polls start one run per new event, each event once, across a page boundary', async () => {
		const trigger = await poller({ events: ['link.create'] });
		await trigger.activate();
		const links = [];
		for (let i = 0; i < 150; i++) links.push((await createLink(`Link ${i}`)).id as string);
		sandbox.clearRequests();

		const first = await trigger.poll();
		const firstQueries = eventQueries();
		sandbox.clearRequests();
		const second = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.emitted.map((items) => items.length)).toEqual(Array(150).fill(1));
		expect(first.emitted.map((items) => (items[0].json.data as IDataObject).id)).toEqual(links);
		expect(first.runs).toHaveLength(150);
		expect(first.runs.every((run) => run.mode === 'trigger' && run.data.resultData.error === undefined)).toBe(true);
		expect(outputOf(first.runs[0], POLL_TRIGGER_NAME).map((item) => item.json.key)).toEqual(['link.create']);
		// two pages of one poll: the second ends where the first did
		expect(firstQueries).toEqual([
			{ from: expect.any(String), order: 'chronological', limit: '100', offset: '0' },
			{ from: firstQueries[0].from, order: 'chronological', limit: '100', offset: '100', to: expect.any(String) },
		]);
		expect(second.emitted).toEqual([]);
	});

	test('filters: a paid payment link starts one run (charge.complete), other events none', async () => {
		const trigger = await poller({ onlyPaidCharges: true, onlyLinkCharges: true, options: { includeLink: true } });
		await trigger.activate();
		const link = await createLink('Hot Latte');
		const charge = await payLink(link.id as string);
		await omise('POST', '/charges', { amount: 100000, currency: 'THB', card: 'tokn_test_plain1' });
		sandbox.clearRequests();

		const polled = await trigger.poll();

		expect(keysOf(polled)).toEqual([[`charge.complete ${charge.id as string}`]]);
		expect(polled.emitted[0][0].json).toMatchObject({ payment_link: { id: link.id, title: 'Hot Latte' } });
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /events', `GET /links/${link.id as string}`]);
		expect((await trigger.poll()).emitted).toEqual([]);
	});

	test('Mode "Live Only" with a test key starts nothing; a live key sees live events', async () => {
		const test = await poller({ mode: 'live' });
		const live = await startPollTrigger({ parameters: { events: ['*'], mode: 'live' }, credentials: credentialsFor(sandbox, { secretKey: KEYS.liveSecretKey }) });
		await test.activate();
		await live.activate();
		await createLink('Test link');
		const liveLink = await createLink('Live link', KEYS.liveSecretKey);

		expect((await test.poll()).emitted).toEqual([]);
		expect(keysOf(await live.poll())).toEqual([[`link.create ${liveLink.id as string}`]]);
	});

	test('Trigger On "A Dispute Was Opened" and "A Payout Was Sent": one run for the dispute opened, one for the payout once sent (not when created, not again when paid)', async () => {
		const disputes = await poller({ triggerOn: 'disputeOpened' });
		const payouts = await poller({ triggerOn: 'payoutSent' });
		await disputes.activate();
		await payouts.activate();
		const charge = await omise('POST', '/charges', { amount: 500000, currency: 'THB', card: 'tokn_test_polldispute1' });
		const opened = await request(`${sandbox.url}/__sandbox/charges/${charge.id as string}/dispute`, { method: 'POST', body: '{}' });
		const dispute = (await opened.body.json()) as IDataObject;
		await omise('PATCH', `/disputes/${dispute.id as string}`, { message: 'Delivered on time' });
		await omise('POST', '/charges', { amount: 500000, currency: 'THB', card: 'tokn_test_pollpayout1' }); // (the dispute took the first charge's money)
		const payout = await omise('POST', '/transfers', { amount: 100000 });
		const beforeSent = await payouts.poll();
		await omise('POST', `/transfers/${payout.id as string}/mark_as_sent`);
		const sent = await payouts.poll();
		await omise('POST', `/transfers/${payout.id as string}/mark_as_paid`);
		const paid = await payouts.poll();

		expect(keysOf(await disputes.poll())).toEqual([[`dispute.create ${dispute.id as string}`]]);
		expect(beforeSent.emitted).toEqual([]);
		expect(keysOf(sent)).toHaveLength(1);
		expect((sent.emitted[0][0].json.data as IDataObject).id).toBe(payout.id);
		expect(paid.emitted).toEqual([]);
	});

	test('Start One Run Per "Paid Charge": charge.complete and a later charge.update of that charge start one run', async () => {
		const perCharge = await poller({ onlyPaidCharges: true, runOncePer: 'paidCharge' });
		const perEvent = await poller({ onlyPaidCharges: true });
		await perCharge.activate();
		await perEvent.activate();
		const charge = await payLink((await createLink('Paid')).id as string);
		const firstCharge = await perCharge.poll();
		await omise('PATCH', `/charges/${charge.id as string}`, { metadata: { shipped: 'yes' } });

		const later = await perCharge.poll();
		const everyEvent = await perEvent.poll();

		expect(keysOf(firstCharge)).toEqual([[`charge.complete ${charge.id as string}`]]);
		expect(later.emitted).toEqual([]);
		expect(keysOf(everyEvent)).toEqual([[`charge.complete ${charge.id as string}`], [`charge.update ${charge.id as string}`]]);
	});

	test('an answer that is not Omise\'s JSON fails the poll, remembers nothing, and the next poll catches up', async () => {
		const trigger = await poller({ events: ['link.create'] });
		await trigger.activate();
		const link = await createLink('Behind a proxy');
		await request(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ faults: [{ kind: 'garbage', method: 'GET', path: '/events', status: 200, body: '<html>Gateway</html>', contentType: 'text/html', times: 1 }] }),
			headers: { 'content-type': 'application/json' },
		}).then((r) => r.body.dump());

		const failed = await trigger.poll();
		const recovered = await trigger.poll();

		expect(failed.emitted).toEqual([]);
		expect(failed.error?.message).toBe('Could not list the events from the Omise API: it answered HTTP 200 with something that is not Omise\'s JSON: "<html>Gateway</html>"');
		expect(keysOf(recovered)).toEqual([[`link.create ${link.id as string}`]]);
	});

	test('an API error fails the poll (n8n reports it), remembers nothing, and the next poll catches up', async () => {
		const trigger = await poller({ events: ['link.create'] });
		await trigger.activate();
		const link = await createLink('During an outage');
		await request(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ faults: [{ kind: '500', method: 'GET', path: '/events', times: 1 }] }), headers: { 'content-type': 'application/json' } }).then((r) => r.body.dump());

		const failed = await trigger.poll();
		const recovered = await trigger.poll();

		expect(failed.emitted).toEqual([]);
		expect(failed.error?.message).toMatch(/^Could not list the events from the Omise API: Omise error internal_error/);
		expect(keysOf(recovered)).toEqual([[`link.create ${link.id as string}`]]);
	});
});

describe('Fetch Test Event (editor)', () => {
	test('outputs the newest matching event and remembers nothing', async () => {
		const trigger = await poller({ events: ['link.create'] });
		await createLink('Older');
		const newest = await createLink('Newest');

		const fetched = await trigger.fetchTestEvent();

		expect(fetched.error).toBeUndefined();
		expect(fetched.items.map((item) => (item.json.data as IDataObject).id)).toEqual([newest.id]);
		expect(trigger.workflow.stored()).toEqual({});
	});

	test('says what to do when no event matches', async () => {
		const trigger = await poller({ onlyPaidCharges: true });

		const fetched = await trigger.fetchTestEvent();

		expect(fetched.items).toEqual([]);
		expect(fetched.error).toMatchObject({
			message: 'None of the latest 100 Omise events matches the filters',
			description: 'Make one happen (for example pay a test payment link), then fetch again.',
		});
	});
});

describe('beside the webhook trigger in one workflow (a safety net)', () => {
	test('an event the webhook trigger has run is not run again by the poll, and one the webhook missed is', async () => {
		const secret = randomBytes(32).toString('base64');
		const workflow = newStoredWorkflow();
		const webhook = await startTriggerServer({ parameters: { events: ['*'], onlyPaidCharges: true }, credentials: credentialsFor(sandbox, { webhookSecret: secret }), workflow });
		servers.push(webhook);
		const poll: PollTrigger = await startPollTrigger({ parameters: { events: ['*'], onlyPaidCharges: true }, credentials: credentialsFor(sandbox), workflow });
		await poll.activate();
		sandbox.webhooks.configure({ endpoints: [webhook.url], secret });
		const delivered = await payLink((await createLink('Delivered')).id as string);
		await sandbox.webhooks.idle();
		await webhook.idle();
		sandbox.webhooks.configure({ endpoints: [] });
		const missed = await payLink((await createLink('Missed')).id as string);

		const polled = await poll.poll();

		expect(webhook.calls.filter((call) => call.run).map((call) => (call.items?.[0].json.data as IDataObject).id)).toEqual([delivered.id]);
		expect(keysOf(polled)).toEqual([[`charge.complete ${missed.id as string}`]]);
	});
});
