'use strict';
/*
 * The settings matrix of issue 17: "the Omise node behaves as n8n's own HTTP
 * Request node does under every node setting". Shared, as plain CommonJS, by
 *   - e2e/settings-matrix.js: each case runs through a real n8n's engine once
 *     with the Omise node and once with n8n's HTTP Request node, and
 *   - test/settings-matrix.test.ts: the Omise side of the cases that need no
 *     n8n-nodes-base, against the HTTP Request node's results recorded by the
 *     e2e script (test/fixtures/http-request-matrix.json).
 *
 * A case = an operation × a node setting × a number of input items. This file
 * builds its workflows (the node under test is named "Node" on both sides and
 * never starts the workflow: a pass-through "Start" node hands it the rows),
 * summarizes a finished run into what is compared (requests that reached the
 * sandbox, the items of each output with their pairedItem, who errored), with
 * everything that differs between two runs by construction normalized away
 * (generated IDs, payment codes, the sandbox's port), and compares two
 * summaries, allowing only the Omise node's deliberate differences.
 */
const { createHash } = require('node:crypto');
const { DEFAULT_KEYS } = require('../../sandbox/server');

const OMISE_VERSION = '2019-05-29';
/** The sandbox's clock: created_at of every object is this instant, on both sides. */
const FIXED_NOW = '2026-01-01T00:00:00.000Z';
const SANDBOX_OPTIONS = { now: () => new Date(FIXED_NOW) };

const NODE = 'Node';
const START = 'Start';
const OMISE_TYPE = 'n8n-nodes-omise.omise';
const CREDENTIALS = { omiseApi: { id: 'matrix-cred', name: 'Omise sandbox' } };

/** Links that exist before the matrix runs (the rows of "Link → Get" point at them). */
const EXISTING_LINKS = ['A', 'B', 'C'].map((letter, i) => ({
	letter,
	body: { amount: 10000 * (i + 1), currency: 'thb', title: `Existing ${letter}`, description: `Made before the matrix (${letter})` },
}));

const MISSING = (i) => `link_test_missing${i + 1}`;
const CREATE_AMOUNTS = [
	[100.5, 10050],
	[250.25, 25025],
	[1000, 100000],
	[20, 2000],
	[99.99, 9999],
];

const headers = { sendHeaders: true, headerParameters: { parameters: [{ name: 'Omise-Version', value: OMISE_VERSION }] } };

/**
 * The operations. `omise`: the Omise node's parameters; `http(url)`: the HTTP
 * Request node's method/URL/body for the same request; `row(i, existing)`: the
 * i-th input row. `badInput`: rows the Omise node refuses before sending
 * (deliberate difference 1); `counts`: input sizes when not the default ones.
 */
const OPERATIONS = {
	'account.getCapability': {
		label: 'Account → Get Capability',
		omise: { resource: 'account', operation: 'getCapability' },
		http: (url) => ({ method: 'GET', url: `${url}/capability` }),
		row: (i) => ({ row: i + 1 }),
	},
	'link.get': {
		label: 'Link → Get (existing id)',
		omise: { resource: 'link', operation: 'get', linkId: '={{ $json.id }}' },
		http: (url) => ({ method: 'GET', url: `=${url}/links/{{ $json.id }}` }),
		row: (i, existing) => ({ row: i + 1, id: existing[i % existing.length] }),
	},
	'link.get404': {
		label: 'Link → Get (missing id, 404)',
		omise: { resource: 'link', operation: 'get', linkId: '={{ $json.id }}' },
		http: (url) => ({ method: 'GET', url: `=${url}/links/{{ $json.id }}` }),
		row: (i) => ({ row: i + 1, id: MISSING(i) }),
	},
	'link.getMixed': {
		label: 'Link → Get (every 2nd id missing)',
		omise: { resource: 'link', operation: 'get', linkId: '={{ $json.id }}' },
		http: (url) => ({ method: 'GET', url: `=${url}/links/{{ $json.id }}` }),
		row: (i, existing) => ({ row: i + 1, id: i % 2 === 1 ? MISSING(i) : existing[i % existing.length] }),
		counts: [3],
	},
	'link.create': {
		label: 'Link → Create (from the row)',
		creates: true,
		omise: {
			resource: 'link',
			operation: 'create',
			amount: '={{ $json.amount }}',
			currency: '={{ $json.currency }}',
			title: '={{ $json.title }}',
			description: '={{ $json.description }}',
		},
		// What the Omise node sends for these parameters: Amount Unit is Major Unit by default
		// (100.50 → 10050), the currency code in lower case, Multiple Use off.
		http: (url) => ({
			method: 'POST',
			url: `${url}/links`,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ amount: $json.amount_smallest, currency: $json.currency.toLowerCase(), title: $json.title, description: $json.description, multiple: false }) }}',
		}),
		row: (i) => {
			const [amount, smallest] = CREATE_AMOUNTS[i % CREATE_AMOUNTS.length];
			return { row: i + 1, title: `Row ${i + 1}`, description: `Order ${i + 1}`, amount, amount_smallest: smallest, currency: 'THB' };
		},
	},
	'link.createMixed': {
		label: 'Link → Create (row 1 below Omise’s minimum)',
		creates: true,
		get omise() {
			return OPERATIONS['link.create'].omise;
		},
		http: (url) => OPERATIONS['link.create'].http(url),
		// Row 1: 10.00 THB, which Omise refuses (400 invalid_amount); the others are created.
		row: (i) => (i === 0 ? { ...OPERATIONS['link.create'].row(i), amount: 10, amount_smallest: 1000 } : OPERATIONS['link.create'].row(i)),
		counts: [3],
	},
	'link.getEmptyId': {
		label: 'Link → Get (empty id)',
		omise: { resource: 'link', operation: 'get', linkId: '={{ $json.id }}' },
		http: (url) => ({ method: 'GET', url: `=${url}/links/{{ $json.id }}` }),
		row: (i) => ({ row: i + 1, id: '' }),
		// The HTTP node sends GET /links/ (the sandbox answers 404); the Omise node refuses the row unsent.
		badInput: (request) => request.path.endsWith('/'),
	},
};

