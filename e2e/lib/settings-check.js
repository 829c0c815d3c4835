'use strict';
// n8n's node settings in real n8n (issue 17): Execute Once, alone and with On
// Error = Stop, for a read, a failing read and a create, over 3 input rows —
// what n8n's own HTTP Request node does (e2e/settings-matrix.js compares the
// whole matrix at the engine level): one request, one item, or the error.
const assert = require('node:assert/strict');
const { IDS } = require('./scenario');

const SETTINGS_WORKFLOW_ID = 'OmiseExecOnce001';
const CASES = [
	{ name: 'Account Get', parameters: { resource: 'account', operation: 'get' }, expect: { requests: ['GET /account'], items: 1 } },
	{ name: 'Link Create', parameters: { resource: 'link', operation: 'create', amount: '={{ $json.price }}', amountUnit: 'major', currency: 'THB', title: '={{ $json.title }}', description: 'Execute Once' }, expect: { requests: ['POST /links'], items: 1 } },
	{ name: 'Link Get Missing', parameters: { resource: 'link', operation: 'get', linkId: '={{ $json.missing }}' }, expect: { requests: ['GET /links/link_test_missing0'], error: 'Omise error not_found' } },
];

function settingsWorkflow() {
	const nodes = [
		{ id: 'd0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'd0000000-0000-4000-8000-000000000002',
			name: 'Rows',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode: "return [1, 2, 3].map((i) => ({ json: { title: 'Once ' + i, price: 100 + i, missing: 'link_test_missing' + (i - 1) } }));" },
		},
	];
	const connections = { Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] }, Rows: { main: [[]] } };
	CASES.forEach((c, index) => {
		nodes.push({
			id: `d0000000-0000-4000-8000-00000000001${index}`,
			name: c.name,
			type: 'n8n-nodes-omise.omise',
			typeVersion: 1,
			position: [440, index * 200],
			executeOnce: true,
			parameters: c.parameters,
			credentials: { omiseApi: { id: IDS.omiseCredential, name: 'Omise account' } },
		});
		connections.Rows.main[0].push({ node: c.name, type: 'main', index: 0 });
	});
	return { id: SETTINGS_WORKFLOW_ID, name: 'e2e: Execute Once with On Error = Stop', active: false, settings: { executionOrder: 'v1' }, connections, nodes };
}

/** Runs one Omise node of the workflow at a time (n8n stops a run at the first failing node), so each is disabled but one. */
async function checkExecuteOnce(n8n, sandbox, tail, nodeRun) {
	const lines = [];
	for (const c of CASES) {
		const workflow = settingsWorkflow();
		for (const node of workflow.nodes) if (node.type === 'n8n-nodes-omise.omise' && node.name !== c.name) node.disabled = true;
		await n8n.importWorkflows([workflow]);
		sandbox.clearRequests();
		const r = await n8n.execute(SETTINGS_WORKFLOW_ID);
		const { run, task } = nodeRun(`${r.stdout}\n${r.stderr}`, c.name);
		const requests = sandbox.requests.map((q) => `${q.method} ${q.path}`);
		assert.deepEqual(requests, c.expect.requests, `${c.name} with Execute Once sends one request\n${tail(r.stdout, 30)}`);
		if (c.expect.error) {
			const error = (task && task.error) || (run.data || run).resultData.error;
			assert.ok(error && String(error.message).startsWith(c.expect.error), `${c.name}: the node fails with ${c.expect.error}, got ${error && error.message}`);
			lines.push(`${c.name}: 1 request, error "${error.message}"`);
		} else {
			const items = task.data.main[0];
			assert.equal(items.length, c.expect.items, `${c.name}: one item`);
			assert.deepEqual(items[0].pairedItem, { item: 0 }, `${c.name}: paired with row 1`);
			lines.push(`${c.name}: 1 request, 1 item`);
		}
	}
	return lines.join('; ');
}

module.exports = { settingsWorkflow, checkExecuteOnce, SETTINGS_WORKFLOW_ID };
