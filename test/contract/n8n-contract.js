#!/usr/bin/env node
'use strict';
/*
 * Contract suite: the behaviours of n8n-core's RoutingNode and WorkflowExecute
 * that the Omise node's sending mechanism (nodes/Omise/sending/, every request
 * of the node goes through its `requestOperations.pagination` hook) relies on,
 * although they are not part of n8n's typed API.
 *
 * Every check runs a tiny declarative node defined here (NOT the package's
 * node) through n8n-core's own WorkflowExecute, with its requests sent to a
 * throwaway HTTP server on 127.0.0.1, and observes what n8n does. A future n8n
 * that changes one of these behaviours makes its check fail with
 *   "n8n contract broken: <name>: <what changed>, which the Omise node's
 *    sending mechanism relies on in <file/concern>".
 *
 * Plain CommonJS (no TypeScript), so that the same checks run against any
 * n8n's copy of n8n-core / n8n-workflow, on Node 20 (n8n 1.x) and 24 (n8n 2.x):
 *
 *   node test/contract/n8n-contract.js [path/to/node_modules]
 *
 * loads n8n-core and n8n-workflow from that folder (default: this repository's
 * node_modules), prints one line per assumption and exits 1 if any is broken.
 * From code: `await runContract({ n8nCore, n8nWorkflow })` → [{ name, ok, detail, notes }]
 * (option `{ probeUnhandledRejection: true }`, which the CLI sets: also show
 * that a row's rejection after the node failed is an unhandled rejection).
 */

const http = require('node:http');
const path = require('node:path');
const { LOOPBACK_ADDITIONAL_DATA, runExecutionDataStartingAt } = require('../harness/engine-run-data');

const NODE_TYPE = 'contractTest.declarative';
const FEEDER_TYPE = 'contractTest.feeder';
const CREDENTIAL_TYPE = 'contractTestApi';
const CREDENTIAL_TOKEN = 'contract-token-7d1f';
const TOKEN_HEADER = 'x-contract-token';
const NODE_NAME = 'Contract Node';
const FEEDER_NAME = 'Feeder';
/** Upper bound of one check (a hung n8n must not hang CI). */
const CHECK_TIMEOUT_MS = 20_000;

const ASSUMPTIONS = {
	a: {
		name: '(a) rows built in one pass, hook not awaited',
		where: 'nodes/Omise/sending/sendRow.ts registerRow and sending/attempt.ts everyRowBuilt (a try is recognised by row indexes registering in order in one synchronous pass; the Gate spreads the requests itself)',
	},
	b: {
		name: '(b) preSend order and the options object handed to the hook',
		where: 'nodes/Omise/sending/steps.ts (the preSend steps note what they found on the options object, which sendRow reads back from requestData.options)',
	},
	c: {
		name: '(c) Retry On Fail keeps executeData',
		where: 'nodes/Omise/sending/run.ts runOf (one Run per getExecuteData() object across the tries of Retry On Fail, so that a create is never sent twice)',
	},
	d: {
		name: '(d) Execute Once and the number of rows built',
		where: 'nodes/Omise/sending/settings.ts rowsToBuild (how many rows n8n builds in a try: data.main[0].length, or 1 with Execute Once)',
	},
	e: {
		name: '(e) row errors are looked at after allSettled',
		where: 'nodes/Omise/sending/sendRow.ts and sending/report.ts (Stop: every stopped row throws the same stop error once all rows settled; Continue: error items paired with their row)',
	},
	f: {
		name: '(f) a failing expression while rows are built',
		where: 'nodes/Omise/sending/attempt.ts everyRowBuilt (with Stop, rows built before a failing expression must not be sent, since n8n never reports them)',
	},
	g: {
		name: '(g) error output and the input row',
		where: 'nodes/Omise/sending/sendRow.ts (error items of On Error = Continue (using error output) should reach the error output with their input row)',
	},
	i: {
		name: '(i) a tool node\'s own description',
		where: 'nodes/Omise/common/describe.ts toolDescriptionProperties (the Omise Tool has one `toolDescription` per operation, shown in tool mode only; n8n must fill in the shown one\'s default and tell the model that text, not its own "<action> in Omise")',
	},
	j: {
		name: '(j) a resource locator mode\'s check',
		where: 'nodes/Omise/common/locator.ts (version 2\'s ID fields: n8n anchors a mode\'s validation regex itself and skips expressions, so the regexes carry no ^ and $, and a value from an expression is checked per row by the node)',
	},
	h: {
		name: '(h) makeRoutingRequest',
		where: 'nodes/Omise/sending/pages.ts (every request is sent by makeRoutingRequest) and sending/failures.ts (Omise\'s answered errors are recognised by the identity of the error the postReceive throwOnOmiseError throws)',
	},
};

// ---------------------------------------------------------------- utilities

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_resolve, reject) => {
			timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve, bounded: it resolves by itself (with `fallback`) after `ms`. */
function boundedSignal(ms, fallback) {
	let resolve;
	const promise = new Promise((r) => (resolve = r));
	const timer = setTimeout(() => resolve(fallback), ms);
	return {
		promise,
		resolve: (value) => {
			clearTimeout(timer);
			resolve(value);
		},
	};
}

const show = (value) => JSON.stringify(value);

/** Collects what does not hold; `expect(cond, whatChanged)`. */
class Findings {
	constructor() {
		this.problems = [];
		this.notes = [];
	}

	expect(condition, whatChanged) {
		if (!condition) this.problems.push(whatChanged);
		return Boolean(condition);
	}

	note(text) {
		this.notes.push(text);
	}
}

// ---------------------------------------------------------------- HTTP server

/** A throwaway API on 127.0.0.1: GET/POST /echo/<key>?delay=<ms>&status=<code> answers what it received. */
async function startServer() {
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const record = {
				method: req.method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body,
				at: now(),
			};
			requests.push(record);
			const delay = Math.min(Number(url.searchParams.get('delay')) || 0, 5_000);
			const status = Number(url.searchParams.get('status')) || 200;
			setTimeout(() => {
				const payload = JSON.stringify({
					key: decodeURIComponent(url.pathname.replace(/^\/echo\/?/, '')),
					method: req.method,
					query: record.query,
					token: req.headers[TOKEN_HEADER] ?? null,
					status,
				});
				res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
				res.end(payload);
			}, delay);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.requestTimeout = 10_000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		baseURL: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

// ---------------------------------------------------------------- the in-suite nodes

/**
 * A declarative node shaped like the Omise node: the resource property's own
 * routing turns `send.paginate` on and holds the first preSend and the
 * postReceive; the operation's option holds the request; later properties add
 * their own preSend; `requestOperations.pagination` is a function (the hook).
 * What the hooks do is decided by the scenario `s`.
 */
function declarativeNodeType(n8nCore, baseURL, s) {
	const step = (name) =>
		async function contractPreSend(requestOptions) {
			return await s.preSend(name, this, requestOptions);
		};
	const type = {
		description: {
			displayName: 'Contract Test',
			name: 'declarative',
			group: ['transform'],
			version: 1,
			description: 'In-suite declarative node of the n8n contract suite',
			defaults: { name: NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			requestDefaults: {
				baseURL,
				headers: { Accept: 'application/json' },
				json: true,
				ignoreHttpStatusErrors: true,
			},
			requestOperations: {
				pagination: async function contractPagination(requestData) {
					return await s.pagination(this, requestData);
				},
			},
			properties: [
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					default: 'thing',
					options: [{ name: 'Thing', value: 'thing' }],
					routing: {
						send: { paginate: true, preSend: [step('resource.1'), step('resource.2')] },
						output: {
							postReceive: [
								async function contractPostReceive(items, response) {
									return s.postReceive ? await s.postReceive(this, items, response) : items;
								},
							],
						},
					},
				},
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					default: 'get',
					displayOptions: { show: { resource: ['thing'] } },
					options: [
						{
							name: 'Get',
							value: 'get',
							action: 'Get a thing',
							routing: {
								request: { method: 'GET', url: '=/echo/{{ $json.key }}' },
								send: { preSend: [step('operation')] },
							},
						},
					],
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '={{ $json.value }}',
					displayOptions: { show: { resource: ['thing'], operation: ['get'] } },
					routing: { send: { type: 'query', property: 'value', preSend: [step('value')] } },
				},
				{
					displayName: 'Last',
					name: 'last',
					type: 'string',
					default: 'last',
					routing: { send: { preSend: [step('last')] } },
				},
			],
		},
	};
	// What n8n's node loader does to every declarative node: adds Request Options (Batching, Timeout, …).
	const loader = n8nCore.DirectoryLoader ?? n8nCore.PackageDirectoryLoader;
	if (loader && typeof loader.applyDeclarativeNodeOptionParameters === 'function') {
		loader.applyDeclarativeNodeOptionParameters(type);
	}
	return type;
}

/** A programmatic node that passes its input on (so that the declarative node is not the start node). */
const feederNodeType = {
	description: {
		displayName: 'Contract Feeder',
		name: 'feeder',
		group: ['transform'],
		version: 1,
		description: 'Passes its input on',
		defaults: { name: FEEDER_NAME },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData().map((item, index) => ({ json: { ...item.json }, pairedItem: { item: index } }))];
	},
};