/**
 * Node settings. `node`: the node's own settings (as the editor stores them);
 * `layout`: plain (Start → Node), loop (inside Loop Over Items) or sub (inside a
 * sub-workflow called by Execute Workflow).
 */
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
const SETTINGS = {
	default: { node: {} },
	executeOnce: { node: { executeOnce: true } },
	'executeOnce+stopWorkflow': { node: { executeOnce: true, onError: 'stopWorkflow' } },
	'executeOnce+continueRegularOutput': { node: { executeOnce: true, onError: 'continueRegularOutput' } },
	'executeOnce+continueErrorOutput': { node: { executeOnce: true, onError: 'continueErrorOutput' } },
	'executeOnce+alwaysOutputData': { node: { executeOnce: true, alwaysOutputData: true } },
	alwaysOutputData: { node: { alwaysOutputData: true } },
	retryOnFail: { node: { ...RETRY } },
	'retryOnFail+continueRegularOutput': { node: { ...RETRY, onError: 'continueRegularOutput' } },
	'retryOnFail+continueErrorOutput': { node: { ...RETRY, onError: 'continueErrorOutput' } },
	continueRegularOutput: { node: { onError: 'continueRegularOutput' } },
	continueErrorOutput: { node: { onError: 'continueErrorOutput' } },
	loop: { node: {}, layout: 'loop' },
	'executeOnce+loop': { node: { executeOnce: true }, layout: 'loop' },
	subWorkflow: { node: {}, layout: 'sub' },
	'executeOnce+subWorkflow': { node: { executeOnce: true }, layout: 'sub' },
};

const DEFAULT_COUNTS = [0, 1, 3];
const LOOP_ROWS = 5;
const LOOP_BATCH = 2;

/** Every case: { id, op, setting, count, layout }. */
function allCases() {
	const cases = [];
	for (const [op, operation] of Object.entries(OPERATIONS)) {
		for (const [setting, { layout = 'plain' }] of Object.entries(SETTINGS)) {
			const counts = layout === 'loop' ? [LOOP_ROWS] : operation.counts ?? DEFAULT_COUNTS;
			for (const count of counts) cases.push({ id: `${op} | ${setting} | ${count}`, op, setting, count, layout });
		}
	}
	return cases;
}

function rowsFor(testCase, existingIds) {
	return Array.from({ length: testCase.count }, (_, i) => OPERATIONS[testCase.op].row(i, existingIds));
}

/**
 * The workflow of one side of a case. `side`: 'omise' or 'http'. `env`: {
 * sandboxUrl, existingIds, types: { start, noOp, loop, executeWorkflow, trigger, http },
 * versions: { http, loop, executeWorkflow, trigger } } (the jest side has only start/noOp).
 * Returns { nodes, connections, start, items }.
 */
