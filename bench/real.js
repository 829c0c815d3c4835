#!/usr/bin/env node
'use strict';
/*
 * The real-n8n part of `npm run bench` (see bench/README.md).
 *
 * One `n8n start` per n8n version (2.x on Node 24 by default; --n8n=1 or --n8n=2,1),
 * with this package packed and installed as a community package, the Omise
 * sandbox in a child process, and bench/lib/expression-counter.js preloaded
 * into n8n (NODE_OPTIONS=--require) to count expression evaluations.
 *
 * Part 1, links: at 100, 1,000 and 10,000 rows, rounds of (in a rotating order)
 *   control  Webhook → Split Out → Summarize          (the same workflow without the node under test)
 *   omise    … → Omise Link → Create → …              (amount in major units, On Error: Continue, batches of 10)
 *   http     … → HTTP Request POST /links → …         (same JSON body from expressions, omiseApi credential, batches of 10)
 *   undici   raw undici from this process, 10 requests at a time
 * CPU is the n8n process group's (n8n and anything it spawned) for the n8n
 * variants and this process's own for undici; the control run of the same
 * round is subtracted from omise and http.
 *
 * Part 2, trigger: rounds of N signed charge.complete events (unique ids) to a
 * published Omise Trigger workflow and to a Webhook-node workflow; CPU of the
 * n8n process group per event.
 *
 * Targets are printed with PASS / FAIL; a miss never fails the process (exit 0
 * unless the bench itself breaks).
 *
 * Options:
 *   --n8n=2|1|2,1          n8n versions (default 2)
 *   --only=links|trigger   one part only
 *   --sizes=100,1000,10000 rows per run
 *   --rounds=3             rounds at each size below 10,000 rows; --rounds-large=1 at 10,000 rows and more
 *                          (a 10,000-row run of one n8n variant takes 1–3 minutes on 2 cores: 3 rounds of them
 *                          would not fit in the ~15 minutes the whole bench may take)
 *   --events=100           events per trigger run; --trigger-rounds=3
 *   --env=NAME=VALUE       extra environment for n8n (repeatable), e.g. --env=N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
 *   --engine=vm|legacy     N8N_EXPRESSION_ENGINE for n8n 2.x (default: n8n's own default)
 *   --save=all|none        EXECUTIONS_DATA_SAVE_ON_SUCCESS (default: n8n's default, all)
 *   --cpu-prof             also profile (n8n's main thread) one Omise and one HTTP Request run of 1,000 rows
 *                          (--prof-rows=N) and 100 events to each trigger, and print the top frames
 *   --omise-version=1|2    the Omise node's version in the links workflow (default 1; 2 has Simplify on)
 *   --budget=11            minutes for the measured runs of one n8n version; later runs are skipped and said so
 *   --keep                 keep the temp folder (n8n log, profiles)
 */
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const undici = require('undici');
const { installN8n, VERSIONS } = require('../e2e/install');
const { sleep, waitFor, onCleanup, cleanupAll } = require('../e2e/lib/proc');
const { N8n, packPackage, installCommunityPackage, tempRoot, tail } = require('../e2e/lib/n8n');
const { sign } = require('../sandbox/webhooks');
const { DEFAULT_KEYS } = require('../sandbox/server');
const { groupCpuMs, groupThreads, threadDelta, selfCpuMs, describeGroup } = require('./lib/proc-cpu');
const W = require('./lib/workflows');
const profiles = require('./lib/cpu-profile');
const { executionCounts, executionsAdded } = require('./lib/executions');
const counter = require('./lib/counter-client');

const COUNTER = path.join(__dirname, 'lib', 'expression-counter.js');
const CONCURRENCY = 10;

// ───────────────────────── options

function parseArgs(argv) {
	const get = (name, fallback) => {
		const a = argv.find((x) => x.startsWith(`--${name}=`));
		return a ? a.slice(name.length + 3) : fallback;
	};
	const list = (v) => String(v).split(',').map((x) => Number(x.trim())).filter((x) => Number.isFinite(x) && x > 0);
	const o = {
		versions: list(get('n8n', process.env.BENCH_N8N || '2')),
		only: get('only', 'all'),
		sizes: list(get('sizes', '100,1000,10000')),
		rounds: Number(get('rounds', 3)),
		roundsLarge: Number(get('rounds-large', 1)),
		events: Number(get('events', 100)),
		profRows: Number(get('prof-rows', 1000)),
		triggerRounds: Number(get('trigger-rounds', 3)),
		engine: get('engine', undefined),
		save: get('save', undefined),
		cpuProf: argv.includes('--cpu-prof'),
		extraEnv: Object.fromEntries(argv.filter((a) => a.startsWith('--env=')).map((a) => { const kv = a.slice(6); const i = kv.indexOf('='); return [kv.slice(0, i), kv.slice(i + 1)]; })),
		omiseVersion: Number(get('omise-version', 1)),
		budgetMs: Number(get('budget', 11)) * 60000,
		keep: argv.includes('--keep') || process.env.BENCH_KEEP === '1',
	};
	for (const v of o.versions) if (v !== 1 && v !== 2) throw new Error(`--n8n takes 2 and/or 1, got ${v}`);
	if (![1, 2].includes(o.omiseVersion)) throw new Error(`--omise-version takes 1 or 2, got ${o.omiseVersion}`);
	if (!['all', 'links', 'trigger'].includes(o.only)) throw new Error(`--only takes links or trigger, got ${o.only}`);
	if (o.engine && !['vm', 'legacy'].includes(o.engine)) throw new Error(`--engine takes vm or legacy`);
	if (o.save && !['all', 'none'].includes(o.save)) throw new Error(`--save takes all or none`);
	return o;
}