// ---------------------------------------------------------------- engine

function createEngine(modules, server) {
	const { n8nCore, n8nWorkflow } = modules;
	let executions = 0;

	const credentialsHelper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: () => [],
		async authenticate(credentials, _type, requestOptions) {
			requestOptions.headers = { ...(requestOptions.headers ?? {}), [TOKEN_HEADER]: credentials.token };
			return requestOptions;
		},
		async preAuthentication() {
			return undefined;
		},
		async runPreAuthentication() {
			return undefined;
		},
		async getCredentials() {
			throw new Error('getCredentials is not used by the contract suite');
		},
		async getDecrypted(_additionalData, _details, type) {
			if (type !== CREDENTIAL_TYPE) throw new Error(`no contract credential of type ${type}`);
			return { token: CREDENTIAL_TOKEN };
		},
		async updateCredentials() {},
		async updateCredentialsOauthTokenData() {},
	};

	function contractNode(parameters = {}, flags = {}) {
		return {
			id: 'contract-node',
			name: NODE_NAME,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'thing', operation: 'get', ...parameters },
			credentials: { [CREDENTIAL_TYPE]: { id: 'contract-credential', name: 'Contract credential' } },
			...flags,
		};
	}

	/**
	 * Runs a workflow through n8n-core's WorkflowExecute: the contract node alone
	 * (it is the start node, source null) or after the Feeder (`afterFeeder`).
	 * WorkflowExecute.runNode is observed (not replaced): every call's
	 * executeData, result and rejection are recorded.
	 */
	async function run(s, { parameters, flags, items, afterFeeder = false }) {
		const nodeType = declarativeNodeType(n8nCore, server.baseURL, s);
		const types = { [NODE_TYPE]: nodeType, [FEEDER_TYPE]: feederNodeType };
		const nodeTypes = {
			getByName: (name) => types[name],
			getByNameAndVersion: (name) => types[name],
			getKnownTypes: () => ({}),
		};
		const node = contractNode(parameters, flags);
		const feeder = { id: 'contract-feeder', name: FEEDER_NAME, type: FEEDER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const nodes = afterFeeder ? [feeder, node] : [node];
		const connections = afterFeeder ? { [FEEDER_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } } : {};
		const settings = { executionOrder: 'v1' };
		const workflow = new n8nWorkflow.Workflow({ id: 'contract-wf', name: 'n8n contract', nodes, connections, active: false, nodeTypes, settings });
		executions += 1;
		const executionId = `contract-${executions}`;
		const workflowData = {
			id: 'contract-wf',
			name: 'n8n contract',
			active: false,
			nodes,
			connections,
			settings,
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
			activeVersionId: null,
		};
		const hooks = new n8nCore.ExecutionLifecycleHooks('manual', executionId, workflowData);
		const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRun) => resolve(fullRun)));
		const additionalData = {
			hooks,
			credentialsHelper,
			executionId,
			...LOOPBACK_ADDITIONAL_DATA,
			currentNodeExecutionIndex: 0,
			userId: 'contract-user',
		};
		const start = afterFeeder ? feeder : node;
		const runExecutionData = runExecutionDataStartingAt(start, items);
		const execution = new n8nCore.WorkflowExecute(additionalData, 'manual', runExecutionData);
		const runNodeCalls = [];
		s.runNodeCalls = runNodeCalls; // live: which try a hook runs in
		if (typeof execution.runNode !== 'function') {
			throw new Error('n8n-core\'s WorkflowExecute has no runNode method any more (the suite observes each try of a node through it)');
		}
		{
			const original = execution.runNode;
			execution.runNode = async function observedRunNode(...args) {
				const executionData = args[1];
				const call = { node: executionData?.node?.name, executionData, start: now() };
				runNodeCalls.push(call);
				try {
					call.result = await original.apply(this, args);
					// As returned: WorkflowExecute changes these items afterwards (error output, normalizeNodeErrors).
					call.returned = Array.isArray(call.result?.data)
						? call.result.data.map((output) => (Array.isArray(output) ? output.map((item) => ({ ...item, json: { ...item.json } })) : output))
						: call.result?.data;
					return call.result;
				} catch (error) {
					call.error = error;
					throw error;
				} finally {
					call.end = now();
				}
			};
		}
		const afterErrorOutput = [];
		if (typeof execution.handleNodeErrorOutput === 'function') {
			const original = execution.handleNodeErrorOutput;
			execution.handleNodeErrorOutput = function observedHandleNodeErrorOutput(...args) {
				const outcome = original.apply(this, args);
				const outputs = args[2];
				if (Array.isArray(outputs)) afterErrorOutput.push(outputs.map((output) => (Array.isArray(output) ? output.map((item) => ({ ...item, json: { ...item.json } })) : output)));
				return outcome;
			};
		}
		await execution.processRunExecutionData(workflow);
		const fullRun = await withTimeout(finished, CHECK_TIMEOUT_MS, 'the workflow');
		const task = fullRun.data.resultData.runData[NODE_NAME]?.[0];
		return {
			run: fullRun,
			task,
			outputs: task?.data?.main ?? null,
			error: fullRun.data.resultData.error,
			calls: runNodeCalls.filter((call) => call.node === NODE_NAME),
			afterErrorOutput,
		};
	}

	return { run };
}

/** A scenario: an event log and default hooks (record; the hook answers the row's request). */
function scenario(overrides = {}) {
	const log = [];
	let seq = 0;
	const s = {
		log,
		mark(type, data = {}) {
			const event = { seq: (seq += 1), t: now(), type, ...data };
			log.push(event);
			return event;
		},
		events(type) {
			return log.filter((event) => event.type === type);
		},
		async preSend(name, context, requestOptions) {
			const row = context.getItemIndex();
			s.mark(`preSend:${name}`, { row });
			if (name === 'resource.1') s.mark('first', { row, context });
			return requestOptions;
		},
		async pagination(context, requestData) {
			const row = context.getItemIndex();
			s.mark('hook', { row });
			const items = await context.makeRoutingRequest(requestData);
			s.mark('hookEnd', { row });
			return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
		},
		...overrides,
	};
	return s;
}

