'use strict';
// A bulk Link → Create of 240 rows inside real n8n, against a sandbox that
// fails some requests the way networks do (500 before or after creating, 429
// with Retry-After, an answer that never comes, a dropped connection). Proves,
// from n8n's own saved execution and the sandbox's state: every row comes out
// exactly once, paired with its row; every link that exists is reported by one
// row; no link was created twice; rows limited by 429 were sent again.
const assert = require('node:assert/strict');
const { IDS } = require('./scenario');

const ROWS = 240;
const BULK_WORKFLOW_ID = 'OmiseBulkFaults1';
const BULK_RETRY_WORKFLOW_ID = 'OmiseBulkRetry01';

// Each create request is checked against these in order; `every: n` fires on every n-th request that reaches it.
const FAULTS = [
	{ kind: '500', path: '/links', every: 17, process: true }, // created, then 500
	{ kind: '500', path: '/links', every: 19 }, // 500 without creating
	{ kind: '429', path: '/links', every: 11, retryAfter: 1 },
	{ kind: 'stall', path: '/links', every: 23 }, // created, answer never comes
	{ kind: 'reset', path: '/links', every: 29 }, // created, connection dropped
	{ kind: 'reset', path: '/links', every: 31, process: false }, // dropped before creating
];

const titlePrefix = (retryOnFail) => (retryOnFail ? 'Retry row ' : 'Bulk row ');

// Started by hand (`n8n execute`), or by a POST to /webhook/<webhookPath> answered with the last node's
// items once the run is over (queue mode: the run happens on a worker).
const manualStart = { id: 'b0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const webhookStart = (webhookPath) => ({
	...manualStart,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: 'b0000000-0000-4000-8000-0000000000b1',
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
});

function bulkWorkflow(id, { retryOnFail, webhookPath }) {
	return {
		id,
		name: retryOnFail ? 'e2e: faulty bulk create, Retry On Fail' : 'e2e: faulty bulk create',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Create Links', type: 'main', index: 0 }]] },
		},
		nodes: [
			webhookPath ? webhookStart(webhookPath) : manualStart,
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return Array.from({ length: ${ROWS} }, (_, i) => ({ json: { row: i + 1, title: '${titlePrefix(retryOnFail)}' + (i + 1), price: (100 + i) + '.25' } }));` },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: 'Create Links',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [440, 0],
				...(retryOnFail ? { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } : { onError: 'continueRegularOutput' }),
				parameters: {
					resource: 'link',
					operation: 'create',
					amount: '={{ $json.price }}',
					amountUnit: 'major',
					currency: 'THB',
					title: '={{ $json.title }}',
					description: '={{ $json.title }}',
					requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 0 } }, timeout: 1500 },
				},
				credentials: { omiseApi: { id: IDS.omiseCredential, name: 'Omise account' } },
			},
		],
	};
}

function bulkWorkflows() {
	return [bulkWorkflow(BULK_WORKFLOW_ID, { retryOnFail: false }), bulkWorkflow(BULK_RETRY_WORKFLOW_ID, { retryOnFail: true })];
}

/** The Continue workflow started by a webhook (queue mode). */
function webhookBulkWorkflow(id, webhookPath) {
	return bulkWorkflow(id, { retryOnFail: false, webhookPath });
}

/**
 * The run of `nodeName` as n8n execute prints it: with --rawOutput the run as JSON
 * when it succeeds; when it fails, n8n logs "Execution error:" and the same JSON,
 * pretty-printed (a top-level "{" line to the next top-level "}" line).
 */
function nodeRun(output, nodeName) {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line === '{');
	const end = lines.findIndex((line, index) => index > start && line === '}');
	assert.ok(start >= 0 && end > start, `n8n execute printed no run:\n${output.slice(-2000)}`);
	const run = JSON.parse(lines.slice(start, end + 1).join('\n'));
	const runData = (run.data || run).resultData.runData;
	return { run, task: runData[nodeName] && runData[nodeName][0] };
}

function linksByTitle(sandbox, prefix) {
	const byTitle = new Map();
	for (const link of sandbox.store.all('link', false)) {
		if (!String(link.title).startsWith(prefix)) continue;
		byTitle.set(link.title, [...(byTitle.get(link.title) || []), link]);
	}
	return byTitle;
}

/** The Continue workflow run with `n8n execute`: see checkBulkRun. */
async function checkFaultyBulk(n8n, sandbox, tail) {
	return checkBulkRun(sandbox, async () => {
		const r = await n8n.execute(BULK_WORKFLOW_ID);
		if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 60)}\n${tail(r.stderr, 30)}`);
		return nodeRun(r.stdout, 'Create Links').run;
	});
}

/**
 * Runs the Continue workflow with the sandbox failing requests (`runBulk` starts it and resolves
 * with n8n's saved run): every row once, paired, every link reported, nothing doubled.
 */
