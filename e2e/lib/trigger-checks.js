'use strict';
// The Omise triggers' "one run per event" inside real n8n, called by run.js:
//   - before `n8n start`: the polling example (examples/email-on-paid-charge-polling.json)
//     is checked against this n8n's nodes, imported with a credential for a
//     second sandbox that sends no webhooks (an Omise that cannot reach this
//     n8n, and whose polls the other checks do not see), and activated;
//     A second workflow, made here, answers Omise only when its run has
//     finished (Omise Trigger → Omise Link → Get);
//   - after: the same genuine signed delivery posted again gets 200 "already
//     started a run" and sends no second email; a run that fails gets n8n's 500,
//     the redelivery runs and gets 200, the next one starts nothing; a link paid
//     on the second sandbox is emailed by the poll trigger within two polls, and
//     only once.
const assert = require('node:assert/strict');
const { createSandbox, DEFAULT_KEYS } = require('../../sandbox/server');
const { signatureHeaders } = require('../../sandbox/webhooks');
const { log, sleep, waitFor, onCleanup } = require('./proc');
const S = require('./scenario');
const { checkExamples } = require('./check-examples');

const POLL_EXAMPLE = 'email-on-paid-charge-polling.json';
const POLL_CREDENTIAL = { id: 'OmisePollCred001', name: 'Omise account (no webhooks)' };
const AFTER_RUN_WORKFLOW_ID = 'OmiseAfterRun001';
const AFTER_RUN_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-00000000a1f1';
const STARTED = { message: 'Workflow was started' };
const ALREADY_RUN = { message: 'This Omise event has already started a run of this workflow; it is not started again' };

function pollWorkflow() {
	const workflow = S.readExample(POLL_EXAMPLE);
	S.nodeByType(workflow, 'n8n-nodes-omise.omisePollTrigger').credentials.omiseApi = POLL_CREDENTIAL;
	return workflow;
}

async function omiseApi(sandbox, method, path, body, key) {
	const res = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
	return json;
}

