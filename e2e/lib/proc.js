'use strict';
// Process helpers for the end-to-end runs: free ports, child processes started
// in their own process group (so n8n's task runners die with it), and a
// registry that stops everything on exit, failure, SIGINT or SIGTERM.
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');

const t0 = Date.now();
function log(...args) {
	const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
	console.log(`[e2e ${s}s]`, ...args);
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** A port nobody listens on right now: listen on port 0 and hand the port back. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Things to stop, last started first. */
const cleanups = [];
function onCleanup(name, fn) {
	const entry = { name, fn };
	cleanups.push(entry);
	return () => {
		const i = cleanups.indexOf(entry);
		if (i >= 0) cleanups.splice(i, 1);
	};
}

let cleaning;
async function cleanupAll() {
	if (cleaning) return cleaning;
	cleaning = (async () => {
		while (cleanups.length) {
			const { name, fn } = cleanups.pop();
			try {
				await fn();
			} catch (e) {
				console.error(`[e2e] cleanup of ${name} failed: ${e.message}`);
			}
		}
	})();
	await cleaning;
	cleaning = undefined;
}

/** Child processes still alive, so that even a hard exit kills their groups. */
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {}
	}
});

let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		if (signalled) process.exit(130);
		signalled = true;
		console.error(`\n[e2e] ${sig}: stopping everything...`);
		cleanupAll().finally(() => process.exit(130));
	});
}

/**
 * Starts a long-running process in its own process group. Output goes to
 * `logFile` (and, with `echo`, to this terminal too).
 * Returns { child, pid, stop(), exited (promise), output() }.
 */
function startProcess(name, cmd, args, { cwd, env, logFile, echo = false }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, {
		cwd,
		env,
		stdio: ['ignore', echo ? 'pipe' : out, echo ? 'pipe' : out],
		detached: true,
	});
	if (echo) {
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (chunk) => {
				fs.writeSync(out, chunk);
				process.stdout.write(chunk);
			});
		}
	}
	liveGroups.add(child.pid);
	let exitInfo;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			liveGroups.delete(child.pid);
			try {
				fs.closeSync(out);
			} catch {}
			resolve(exitInfo);
		});
		child.on('error', (error) => {
			exitInfo = { code: -1, signal: null, error };
			liveGroups.delete(child.pid);
			resolve(exitInfo);
		});
	});
	async function stop(graceMs = 10000) {
		if (exitInfo) return exitInfo;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, graceMs);
		const info = await exited;
		clearTimeout(timer);
		// Anything left in the group (runners, etc.)
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
		return info;
	}
	const unregister = onCleanup(name, () => stop());
	exited.then(() => unregister());
	return {
		name,
		child,
		pid: child.pid,
		exited,
		stop,
		get exitInfo() {
			return exitInfo;
		},
		output: () => fs.readFileSync(logFile, 'utf8'),
	};
}

/** Runs a command to completion (own process group, killed on timeout); resolves { code, stdout, stderr }. */
function runCommand(cmd, args, { cwd, env, timeoutMs = 180000, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		liveGroups.add(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			stderr += `\n[killed after ${timeoutMs} ms]`;
		}, timeoutMs);
		const unregister = onCleanup(`${cmd} ${args[0] || ''}`, async () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		});
		child.on('error', (e) => {
			clearTimeout(timer);
			unregister();
			liveGroups.delete(child.pid);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			unregister();
			liveGroups.delete(child.pid);
			// Leftovers of the group (none expected for a CLI command).
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			if (logFile) fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n${stdout}\n${stderr}\n[exit ${code ?? signal}]\n`);
			resolve({ code: code ?? -1, signal, stdout, stderr });
		});
	});
}

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
async function waitFor(what, fn, { timeoutMs = 60000, intervalMs = 250, failFast = () => false } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			if (failFast(e)) throw e;
			lastError = e;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
		}
		await sleep(intervalMs);
	}
}

/**
 * Waits until a production webhook runs its node. n8n answers 404 until the workflow is active;
 * /healthz/readiness answers before activation, and OPTIONS can answer 204 from the webhook table
 * a moment before n8n 1.x really serves the webhook. So probe with a POST the node itself rejects:
 * unsigned for the Omise Trigger (401), without the header token for the refund webhook (403).
 */
async function waitForWebhook(url, expected, { timeoutMs = 60000 } = {}) {
	let last;
	try {
		await waitFor(
			`the production webhook ${url} to answer ${expected}`,
			async () => {
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"probe":true}' }).catch(() => undefined);
				last = res && `${res.status} ${(await res.text()).slice(0, 120)}`;
				if (res && res.status !== 404 && res.status !== expected) throw Object.assign(new Error(`probe answered ${last}`), { fatal: true });
				return res && res.status === expected;
			},
			{ timeoutMs, intervalMs: 500, failFast: (e) => e.fatal },
		);
	} catch (e) {
		e.message += ` (last answer: ${last})`;
		throw e;
	}
}

/**
 * Runs one check: logs its name, then ✔ with its time and what it returns (a
 * string), or ✘; appends { name, ok, seconds, detail } to `results`. A failure
 * is thrown on, carrying `results`.
 */
async function timed(results, name, fn) {
	const started = Date.now();
	log(`── ${name}`);
	try {
		const detail = await fn();
		const seconds = (Date.now() - started) / 1000;
		results.push({ name, ok: true, seconds, detail });
		log(`   ✔ ${name} (${seconds.toFixed(1)} s)${typeof detail === 'string' && detail ? ': ' + detail : ''}`);
		return detail;
	} catch (e) {
		const seconds = (Date.now() - started) / 1000;
		results.push({ name, ok: false, seconds, detail: e.message.split('\n')[0] });
		log(`   ✘ ${name} (${seconds.toFixed(1)} s)`);
		e.results = results;
		throw e;
	}
}

module.exports = { timed, log, sleep, freePort, onCleanup, cleanupAll, startProcess, runCommand, waitFor, waitForWebhook };