async function checkBulkRun(sandbox, runBulk) {
	sandbox.faults.set(FAULTS);
	sandbox.clearRequests();
	const before = sandbox.store.all('link', false).length;
	const run = await runBulk().finally(() => sandbox.faults.set([]));
	const items = (run.data || run).resultData.runData['Create Links'][0].data.main[0];
	assert.equal(items.length, ROWS, 'one item per row');
	items.forEach((item, index) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		assert.equal(paired && paired.item, index, `item ${index} is paired with row ${index}`);
		if (item.json.id) assert.equal(item.json.title, `Bulk row ${index + 1}`, `item ${index} is row ${index + 1}'s link`);
	});
	const byTitle = linksByTitle(sandbox, titlePrefix(false));
	const doubled = [...byTitle].filter(([, links]) => links.length > 1);
	assert.deepEqual(doubled.map(([title]) => title), [], 'no row has two links');
	const reported = new Set(items.map((item) => item.json.id).filter(Boolean));
	const existing = [...byTitle.values()].flat();
	assert.equal(sandbox.store.all('link', false).length - before, existing.length);
	const unreported = existing.filter((link) => !reported.has(link.id));
	assert.deepEqual(unreported.map((link) => link.title), [], 'every link that exists is in the output');
	const recovered = items.filter((item) => item.json.recovered);
	const unknown = items.filter((item) => /^Outcome unknown/.test(String(item.json.error)));
	const otherErrors = items.filter((item) => item.json.error && !/^Outcome unknown/.test(String(item.json.error)));
	assert.deepEqual(otherErrors.map((item) => item.json.error), [], 'no other errors');
	const fired = { '500+created': 0, 500: 0, 429: 0, 'stall+created': 0, 'reset+created': 0, reset: 0 };
	for (const request of sandbox.requests.filter((q) => q.fault)) fired[`${request.fault}${request.handled ? '+created' : ''}`] += 1;
	assert.ok(fired['429'] > 0 && fired['stall+created'] > 0 && fired['reset+created'] > 0, `faults fired: ${JSON.stringify(fired)}`);
	assert.equal(recovered.length, fired['500+created'] + fired['stall+created'] + fired['reset+created'], 'every created-then-failed row was recovered');
	const posts = sandbox.requests.filter((q) => q.method === 'POST' && q.path === '/links').map((q) => JSON.parse(q.rawBody).title);
	const limitedTitles = new Set(sandbox.requests.filter((q) => q.fault === '429').map((q) => JSON.parse(q.rawBody).title));
	for (const title of limitedTitles) assert.ok(posts.filter((t) => t === title).length >= 2, `${title} was limited by 429, then sent again`);
	const sentAgain = posts.filter((title, index) => posts.indexOf(title) !== index && !limitedTitles.has(title));
	assert.deepEqual(sentAgain, [], 'only rows limited by 429 were sent more than once');
	return `${ROWS} rows → ${reported.size} links (${recovered.length} recovered after a lost answer), ${unknown.length} "outcome unknown", 0 doubled, faults ${JSON.stringify(fired)}`;
}

/** Runs the Retry On Fail workflow (On Error = Stop): the node fails, no row is created twice, the error names every link. */
async function checkFaultyBulkWithRetry(n8n, sandbox, tail) {
	sandbox.faults.set(FAULTS);
	sandbox.clearRequests();
	const r = await n8n.execute(BULK_RETRY_WORKFLOW_ID);
	sandbox.faults.set([]);
	const { run, task } = nodeRun(`${r.stdout}\n${r.stderr}`, 'Create Links');
	const error = (task && task.error) || run.data.resultData.error;
	assert.ok(error, `the node failed (a row's outcome stays unknown)\n${tail(r.stdout, 40)}`);
	const posts = sandbox.requests.filter((q) => q.method === 'POST' && q.path === '/links');
	const byTitle = new Map();
	for (const q of posts) {
		const title = JSON.parse(q.rawBody).title;
		byTitle.set(title, [...(byTitle.get(title) || []), q]);
	}
	// a title is sent again only after Omise did not process it (429, or a 500/reset without creating)
	const links = [...linksByTitle(sandbox, titlePrefix(true)).values()];
	const doubled = links.filter((list) => list.length > 1);
	assert.deepEqual(doubled.map((list) => list[0].title), [], 'no row was created twice over the tries');
	const description = `${error.message}\n${error.description}`;
	const missing = links.flat().filter((link) => !description.includes(link.id));
	assert.deepEqual(missing.map((link) => link.id), [], 'the error names every link that exists');
	return `${posts.length} create requests for ${byTitle.size} rows over up to 3 tries → ${links.length} links, 0 doubled, every link named in the error`;
}

module.exports = { bulkWorkflows, webhookBulkWorkflow, checkFaultyBulk, checkBulkRun, checkFaultyBulkWithRetry, nodeRun, BULK_WORKFLOW_ID, BULK_RETRY_WORKFLOW_ID, ROWS };
