'use strict';
// Issue 21's pickers in the real editor (run by e2e/screenshot.js): version 2
// of the Omise node, its Omise IDs picked From List or pasted as a dashboard
// URL, and a switch from Customer → Create to Schedule → Create that carries
// no card token. Each check runs the node against the sandbox, or reads the
// workflow as n8n saved it.
const { omiseApi } = require('./sandbox-api');
const S = require('./scenario');

const PICKERS_ID = 'OmisePickers001';
const uuid = (n) => `f2100000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Customers to pick from (Somchai last, so newest first), and a charge to paste the URL of. */
async function seedPickable(sandbox) {
	await omiseApi(sandbox, 'POST', '/customers', { email: 'malee@example.com', description: 'Silver member', card: 'tokn_test_screens1' });
	await omiseApi(sandbox, 'POST', '/customers', { email: 'niran@example.com', description: 'Trial' });
	const somchai = await omiseApi(sandbox, 'POST', '/customers', { email: 'somchai@example.com', description: 'Gold member', card: 'tokn_test_screens2' });
	const charge = await omiseApi(sandbox, 'POST', '/charges', { amount: 150050, currency: 'thb', card: 'tokn_test_screens3', description: 'Latte x 30' });
	return { somchai, charge };
}

function pickersWorkflow() {
	const omise = (n, name, parameters) => ({
		id: uuid(n),
		name,
		type: 'n8n-nodes-omise.omise',
		typeVersion: 2,
		position: [260, (n - 2) * 200],
		parameters,
		credentials: { omiseApi: { id: S.IDS.omiseCredential, name: 'Omise account' } },
	});
	const names = ['Charge a saved customer', 'Get a charge', 'Save a customer'];
	return {
		id: PICKERS_ID,
		name: 'Omise: version 2 pickers',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [names.map((node) => ({ node, type: 'main', index: 0 }))] } },
		nodes: [
			{ id: uuid(0), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			omise(1, names[0], { resource: 'charge', operation: 'create', amount: '250.00', currency: 'THB', paymentMethod: 'customer' }),
			omise(2, names[1], { resource: 'charge', operation: 'get', chargeId: { __rl: true, mode: 'url', value: '' } }),
			omise(3, names[2], { resource: 'customer', operation: 'create', email: 'new@example.com', cardToken: 'tokn_test_carried' }),
		],
	};
}

/** Picks `option` in the options parameter `name` of the open node. */
async function choose(page, name, option) {
	await page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`).first().click();
	await page.waitForTimeout(800);
	// (an option with a description shows its name as .option-headline)
	const item = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible, .option-headline:visible', { hasText: new RegExp(`^\\s*${option}\\s*$`) }).first();
	if ((await item.count()) === 0) {
		const seen = await page.locator(':visible', { hasText: new RegExp(`^\\s*${option}\\s*$`) }).evaluateAll((els) => els.slice(-5).map((el) => el.outerHTML.slice(0, 300)));
		throw new Error(`no option "${option}" for ${name}; elements with that text: ${seen.join('\n')}`);
	}
	await item.click();
	await page.waitForTimeout(800);
}

async function executeOpenNode(page) {
	await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first().click();
	await page.waitForTimeout(3000);
}