function buildWorkflow(testCase, side, env) {
	const operation = OPERATIONS[testCase.op];
	const setting = SETTINGS[testCase.setting];
	const node = (name, type, typeVersion, parameters, extra = {}) => ({ id: `${name}-id`, name, type, typeVersion, position: [0, 0], parameters, ...extra });
	const under =
		side === 'omise'
			? node(NODE, OMISE_TYPE, 1, { ...operation.omise }, { credentials: CREDENTIALS, ...setting.node })
			: node(
					NODE,
					env.types.http,
					env.versions.http,
					{ authentication: 'predefinedCredentialType', nodeCredentialType: 'omiseApi', ...headers, options: {}, ...operation.http(env.sandboxUrl) },
					{ credentials: CREDENTIALS, ...setting.node },
				);
	const start = node(START, env.types.start, 1, {});
	const items = rowsFor(testCase, env.existingIds).map((json) => ({ json }));
	const main = (...targets) => ({ main: targets.map((list) => list.map((name) => ({ node: name, type: 'main', index: 0 }))) });
	const layout = testCase.layout;
	if (layout === 'plain') {
		const errorOutput = setting.node.onError === 'continueErrorOutput';
		const nodes = [start, under, node('After', env.types.noOp, 1, {})];
		if (errorOutput) nodes.push(node('Errors', env.types.noOp, 1, {}));
		return { nodes, connections: { [START]: main([NODE]), [NODE]: errorOutput ? main(['After'], ['Errors']) : main(['After']) }, start, items };
	}
	if (layout === 'loop') {
		const loop = node('Loop', env.types.loop, env.versions.loop, { batchSize: LOOP_BATCH, options: {} });
		return {
			nodes: [start, loop, under, node('Done', env.types.noOp, 1, {})],
			// SplitInBatches v3: output 0 is "done", output 1 is "loop".
			connections: { [START]: main(['Loop']), Loop: main(['Done'], [NODE]), [NODE]: main(['Loop']) },
			start,
			items,
		};
	}
	const trigger = node('Trigger', env.types.trigger, env.versions.trigger, { inputSource: 'passthrough' });
	const sub = { name: 'matrix sub-workflow', nodes: [trigger, under], connections: { Trigger: main([NODE]) }, settings: {} };
	const call = node('Call', env.types.executeWorkflow, env.versions.executeWorkflow, {
		source: 'parameter',
		workflowJson: JSON.stringify(sub),
		mode: 'once',
		options: {},
	});
	return { nodes: [start, call], connections: { [START]: main(['Call']) }, start, items };
}

// ---- the sandbox -------------------------------------------------------------

/** Makes the existing links; returns their ids in order (A, B, C). */
async function prepareSandbox(sandbox) {
	const ids = [];
	for (const { body } of EXISTING_LINKS) {
		const response = await fetch(`${sandbox.url}/links`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${DEFAULT_KEYS.testSecretKey}:`).toString('base64')}`,
				'content-type': 'application/json',
				'omise-version': OMISE_VERSION,
			},
			body: JSON.stringify(body),
		});
		const link = await response.json();
		if (!response.ok) throw new Error(`sandbox: could not make an existing link: ${JSON.stringify(link)}`);
		ids.push(link.id);
	}
	sandbox.clearRequests();
	return ids;
}

function credentialsFor(sandbox) {
	return { secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret: '', baseUrl: sandbox.url };
}

/** What the sandbox holds before a run (to tell the objects the run created). */
function snapshot(sandbox) {
	sandbox.clearRequests();
	return new Set(sandbox.store.objects.keys());
}

/**
 * Replaces what differs between two runs by construction: the sandbox's URL,
 * the existing links' IDs and payment codes, and those of the objects the run
 * created (named by their title).
 */
function normalizer(sandbox, existingIds, before) {
	const pairs = [[sandbox.url, '<sandbox>']];
	existingIds.forEach((id, i) => {
		const { letter } = EXISTING_LINKS[i];
		const record = sandbox.store.objects.get(id);
		pairs.push([id, `<link ${letter}>`]);
		if (record?.payment_code) pairs.push([record.payment_code, `<code ${letter}>`]);
	});
	for (const [id, record] of sandbox.store.objects) {
		if (before.has(id)) continue;
		const name = record.title ?? record.description ?? record.object;
		pairs.push([id, `<new ${record.object} "${name}">`]);
		if (record.payment_code) pairs.push([record.payment_code, `<new code "${name}">`]);
	}
	pairs.sort((a, b) => b[0].length - a[0].length);
	const text = (value) => pairs.reduce((s, [from, to]) => (s.includes(from) ? s.split(from).join(to) : s), value);
	const walk = (value) => {
		if (typeof value === 'string') return text(value);
		if (Array.isArray(value)) return value.map(walk);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
		return value;
	};
	return walk;
}