const rowsOf = (events) => events.map((event) => event.row);
const errorText = (error) => (error ? `${error.name ?? 'Error'}: ${error.message}` : 'none');
const itemsOf = (n, extra = () => ({})) => Array.from({ length: n }, (_, i) => ({ json: { key: `row${i}`, value: `v${i}`, keep: `kept-${i}`, ...extra(i) } }));

// ---------------------------------------------------------------- the checks

/** (a) every row's request is built in one loop, its first preSend called synchronously, the hook not awaited. */
async function checkA(engine) {
	const f = new Findings();

	// 1. No batching: four rows, each hook waits until every row's first preSend has been seen (bounded).
	{
		const rows = 4;
		const allFirst = boundedSignal(2_000, false);
		const s = scenario({
			async preSend(name, context, requestOptions) {
				const row = context.getItemIndex();
				s.mark(`preSend:${name}`, { row });
				if (name === 'resource.1') {
					s.mark('first', { row });
					if (row === 0) {
						Promise.resolve().then(() => s.mark('microtask'));
						setTimeout(() => s.mark('macrotask'), 0);
					}
					if (s.events('first').length === rows) allFirst.resolve(true);
				}
				return requestOptions;
			},
			async pagination(context, requestData) {
				const row = context.getItemIndex();
				s.mark('hook', { row });
				const everyRowSeen = await allFirst.promise;
				s.mark('hookEnd', { row, everyRowSeen });
				const items = await context.makeRoutingRequest(requestData);
				return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
			},
		});
		const result = await engine.run(s, { items: itemsOf(rows) });
		const first = s.events('first');
		const macrotask = s.events('macrotask')[0];
		const microtask = s.events('microtask')[0];
		f.expect(!result.error, `a plain run of ${rows} rows failed (${errorText(result.error)})`);
		f.expect(show(rowsOf(first)) === show([0, 1, 2, 3]), `the first preSend was called for rows ${show(rowsOf(first))} instead of [0,1,2,3] in order`);
		f.expect(
			macrotask && first.every((event) => event.seq < macrotask.seq),
			'without Batching, the rows are no longer all built in one synchronous pass (a timer of row 0\'s first preSend ran before a later row\'s first preSend was called)',
		);
		f.expect(
			s.events('hookEnd').length === rows && s.events('hookEnd').every((event) => event.everyRowSeen),
			'the pagination hook of a row is awaited before the next row is built (a hook that waits for the later rows was never released)',
		);
		const firstHook = s.events('hook')[0];
		f.expect(firstHook && first.every((event) => event.seq < firstHook.seq), 'a pagination hook started before every row\'s first preSend had been called');
		f.expect((result.outputs?.[0]?.length ?? 0) === rows, `the output has ${result.outputs?.[0]?.length ?? 0} items instead of ${rows}`);
		f.note(
			`no Batching: first preSend rows ${show(rowsOf(first))} all before a macrotask` +
				(microtask ? `, ${first.filter((event) => event.seq < microtask.seq).length}/${rows} before a microtask` : '') +
				`; all ${rows} hooks pending at once`,
		);
	}

	// 2. The first preSend of row i is called while row i is built, before row i+1 is built:
	//    with On Error = Stop, row 2's expression throws, which ends the loop while building row 2.
	{
		const s = scenario();
		const result = await engine.run(s, {
			items: itemsOf(4, (i) => (i === 2 ? { boom: true } : {})),
			parameters: { value: "={{ $json.boom ? $('No Such Node').item.json.x : $json.value }}" },
		});
		await sleep(50);
		const first = rowsOf(s.events('first'));
		f.expect(Boolean(result.error), 'a row whose expression throws no longer fails the node (On Error = Stop)');
		f.expect(show(first) === show([0, 1]), `with row 2's expression failing, the first preSend was called for rows ${show(first)} instead of [0,1] (it must be called while its own row is built, before the next row)`);
		f.note(`row 2's expression failing: first preSend called for rows ${show(first)} before the loop ended`);
	}

	// 3. Batching: 2 rows per batch, 150 ms apart: the loop sleeps between batches; hooks are not awaited.
	{
		const rows = 5;
		const interval = 150;
		const s = scenario({
			async preSend(name, context, requestOptions) {
				const row = context.getItemIndex();
				if (name === 'resource.1') {
					s.mark('first', { row });
					// A timer set by a batch's first row fires only once the loop yields to the event loop.
					if (row % 2 === 0) setTimeout(() => s.mark('tick', { row }), 0);
				}
				return requestOptions;
			},
		});
		const result = await engine.run(s, {
			items: itemsOf(rows),
			parameters: { requestOptions: { batching: { batch: { batchSize: 2, batchInterval: interval } } } },
		});
		const first = s.events('first');
		const ticks = s.events('tick');
		const hooks = s.events('hook');
		f.expect(!result.error, `a batched run failed (${errorText(result.error)})`);
		f.expect(show(rowsOf(first)) === show([0, 1, 2, 3, 4]), `with Batching, the first preSend was called for rows ${show(rowsOf(first))}`);
		if (first.length === rows) {
			const seqOf = (row) => first[row].seq;
			const tickOf = (row) => ticks.find((tick) => tick.row === row)?.seq ?? Infinity;
			f.expect(seqOf(1) < tickOf(0) && seqOf(3) < tickOf(2), 'with Batching (2 per batch), the two rows of a batch are no longer built in one synchronous pass');
			f.expect(seqOf(2) > tickOf(0) && seqOf(4) > tickOf(2), 'with Batching, the loop no longer yields between batches');
			const at = first.map((event) => event.t - first[0].t);
			const slack = 5; // timer granularity
			f.expect(
				at[2] - at[1] >= interval - slack && at[4] - at[3] >= interval - slack,
				`with Batching (2 per batch, interval ${interval} ms), the loop no longer sleeps the interval after each batch (first preSend at ${show(at.map(Math.round))} ms)`,
			);
			const hook0 = hooks.find((event) => event.row === 0);
			f.expect(hook0 && hook0.seq < first[2].seq, 'with Batching, row 0\'s pagination hook did not start before row 2 was built (the loop awaits the requests)');
			f.note(`Batching 2 per ${interval} ms: first preSend at ${show(at.map(Math.round))} ms (each batch in one synchronous pass); row 0's hook started during the first sleep`);
		}
	}
	return f;
}

