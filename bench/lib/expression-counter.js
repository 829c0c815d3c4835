'use strict';
/*
 * Preloaded into n8n by the real-n8n bench: NODE_OPTIONS="--require <this file>".
 *
 * 1. Counts expression evaluations. Every expression n8n resolves for a node
 *    parameter goes through `Expression.prototype.renderExpression` of
 *    n8n-workflow (resolveSimpleParameterValue → renderExpression), whichever
 *    engine evaluates it: the isolated-vm "vm" engine (n8n 2.x's default) and
 *    the legacy `new Function` engine both sit behind that one method. The
 *    method is wrapped on every copy of n8n-workflow that gets loaded (any
 *    module whose exports hold an `Expression` class with that method), and
 *    evaluations are also counted by expression text.
 *
 * 2. Answers the bench on a Unix socket, $OMISE_BENCH_COUNTER_DIR/<pid>.sock
 *    (no network port; nothing runs until the bench asks):
 *      "counts\n"              → one JSON line: count, by expression, engine selected / in use
 *      "profile-start <file>\n" → starts the V8 CPU profiler of this thread
 *      "profile-stop\n"         → stops it, writes <file>, answers {"file": …}
 *
 * Only n8n's main thread is instrumented: n8n's worker threads load this file
 * too (NODE_OPTIONS) but evaluate no expressions (checked while building the bench).
 */
const path = require('node:path');
const Module = require('node:module');
const { isMainThread } = require('node:worker_threads');

const dir = process.env.OMISE_BENCH_COUNTER_DIR;
if (dir && isMainThread) install();

function install() {
	const fs = require('node:fs');
	const net = require('node:net');
	let count = 0;
	// evaluations by expression text (as n8n passes it on, after its syntax extension), at most MAX_DISTINCT texts
	const MAX_DISTINCT = 300;
	const byExpression = new Map();
	let other = 0;
	const classes = [];
	const patched = new WeakSet();

	function patch(exported) {
		const Expression = exported && exported.Expression;
		if (typeof Expression !== 'function' || patched.has(Expression)) return;
		const proto = Expression.prototype;
		if (!proto || typeof proto.renderExpression !== 'function') return;
		patched.add(Expression);
		classes.push(Expression);
		const original = proto.renderExpression;
		proto.renderExpression = function countedRenderExpression(expression, data) {
			count++;
			const key = typeof expression === 'string' ? expression : String(expression);
			const seen = byExpression.get(key);
			if (seen !== undefined) byExpression.set(key, seen + 1);
			else if (byExpression.size < MAX_DISTINCT) byExpression.set(key, 1);
			else other++;
			return original.call(this, expression, data);
		};
	}

	const load = Module._load;
	Module._load = function benchLoad() {
		const exported = load.apply(this, arguments);
		if (exported && typeof exported === 'object' && 'Expression' in exported) {
			try {
				patch(exported);
			} catch {
				// never break n8n's start-up because of the bench
			}
		}
		return exported;
	};

	function engineInfo() {
		// The class whose static state n8n initialised (several copies may be loaded).
		const info = classes.map((E) => {
			let active;
			try {
				active = typeof E.getActiveImplementation === 'function' ? E.getActiveImplementation() : 'legacy';
			} catch {
				active = 'unknown';
			}
			return { selected: E.expressionEngine ?? 'legacy', active };
		});
		return info.find((i) => i.active !== 'legacy') || info.find((i) => i.selected !== 'legacy') || info[0] || { selected: 'n/a', active: 'n/a' };
	}

	let session;
	function profileStart(file, reply) {
		if (session) return reply({ error: 'already profiling' });
		const inspector = require('node:inspector');
		session = new inspector.Session();
		session.connect();
		session.file = file;
		session.post('Profiler.enable', () =>
			session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start', (error) => reply(error ? { error: String(error) } : { started: true }))),
		);
	}
	function profileStop(reply) {
		if (!session) return reply({ error: 'not profiling' });
		const current = session;
		session = undefined;
		current.post('Profiler.stop', (error, result) => {
			if (error) return reply({ error: String(error) });
			fs.writeFileSync(current.file, JSON.stringify(result.profile));
			current.disconnect();
			reply({ file: current.file });
		});
	}

	function handle(line, reply) {
		const [cmd, ...rest] = line.trim().split(' ');
		if (cmd === 'counts') {
			reply({ pid: process.pid, count, other, byExpression: Object.fromEntries(byExpression), copies: classes.length, engine: engineInfo() });
		} else if (cmd === 'profile-start') profileStart(rest.join(' '), reply);
		else if (cmd === 'profile-stop') profileStop(reply);
		else reply({ error: `unknown command ${cmd}` });
	}

	const socketPath = path.join(dir, `${process.pid}.sock`);
	try {
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(socketPath, { force: true });
		const server = net.createServer((conn) => {
			let buffer = '';
			conn.setEncoding('utf8');
			conn.on('error', () => {});
			conn.on('data', (chunk) => {
				buffer += chunk;
				let i;
				while ((i = buffer.indexOf('\n')) >= 0) {
					const line = buffer.slice(0, i);
					buffer = buffer.slice(i + 1);
					handle(line, (answer) => conn.write(JSON.stringify(answer) + '\n'));
				}
			});
		});
		server.on('error', () => {});
		server.listen(socketPath);
		server.unref();
		process.on('exit', () => fs.rmSync(socketPath, { force: true }));
	} catch {
		// the bench will report that it could not read the counts
	}
}