// ---- summaries ---------------------------------------------------------------

/** pairedItem as the list of input items it points at ("1" = item 1 of input 0, "1@2" = item 1 of input 2). */
function pairing(pairedItem) {
	if (pairedItem === undefined || pairedItem === null) return null;
	const list = Array.isArray(pairedItem) ? pairedItem : [pairedItem];
	return list.map((p) => (typeof p === 'number' ? String(p) : `${p.item}${p.input ? `@${p.input}` : ''}`));
}

/** The text of an error item's error (n8n's error object or its message). */
function errorText(error) {
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object' && typeof error.message === 'string') return error.message;
	return JSON.stringify(error);
}

/**
 * An output item as compared: its json (an error item's error text, and the
 * HTTP Request node's `details` next to it, are "<error>": deliberate
 * difference 3; the texts go to `texts`) and its pairing.
 */
function itemSummary(item, walk, texts) {
	const json = walk(item.json ?? {});
	if (json.error !== undefined && json.error !== null && json.error !== false) {
		texts.push(walk(errorText(item.json.error)));
		json.error = '<error>';
		delete json.details;
	}
	return { json, paired: pairing(item.pairedItem) };
}

/** The runs of a node: per run, its main output, its error output (if it has one) and whether it failed. */
function nodeRuns(run, name, walk, errorOutput, texts) {
	return (run?.data?.resultData?.runData?.[name] ?? []).map((task) => {
		const outputs = task.data?.main ?? [];
		const summary = { main: (outputs[0] ?? []).map((item) => itemSummary(item, walk, texts)) };
		if (errorOutput) summary.errorOutput = (outputs[1] ?? []).map((item) => itemSummary(item, walk, texts));
		summary.failed = Boolean(task.error);
		return summary;
	});
}

function runError(run) {
	const error = run?.data?.resultData?.error;
	if (!error) return null;
	return { node: error.node?.name ?? null, message: String(error.message ?? error) };
}

/**
 * One side of a case, as compared. `run`: the IRun; `subRuns`: IRuns of the
 * sub-workflow; `requests`: the sandbox's requests; `walk`: the normalizer.
 */
function summarize(testCase, { run, subRuns = [], requests, walk }) {
	const setting = SETTINGS[testCase.setting];
	const errorOutput = setting.node.onError === 'continueErrorOutput';
	const texts = [];
	const summary = {
		requests: requests
			.map((r) => {
				const body = r.rawBody === '' ? undefined : safeJson(r.rawBody);
				const query = Object.keys(r.query ?? {}).length ? `?${new URLSearchParams(r.query).toString()}` : '';
				return walk(`${r.method} ${r.path}${query}${body === undefined ? '' : ` ${JSON.stringify(sortKeys(body))}`}`);
			})
			.sort(),
		nodes: {},
		error: runError(run),
	};
	if (testCase.layout === 'sub') {
		summary.nodes['sub:Node'] = subRuns.flatMap((subRun) => nodeRuns(subRun, NODE, walk, errorOutput, texts));
		summary.nodes.Call = nodeRuns(run, 'Call', walk, false, []);
		summary.subErrors = subRuns.map(runError);
	} else {
		summary.nodes[NODE] = nodeRuns(run, NODE, walk, errorOutput, texts);
		if (testCase.layout === 'loop') summary.nodes.Done = nodeRuns(run, 'Done', walk, false, []);
	}
	// The error texts of the node's error items (not compared: asserted, see compare()).
	summary.itemErrors = [...new Set(texts)].sort();
	return walk(summary);
}

function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function sortKeys(value) {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
	return value;
}

/**
 * A summary with each Omise object an item holds reduced to its kind, its id
 * and a hash of all of it (the recorded table stays small; any change in the
 * object still changes the hash). Rows and error items stay as they are.
 */