/** (b) preSend functions run in description.properties order, each awaited, chained; the last one's object is requestData.options. */
async function checkB(engine) {
	const f = new Findings();
	const expected = ['resource.1', 'resource.2', 'operation', 'value', 'last'];
	const chain = new Map(); // row -> [{ name, received, returned }]
	const lastReturned = new Map();
	const s = scenario({
		async preSend(name, context, requestOptions) {
			const row = context.getItemIndex();
			s.mark(`start:${name}`, { row, name });
			if (!chain.has(row)) chain.set(row, []);
			const entry = { name, received: requestOptions };
			chain.get(row).push(entry);
			await sleep(3);
			// Some steps hand on a new object, as a preSend may.
			const returned = name === 'operation' || name === 'last' ? { ...requestOptions, qs: { ...requestOptions.qs, [name]: row } } : requestOptions;
			entry.returned = returned;
			if (name === 'last') lastReturned.set(row, returned);
			s.mark(`end:${name}`, { row, name });
			return returned;
		},
		async pagination(context, requestData) {
			const row = context.getItemIndex();
			s.mark('hook', { row, sameAsLast: requestData.options === lastReturned.get(row), qs: { ...requestData.options.qs } });
			const items = await context.makeRoutingRequest(requestData);
			return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
		},
	});
	const result = await engine.run(s, { items: itemsOf(2) });
	f.expect(!result.error, `the run failed (${errorText(result.error)})`);
	for (const row of [0, 1]) {
		const events = s.log.filter((event) => event.row === row && (event.type.startsWith('start:') || event.type.startsWith('end:')));
		const order = events.filter((event) => event.type.startsWith('start:')).map((event) => event.name);
		f.expect(show(order) === show(expected), `row ${row}'s preSend functions ran in the order ${show(order)} instead of ${show(expected)} (description.properties order: the resource's own routing first, then the operation's option, then the later properties)`);
		const awaited = events.every((event, i) => (i % 2 === 0 ? event.type.startsWith('start:') : event.type === `end:${events[i - 1].name}`));
		f.expect(awaited, `row ${row}'s preSend functions overlap: one starts before the previous one's promise settled`);
		const steps = chain.get(row) ?? [];
		const chained = steps.every((step, i) => i === 0 || step.received === steps[i - 1].returned);
		f.expect(chained, `row ${row}: a preSend no longer receives the object the previous preSend returned`);
		const hook = s.events('hook').find((event) => event.row === row);
		f.expect(hook?.sameAsLast === true, `row ${row}: requestData.options given to the pagination hook is not the object the last preSend returned`);
		if (row === 0 && hook) f.note(`row 0: ${expected.join(' → ')}, each awaited and chained; hook got the last preSend's object (qs ${show(hook.qs)})`);
	}
	return f;
}

/** (c) Retry On Fail runs WorkflowExecute.runNode again with the same executeData object. */
async function checkC(engine, modules) {
	const f = new Findings();
	const seen = [];
	let hookCalls = 0;
	const tryOf = () => (s.runNodeCalls ?? []).filter((call) => call.node === NODE_NAME).length;
	const s = scenario({
		async preSend(name, context, requestOptions) {
			if (name === 'resource.1') s.mark('first', { row: context.getItemIndex() });
			seen.push({ where: `try ${tryOf()} preSend ${name} of row ${context.getItemIndex()}`, executeData: context.getExecuteData() });
			return requestOptions;
		},
		async pagination(context, requestData) {
			const row = context.getItemIndex();
			hookCalls += 1;
			seen.push({ where: `try ${tryOf()} hook of row ${row}`, executeData: context.getExecuteData() });
			if (row === 0 && hookCalls <= 2) throw new modules.n8nWorkflow.NodeApiError(context.getNode(), {}, { message: 'first try fails', itemIndex: row });
			const items = await context.makeRoutingRequest(requestData);
			return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
		},
	});
	const result = await engine.run(s, { items: itemsOf(2), flags: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 } });
	const tries = result.calls.length;
	f.expect(!result.error, `the retried run failed (${errorText(result.error)}) instead of succeeding on the second try`);
	f.expect(tries === 2, `WorkflowExecute.runNode ran the node ${tries} time(s) instead of 2 (a failed try and a successful one)`);
	f.expect(show(rowsOf(s.events('first'))) === show([0, 1, 0, 1]), `the rows were built as ${show(rowsOf(s.events('first')))} over the tries instead of [0,1,0,1] (each try builds every row again, from row 0)`);
	const reference = seen[0]?.executeData;
	f.expect(reference && typeof reference === 'object', 'this.getExecuteData() returns no object');
	const different = seen.filter((entry) => entry.executeData !== reference);
	f.expect(different.length === 0, `this.getExecuteData() is not the same object in every try (not the object of ${seen[0]?.where} in ${different.map((entry) => entry.where).slice(0, 3).join(', ')}${different.length > 3 ? ', …' : ''})`);
	if (result.calls.length > 0) f.expect(result.calls.every((call) => call.executionData === reference), 'the executeData given to WorkflowExecute.runNode differs between tries, or from what getExecuteData() returns');
	f.note(`Stop, row 0 throws in try 1: ${tries} tries of runNode, rows ${show(rowsOf(s.events('first')))}; getExecuteData() identical in ${seen.length} calls (preSends and hooks of both tries)`);

	// With On Error = Continue, WorkflowExecute also runs the node again when the first item it returned has json.error
	// (but not for an item { json: {}, error }, the form RoutingNode and the node use for a failed row).
	for (const form of ['jsonError', 'errorProperty']) {
		const identities = new Set();
		let calls = 0;
		const t = scenario({
			async pagination(context, requestData) {
				const row = context.getItemIndex();
				calls += 1;
				identities.add(context.getExecuteData());
				if (row === 0 && calls === 1) {
					return [
						form === 'jsonError'
							? { json: { error: 'row 0 refused' }, pairedItem: { item: row } }
							: { json: {}, error: new modules.n8nWorkflow.NodeApiError(context.getNode(), {}, { message: 'row 0 refused' }), pairedItem: { item: row } },
					];
				}
				const items = await context.makeRoutingRequest(requestData);
				return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
			},
		});
		const again = await engine.run(t, { items: itemsOf(2), flags: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10, onError: 'continueErrorOutput' } });
		const runs = again.calls.length;
		if (form === 'jsonError') {
			f.expect(runs === 2, `with On Error = Continue, an item { json: { error } } first in the output made runNode run ${runs} time(s) instead of 2 (Retry On Fail re-runs the whole node for it)`);
			f.expect(identities.size === 1, 'in a re-run caused by a json.error item, getExecuteData() is not the same object');
		} else {
			f.expect(runs === 1, `with On Error = Continue, an item { json: {}, error } first in the output made runNode run ${runs} times instead of once`);
		}
		f.note(`Continue + Retry On Fail, row 0 returns ${form === 'jsonError' ? '{json:{error}}' : '{json:{}, error}'} in try 1: runNode ran ${runs} time(s)${runs > 1 ? `, getExecuteData() ${identities.size === 1 ? 'identical' : 'DIFFERENT'}` : ''}`);
	}
	return f;
}