// ───────────────────────── small helpers

const t0 = Date.now();
function log(...args) {
	console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...args);
}

const median = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');

/** The sandbox in a child process, driven over IPC. */
async function startSandboxChild() {
	const child = fork(path.join(__dirname, 'lib', 'sandbox-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map();
	let seq = 0;
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the sandbox child did not start in 15 s')), 15000);
		child.once('exit', (code) => reject(new Error(`the sandbox child exited (${code})`)));
		child.on('message', (m) => {
			if (m.ready) {
				clearTimeout(timer);
				resolve(m.ready);
			} else if (pending.has(m.id)) {
				const { resolve: ok, reject: ko } = pending.get(m.id);
				pending.delete(m.id);
				m.error ? ko(new Error(m.error)) : ok(m.result);
			}
		});
	});
	const call = (cmd, extra = {}) =>
		new Promise((resolve, reject) => {
			const id = ++seq;
			pending.set(id, { resolve, reject });
			child.send({ id, cmd, ...extra });
		});
	const stop = () => {
		try {
			child.disconnect();
		} catch {}
		try {
			child.kill('SIGTERM');
		} catch {}
	};
	const unregister = onCleanup('sandbox child', stop);
	process.on('exit', stop);
	return {
		url,
		pid: child.pid,
		countLinks: (prefix) => call('count', { prefix }),
		clear: () => call('clear'),
		cpuMs: () => call('cpu'),
		stop: () => {
			stop();
			unregister();
		},
	};
}

function diffCounts(after, before) {
	const out = {};
	for (const [k, v] of after) if (v - (before.get(k) || 0) > 0) out[k] = v - (before.get(k) || 0);
	return out;
}

/**
 * Waits until the n8n process group has gone quiet (≤ 2 clock ticks of CPU in
 * 300 ms), so that work n8n finishes after answering (saving the execution,
 * executions that run after an immediate webhook answer) is counted. Returns
 * the group's CPU at that point.
 */
async function settle(pid, maxMs = 20000) {
	const samples = [groupCpuMs(pid)];
	const until = Date.now() + maxMs;
	for (;;) {
		await sleep(100);
		samples.push(groupCpuMs(pid));
		const n = samples.length;
		if (n >= 4 && samples[n - 1] - samples[n - 4] <= 20) return { cpuMs: samples[n - 1], quiet: true };
		if (Date.now() > until) return { cpuMs: samples[n - 1], quiet: false };
	}
}

// ───────────────────────── one run of each kind

function makeRows(tag, n) {
	return Array.from({ length: n }, (_, i) => ({ title: `${tag} #${i}`, price: `${100 + (i % 50)}.25`, currency: 'THB' }));
}

/** One POST to a links workflow: N rows through the variant's workflow, timed and counted. */
async function runLinksInN8n(ctx, variant, rows, timeoutMs) {
	const tag = `bench-${variant}-${randomBytes(4).toString('hex')}`;
	const body = JSON.stringify({ rows: makeRows(tag, rows) });
	await ctx.sandbox.clear();
	const before = await settle(ctx.pid, 5000);
	const threadsBefore = groupThreads(ctx.pid);
	const evalsBefore = await counter.readCounts(ctx.counterDir, ctx.pid);
	const started = performance.now();
	let status;
	let response;
	let error;
	const abort = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		abort.abort(new Error(`no answer after ${(timeoutMs / 1000).toFixed(0)} s`));
	}, timeoutMs);
	try {
		const res = await undici.request(ctx.urls.links[variant], {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
			headersTimeout: 0,
			bodyTimeout: 0,
			signal: abort.signal,
		});
		status = res.statusCode;
		const text = await res.body.text();
		try {
			response = JSON.parse(text);
		} catch {
			response = text;
		}
		if (status !== 200) error = `HTTP ${status}: ${String(text).slice(0, 200)}`;
	} catch (e) {
		error = timedOut ? `no answer after ${(timeoutMs / 1000).toFixed(0)} s` : e.message || String(e);
	} finally {
		clearTimeout(timer);
	}
	const wallMs = performance.now() - started;
	const after = await settle(ctx.pid, error ? 60000 : 20000);
	const threads = threadDelta(threadsBefore, groupThreads(ctx.pid));
	const evalsAfter = await counter.readCounts(ctx.counterDir, ctx.pid);
	const links = variant === 'control' ? 0 : await ctx.sandbox.countLinks(`${tag} #`);
	const itemsField = variant === 'control' ? 'count_title' : 'count_id';
	return {
		variant,
		rows,
		cpuMs: after.cpuMs - before.cpuMs,
		threads,
		wallMs,
		evals: evalsAfter.total - evalsBefore.total,
		byExpression: diffCounts(evalsAfter.byExpression, evalsBefore.byExpression),
		links,
		itemsOut: response && typeof response === 'object' ? Number(response[itemsField] ?? 0) : NaN,
		errorsOut: response && typeof response === 'object' ? Number(response.count_error ?? 0) : NaN,
		error,
		timedOut,
	};
}