function compact(summary) {
	const item = ({ json, paired }) => {
		if (!json || typeof json.object !== 'string') return { json, paired };
		const hash = createHash('sha256').update(JSON.stringify(sortKeys(json))).digest('hex').slice(0, 16);
		return { json: { object: json.object, ...(json.id !== undefined ? { id: json.id } : {}), '#': hash }, paired };
	};
	const nodes = Object.fromEntries(
		Object.entries(summary.nodes).map(([name, runs]) => [
			name,
			runs.map((run) => ({ ...run, main: run.main.map(item), ...(run.errorOutput ? { errorOutput: run.errorOutput.map(item) } : {}) })),
		]),
	);
	return { ...summary, nodes };
}

// ---- comparison --------------------------------------------------------------

/** What is compared: everything but error texts (deliberate difference 3). */
function comparable(summary) {
	return {
		requests: summary.requests,
		nodes: summary.nodes,
		errorNode: summary.error ? summary.error.node ?? '(workflow)' : null,
		subErrorNodes: (summary.subErrors ?? []).map((e) => (e ? e.node ?? '(workflow)' : null)),
	};
}

/** How the Omise node words an error Omise answered with. */
const OMISE_ERROR = /^Omise error [a-z_0-9]+: ./;

const DELIBERATE = {
	1: 'bad input refused before any request (e.g. an empty id is refused instead of GET /links/)',
	2: 'a lost create answer is looked up (not in this matrix)',
	3: "error messages are Omise's code/message (compared: errored or not, and on which output; not the text)",
	4: 'with Batching the Omise node sends at most N requests in parallel (not in this matrix)',
	5: 'Retry On Fail never sends a create again once it was made (or may have been) in an earlier try: the HTTP Request node creates those rows again',
};

/** The outputs with each Omise object reduced to its kind (rows, pairing and errors kept). */
function stripObjects(nodes) {
	const item = (entry) => (entry.json && typeof entry.json.object === 'string' ? { ...entry, json: { object: entry.json.object } } : entry);
	return JSON.parse(JSON.stringify(nodes), (key, value) => (value && typeof value === 'object' && 'paired' in value && 'json' in value ? item(value) : value));
}

