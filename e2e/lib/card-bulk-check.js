'use strict';
// Card charges alike but for their card tokens (a sheet of customers buying the
// same plan) created inside real n8n against a sandbox that fails requests the
// way networks do and where someone else makes a twin of some rows' charges.
// Proves from n8n's saved run and the sandbox's state (issue 17): every row
// once and paired; a charge reported for a row is that row's own (its card is
// made from the row's token, it carries the row's request mark); no stranger's
// twin is ever claimed; every charge made for a row is reported by it.
const assert = require('node:assert/strict');
const { IDS } = require('./scenario');

const ROWS = 120;
const CARD_BULK_WORKFLOW_ID = 'OmiseCardBulk001';
const MARK_KEY = 'n8n_request_id';

const faultFor = (row, spec) => ({ path: '/charges', bodyIncludes: `"tokn_test_e2e${row}"`, ...spec });
function faults() {
	const list = [];
	for (let row = 1; row <= ROWS; row += 1) {
		if (row % 10 === 1) list.push(faultFor(row, { kind: '500', process: true })); // made, then 500
		if (row % 10 === 2) list.push(faultFor(row, { kind: '500', process: false, twin: true })); // not made; a stranger's twin is
		if (row % 10 === 4) list.push(faultFor(row, { kind: 'stall' })); // made, no answer
		if (row % 10 === 6) list.push(faultFor(row, { kind: 'reset', process: false })); // dropped before creating
		if (row % 10 === 7) list.push(faultFor(row, { kind: 'reset', twin: true })); // made, dropped, and a twin
		if (row % 20 === 13) list.push(faultFor(row, { kind: '429', times: 1 }));
	}
	return list;
}

function cardBulkWorkflow() {
	return {
		id: CARD_BULK_WORKFLOW_ID,
		name: 'e2e: faulty bulk card charges, alike rows and strangers\' twins',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Charge Cards', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: 'c0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c0000000-0000-4000-8000-000000000002',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return Array.from({ length: ${ROWS} }, (_, i) => ({ json: { customer: 'Member ' + (i + 1), token: 'tokn_test_e2e' + (i + 1) } }));` },
			},
			{
				id: 'c0000000-0000-4000-8000-000000000003',
				name: 'Charge Cards',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'charge',
					operation: 'create',
					amount: 990,
					amountUnit: 'major',
					currency: 'THB',
					paymentMethod: 'card',
					card: '={{ $json.token }}',
					additionalFields: { description: 'Gold plan' },
					requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 0 } }, timeout: 1500 },
				},
				credentials: { omiseApi: { id: IDS.omiseCredential, name: 'Omise account' } },
			},
		],
	};
}

/** The row a charge was made for: the sandbox names a token's card after it (tokn_test_e2e7 → card_test_e2e7). */
const rowOf = (charge) => Number((/^card_test_e2e(\d+)$/.exec((charge.card && charge.card.id) || '') || [])[1] || 0) - 1;

async function checkCardBulk(n8n, sandbox, tail, nodeRun) {
	sandbox.faults.set(faults());
	sandbox.clearRequests();
	const r = await n8n.execute(CARD_BULK_WORKFLOW_ID);
	sandbox.faults.set([]);
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 60)}\n${tail(r.stderr, 30)}`);
	const run = nodeRun(r.stdout, 'Charge Cards').run;
	const items = (run.data || run).resultData.runData['Charge Cards'][0].data.main[0];
	assert.equal(items.length, ROWS, 'one item per row');
	const twins = new Set(sandbox.twins);
	const charges = sandbox.store.all('charge', false).filter((charge) => !twins.has(charge.id) && rowOf(charge) >= 0);
	const byId = new Map(sandbox.store.all('charge', false).map((charge) => [charge.id, charge]));
	const markOfRow = new Map();
	for (const q of sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/charges')) {
		const body = JSON.parse(q.rawBody);
		markOfRow.set(Number(String(body.card).replace('tokn_test_e2e', '')) - 1, body.metadata && body.metadata[MARK_KEY]);
	}
	let own = 0;
	let unknown = 0;
	items.forEach((item, index) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		assert.equal(paired && paired.item, index, `item ${index} is paired with row ${index}`);
		if (item.json.id) {
			const charge = byId.get(item.json.id);
			assert.ok(!twins.has(item.json.id), `row ${index + 1} claimed a stranger's twin ${item.json.id}`);
			assert.equal(rowOf(charge), index, `row ${index + 1} carries row ${rowOf(charge) + 1}'s charge`);
			assert.equal(charge.metadata[MARK_KEY], markOfRow.get(index), `row ${index + 1}'s charge carries its request mark`);
			own += 1;
		} else {
			assert.match(String(item.json.error), /^Outcome unknown/, `row ${index + 1}: ${item.json.error}`);
			assert.ok(!charges.some((charge) => rowOf(charge) === index), `row ${index + 1} is "outcome unknown" but its charge exists`);
			unknown += 1;
		}
	});
	const reported = new Set(items.map((item) => item.json.id).filter(Boolean));
	assert.deepEqual(charges.filter((charge) => !reported.has(charge.id)).map((charge) => charge.id), [], 'every charge made for a row is reported');
	return `${ROWS} alike rows → ${own} charges, each its row's own (card and request mark), ${unknown} "outcome unknown" (never made), ${twins.size} strangers' twins none claimed`;
}

module.exports = { cardBulkWorkflow, checkCardBulk, CARD_BULK_WORKFLOW_ID };
