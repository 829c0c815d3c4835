'use strict';
// Issue 21: a workflow saved with version 2 of the Omise node, its IDs picked
// in From List mode (as the editor saves a pick: the ID and the label shown),
// imported into real n8n and run with `n8n execute`: a saved customer is read,
// charged on the card picked from their list, and the charge refunded in part,
// whose Charge ID is an expression in By ID mode. Simplify is on by default.
const assert = require('node:assert/strict');
const { omiseApi } = require('./sandbox-api');
const { IDS } = require('./scenario');

const WORKFLOW_ID = 'OmiseVersion2001';
const uuid = (n) => `e2000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A resource locator as the editor saves a pick From List. */
const picked = (value, label) => ({ __rl: true, mode: 'list', value, cachedResultName: label });

function version2Workflow(customer) {
	const omise = (n, name, parameters) => ({
		id: uuid(n),
		name,
		type: 'n8n-nodes-omise.omise',
		typeVersion: 2,
		position: [220 * n, 0],
		parameters,
		credentials: { omiseApi: { id: IDS.omiseCredential, name: 'Omise account' } },
	});
	return {
		id: WORKFLOW_ID,
		name: 'e2e: version 2, IDs picked From List',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Get the customer', type: 'main', index: 0 }]] },
			'Get the customer': { main: [[{ node: 'Charge their card', type: 'main', index: 0 }]] },
			'Charge their card': { main: [[{ node: 'Refund part of it', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: uuid(0), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			omise(1, 'Get the customer', { resource: 'customer', operation: 'get', customerId: picked(customer.id, `${customer.email} (${customer.id})`) }),
			omise(2, 'Charge their card', {
				resource: 'charge',
				operation: 'create',
				amount: '1500.50',
				currency: 'THB',
				paymentMethod: 'customer',
				customer: picked(customer.id, `${customer.email} (${customer.id})`),
				card: picked(customer.default_card, `Visa · •••• 4242 (${customer.default_card})`),
			}),
			omise(3, 'Refund part of it', {
				resource: 'refund',
				operation: 'create',
				chargeId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				amount: '500.25',
			}),
		],
	};
}

async function checkVersion2(n8n, sandbox, tail, nodeRun) {
	const customer = await omiseApi(sandbox, 'POST', '/customers', { email: 'picked@example.com', description: 'Picked from the list', card: 'tokn_test_e2eversion2' });
	await n8n.importWorkflows([version2Workflow(customer)]);
	sandbox.clearRequests();
	const r = await n8n.execute(WORKFLOW_ID);
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 60)}\n${tail(r.stderr, 30)}`);
	const items = (name) => nodeRun(r.stdout, name).task.data.main[0].map((item) => item.json);

	const requests = sandbox.requests.map((q) => `${q.method} ${q.path.split('?')[0]}`);
	const charges = sandbox.requestsTo('POST', '/charges').filter((q) => q.path.split('?')[0] === '/charges');
	assert.equal(charges.length, 1, `one charge (requests: ${requests.join(', ')})`);
	const chargeBody = JSON.parse(charges[0].rawBody);
	assert.deepEqual([chargeBody.customer, chargeBody.card, chargeBody.amount, chargeBody.currency], [customer.id, customer.default_card, 150050, 'thb'], 'the picked customer and card are charged');
	const [got] = items('Get the customer');
	const [charge] = items('Charge their card');
	const [refund] = items('Refund part of it');
	assert.equal(got.id, customer.id, 'Customer → Get read the picked customer');
	assert.ok(!('cards' in got) && got.default_card === customer.default_card, 'Simplify (on by default in version 2): default_card, not every card');
	assert.deepEqual([charge.amount_major, charge.currency], ['1500.50', 'THB'], 'the charge, simplified');
	assert.equal(refund.charge, charge.id, 'the refund is of the charge the expression named');
	assert.equal(refund.amount_major, '500.25');
	assert.deepEqual(
		requests.filter((line) => !line.startsWith('GET /charges?') && !line.startsWith('GET /search')),
		[`GET /customers/${customer.id}`, 'POST /charges', `GET /charges/${charge.id}`, `POST /charges/${charge.id}/refunds`],
		'the requests the three nodes make',
	);
	return `${customer.id} read, charged 1500.50 THB on ${customer.default_card} (both picked From List) → ${charge.id}, refunded 500.25 THB; items simplified`;
}

module.exports = { checkVersion2, version2Workflow, WORKFLOW_ID };