/** (d) Execute Once builds only row 0 while getExecuteData() still holds every row; otherwise one row per item. */
async function checkD(engine) {
	const f = new Findings();
	const observe = (s) =>
		async function (context, requestData) {
			const row = context.getItemIndex();
			s.mark('hook', { row, dataRows: context.getExecuteData()?.data?.main?.[0]?.length, executeOnce: context.getNode().executeOnce, inputKey: context.getInputData()?.json?.key });
			const items = await context.makeRoutingRequest(requestData);
			return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
		};

	{
		const s = scenario();
		s.pagination = observe(s);
		const result = await engine.run(s, { items: itemsOf(3), flags: { executeOnce: true } });
		const hooks = s.events('hook');
		f.expect(!result.error, `Execute Once run failed (${errorText(result.error)})`);
		f.expect(show(rowsOf(s.events('first'))) === show([0]), `with Execute Once, rows ${show(rowsOf(s.events('first')))} were built instead of only [0]`);
		f.expect(hooks[0]?.dataRows === 3, `with Execute Once, getExecuteData().data.main[0] holds ${hooks[0]?.dataRows} rows instead of all 3 input rows`);
		f.expect(hooks[0]?.executeOnce === true, `with Execute Once, getNode().executeOnce is ${show(hooks[0]?.executeOnce)} instead of true`);
		f.note(`Execute Once, 3 input rows: built ${show(rowsOf(s.events('first')))}, data.main[0].length ${hooks[0]?.dataRows}, getNode().executeOnce ${hooks[0]?.executeOnce}, getInputData() (one item in a row's context) is ${show(hooks[0]?.inputKey)}`);
	}
	for (const afterFeeder of [false, true]) {
		const s = scenario();
		s.pagination = observe(s);
		const result = await engine.run(s, { items: itemsOf(3), afterFeeder });
		const hooks = s.events('hook');
		f.expect(!result.error, `a plain run failed (${errorText(result.error)})`);
		f.expect(
			s.events('first').length === 3 && hooks.every((hook) => hook.dataRows === 3),
			`${afterFeeder ? 'after a previous node' : 'as the start node'}: ${s.events('first').length} rows were built while getExecuteData().data.main[0].length is ${show(hooks.map((hook) => hook.dataRows))} (they must be equal, 3)`,
		);
		f.expect(hooks.every((hook) => hook.executeOnce !== true), 'without Execute Once, getNode().executeOnce is true');
	}
	f.note('without Execute Once: 3 rows built = data.main[0].length 3 (start node and after a previous node)');

	// 0 input items: what n8n does (the node's settings read no row count in this case).
	for (const alwaysOutputData of [false, true]) {
		const s = scenario();
		s.pagination = observe(s);
		const result = await engine.run(s, { items: [], flags: alwaysOutputData ? { alwaysOutputData: true } : {} });
		const built = s.events('first').length + s.events('hook').length;
		const output = result.outputs?.[0];
		f.expect(built === 0, `with 0 input items${alwaysOutputData ? ' and Always Output Data' : ''}, n8n now builds rows / calls the hook (${built} calls); the node expects not to be run`);
		f.expect(!result.error, `with 0 input items, the run failed (${errorText(result.error)})`);
		if (alwaysOutputData) f.expect(output?.length === 1 && show(output[0].json) === '{}', `with 0 input items and Always Output Data, the output is ${show(output)} instead of one empty item`);
		f.note(
			`0 input items${alwaysOutputData ? ' + Always Output Data' : ''}: RoutingNode not run (0 rows, hook not called), runNode ${result.calls.length ? (result.calls[0].returned === undefined ? 'returned no data' : `returned ${show(result.calls[0].returned)}`) : 'not called'}, node output ${output === undefined ? (result.task ? 'none (task without data)' : 'none (no task)') : show(output.map((item) => item.json))}`,
		);
	}
	return f;
}

/** (e) RoutingNode awaits allSettled, then: Stop throws the first rejected row in row order; Continue makes error items; rows in order. */
async function checkE(engine, modules) {
	const f = new Findings();
	const { NodeApiError } = modules.n8nWorkflow;
	// Each row settles after `delay` ms with `outcome`.
	const settling = (s, plan) =>
		async function (context) {
			const row = context.getItemIndex();
			const { delay, outcome } = plan[row];
			s.mark('hook', { row });
			await sleep(delay);
			s.mark('settled', { row });
			return outcome(context, row);
		};

	// Stop, row 0 (a NodeApiError) rejects last of the two failing rows; row 2 fulfils last of all.
	{
		const s = scenario();
		let rowZeroError;
		s.pagination = settling(s, [
			{ delay: 60, outcome: (context) => { throw (rowZeroError = new NodeApiError(context.getNode(), {}, { message: 'row 0 refused' })); } },
			{ delay: 5, outcome: () => { throw new Error('row 1 plain error'); } },
			{ delay: 120, outcome: (_context, row) => [{ json: { row }, pairedItem: { item: row } }] },
		]);
		const result = await engine.run(s, { items: itemsOf(3) });
		const call = result.calls[0];
		const thrown = call?.error;
		const lastSettled = Math.max(...s.events('settled').map((event) => event.t));
		f.expect(Boolean(thrown), 'with Stop and failing rows, RoutingNode no longer rejects');
		f.expect(thrown === rowZeroError, `with Stop, the error thrown is ${errorText(thrown)} instead of row 0's NodeApiError as is (the first rejected row in row order, although row 1 rejected earlier)`);
		f.expect(thrown?.context?.itemIndex === 0, `with Stop, the thrown NodeApiError has context.itemIndex ${show(thrown?.context?.itemIndex)} instead of 0`);
		f.expect(s.events('settled').length === 3 && call?.end >= lastSettled, 'with Stop, RoutingNode threw before every row\'s promise had settled (no longer Promise.allSettled)');
		f.note(`Stop: row 1 rejected at +5 ms, row 0 at +60 ms, row 2 fulfilled at +120 ms; runNode rejected after all settled with row 0's NodeApiError itself (context.itemIndex ${thrown?.context?.itemIndex})`);
	}
	// Stop, first failing row rejects with a plain Error: wrapped in a NodeApiError.
	{
		const s = scenario();
		let plain;
		s.pagination = settling(s, [
			{ delay: 0, outcome: (_context, row) => [{ json: { row }, pairedItem: { item: row } }] },
			{ delay: 30, outcome: () => { throw (plain = Object.assign(new Error('row 1 plain error'), { description: 'row 1 description' })); } },
			{ delay: 5, outcome: (context) => { throw new NodeApiError(context.getNode(), {}, { message: 'row 2 refused' }); } },
		]);
		const result = await engine.run(s, { items: itemsOf(3) });
		const thrown = result.calls[0]?.error;
		f.expect(thrown instanceof NodeApiError && thrown !== plain, `with Stop, a row's plain Error is thrown as ${thrown?.constructor?.name ?? show(thrown)} instead of wrapped in a NodeApiError`);
		f.expect(thrown?.message === 'row 1 plain error', `with Stop, the NodeApiError wrapping a plain Error has the message ${show(thrown?.message)} instead of the row's message`);
		f.expect(thrown?.context?.itemIndex === 1, `with Stop, the wrapping NodeApiError has context.itemIndex ${show(thrown?.context?.itemIndex)} instead of 1`);
		f.note(`Stop, plain Error in row 1: thrown as NodeApiError "${thrown?.message}" (description ${show(thrown?.description)}, httpCode ${show(thrown?.httpCode)}, context.itemIndex ${thrown?.context?.itemIndex})`);
	}
	// Continue (On Error = Continue, and the legacy continueOnFail): rejected rows become { json: {}, error }, rows in row order.
	for (const flags of [{ onError: 'continueRegularOutput' }, { continueOnFail: true }, { onError: 'continueErrorOutput' }]) {
		const s = scenario();
		let rowOneError;
		s.pagination = settling(s, [
			{ delay: 60, outcome: (_context, row) => [{ json: { id: 'a', row }, pairedItem: { item: row } }, { json: { id: 'b', row }, pairedItem: { item: row } }] },
			{ delay: 5, outcome: (context) => { throw (rowOneError = new NodeApiError(context.getNode(), {}, { message: 'row 1 refused' })); } },
			{ delay: 0, outcome: (_context, row) => [{ json: { id: 'c', row }, pairedItem: { item: row } }] },
		]);
		const result = await engine.run(s, { items: itemsOf(3), flags });
		const returned = result.calls[0]?.returned?.[0] ?? [];
		const label = show(flags);
		f.expect(!result.error, `with ${label}, a rejected row fails the node (${errorText(result.error)})`);
		f.expect(returned.length === 4, `with ${label}, RoutingNode returned ${returned.length} items instead of 4 (2 of row 0, 1 error item of row 1, 1 of row 2)`);
		f.expect(show(returned.map((item) => item.json.id ?? 'error')) === show(['a', 'b', 'error', 'c']), `with ${label}, the items come as ${show(returned.map((item) => item.json.id ?? 'error'))} instead of row order ["a","b","error","c"]`);
		const errorItem = returned[2];
		f.expect(errorItem && errorItem.error === rowOneError && show(errorItem.json) === '{}', `with ${label}, a rejected row no longer becomes { json: {}, error } with the row's own error (got ${show(errorItem && { json: errorItem.json, error: errorText(errorItem.error) })})`);
		if (flags.onError === 'continueRegularOutput') {
			const out = result.outputs?.[0] ?? [];
			f.note(
				`Continue: RoutingNode returned [a, b, {json:{}, error}, c] (row order, the error item without pairedItem: ${show(errorItem?.pairedItem)}); the regular output n8n stored is ${show(out.map((item) => item.json))} with pairedItem ${show(out.map((item) => item.pairedItem))}`,
			);
		}
	}
	return f;
}

