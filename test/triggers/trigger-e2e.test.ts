// "Payment link paid → workflow" end to end, all local: the sandbox creates
// and pays a link, delivers each event signed to the trigger's URL, the
// trigger verifies and filters it, and WorkflowExecute (mode 'webhook') runs
// a downstream Omise node that fetches the link's charges.
import type { IDataObject, INode } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';

import { omiseNode, outputOf, runOmiseNode } from '../harness/n8n';
import { credentialsFor, startSandbox, type Sandbox } from '../harness/sandbox';
import { startTriggerServer, TRIGGER_NAME, type TriggerServer } from '../harness/webhook';

const SECRET = randomBytes(32).toString('base64');

let sandbox: Sandbox;
let server: TriggerServer | undefined;

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	await server?.close();
	server = undefined;
	await sandbox.close();
});

async function createAndPayLink(): Promise<{ link: IDataObject; charge: IDataObject }> {
	const created = await runOmiseNode(
		{
			resource: 'link',
			operation: 'create',
			amount: 150050,
			amountUnit: 'smallest',
			currency: 'THB',
			title: 'Hot Latte',
			description: 'Large, oat milk',
			metadata: { metadataValues: [{ key: 'order_id', value: 'A-1001' }] },
		},
		credentialsFor(sandbox),
	);
	expect(created.error).toBeUndefined();
	const link = created.items[0].json;
	const paid = await request(`${sandbox.url}/__sandbox/links/${link.id as string}/pay`, { method: 'POST', body: '{}' });
	const charge = (await paid.body.json()) as IDataObject;
	await sandbox.webhooks.idle();
	await server!.idle();
	return { link, charge };
}

test('link paid → the sandbox delivers the signed webhook → trigger → Omise node gets the link\'s charges', async () => {
	const getCharges: INode = omiseNode(
		{ resource: 'link', operation: 'getCharges', linkId: '={{ $json.data.link }}', returnAll: true },
		{ name: 'Get Link Charges', position: [300, 0] },
	);
	server = await startTriggerServer({
		parameters: { events: ['*'], onlyPaidCharges: true, onlyLinkCharges: true, options: { includeLink: true } },
		credentials: credentialsFor(sandbox, { webhookSecret: SECRET }),
		downstream: [getCharges],
		connections: { [TRIGGER_NAME]: { main: [[{ node: getCharges.name, type: 'main', index: 0 }]] } },
	});
	sandbox.webhooks.configure({ endpoints: [server.url], secret: SECRET });

	const { link, charge } = await createAndPayLink();

	// Every event was delivered, signed, and acknowledged; only the paid one started a run.
	expect(sandbox.webhooks.deliveries.map((d) => [d.key, d.status, JSON.parse(d.response ?? '{}')])).toEqual([
		['link.create', 200, { message: 'Webhook call received' }],
		['charge.create', 200, { message: 'Webhook call received' }],
		['charge.complete', 200, { message: 'Workflow was started' }],
	]);
	expect(sandbox.webhooks.deliveries.every((d) => /^[0-9a-f]{64}$/.test(d.headers['Omise-Signature']))).toBe(true);
	const runs = server.calls.filter((call) => call.run);
	expect(runs).toHaveLength(1);
	const run = runs[0].run!;
	expect(run.mode).toBe('webhook');
	expect(run.data.resultData.error).toBeUndefined();

	const [event] = outputOf(run, TRIGGER_NAME).map((item) => item.json);
	const delivered = JSON.parse(sandbox.webhooks.deliveries[2].body) as IDataObject;
	expect(event).toEqual({ ...delivered, payment_link: expect.any(Object) });
	expect(event).toMatchObject({
		object: 'event',
		key: 'charge.complete',
		livemode: false,
		data: { object: 'charge', id: charge.id, status: 'successful', paid: true, link: link.id, amount: 150050, currency: 'THB' },
		payment_link: { object: 'link', id: link.id, title: 'Hot Latte', metadata: { order_id: 'A-1001' }, used: true },
	});

	const charges = outputOf(run, 'Get Link Charges').map((item) => item.json);
	expect(charges).toHaveLength(1);
	expect(charges[0]).toMatchObject({ object: 'charge', id: charge.id, link: link.id, paid: true, status: 'successful' });
	expect(sandbox.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
		`/links/${link.id as string}`,
		`/links/${link.id as string}/charges`,
	]);
});

test('an account on an older API version: deliveries with `created` and lower-case currency pass the filters unchanged', async () => {
	server = await startTriggerServer({
		parameters: { events: ['charge.create', 'charge.complete'], onlyPaidCharges: true, onlyLinkCharges: true },
		credentials: credentialsFor(sandbox, { webhookSecret: SECRET }),
	});
	sandbox.webhooks.configure({ endpoints: [server.url], secret: SECRET, version: '2017-11-02' });

	const { link } = await createAndPayLink();

	expect(sandbox.webhooks.deliveries.map((d) => [d.key, d.status])).toEqual([
		['link.create', 200],
		['charge.create', 200],
		['charge.complete', 200],
	]);
	const started = server.calls.filter((call) => call.run);
	expect(started).toHaveLength(1);
	const event = started[0].items![0].json as IDataObject & { data: IDataObject };
	expect(event).toEqual(JSON.parse(sandbox.webhooks.deliveries[2].body));
	expect(event.created).toEqual(expect.any(String));
	expect(event.created_at).toBeUndefined();
	expect(event.data).toMatchObject({ currency: 'thb', link: link.id, paid: true, status: 'successful' });
});

test('re-fetch mode end to end: unsigned deliveries are confirmed with GET /events/:id', async () => {
	server = await startTriggerServer({
		parameters: { events: ['*'], onlyPaidCharges: true },
		credentials: credentialsFor(sandbox),
	});
	sandbox.webhooks.configure({ endpoints: [server.url] });

	const { charge } = await createAndPayLink();

	expect(sandbox.webhooks.deliveries.map((d) => [d.key, d.status, d.headers['Omise-Signature']])).toEqual([
		['link.create', 200, undefined],
		['charge.create', 200, undefined],
		['charge.complete', 200, undefined],
	]);
	const started = server.calls.filter((call) => call.run);
	expect(started).toHaveLength(1);
	const completeId = sandbox.webhooks.deliveries[2].eventId;
	expect(started[0].items![0].json).toMatchObject({ id: completeId, key: 'charge.complete', data: { id: charge.id, paid: true } });
	// Only events that pass the filters on the posted body are looked up.
	expect(sandbox.requests.filter((r) => r.path.startsWith('/events/')).map((r) => r.path)).toEqual([`/events/${completeId}`]);
});