/** Raw undici from this process: the same POST /links for N rows, 10 at a time. */
async function runLinksUndici(ctx, rows, timeoutMs) {
	const tag = `bench-undici-${randomBytes(4).toString('hex')}`;
	const data = makeRows(tag, rows);
	await ctx.sandbox.clear();
	const pool = new undici.Pool(ctx.sandbox.url, { connections: CONCURRENCY });
	const headers = {
		authorization: `Basic ${Buffer.from(`${DEFAULT_KEYS.testSecretKey}:`).toString('base64')}`,
		'content-type': 'application/json',
		accept: 'application/json',
		'omise-version': W.OMISE_VERSION,
	};
	let next = 0;
	let ok = 0;
	let failed = 0;
	const deadline = Date.now() + timeoutMs;
	const cpu0 = selfCpuMs();
	const started = performance.now();
	async function worker() {
		while (next < data.length && Date.now() < deadline) {
			const row = data[next++];
			try {
				const res = await pool.request({
					path: '/links',
					method: 'POST',
					headers,
					body: JSON.stringify({ title: row.title, amount: Math.round(Number(row.price) * 100), currency: row.currency, description: W.BENCH_DESCRIPTION }),
				});
				const json = await res.body.json();
				if (res.statusCode === 200 && json.object === 'link') ok++;
				else failed++;
			} catch {
				failed++;
			}
		}
	}
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const wallMs = performance.now() - started;
	const cpuMs = selfCpuMs() - cpu0;
	await pool.close();
	const links = await ctx.sandbox.countLinks(`${tag} #`);
	const timedOut = next < data.length;
	return { variant: 'undici', rows, cpuMs, wallMs, evals: NaN, links, itemsOut: ok, errorsOut: failed, error: timedOut ? `stopped after ${(timeoutMs / 1000).toFixed(0)} s` : undefined, timedOut };
}