/** (f) A parameter expression that throws while rows are built. */
async function checkF(engine, _modules, _server, options) {
	const f = new Findings();
	const failing = "={{ $json.boom ? $('No Such Node').item.json.x : $json.value }}";
	const items = itemsOf(4, (i) => (i === 2 ? { boom: true } : {}));

	// Stop: runNode rejects at once; the hooks of rows 0 and 1 keep running; row 3 is never built.
	{
		// Probing whether n8n handles a later rejection of those rows needs a real unhandled
		// rejection, which test runners (jest) report as a failure: only when asked (the CLI does).
		const probe = options.probeUnhandledRejection === true;
		const unhandled = [];
		const onUnhandled = (reason) => unhandled.push(reason);
		if (probe) process.on('unhandledRejection', onUnhandled);
		try {
			let rowOneRejection;
			const s = scenario({
				async pagination(context, requestData) {
					const row = context.getItemIndex();
					s.mark('hook', { row });
					requestData.options.qs = { ...requestData.options.qs, delay: 300 };
					const answered = await context.makeRoutingRequest(requestData);
					s.mark('hookEnd', { row });
					if (row === 1 && probe) throw (rowOneRejection = new Error('row 1 rejects after the node failed'));
					return answered.map((item) => ({ json: item.json, pairedItem: { item: row } }));
				},
			});
			const result = await engine.run(s, { items, parameters: { value: failing } });
			const call = result.calls[0];
			// Let the unawaited requests finish (bounded).
			for (let waited = 0; s.events('hookEnd').length < 2 && waited < 3_000; waited += 25) await sleep(25);
			await sleep(50);
			const ends = s.events('hookEnd');
			const thrown = call?.error;
			f.expect(Boolean(result.error), 'with Stop, a failing expression no longer fails the node');
			f.expect(show(rowsOf(s.events('first'))) === show([0, 1]), `with Stop, rows ${show(rowsOf(s.events('first')))} had their request started instead of [0,1] (those built before the failing row 2; row 3 never built)`);
			f.expect(call && ends.length === 2 && ends.every((end) => end.t > call.end), 'with Stop, the node did not fail at once: it waited for the requests of the rows built before the failing expression');
			f.expect(ends.length === 2, `with Stop, the requests of rows built before the failing one did not run to their end (${ends.length}/2 finished)`);
			f.expect(thrown?.context?.itemIndex === 2, `with Stop, the expression error has context.itemIndex ${show(thrown?.context?.itemIndex)} instead of 2`);
			const sawRowOne = unhandled.includes(rowOneRejection);
			f.note(
				`Stop: runNode rejected at once (${Math.round((call?.end ?? 0) - (s.events('first')[0]?.t ?? 0))} ms after row 0 was built) with ${thrown?.constructor?.name} "${thrown?.message}" (context.itemIndex ${thrown?.context?.itemIndex}); rows 0,1 kept running and finished ${Math.round((ends[0]?.t ?? 0) - (call?.end ?? 0))} ms later; ${probe ? `row 1's later rejection was ${sawRowOne ? 'an UNHANDLED promise rejection (n8n never looks at those promises again)' : 'not an unhandled rejection'}` : '(unhandled-rejection probe off)'}`,
			);
		} finally {
			if (probe) process.removeListener('unhandledRejection', onUnhandled);
		}
	}
	// Continue: the failing row becomes an error item, the loop goes on.
	{
		const s = scenario();
		const result = await engine.run(s, { items, parameters: { value: failing }, flags: { onError: 'continueRegularOutput' } });
		const returned = result.calls[0]?.returned?.[0] ?? [];
		f.expect(!result.error, `with On Error = Continue, a failing expression fails the node (${errorText(result.error)})`);
		f.expect(show(rowsOf(s.events('first'))) === show([0, 1, 3]), `with On Error = Continue, rows ${show(rowsOf(s.events('first')))} had their request built instead of [0,1,3] (the loop goes on after the failing row)`);
		const errorItem = returned[2];
		f.expect(returned.length === 4 && errorItem?.error && show(errorItem.json) === '{}', `with On Error = Continue, the failing row is not one { json: {}, error } item in its place (got ${show(returned.map((item) => (item.error ? 'error' : item.json.key)))})`);
		f.expect(errorItem?.error?.context?.itemIndex === 2, `with On Error = Continue, the failing row's error has context.itemIndex ${show(errorItem?.error?.context?.itemIndex)} instead of 2`);
		f.note(`Continue: rows [0,1,3] sent, row 2 → { json: {}, error: ${errorItem?.error?.constructor?.name} "${errorItem?.error?.message}" } in its place, without pairedItem (${show(errorItem?.pairedItem)})`);
	}
	return f;
}