/** Where two values first differ, as short "path: a ≠ b" lines. */
function differences(a, b, path = '', out = []) {
	if (out.length >= 6) return out;
	if (JSON.stringify(a) === JSON.stringify(b)) return out;
	if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
		if (Array.isArray(a) && a.length !== b.length) {
			out.push(`${path || '.'}: ${a.length} vs ${b.length} entries — Omise ${short(a)} | HTTP ${short(b)}`);
			return out;
		}
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`, out);
		return out;
	}
	out.push(`${path || '.'}: Omise ${short(a)} | HTTP ${short(b)}`);
	return out;
}

/** Requests are a multiset (parallel requests arrive in any order): what only one side sent. */
function requestDifferences(omise, http) {
	const left = [...omise];
	const onlyHttp = [];
	for (const line of http) {
		const i = left.indexOf(line);
		if (i >= 0) left.splice(i, 1);
		else onlyHttp.push(line);
	}
	if (left.length === 0 && onlyHttp.length === 0) return [];
	const list = (lines) => (lines.length ? lines.map((l) => (l.length > 160 ? `${l.slice(0, 157)}...` : l)).join(' ; ') : 'nothing');
	return [`requests: Omise sent ${omise.length}, HTTP ${http.length}; only Omise: ${list(left)}; only HTTP: ${list(onlyHttp)}`];
}

function short(value) {
	const text = JSON.stringify(value) ?? 'undefined';
	return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

/**
 * Compares the Omise node's summary with the HTTP Request node's.
 * Returns { ok, verdict, deliberate: [numbers], details: [lines] }.
 */
function compare(testCase, omise, http) {
	const operation = OPERATIONS[testCase.op];
	const deliberate = [];
	const details = [];
	const expected = comparable(http);
	const actual = comparable(omise);
	if (operation.badInput) {
		// (1): the Omise node sends nothing for a bad row; everything else as the HTTP node does.
		const bad = http.requests.filter((line) => operation.badInput({ path: line.split(' ')[1].split('?')[0] }));
		if (bad.length > 0) {
			deliberate.push(1);
			expected.requests = http.requests.filter((line) => !bad.includes(line));
			details.push(`(1) HTTP sent ${bad.length} request(s) the Omise node refuses unsent: ${[...new Set(bad)].join(', ')}`);
		}
		const sentBad = omise.requests.filter((line) => operation.badInput({ path: line.split(' ')[1].split('?')[0] }));
		if (sentBad.length > 0) details.push(`the Omise node sent bad input: ${sentBad.join(', ')}`);
	}
	if (omise.error && http.error && omise.error.message !== http.error.message) {
		deliberate.push(3);
		details.push(`(3) Omise: "${omise.error.message}" | HTTP: "${http.error.message}"`);
	}
	// (3), asserted: the Omise node's errors — of the run, of a sub-workflow, on its items —
	// are Omise's code and message ("Omise error <code>: <message>"), or the node's own
	// refusal of bad input.
	const omiseTexts = [...(omise.error ? [omise.error.message] : []), ...(omise.subErrors ?? []).filter(Boolean).map((e) => e.message), ...(omise.itemErrors ?? [])];
	const notOmise = operation.badInput ? omiseTexts.filter((text) => !text) : omiseTexts.filter((text) => !OMISE_ERROR.test(text));
	if (notOmise.length > 0) details.push(`(3) not Omise's code/message: ${notOmise.map((t) => JSON.stringify(t)).join(', ')}`);
	if (omise.itemErrors?.length && http.itemErrors?.length && omise.itemErrors.join('\n') !== http.itemErrors.join('\n')) {
		deliberate.push(3);
		details.push(`(3) error items: Omise ${short(omise.itemErrors)} | HTTP ${short(http.itemErrors)}`);
	}
	if (SETTINGS[testCase.setting].node.retryOnFail && operation.creates) {
		// (5): HTTP's later tries repeat creates that were made; the Omise node sends each row's create
		// once, and again only after Omise refused it. Its requests are HTTP's without those repeats.
		const left = [...actual.requests];
		const repeats = [];
		for (const line of expected.requests) {
			const i = left.indexOf(line);
			if (i >= 0) left.splice(i, 1);
			else if (line.startsWith('POST ') && actual.requests.includes(line)) repeats.push(line);
		}
		if (repeats.length > 0) {
			deliberate.push(5);
			const dropped = [...repeats];
			expected.requests = expected.requests.filter((line) => {
				const i = dropped.indexOf(line);
				if (i < 0) return true;
				dropped.splice(i, 1);
				return false;
			});
			details.push(`(5) HTTP sent ${repeats.length} create(s) again in a later try; the Omise node did not`);
			// HTTP's items for those rows are the second objects it made: compare the outputs' shape, not their objects.
			expected.nodes = stripObjects(expected.nodes);
			actual.nodes = stripObjects(actual.nodes);
		}
	}
	const diff = [...requestDifferences(actual.requests, expected.requests), ...differences({ ...actual, requests: [] }, { ...expected, requests: [] })];
	const ok = diff.length === 0 && !details.some((d) => d.startsWith('the Omise node sent bad input') || d.startsWith('(3) not Omise'));
	const kept = [...new Set(deliberate)].sort();
	const verdict = ok ? (kept.length ? `same but (${kept.join(', ')})` : 'same') : 'DIFFERS';
	return { ok, verdict, deliberate: kept, details: ok ? details : [...diff, ...details] };
}

// ---- display -----------------------------------------------------------------

function countItems(runs, key) {
	return runs.reduce((n, r) => n + (r[key]?.length ?? 0), 0);
}

/** "2 req · out 2 · err-out 1 · ok" */
function describe(testCase, summary) {
	const name = testCase.layout === 'sub' ? 'sub:Node' : NODE;
	const runs = summary.nodes[name] ?? [];
	const parts = [`${summary.requests.length} req`];
	if (runs.length === 0) parts.push('not run');
	else {
		parts.push(`out ${countItems(runs, 'main')}`);
		if (runs.some((r) => r.errorOutput)) parts.push(`err-out ${countItems(runs, 'errorOutput')}`);
		if (runs.length > 1) parts.push(`${runs.length} runs`);
	}
	if (testCase.layout === 'loop') parts.push(`done ${countItems(summary.nodes.Done ?? [], 'main')}`);
	if (testCase.layout === 'sub') parts.push(`call out ${countItems(summary.nodes.Call ?? [], 'main')}`);
	parts.push(summary.error ? `ERROR at ${summary.error.node ?? 'workflow'}` : 'ok');
	return parts.join(' · ');
}

module.exports = {
	OMISE_VERSION,
	FIXED_NOW,
	SANDBOX_OPTIONS,
	NODE,
	START,
	OMISE_TYPE,
	OPERATIONS,
	SETTINGS,
	DELIBERATE,
	EXISTING_LINKS,
	allCases,
	rowsFor,
	buildWorkflow,
	prepareSandbox,
	credentialsFor,
	snapshot,
	normalizer,
	summarize,
	compact,
	compare,
	describe,
};