/** N signed events to one trigger workflow, `concurrency` at a time; CPU of n8n until it is quiet again. */
async function runEvents(ctx, kind, n, { concurrency = 4, timeoutMs = 120000 } = {}) {
	const tag = randomBytes(4).toString('hex');
	const ts = Math.floor(Date.now() / 1000);
	const posts = Array.from({ length: n }, (_, i) => {
		const raw = JSON.stringify(W.chargeCompleteEvent(`evnt_test_bench${tag}${String(i).padStart(6, '0')}`, i));
		return { raw, headers: { 'content-type': 'application/json', 'Omise-Signature': sign(ctx.webhookSecret, ts, raw), 'Omise-Signature-Timestamp': String(ts) } };
	});
	const url = new URL(ctx.urls.trigger[kind]);
	const pool = new undici.Pool(url.origin, { connections: concurrency });
	const before = await settle(ctx.pid, 5000);
	const threadsBefore = groupThreads(ctx.pid);
	const evalsBefore = await counter.readCounts(ctx.counterDir, ctx.pid);
	const statuses = new Map();
	let next = 0;
	const deadline = Date.now() + timeoutMs;
	const started = performance.now();
	async function worker() {
		while (next < posts.length && Date.now() < deadline) {
			const post = posts[next++];
			let key;
			try {
				const res = await pool.request({ path: url.pathname, method: 'POST', headers: post.headers, body: post.raw });
				const text = await res.body.text();
				key = `${res.statusCode} ${text.slice(0, 80)}`;
			} catch (e) {
				key = `error ${e.message}`;
			}
			statuses.set(key, (statuses.get(key) || 0) + 1);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = performance.now() - started;
	const after = await settle(ctx.pid, 30000);
	const threads = threadDelta(threadsBefore, groupThreads(ctx.pid));
	const evalsAfter = await counter.readCounts(ctx.counterDir, ctx.pid);
	await pool.close();
	// n8n 2.41.1 answers a trigger node without `responseData` in its webhook description with the
	// literal text "firstEntryJson" (its default), 1.x with {"message":"Workflow was started"}: any 200 counts;
	// the executions themselves are counted in n8n's database at the end.
	const ok = [...statuses].filter(([k]) => k.startsWith('200')).reduce((a, [, c]) => a + c, 0);
	return { kind, events: n, sent: next, cpuMs: after.cpuMs - before.cpuMs, threads, wallMs, evals: evalsAfter.total - evalsBefore.total, byExpression: diffCounts(evalsAfter.byExpression, evalsBefore.byExpression), ok, statuses: [...statuses].map(([k, c]) => `${c}× ${k}`).join('; '), quiet: after.quiet };
}

// ───────────────────────── profiles

/** Runs `fn` with n8n's main thread profiled (the preload starts and stops V8's profiler when the bench asks). */
async function profileRun(ctx, name, fn) {
	await settle(ctx.pid, 5000);
	await counter.profileStart(ctx.counterDir, ctx.pid, path.join(ctx.profileDir, `${name}.cpuprofile`));
	const run = await fn();
	const file = await counter.profileStop(ctx.counterDir, ctx.pid);
	return { run, file, summary: profiles.summarise(JSON.parse(fs.readFileSync(file, 'utf8')), 14) };
}

// ───────────────────────── one n8n version

async function benchVersion(major, tarball, root, o) {
	const installed = await installN8n(major);
	const nodeVersion = major === 2 ? VERSIONS.node24 : process.version.slice(1);
	const counterDir = path.join(root, `n8n-${major}`, 'counters');
	const profileDir = path.join(root, `n8n-${major}`, 'profiles');
	fs.mkdirSync(counterDir, { recursive: true });
	fs.mkdirSync(profileDir, { recursive: true });
	const env = {
		NODE_OPTIONS: `--require ${COUNTER}`,
		OMISE_BENCH_COUNTER_DIR: counterDir,
		OMISE_BENCH_PROFILE_DIR: profileDir,
		N8N_LOG_LEVEL: 'warn',
		N8N_METRICS: 'false',
	};
	if (o.engine && major === 2) env.N8N_EXPRESSION_ENGINE = o.engine;
	if (o.save) env.EXECUTIONS_DATA_SAVE_ON_SUCCESS = o.save;
	Object.assign(env, o.extraEnv);
	const n8n = await new N8n({ major, root: path.join(root, `n8n-${major}`), env }).init();
	const sandbox = await startSandboxChild();
	const webhookSecret = randomBytes(32).toString('base64');
	const report = { major, version: installed.version, nodeVersion, links: [], trigger: [], notes: [] };
	log(`n8n ${installed.version} on Node ${nodeVersion}: sandbox ${sandbox.url} (pid ${sandbox.pid}), n8n on ${n8n.url}; the Omise node at version ${o.omiseVersion}`);
	report.notes.push(`the Omise node at version ${o.omiseVersion}${o.omiseVersion === 2 ? ' (Simplify on by default: each link is also simplified)' : ''}`);
	try {
		await installCommunityPackage(n8n.n8nFolder, { tarball });
		await n8n.importCredentials(W.credentials({ sandboxUrl: sandbox.url, secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret }));
		const workflows = [...['control', 'omise', 'http'].map((v) => W.linksWorkflow(v, sandbox.url, { httpVersion: httpRequestVersion(installed.dir), omiseVersion: o.omiseVersion })), ...W.triggerWorkflows()];
		await n8n.importWorkflows(workflows);
		for (const wf of workflows) await n8n.activate(wf.id);
		for (const f of fs.readdirSync(counterDir)) fs.rmSync(path.join(counterDir, f), { force: true });
		await n8n.start();
		const pid = n8n.proc.pid;
		const ctx = { pid, sandbox, counterDir, profileDir, webhookSecret, urls: W.urls(n8n.url), executions: () => executionCounts(installed.dir, installed.node, n8n.n8nFolder) };
		// production webhooks answer 404 until their workflow is active
		for (const variant of ['control', 'omise', 'http']) {
			await waitFor(`${ctx.urls.links[variant]} to serve`, async () => {
				const r = await runLinksInN8n(ctx, variant, 1, 30000);
				if (r.error && !/404/.test(r.error)) throw Object.assign(new Error(`${variant}: ${r.error}`), { fatal: true });
				return !r.error;
			}, { timeoutMs: 60000, intervalMs: 500, failFast: (e) => e.fatal });
		}
		const engine = (await counter.readCounts(counterDir, pid)).engine;
		report.engine = engine;
		report.group = describeGroup(pid);
		log(`expression engine: selected ${engine?.selected}, in use ${engine?.active}; n8n process group: ${report.group.map((p) => `${p.pid} ${p.cmd.slice(0, 90)} (${p.threads} threads)`).join(' | ')}`);
		const idle0 = groupCpuMs(pid);
		await sleep(3000);
		report.idleCpuPct = ((groupCpuMs(pid) - idle0) / 3000) * 100;

		const deadline = Date.now() + o.budgetMs;
		if (o.only !== 'trigger') await linksPart(ctx, o, report, deadline);
		if (o.only !== 'links') await triggerPart(ctx, o, report, deadline);
		report.groupAfter = describeGroup(pid);
		if (o.cpuProf) {
			report.profiles = [];
			if (o.only !== 'trigger') {
				for (const variant of ['omise', 'http']) {
					log(`profiling one ${variant} run of ${int(o.profRows)} rows`);
					const p = await profileRun(ctx, `links-${variant}-${o.profRows}`, () => runLinksInN8n(ctx, variant, o.profRows, Math.max(60000, o.profRows * 40)));
					report.profiles.push({ ...p, title: `one ${LABEL[variant]} run of ${int(o.profRows)} rows (${int(p.run.cpuMs)} ms CPU of the group, profiler on)` });
				}
			}
			if (o.only !== 'links') {
				for (const kind of ['omise', 'webhook']) {
					log(`profiling 100 events to the ${kind} trigger`);
					const p = await profileRun(ctx, `trigger-${kind}-100`, () => runEvents(ctx, kind, 100));
					report.profiles.push({ ...p, title: `100 events to the ${kind === 'omise' ? 'Omise Trigger' : 'Webhook node'} (${int(p.run.cpuMs)} ms CPU of the group, profiler on)` });
				}
			}
		}
		report.sandboxCpuMs = await sandbox.cpuMs();
	} catch (e) {
		e.message += `\n--- last lines of ${n8n.logFile} ---\n${fs.existsSync(n8n.logFile) ? tail(fs.readFileSync(n8n.logFile, 'utf8'), 40) : '(none)'}`;
		throw e;
	} finally {
		await n8n.stop();
		sandbox.stop();
	}
	return report;
}

function httpRequestVersion(n8nDir) {
	try {
		const file = path.join(n8nDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
		const m = /defaultVersion:\s*([\d.]+)/.exec(fs.readFileSync(file, 'utf8'));
		if (m) return Number(m[1]);
	} catch {}
	return 4.2;
}

async function linksPart(ctx, o, report, deadline) {
	log('links: warm-up (one run of each variant at 100 rows, not counted)');
	for (const v of ['control', 'omise', 'http']) {
		const r = await runLinksInN8n(ctx, v, 100, 120000);
		if (r.error) throw new Error(`warm-up ${v}: ${r.error}`);
		if (v !== 'control' && (r.links !== 100 || r.itemsOut !== 100)) {
			throw new Error(`warm-up ${v}: 100 rows gave ${r.links} links in the sandbox and ${r.itemsOut} items out (${r.errorsOut} errors)`);
		}
	}
	await runLinksUndici(ctx, 100, 60000);
	const variants = ['control', 'omise', 'http', 'undici'];
	for (const rows of o.sizes) {
		const rounds = rows >= 10000 ? o.roundsLarge : o.rounds;
		const stopped = new Set();
		for (let round = 0; round < rounds; round++) {
			const order = variants.map((_, i) => variants[(i + round) % variants.length]);
			for (const variant of order) {
				if (stopped.has(variant)) continue;
				if (Date.now() > deadline) {
					report.notes.push(`budget (${o.budgetMs / 60000} min) used up: ${rows} rows, round ${round + 1}, ${variant} and later runs skipped`);
					log(report.notes[report.notes.length - 1]);
					return;
				}
				const timeoutMs = Math.min(Math.max(60000, rows * 30), Math.max(30000, deadline - Date.now() + 60000));
				const r = variant === 'undici' ? await runLinksUndici(ctx, rows, timeoutMs) : await runLinksInN8n(ctx, variant, rows, timeoutMs);
				r.round = round;
				report.links.push(r);
				log(
					`links ${String(rows).padStart(5)} rows, round ${round + 1}/${rounds}, ${variant.padEnd(7)}: CPU ${int(r.cpuMs)} ms, wall ${fmt(r.wallMs / 1000)} s` +
						(variant === 'control' ? '' : `, links ${r.links}, items out ${r.itemsOut}${r.errorsOut ? ` (${r.errorsOut} errors)` : ''}`) +
						(Number.isFinite(r.evals) ? `, ${int(r.evals)} expression evaluations` : '') +
						(r.error ? `  !! ${r.error}` : ''),
				);
				if (r.timedOut) {
					stopped.add(variant);
					report.notes.push(`${variant} at ${rows} rows: ${r.error}; its later runs at this size skipped`);
				}
			}
		}
	}
}

async function triggerPart(ctx, o, report, deadline) {
	log(`trigger: warm-up (20 events each, not counted)`);
	for (const kind of ['omise', 'webhook']) {
		const r = await runEvents(ctx, kind, 20);
		if (r.ok !== 20) throw new Error(`warm-up ${kind}: ${r.statuses}`);
	}
	const kinds = ['omise', 'webhook'];
	let executionsBefore;
	try {
		executionsBefore = await ctx.executions();
	} catch (e) {
		report.notes.push(`executions not counted: ${e.message}`);
	}
	for (let round = 0; round < o.triggerRounds; round++) {
		for (const kind of round % 2 ? [...kinds].reverse() : kinds) {
			if (Date.now() > deadline + 120000) {
				report.notes.push(`budget used up: trigger round ${round + 1} ${kind} and later skipped`);
				return;
			}
			const r = await runEvents(ctx, kind, o.events);
			r.round = round;
			report.trigger.push(r);
			log(`trigger round ${round + 1}/${o.triggerRounds}, ${kind.padEnd(7)}: ${r.events} events, CPU ${int(r.cpuMs)} ms, wall ${fmt(r.wallMs / 1000)} s, ${int(r.evals)} expression evaluations; ${r.statuses}${r.quiet ? '' : ' (n8n did not go quiet within 30 s)'}`);
		}
	}
	if (executionsBefore) {
		try {
			report.executions = executionsAdded(executionsBefore, await ctx.executions());
		} catch (e) {
			report.notes.push(`executions not counted: ${e.message}`);
		}
	}
}

function executionsOf(executions, workflowId) {
	const statuses = executions[workflowId] || {};
	const parts = Object.entries(statuses).map(([status, n]) => `${n} ${status}`);
	return parts.length ? parts.join(', ') : '0';
}

function threadBreakdown(label, run, per, unit) {
	const parts = run.threads.filter(([, ms]) => ms / run.cpuMs >= 0.02).map(([name, ms]) => `${name} ${fmt(ms / per, ms / per < 1 ? 3 : 1)}`);
	return `  ${label}: ${fmt(run.cpuMs / per, 2)} ms/${unit} = ${parts.join(', ')}${parts.length < run.threads.length ? ', …' : ''}`;
}

/** The expressions a run evaluated, per item, most frequent first. */
function expressionBreakdown(run, per, top = 14) {
	const all = Object.entries(run.byExpression || {}).sort((a, b) => b[1] - a[1]);
	// expressions n8n evaluates once per request or run (the trigger workflow's Webhook node on n8n 1.x) are not per row
	const entries = all.filter(([, n]) => n / per >= 0.01);
	const lines = entries.slice(0, top).map(([text, n]) => `    ${fmt(n / per, 2).padStart(7)}  ${text.replace(/\s+/g, ' ').slice(0, 110)}`);
	const rest = all.length - Math.min(entries.length, top);
	if (rest) lines.push(`    ${fmt(all.slice(Math.min(entries.length, top)).reduce((a, [, n]) => a + n, 0) / per, 2).padStart(7)}  (${rest} other expressions)`);
	return lines.length ? lines : ['    none'];
}

// ───────────────────────── report

const LABEL = { omise: 'Omise node', http: 'HTTP Request', undici: 'raw undici', control: 'control' };

function linksTable(report, o) {
	const out = [];
	const sizes = [...new Set(report.links.map((r) => r.rows))];
	const per = {}; // per[rows][variant] = { cpu, wall, evals, rounds, ... }
	for (const rows of sizes) {
		per[rows] = {};
		const runs = report.links.filter((r) => r.rows === rows);
		const controlOf = (round) => runs.find((r) => r.variant === 'control' && r.round === round && !r.error);
		for (const variant of ['omise', 'http', 'undici', 'control']) {
			const mine = runs.filter((r) => r.variant === variant && !r.timedOut);
			if (!mine.length) continue;
			const perLink = mine.map((r) => {
				if (variant === 'undici') return r.cpuMs / rows;
				if (variant === 'control') return r.cpuMs / rows;
				const c = controlOf(r.round);
				return c ? (r.cpuMs - c.cpuMs) / rows : NaN;
			});
			const evals = mine.map((r) => {
				if (variant === 'undici') return NaN;
				if (variant === 'control') return r.evals / rows;
				const c = controlOf(r.round);
				return c ? (r.evals - c.evals) / rows : NaN;
			});
			per[rows][variant] = {
				cpu: median(perLink),
				cpuMin: Math.min(...perLink.filter(Number.isFinite)),
				cpuMax: Math.max(...perLink.filter(Number.isFinite)),
				wall: median(mine.map((r) => r.wallMs / 1000)),
				evals: median(evals),
				rounds: mine.length,
				links: mine.map((r) => r.links),
				itemsOut: mine.map((r) => r.itemsOut),
				errors: mine.map((r) => r.errorsOut),
				failed: runs.filter((r) => r.variant === variant && r.error).map((r) => r.error),
			};
		}
	}
	out.push('Links: CPU per created link (ms) = CPU of the run minus the control run of the same round, ÷ rows; median of the rounds [min–max].');
	out.push('n8n variants: CPU of the n8n process group; raw undici: CPU of the bench process. Wall: POST → answer (n8n) or first → last request (undici).');
	out.push('');
	const head = ['rows', 'variant', 'rounds', 'CPU ms/link', '[min–max]', 'wall s', 'links/s', 'expr/item', 'links in sandbox', 'items out'];
	const rowsOut = [head];
	for (const rows of sizes) {
		for (const variant of ['omise', 'http', 'undici', 'control']) {
			const p = per[rows][variant];
			if (!p) continue;
			rowsOut.push([
				int(rows),
				variant === 'control' ? 'control (total)' : LABEL[variant],
				String(p.rounds),
				variant === 'control' ? `${fmt(p.cpu * rows, 0)} ms` : fmt(p.cpu, 3),
				variant === 'control' ? '' : `[${fmt(p.cpuMin, 3)}–${fmt(p.cpuMax, 3)}]`,
				fmt(p.wall, 2),
				variant === 'control' ? '' : int(rows / p.wall),
				variant === 'undici' ? 'n/a' : fmt(p.evals, 2),
				variant === 'control' ? '' : p.links.join('/'),
				variant === 'control' ? p.itemsOut.join('/') : p.itemsOut.join('/') + (p.errors.some((e) => e) ? ` (errors ${p.errors.join('/')})` : ''),
			]);
		}
	}
	out.push(...table(rowsOut));
	out.push('');
	const ratioRows = [['rows', 'CPU Omise/HTTP', 'CPU Omise/undici', 'CPU HTTP/undici', 'wall Omise/HTTP', 'wall Omise/undici', 'expr/item Omise − HTTP']];
	for (const rows of sizes) {
		const p = per[rows];
		const r = (a, b, k = 'cpu') => (p[a] && p[b] ? p[a][k] / p[b][k] : NaN);
		ratioRows.push([int(rows), `${fmt(r('omise', 'http'))}×`, `${fmt(r('omise', 'undici'), 1)}×`, `${fmt(r('http', 'undici'), 1)}×`, `${fmt(r('omise', 'http', 'wall'))}×`, `${fmt(r('omise', 'undici', 'wall'), 1)}×`, p.omise && p.http ? fmt(p.omise.evals - p.http.evals, 2) : '–']);
	}
	out.push('Ratios (of the medians):');
	out.push(...table(ratioRows));
	return { lines: out, per };
}

function triggerTable(report) {
	const out = [];
	const per = {};
	for (const kind of ['omise', 'webhook']) {
		const runs = report.trigger.filter((r) => r.kind === kind);
		if (!runs.length) continue;
		per[kind] = {
			cpu: median(runs.map((r) => r.cpuMs / r.events)),
			min: Math.min(...runs.map((r) => r.cpuMs / r.events)),
			max: Math.max(...runs.map((r) => r.cpuMs / r.events)),
			wall: median(runs.map((r) => r.wallMs / r.events)),
			evals: median(runs.map((r) => r.evals / r.events)),
			rounds: runs.length,
			events: runs[0].events,
			ok: runs.map((r) => r.ok).join('/'),
		};
	}
	out.push('Trigger: CPU of the n8n process group per event (ms), from the first POST until n8n is quiet again (the executions run after the 200 answer); median of the rounds [min–max].');
	out.push('Events: signed charge.complete, unique ids, 4 POSTs at a time; the Webhook node gets the same body and headers.');
	out.push('');
	const rows = [['trigger', 'rounds × events', 'CPU ms/event', '[min–max]', 'wall ms/event', 'expr/event', 'HTTP 200', 'executions in n8n']];
	for (const kind of ['omise', 'webhook']) {
		const p = per[kind];
		if (!p) continue;
		rows.push([kind === 'omise' ? 'Omise Trigger' : 'Webhook node', `${p.rounds} × ${p.events}`, fmt(p.cpu, 3), `[${fmt(p.min, 3)}–${fmt(p.max, 3)}]`, fmt(p.wall, 2), fmt(p.evals, 2), p.ok, report.executions ? executionsOf(report.executions, kind === 'omise' ? W.IDS.triggerOmise : W.IDS.triggerWebhook) : 'n/a']);
	}
	out.push(...table(rows));
	if (per.omise && per.webhook) out.push(`Ratio Omise Trigger / Webhook node: CPU ${fmt(per.omise.cpu / per.webhook.cpu)}×, wall ${fmt(per.omise.wall / per.webhook.wall)}×`);
	return { lines: out, per };
}

function targets(report, links, trigger, o) {
	const out = ['Targets (printed only; a miss does not fail the run):'];
	const mark = (ok) => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL');
	if (links) {
		const sizes = Object.keys(links.per).map(Number);
		const ratios = sizes.map((s) => [s, links.per[s].omise && links.per[s].http ? links.per[s].omise.cpu / links.per[s].http.cpu : NaN]);
		const known = ratios.filter(([, r]) => Number.isFinite(r));
		out.push(`  ${mark(known.length ? known.every(([, r]) => r <= 1.3) : undefined)}  Omise node CPU per created link ≤ 1.3× HTTP Request's: ${ratios.map(([s, r]) => `${int(s)} rows ${fmt(r)}×`).join(', ')}`);
		const lo = Math.min(...sizes);
		const hi = Math.max(...sizes);
		const growth = (v) => (links.per[lo]?.[v] && links.per[hi]?.[v] ? links.per[hi][v].cpu / links.per[lo][v].cpu : NaN);
		const g = growth('omise');
		out.push(
			`  ${mark(Number.isFinite(g) && lo !== hi ? g <= 1.25 : undefined)}  per-row cost flat from ${int(lo)} to ${int(hi)} rows (Omise CPU per link at ${int(hi)} ≤ 1.25× at ${int(lo)}): ` +
				`${fmt(g)}× (${sizes.map((s) => `${int(s)}: ${fmt(links.per[s].omise?.cpu, 3)} ms`).join(', ')}; HTTP Request for reference ${fmt(growth('http'))}×)`,
		);
		const big = report.links.filter((r) => r.rows === 10000 && r.variant !== 'control');
		if (big.length) {
			const ok = big.every((r) => !r.error && r.links === 10000 && (r.variant === 'undici' ? r.itemsOut === 10000 : r.itemsOut + r.errorsOut === 10000 && r.itemsOut === 10000));
			const detail = ['omise', 'http', 'undici']
				.map((v) => {
					const rs = big.filter((r) => r.variant === v);
					return rs.length ? `${LABEL[v]} ${rs.map((r) => `${r.links} links/${r.itemsOut} out${r.error ? ` (${r.error})` : ''}`).join(', ')}` : '';
				})
				.filter(Boolean)
				.join('; ');
			out.push(`  ${mark(ok)}  10,000 rows: every row accounted for (links in the sandbox and items out): ${detail}`);
		} else out.push(`  n/a   10,000 rows: not run`);
	}
	if (trigger && trigger.per.omise && trigger.per.webhook) {
		const r = trigger.per.omise.cpu / trigger.per.webhook.cpu;
		out.push(`  ${mark(r <= 1.5)}  Omise Trigger CPU per event ≤ 1.5× the Webhook node's (engine ${report.engine?.active}): ${fmt(r)}×`);
	}
	return out;
}

function table(rows) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
	return rows.map((r) => r.map((cell, c) => (c < 2 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ').trimEnd());
}

function printReport(report, o) {
	const lines = [];
	lines.push(`════ real n8n: n8n ${report.version} on Node ${report.nodeVersion}, ${require('node:os').cpus().length} cores ════`);
	lines.push(`expression engine: ${report.engine?.selected} selected, ${report.engine?.active} in use${o.engine ? ` (--engine=${o.engine})` : ' (n8n default)'}; executions saved on success: ${o.save || 'n8n default (all)'}`);
	lines.push(`n8n process group: ${report.group.map((p) => `${p.cmd.split(' ').slice(0, 3).join(' ')} [${p.threads} threads: ${p.threadNames}]`).join('; ')}${report.groupAfter && report.groupAfter.length !== report.group.length ? `; at the end: ${report.groupAfter.map((p) => p.cmd.split(' ').slice(0, 3).join(' ')).join(', ')}` : ''}`);
	if (Object.keys(o.extraEnv).length) lines.push(`extra n8n environment: ${Object.entries(o.extraEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`);
	lines.push(`idle CPU of the n8n group: ${fmt(report.idleCpuPct, 1)}% of one core (included in every measurement; tiny next to the runs)`);
	lines.push('');
	let links;
	let trigger;
	if (report.links.length) {
		links = linksTable(report, o);
		lines.push(...links.lines, '');
	}
	if (report.trigger.length) {
		trigger = triggerTable(report);
		lines.push(...trigger.lines, '');
	}
	lines.push(...targets(report, links, trigger, o));
	for (const note of report.notes) lines.push(`note: ${note}`);
	const largest = Math.max(...report.links.map((r) => r.rows));
	for (const variant of ['omise', 'http']) {
		const run = report.links.find((r) => r.variant === variant && r.rows === largest && !r.error);
		if (!run) continue;
		lines.push('', `Expressions evaluated per row, ${LABEL[variant]} run of ${int(largest)} rows (the control run evaluates none per row), as n8n hands them to the engine:`);
		lines.push(...expressionBreakdown(run, largest));
	}
	const threadLines = [];
	for (const variant of ['omise', 'http', 'control']) {
		const run = report.links.find((r) => r.variant === variant && r.rows === largest && !r.error);
		if (run) threadLines.push(threadBreakdown(`${LABEL[variant]}, ${int(largest)} rows`, run, run.rows, 'row'));
	}
	for (const kind of ['omise', 'webhook']) {
		const run = report.trigger.find((r) => r.kind === kind);
		if (run) threadLines.push(threadBreakdown(kind === 'omise' ? 'Omise Trigger' : 'Webhook node', run, run.events, 'event'));
	}
	if (threadLines.length) lines.push('', 'CPU by thread of the n8n process group (first round; ms per row or event, not net of the control run):', ...threadLines);
	for (const kind of ['omise', 'webhook']) {
		const run = report.trigger.find((r) => r.kind === kind);
		if (!run) continue;
		lines.push('', `Expressions evaluated per event, ${kind === 'omise' ? 'Omise Trigger' : 'Webhook node'}:`);
		lines.push(...expressionBreakdown(run, run.events));
	}
	for (const p of report.profiles || []) {
		lines.push('');
		lines.push(profiles.format(p.summary, `CPU profile of n8n's main thread, ${p.title}`));
		lines.push(`  (profile: ${p.file}${o.keep ? '' : ', removed at the end: use --keep to keep it'})`);
	}
	console.log('\n' + lines.join('\n'));
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	for (const major of o.versions) {
		const installed = path.join(require('../e2e/install').paths.n8nDir(major), '.e2e-installed');
		if (!fs.existsSync(installed)) log(`n8n ${major}.x is not installed yet: installing it (node e2e/install.js n8n${major}); this takes minutes once`);
	}
	const root = tempRoot('omise-bench-');
	const removeRoot = onCleanup('temp folder', () => {
		if (!o.keep) fs.rmSync(root, { recursive: true, force: true });
	});
	let failed = false;
	try {
		const { tarball } = await packPackage(root);
		for (const major of o.versions) {
			const started = Date.now();
			try {
				const report = await benchVersion(major, tarball, root, o);
				printReport(report, o);
				console.log(`(n8n ${major}.x part took ${((Date.now() - started) / 1000).toFixed(0)} s${o.keep ? `; files in ${root}` : ''})`);
			} catch (e) {
				failed = true;
				console.error(`\n[bench] n8n ${major}.x FAILED: ${e.stack || e.message}`);
			}
		}
	} finally {
		await cleanupAll();
		removeRoot();
	}
	process.exit(failed ? 1 : 0);
}

module.exports = { parseArgs };

if (require.main === module) {
	main().catch(async (e) => {
		console.error('\n[bench] FAILED:', e.stack || e.message);
		await cleanupAll();
		process.exit(1);
	});
}