/** (g) On Error = continueErrorOutput: where an item with `error` and pairedItem {item: i} ends, and what of input row i it keeps. */
async function checkG(engine, modules) {
	const f = new Findings();
	const { NodeApiError } = modules.n8nWorkflow;
	const forms = {
		// What the node returns for a failed row: the error object on the item.
		errorProperty: (context, row) => ({ json: {}, error: new NodeApiError(context.getNode(), {}, { message: `row ${row} refused`, itemIndex: row }), pairedItem: { item: row } }),
		// What n8n's own nodes return with continueOnFail: the message in json, no `error` property.
		jsonError: (_context, row) => ({ json: { error: `row ${row} refused` }, pairedItem: { item: row } }),
		// The same with a message (n8n 1.x and 2.x both take json of exactly { error, message } as an error).
		jsonErrorMessage: (_context, row) => ({ json: { error: `row ${row} refused`, message: 'more' }, pairedItem: { item: row } }),
		// With details: an error for n8n 2.x (keys among error, message, details), a regular item for 1.x (observed only).
		jsonErrorDetails: (_context, row) => ({ json: { error: `row ${row} refused`, details: 'more' }, pairedItem: { item: row } }),
	};
	const results = {};
	for (const [form, make] of Object.entries(forms)) {
		for (const afterFeeder of form.startsWith('jsonError') && form !== 'jsonError' ? [true] : [true, false]) {
			const s = scenario({
				async pagination(context, requestData) {
					const row = context.getItemIndex();
					if (row === 1) return [make(context, row)];
					const items = await context.makeRoutingRequest(requestData);
					return items.map((item) => ({ json: { id: `obj-${row}`, answeredKey: item.json.key }, pairedItem: { item: row } }));
				},
			});
			const result = await engine.run(s, { items: itemsOf(3), afterFeeder, flags: { onError: 'continueErrorOutput' } });
			const [regular = [], errors = []] = result.outputs ?? [];
			results[`${form}:${afterFeeder ? 'afterFeeder' : 'start'}`] = { result, regular, errors };
		}
	}
	// What holds in every case: the error item goes to the error output, paired with its row; the others to the regular output.
	for (const [key, { result, regular, errors }] of Object.entries(results)) {
		if (key.startsWith('jsonErrorDetails')) continue;
		f.expect(!result.error, `${key}: the run failed (${errorText(result.error)})`);
		f.expect(regular.length === 2 && errors.length === 1, `${key}: ${regular.length} regular and ${errors.length} error items instead of 2 and 1 (an item with an error goes to the error output)`);
		f.expect(errors[0]?.pairedItem?.item === 1 || errors[0]?.pairedItem?.[0]?.item === 1, `${key}: the error item is paired with ${show(errors[0]?.pairedItem)} instead of row 1`);
		f.expect(errors[0]?.json?.error === 'row 1 refused', `${key}: the error item's json.error is ${show(errors[0]?.json?.error)} instead of the row's error message`);
	}
	const keeps = (key) => results[key]?.errors[0]?.json?.keep === 'kept-1';
	// The row's json is merged in (WorkflowExecute.handleNodeErrorOutput) only when the node has a previous node …
	f.expect(keeps('jsonError:afterFeeder'), `after a previous node, an error item { json: { error }, pairedItem } no longer gets input row 1's fields (got ${show(results['jsonError:afterFeeder']?.errors[0]?.json)})`);
	f.expect(keeps('jsonErrorMessage:afterFeeder'), `after a previous node, an error item { json: { error, message }, pairedItem } no longer gets input row 1's fields (got ${show(results['jsonErrorMessage:afterFeeder']?.errors[0]?.json)})`);
	// … and survives only for an item without an `error` property: WorkflowExecute replaces the json of every item with `error` by { error: message } afterwards.
	const dropped = !keeps('errorProperty:afterFeeder');
	f.expect(
		dropped,
		`an error item with an \`error\` property now keeps input row 1's fields in the error output (${show(results['errorProperty:afterFeeder']?.errors[0]?.json)}): n8n changed, the node could now return its errors this way`,
	);
	const startKeeps = keeps('jsonError:start') || keeps('errorProperty:start');
	f.expect(!startKeeps, 'as the start node (source null), an error item now gets its input row\'s fields: n8n changed');
	const jsonOf = (key) => show(results[key]?.errors[0]?.json);
	const mergedOf = (key) => {
		const outputs = results[key]?.result.afterErrorOutput?.[0];
		return outputs ? show(outputs[outputs.length - 1]?.[0]?.json) : 'not observed';
	};
	f.note('error output item of row 1 (its input json is {key,value,keep}); "merged" is right after WorkflowExecute.handleNodeErrorOutput, "stored" what n8n keeps and passes on:');
	f.note(`{json:{}, error, pairedItem:{item:1}} after a previous node: merged ${mergedOf('errorProperty:afterFeeder')}, stored ${jsonOf('errorProperty:afterFeeder')}`);
	f.note(`{json:{}, error, pairedItem:{item:1}} as the start node: merged ${mergedOf('errorProperty:start')}, stored ${jsonOf('errorProperty:start')}`);
	f.note(`{json:{error}, pairedItem:{item:1}} after a previous node: merged ${mergedOf('jsonError:afterFeeder')}, stored ${jsonOf('jsonError:afterFeeder')}`);
	f.note(`{json:{error}, pairedItem:{item:1}} as the start node: merged ${mergedOf('jsonError:start')}, stored ${jsonOf('jsonError:start')}`);
	f.note(`{json:{error, message}, pairedItem:{item:1}} after a previous node: stored ${jsonOf('jsonErrorMessage:afterFeeder')}`);
	const details = results['jsonErrorDetails:afterFeeder'];
	f.note(
		`{json:{error, details}, pairedItem:{item:1}} after a previous node (observed only): ${details?.errors.length ? `error output ${show(details.errors[0].json)}` : `NOT taken as an error: stays in the regular output (${details?.regular.length} regular items)`}`,
	);
	return f;
}

/** (h) makeRoutingRequest sends requestData.options with the credential and runs the postReceive functions; a throwing postReceive rejects it with that error. */
async function checkH(engine, _modules, server) {
	const f = new Findings();
	{
		const seen = {};
		const s = scenario({
			async postReceive(_context, items, response) {
				seen.postReceive = { statusCode: response?.statusCode, body: response?.body, items: items.map((item) => item.json) };
				return items.map((item) => ({ json: { ...item.json, postReceived: true } }));
			},
			async pagination(context, requestData) {
				const row = context.getItemIndex();
				const copy = { ...requestData, options: { ...requestData.options, method: 'POST', qs: { ...requestData.options.qs, page: 2 }, body: { hello: 'world' } } };
				const items = await context.makeRoutingRequest(copy);
				seen.items = items.map((item) => item.json);
				seen.returnFullResponse = copy.options.returnFullResponse;
				return items.map((item) => ({ json: item.json, pairedItem: { item: row } }));
			},
		});
		const before = server.requests.length;
		const result = await engine.run(s, { items: [{ json: { key: 'h-1', value: 'hv' } }] });
		const request = server.requests.slice(before).find((r) => r.path === '/echo/h-1');
		f.expect(!result.error, `the run failed (${errorText(result.error)})`);
		f.expect(Boolean(request), 'makeRoutingRequest sent no request to requestData.options.baseURL + url');
		if (request) {
			f.expect(request.method === 'POST' && request.query.page === '2' && request.query.value === 'hv', `makeRoutingRequest did not send the options it was given (got ${request.method} ${show(request.query)})`);
			f.expect(request.headers[TOKEN_HEADER] === CREDENTIAL_TOKEN, 'makeRoutingRequest did not authenticate the request with the node\'s credential (credentialsHelper.authenticate)');
			f.expect(request.body.includes('"hello":"world"'), `makeRoutingRequest did not send the body (got ${show(request.body)})`);
		}
		f.expect(seen.postReceive?.statusCode === 200 && seen.postReceive?.body?.key === 'h-1', `the postReceive functions no longer get the full response (got ${show(seen.postReceive)})`);
		f.expect(seen.items?.[0]?.postReceived === true, 'makeRoutingRequest no longer answers the items the postReceive functions made');
		f.note(`sent ${request?.method} /echo/h-1?${new URLSearchParams(request?.query ?? {})} with the credential's header; postReceive saw status ${seen.postReceive?.statusCode}; options.returnFullResponse set to ${show(seen.returnFullResponse)} on the object passed in`);
	}
	{
		let thrownByPostReceive;
		const seen = {};
		const s = scenario({
			async postReceive(_context, _items, response) {
				seen.statusCode = response?.statusCode;
				throw (thrownByPostReceive = Object.assign(new Error('answered 402'), { answered: response?.statusCode }));
			},
			async pagination(context, requestData) {
				const row = context.getItemIndex();
				requestData.options.qs = { ...requestData.options.qs, status: 402 };
				try {
					await context.makeRoutingRequest(requestData);
					seen.outcome = 'resolved';
				} catch (error) {
					seen.outcome = 'rejected';
					seen.sameError = error === thrownByPostReceive;
					seen.error = errorText(error);
				}
				return [{ json: { row } }];
			},
		});
		await engine.run(s, { items: [{ json: { key: 'h-2', value: 'x' } }] });
		f.expect(seen.statusCode === 402, `with ignoreHttpStatusErrors, a 402 answer no longer reaches the postReceive functions (saw ${show(seen.statusCode)})`);
		f.expect(seen.outcome === 'rejected' && seen.sameError, `a postReceive that throws no longer makes makeRoutingRequest reject with that same error (${seen.outcome}, ${seen.error})`);
		f.note(`a 402 answer reached postReceive; its thrown error came out of makeRoutingRequest as the same object (${seen.sameError})`);
	}
	return f;
}