async function checkPickers({ page, n8n, sandbox, seeded, openWorkflow, openNode, shot, log }) {
	const { somchai, charge } = seeded;
	await openWorkflow(PICKERS_ID);

	// 1. Charge → Create of a saved customer: the Customer list, searched, then a pick.
	await openNode('Charge a saved customer');
	const customerField = page.locator('[data-test-id="ndv"] [data-test-id="resource-locator-customer"]').first();
	await customerField.locator('[data-test-id="rlc-input"]').first().click();
	await page.locator('[data-test-id="rlc-item"]').first().waitFor({ timeout: 30000 });
	const listed = await page.locator('[data-test-id="rlc-item"]').allInnerTexts();
	if (!listed[0] || !listed[0].includes(`somchai@example.com · Gold member`)) throw new Error(`the Customer list does not start with the newest customer, labelled: ${JSON.stringify(listed)}`);
	await page.keyboard.type('somchai');
	await page.waitForTimeout(2000);
	const found = (await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).map((text) => text.trim());
	if (found.length !== 1 || !found[0].includes(somchai.id)) throw new Error(`typing "somchai" in the Customer list shows ${JSON.stringify(found)}`);
	await shot('customer-picker.png');
	await page.locator('[data-test-id="rlc-item"]').first().click();
	await page.waitForTimeout(800);
	sandbox.clearRequests();
	await executeOpenNode(page);
	const posted = sandbox.requestsTo('POST', '/charges').filter((q) => q.path.split('?')[0] === '/charges').map((q) => JSON.parse(q.rawBody));
	if (posted.length !== 1 || posted[0].customer !== somchai.id || posted[0].amount !== 25000) throw new Error(`running the node did not charge the picked customer: ${JSON.stringify(posted)}`);
	log(`checked: Charge → Create's Customer list (newest first, "somchai" searched) → ${somchai.id} picked → the run charged it 250.00 THB`);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);

	// 2. Charge → Get: the dashboard URL of a charge pasted in By URL.
	await openNode('Get a charge');
	const url = `https://dashboard.omise.co/test/charges/${charge.id}`;
	const urlInput = page.locator('[data-test-id="ndv"] [data-test-id="resource-locator-chargeId"] [data-test-id="rlc-input"] input, [data-test-id="ndv"] [data-test-id="resource-locator-chargeId"] input[data-test-id="rlc-input"]').first();
	await urlInput.click();
	await urlInput.fill(url);
	await page.keyboard.press('Tab');
	await page.waitForTimeout(800);
	sandbox.clearRequests();
	await executeOpenNode(page);
	const gets = sandbox.requests.map((q) => `${q.method} ${q.path.split('?')[0]}`);
	if (!gets.includes(`GET /charges/${charge.id}`)) throw new Error(`the pasted URL did not reach Omise as the charge's ID: ${gets.join(', ')}`);
	const output = await page.locator('[data-test-id="ndv"]').first().innerText();
	if (!output.includes('1500.50')) throw new Error(`the output does not show the charge's amount_major 1500.50:\n${output.slice(0, 1500)}`);
	await shot('charge-by-url.png');
	log(`checked: ${url} pasted in Charge ID (By URL) → GET /charges/${charge.id}, its output simplified (1500.50)`);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);

	// 3. Customer → Create with a card token, switched to Schedule → Create: Card is empty.
	await openNode('Save a customer');
	await choose(page, 'resource', 'Schedule');
	await choose(page, 'operation', 'Create');
	const values = await page.locator('[data-test-id="ndv"] input, [data-test-id="ndv"] textarea').evaluateAll((inputs) => inputs.map((input) => input.value));
	if (values.some((value) => value.includes('tokn_'))) throw new Error(`a card token was carried into Schedule → Create: ${JSON.stringify(values)}`);
	const cardField = await page.locator('[data-test-id="ndv"] [data-test-id="resource-locator-card"]').count();
	if (cardField !== 1) throw new Error('Schedule → Create shows no Card picker');
	await shot('customer-to-schedule.png');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
	await page.keyboard.press('Control+s');
	await page.waitForTimeout(1500);
	const saved = await page.request.get(`${n8n.url}/rest/workflows/${PICKERS_ID}`);
	const node = (await saved.json()).data.nodes.find((candidate) => candidate.name === 'Save a customer');
	if (node.parameters.resource !== 'schedule' || JSON.stringify(node.parameters).includes('tokn_')) throw new Error(`the saved node still holds the card token: ${JSON.stringify(node.parameters)}`);
	log(`checked: Customer → Create (Card Token tokn_test_carried) switched to Schedule → Create shows an empty Card picker; saved parameters hold no token: ${JSON.stringify(node.parameters)}`);
}

module.exports = { PICKERS_ID, seedPickable, pickersWorkflow, checkPickers };