async function createAndPayLink(sandbox, title, key) {
	const link = await omiseApi(sandbox, 'POST', '/links', { amount: 150050, currency: 'THB', title, description: 'e2e' }, key);
	const res = await fetch(`${sandbox.url}/__sandbox/links/${link.id}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const charge = await res.json();
	assert.equal(charge.paid, true, `the sandbox paid ${title}: ${JSON.stringify(charge)}`);
	return { link, charge };
}

function json(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Omise Trigger (answer when the run has finished) → Omise Link → Get of the charge's link. */
function afterRunWorkflow() {
	const credentials = { omiseApi: { id: S.IDS.omiseCredential, name: 'Omise account' } };
	return {
		id: AFTER_RUN_WORKFLOW_ID,
		name: 'Omise: answer after the run (e2e)',
		active: false,
		nodes: [
			{
				id: '5f0e7a10-0001-4c1d-9a40-000000000001',
				name: 'Omise Trigger',
				type: 'n8n-nodes-omise.omiseTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: AFTER_RUN_WEBHOOK_ID,
				parameters: { events: ['charge.complete'], options: { respond: 'afterRun' } },
				credentials,
			},
			{
				id: '5f0e7a10-0002-4c1d-9a40-000000000002',
				name: 'Get Link',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'link', operation: 'get', linkId: '={{ $json.data.link }}' },
				credentials,
			},
		],
		connections: { 'Omise Trigger': { main: [[{ node: 'Get Link', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

/** The sandbox the poll trigger reads (it sends no webhooks), from prepare to the end of the checks. */
let pollSandbox;
let forgetPollSandbox = () => {};

/** Before `n8n start`: the polling example, checked, imported and activated. */
async function prepareTriggerChecks(n8n, { n8nDir }) {
	const workflow = pollWorkflow();
	const { problems } = checkExamples([workflow], n8nDir);
	if (problems.length) throw new Error(`${POLL_EXAMPLE} is out of date:\n  ${problems.join('\n  ')}`);
	pollSandbox = await createSandbox({ port: 0 });
	const sandbox = pollSandbox;
	forgetPollSandbox = onCleanup('poll sandbox', () => sandbox.close());
	const now = new Date().toISOString();
	const credential = {
		...POLL_CREDENTIAL,
		type: 'omiseApi',
		data: { secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret: '', baseUrl: sandbox.url },
		isManaged: false,
		createdAt: now,
		updatedAt: now,
	};
	await n8n.cli(['import:credentials', `--input=${n8n.writeJson('live-credential.json', [credential])}`]);
	await n8n.cli(['import:workflow', `--input=${n8n.writeJson('poll-workflow.json', workflow)}`]);
	await n8n.activate(workflow.id);
	await n8n.cli(['import:workflow', `--input=${n8n.writeJson('after-run-workflow.json', afterRunWorkflow())}`]);
	await n8n.activate(AFTER_RUN_WORKFLOW_ID);
	return `${workflow.name} (${workflow.id}), reading a second sandbox at ${sandbox.url} that sends no webhooks; ${AFTER_RUN_WORKFLOW_ID}`;
}

/** After `n8n start` and the email check: `timed(name, fn)` runs and reports one check. */
async function runTriggerChecks({ timed, sandbox, sink, n8nUrl }) {
	await timed('the same genuine delivery posted twice → one email', async () => {
		const before = sink.messages.length;
		const { charge } = await createAndPayLink(sandbox, 'Twice Latte', DEFAULT_KEYS.testSecretKey);
		await sink.waitForMessages(before + 1, 30000);
		await sandbox.webhooks.idle();
		const original = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete' && d.eventId && d.body.includes(charge.id));
		assert.ok(original, 'the sandbox delivered charge.complete');
		assert.deepEqual([original.status, json(original.response)], [200, STARTED], 'the first delivery started the workflow, answered as documented');
		await sandbox.webhooks.resend(original);
		await sandbox.webhooks.resend(original);
		const again = sandbox.webhooks.deliveries.filter((d) => d.resentFrom === sandbox.webhooks.deliveries.indexOf(original));
		assert.deepEqual(again.map((d) => [d.status, json(d.response)]), [[200, ALREADY_RUN], [200, ALREADY_RUN]]);
		await sleep(3000);
		assert.equal(sink.messages.length, before + 1, `one email for ${charge.id} (got ${sink.messages.length - before})`);
		return `charge.complete → 200 ${JSON.stringify(STARTED)}; the same bytes twice more → 200 "already started a run"; 1 email`;
	});

	await timed('answer after the run: a failed run gets 500, the redelivery runs (200), the next starts nothing', async () => {
		const url = `${n8nUrl}/webhook/${AFTER_RUN_WEBHOOK_ID}/webhook`;
		// n8n 1.x serves a published workflow's webhook a moment after it is ready
		await waitFor(`${url} to serve`, async () => (await fetch(url, { method: 'POST', body: '{}' }).catch(() => undefined))?.status === 401, { timeoutMs: 60000, intervalMs: 500 });
		const delivery = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete' && d.status === 200);
		const linkId = JSON.parse(delivery.body).data.link;
		const post = async () => {
			const headers = { 'content-type': 'application/json', ...signatureHeaders([sandbox.webhooks.config.secret], delivery.body) };
			const res = await fetch(url, { method: 'POST', headers, body: delivery.body });
			return [res.status, json(await res.text())];
		};
		sandbox.clearRequests();
		sandbox.faults.set([{ kind: '500', method: 'GET', path: `/links/${linkId}`, times: 1 }]);
		try {
			const answers = [await post(), await post(), await post()];
			assert.deepEqual(answers, [[500, { message: 'Error in workflow' }], [200, ''], [200, ALREADY_RUN]]);
			assert.deepEqual(sandbox.requestsTo('GET', '/links/').map((r) => r.status), [500, 200], 'two runs: the failed one and the redelivered one');
			return 'failed run → 500 {"message":"Error in workflow"}; redelivery → run → 200; again → 200 "already started a run"';
		} finally {
			sandbox.faults.set([]);
		}
	});

	await timed('Omise Poll Trigger: no webhooks, a paid link → one email within two polls', async () => {
		const sandbox = pollSandbox;
		try {
			const polls = () => sandbox.requestsTo('GET', '/events').length;
			const before = sink.messages.length;
			const pollsBefore = polls();
			const paidAt = Date.now();
			const { link, charge } = await createAndPayLink(sandbox, 'Poll Latte', DEFAULT_KEYS.testSecretKey);
			const mail = await waitFor(
				'the poll trigger\'s email',
				() => sink.messages.slice(before).find((m) => m.subject.includes('Poll Latte')),
				{ timeoutMs: 150000, intervalMs: 500 },
			);
			const seconds = ((Date.now() - paidAt) / 1000).toFixed(0);
			const pollsToMail = polls() - pollsBefore;
			assert.ok(pollsToMail >= 1 && pollsToMail <= 2, `emailed after ${pollsToMail} polls (at most two)`);
			for (const text of ['1500.50 THB', charge.id, link.id]) {
				assert.ok(mail.text.includes(text), `the email quotes "${text}":\n${mail.text}`);
			}
			// the next poll reads the same minute again (the overlap): still one email
			const pollsAtMail = polls();
			await waitFor('the next poll', () => polls() > pollsAtMail, { timeoutMs: 75000, intervalMs: 500 });
			await sleep(5000);
			const mails = sink.messages.slice(before).filter((m) => m.subject.includes('Poll Latte'));
			assert.equal(mails.length, 1, `one email for the paid link (got ${mails.length})`);
			assert.equal(sink.messages.length, before + 1, 'no other email');
			log(`   poll email: ${mail.subject}`);
			return `emailed ${seconds} s after the payment, after ${pollsToMail} poll(s); still 1 email after one more poll`;
		} finally {
			await sandbox.close();
			forgetPollSandbox();
		}
	});
}

module.exports = { prepareTriggerChecks, runTriggerChecks };