async function checkI(_engine, { n8nWorkflow }) {
	const f = new Findings();
	const { NodeHelpers } = n8nWorkflow;
	const toolDescription = (operation, text) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		displayOptions: { show: { '@tool': [true], operation: [operation] } },
	});
	const description = {
		displayName: 'Contract Tool',
		name: 'contractTestTool',
		group: ['transform'],
		version: 1,
		description: 'the node type\'s own description',
		defaults: { name: 'Contract' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, default: 'thing', options: [{ name: 'Thing', value: 'thing' }] },
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'get',
				options: [
					{ name: 'Get', value: 'get', action: 'Get a thing' },
					{ name: 'Create', value: 'create', action: 'Create a thing' },
				],
			},
			toolDescription('get', 'Reads a thing.'),
			toolDescription('create', 'Creates a thing; pass a key to avoid a second one.'),
		],
	};
	const node = { id: 'contract-tool', name: 'Contract Tool', type: 'contractTest.contractTestTool', typeVersion: 1, position: [0, 0], parameters: { resource: 'thing', operation: 'create' } };
	const filled = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, { ...node }, description);
	f.expect(filled?.toolDescription === 'Creates a thing; pass a key to avoid a second one.', `the default of the toolDescription shown for the operation is no longer filled in for a tool node (got ${show(filled?.toolDescription)})`);
	const told = typeof NodeHelpers.getToolDescriptionForNode === 'function' ? NodeHelpers.getToolDescriptionForNode({ ...node, parameters: filled }, { description }) : undefined;
	f.expect(told === 'Creates a thing; pass a key to avoid a second one.', `n8n no longer tells the model the node's own toolDescription (getToolDescriptionForNode gave ${show(told)})`);
	f.note(`a tool node's shown toolDescription default is filled in (${show(filled?.toolDescription)}) and is what n8n tells the model`);
	return f;
}

async function checkJ(_engine, { n8nWorkflow }) {
	const f = new Findings();
	const { NodeHelpers } = n8nWorkflow;
	const locator = {
		displayName: 'Thing ID',
		name: 'thingId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		modes: [{ displayName: 'By ID', name: 'id', type: 'string', validation: [{ type: 'regex', properties: { regex: '\\s*thng_[A-Za-z0-9_]+\\s*', errorMessage: 'Not a thing ID' } }] }],
	};
	const description = {
		displayName: 'Contract Versions',
		name: 'contractVersions',
		group: ['transform'],
		version: 2,
		description: 'an ID field as a resource locator',
		defaults: { name: 'Contract' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [locator],
	};
	const node = (typeVersion, parameters = {}) => ({ id: 'contract-versions', name: 'Contract Versions', type: 'contractTest.contractVersions', typeVersion, position: [0, 0], parameters });
	const issues = (value) => {
		const found = NodeHelpers.getNodeParametersIssues(description.properties, node(2, { thingId: { __rl: true, mode: 'id', value } }), description);
		return found?.parameters?.thingId ?? [];
	};
	f.expect(issues('thng_1').length === 0, `a value that fits the mode's regex is marked (${show(issues('thng_1'))})`);
	f.expect(issues('see thng_1 ').includes('Not a thing ID'), `n8n no longer anchors a mode's regex: "see thng_1 " is not marked (${show(issues('see thng_1 '))})`);
	f.expect(issues('={{ $json.thing }}').length === 0, `an expression is checked against the mode's regex (${show(issues('={{ $json.thing }}'))})`);
	f.note(`a mode regex is anchored by n8n ("see thng_1 " → ${show(issues('see thng_1 '))}, "thng_1" → ${show(issues('thng_1'))}); expressions are not checked`);
	return f;
}

// ---------------------------------------------------------------- runner

const CHECKS = [
	['a', checkA],
	['b', checkB],
	['c', checkC],
	['d', checkD],
	['e', checkE],
	['f', checkF],
	['g', checkG],
	['h', checkH],
	['i', checkI],
	['j', checkJ],
];

/**
 * Runs every check against the given n8n-core / n8n-workflow modules.
 * Returns [{ name, ok, detail }]: detail is what was observed, or one
 * "n8n contract broken: …" line per broken expectation.
 */
async function runContract({ n8nCore, n8nWorkflow }, options = {}) {
	if (!n8nCore?.WorkflowExecute || !n8nWorkflow?.Workflow) throw new Error('runContract needs { n8nCore, n8nWorkflow } (the modules n8n-core and n8n-workflow)');
	const modules = { n8nCore, n8nWorkflow };
	const server = await startServer();
	const engine = createEngine(modules, server);
	const results = [];
	try {
		for (const [key, check] of CHECKS) {
			const { name, where } = ASSUMPTIONS[key];
			let findings;
			try {
				findings = await withTimeout(check(engine, modules, server, options), CHECK_TIMEOUT_MS, `the check ${name}`);
			} catch (error) {
				findings = new Findings();
				const at = String(error?.stack ?? '').split('\n').find((line) => line.includes(' at ')) ?? '';
				findings.expect(false, `the check could not run as before (${errorText(error)}${at ? `, ${at.trim()}` : ''})`);
			}
			const ok = findings.problems.length === 0;
			const detail = ok ? findings.notes.join('; ') : findings.problems.map((what) => `n8n contract broken: ${name}: ${what}, which the Omise node's sending mechanism relies on in ${where}`).join('\n');
			results.push({ name, ok, detail, notes: findings.notes });
		}
	} finally {
		await server.close();
	}
	return results;
}

module.exports = { runContract, ASSUMPTIONS };

// ---------------------------------------------------------------- CLI

function loadModules(nodeModules) {
	const from = (name) => require(require.resolve(name, { paths: [nodeModules] }));
	return { n8nWorkflow: from('n8n-workflow'), n8nCore: from('n8n-core') };
}

async function main() {
	const nodeModules = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'node_modules'));
	// n8n-core reads these when first loaded.
	const fs = require('node:fs');
	let userFolder;
	if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = userFolder = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'n8n-contract-'));
	process.env.N8N_ENCRYPTION_KEY ??= 'n8n-contract-suite';
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
	const modules = loadModules(nodeModules);
	const version = (name) => {
		try {
			return require(require.resolve(`${name}/package.json`, { paths: [nodeModules] })).version;
		} catch {
			return '?';
		}
	};
	console.log(`n8n contract suite: n8n-core ${version('n8n-core')}, n8n-workflow ${version('n8n-workflow')} from ${nodeModules} (Node ${process.version})`);
	let results;
	try {
		results = await runContract(modules, { probeUnhandledRejection: true });
	} finally {
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	}
	for (const result of results) {
		console.log(`${result.ok ? 'ok    ' : 'BROKEN'} ${result.name}`);
		const lines = result.ok ? result.notes : result.detail.split('\n');
		for (const line of lines) console.log(`       ${line}`);
	}
	const broken = results.filter((result) => !result.ok).length;
	console.log(broken ? `${broken} of ${results.length} assumptions broken` : `all ${results.length} assumptions hold`);
	return broken ? 1 : 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(2);
		},
	);
}
