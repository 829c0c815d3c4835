#!/usr/bin/env node
'use strict';
/*
 * Screenshots of this package in the real n8n editor, for the README. Run by
 * hand after `npm run build` (not in CI):
 *
 *   apt-get install -y chromium        # Debian's Chromium, driven by playwright-core
 *   node e2e/screenshot.js [--n8n=2|1] [--out=docs]
 *
 * Starts n8n (from the e2e cache) in a throwaway folder with this package
 * packed and installed as a community package, imports the example workflows and an Omise
 * credential, creates the owner account, logs in with headless Chromium and
 * writes:
 *   docs/omise-node-parameters.png     the Omise node (Link → Create) open in the editor
 *   docs/omise-nodes-panel.png         the nodes panel searched for "omise": the one Omise entry
 *   docs/omise-trigger-parameters.png  the Omise Trigger: its set-up notice, Webhook URLs open at Production URL
 *   docs/csv-to-payment-links.png      the CSV example on the canvas
 *   docs/promptpay-qr-charge.png       Charge → Create with Payment Method Type PromptPay and Download QR Code
 *   docs/csv-to-promptpay-qr-email.png the PromptPay QR by email example on the canvas
 *   docs/monthly-schedule.png          Schedule → Create of the membership example
 *   docs/omise-own-error.png           a refusal of the node's own (bad currency) after a run
 *   docs/simplified-output.png         Link → Create with Simplify on, run against the sandbox: its output
 *   docs/promptpay-qr-action.png       the nodes panel searched for "promptpay", the Omise entry open: its PromptPay QR action
 *   docs/promptpay-qr-two-clicks.png   the node those two clicks open: Charge → Create PromptPay QR
 *   docs/customer-picker.png           version 2: Charge → Create's Customer list, searched for "somchai"
 *   docs/charge-by-url.png             version 2: a dashboard URL pasted in Charge → Get's Charge ID, run
 *   docs/customer-to-schedule.png      version 2: Customer → Create switched to Schedule → Create, Card empty
 * and checks in the browser that:
 *   - searching "omise" or "payment link" in the nodes panel shows one Omise
 *     entry whose description is the package's (the node's actions and the
 *     trigger), not only the trigger's: n8n merges omiseTrigger into omise and
 *     shows the trigger's description for both;
 *   - the trigger's set-up notice renders as four numbered list items with its
 *     links, and its step 1 holds: Webhook URLs → Production URL shows /webhook/;
 *   - the node's own refusal is shown as the node's error, without n8n's
 *     "From Omise" details section or an error code;
 *   - "promptpay" in the nodes panel, the Omise entry, then its action "Create a
 *     PromptPay QR payment request": two clicks open Charge → Create PromptPay QR;
 *   - version 2 (e2e/lib/picker-screens.js): the Customer list of Charge → Create
 *     is newest first and labelled, typing searches Omise, the picked customer
 *     is the one charged when the node runs; a pasted dashboard URL reaches Omise
 *     as the charge's ID; Customer → Create's card token is not carried into
 *     Schedule → Create's Card (on screen, and in the saved workflow);
 *   - with Simplify, 1500.50 typed in the default Major Unit comes out as
 *     amount_major "1500.50", with payment_uri among the first columns.
 * The Omise credential points at a local sandbox (npm run sandbox's server).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installN8n } = require('./install');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { log, onCleanup, cleanupAll } = require('./lib/proc');
const { N8n, REPO, packageInfo, packPackage, installCommunityPackage, tempRoot } = require('./lib/n8n');
const S = require('./lib/scenario');
const pickers = require('./lib/picker-screens');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWNER = { email: 'screenshots@example.com', firstName: 'Omise', lastName: 'Screens', password: 'Screenshots2026' };

const BAD_INPUT_ID = 'OmiseBadInput001';
const SIMPLIFY_ID = 'OmiseSimplify001';

/** Manual trigger → Link → Create with a currency Omise does not know: refused by the node before any request. */
function badInputWorkflow() {
	return {
		id: BAD_INPUT_ID,
		name: 'Omise: a refusal of the node itself',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Start: { main: [[{ node: 'Create link', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'c0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c0000000-0000-4000-8000-000000000002',
				name: 'Create link',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'link', operation: 'create', amount: 150, amountUnit: 'major', currency: 'BAHT', title: 'Latte', description: 'Hot latte' },
				credentials: { omiseApi: { id: S.IDS.omiseCredential, name: 'Omise account' } },
			},
		],
	};
}

/** Manual trigger → Link → Create, 1500.50 in the default unit (Major Unit), with Simplify on. */
function simplifyWorkflow() {
	const wf = badInputWorkflow();
	wf.id = SIMPLIFY_ID;
	wf.name = 'Omise: a payment link, simplified';
	wf.nodes[1].parameters = { resource: 'link', operation: 'create', amount: 1500.5, currency: 'THB', title: 'Latte for two', description: 'Order 1042', simplify: true };
	return wf;
}

function arg(name, fallback) {
	const a = process.argv.slice(2).find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : fallback;
}

async function main() {
	const major = Number(arg('n8n', '2'));
	const outDir = path.resolve(REPO, arg('out', 'docs'));
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	const info = packageInfo();
	if (info.missing.length) throw new Error(`dist/ is incomplete (${info.missing.join(', ')}): run npm run build first`);
	const descriptions = require(path.join(REPO, 'dist', 'nodes', 'shared', 'editorText.js'));
	const { chromium } = require('playwright-core');
	await installN8n(major);

	const root = tempRoot('omise-screens-');
	onCleanup('temp folder', () => fs.rmSync(root, { recursive: true, force: true }));
	const n8n = await new N8n({ major, root }).init();
	// The packed package, installed as n8n installs community packages: its `n8n-workflow`
	// is then n8n's own (a linked checkout would load the repository's copy instead).
	const { tarball } = await packPackage(root);
	await installCommunityPackage(n8n.n8nFolder, { tarball });
	const sandbox = await createSandbox({ port: 0 });
	onCleanup('sandbox', () => sandbox.close());
	const seeded = await pickers.seedPickable(sandbox);
	await n8n.importCredentials(
		S.credentials({ sandboxUrl: sandbox.url, secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret: '', smtpPort: 25, refundToken: 'x' }),
	);
	await n8n.importWorkflows([
		S.csvWorkflow(path.join(n8n.filesDir, 'omise')),
		S.readExample('email-on-paid-charge.json'),
		S.readExample('csv-to-promptpay-qr-email.json'),
		S.readExample('monthly-membership.json'),
		badInputWorkflow(),
		simplifyWorkflow(),
		pickers.pickersWorkflow(),
	]);
	await n8n.start();
	onCleanup('n8n', () => n8n.stop());
	// n8n 1.x answers /healthz/readiness a few seconds before its REST routes exist (404 until then).
	let setup;
	for (let tries = 0; tries < 60; tries++) {
		setup = await fetch(`${n8n.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (setup.status !== 404) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (setup.status !== 200) throw new Error(`owner set-up answered ${setup.status}: ${await setup.text()}`);

	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omise-chromium-'));
	onCleanup('chromium profile', () => fs.rmSync(userDataDir, { recursive: true, force: true }));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 1000 },
	});
	onCleanup('chromium', () => context.close());
	const page = context.pages()[0] || (await context.newPage());
	const login = await page.request.post(`${n8n.url}/rest/login`, {
		data: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
	});
	if (login.status() !== 200) throw new Error(`login answered ${login.status()}`);
	fs.mkdirSync(outDir, { recursive: true });
	const written = [];

	async function openWorkflow(id) {
		await page.goto(`${n8n.url}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
		await page.waitForTimeout(1500);
	}
	async function shot(name) {
		const file = path.join(outDir, name);
		await page.mouse.move(2, 400); // no hover toolbars over the parameters
		await page.waitForTimeout(500);
		await page.screenshot({ path: file });
		written.push(file);
		log(`wrote ${path.relative(REPO, file)}`);
	}
	async function openNode(name) {
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first().waitFor({ timeout: 30000 });
		await page.waitForTimeout(1500);
	}

	// Issue 21's pickers (version 2): a customer picked From List, a dashboard URL pasted, no card token carried.
	await pickers.checkPickers({ page, n8n, sandbox, seeded, openWorkflow, openNode, shot, log });

	await openWorkflow(S.IDS.csvWorkflow);
	await page.keyboard.press('1'); // zoom to fit
	await page.waitForTimeout(800);
	await shot('csv-to-payment-links.png');
	await openNode('Create payment link');
	await shot('omise-node-parameters.png');

	await openWorkflow(S.IDS.emailWorkflow);
	// The nodes panel, opened to add a step after the trigger (someone looking for an action).
	for (const search of ['payment link', 'omise']) {
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		const searchBar = page.locator('[data-test-id="node-creator-search-bar"]').first();
		await searchBar.waitFor({ timeout: 30000 });
		await searchBar.fill(search);
		await page.waitForTimeout(1500);
		const entries = await page.locator('[data-test-id="node-creator-item-name"]').evaluateAll((names) =>
			names.map((name) => {
				const item = name.closest('[data-test-id="node-creator-action-item"], [data-test-id="node-creator-node-item"]') || name.parentElement.parentElement;
				const description = item.querySelector('[data-test-id="node-creator-item-description"]');
				return { name: name.textContent.trim(), description: description ? description.textContent.trim() : '' };
			}),
		);
		const omise = entries.filter((entry) => entry.name === 'Omise');
		if (omise.length !== 1) throw new Error(`searching "${search}" in the nodes panel: expected one Omise entry, got ${JSON.stringify(entries, null, 1)}`);
		// n8n 1.x shows no descriptions in the panel's search results: there, only the one entry is checked.
		if (major === 1 && entries.every((entry) => entry.description === '')) {
			log(`checked: searching "${search}" in the nodes panel shows one Omise entry (n8n 1.x shows no descriptions there)`);
			if (search === 'omise') await shot('omise-nodes-panel.png');
			continue;
		}
		if (omise[0].description !== descriptions.OMISE_PACKAGE_DESCRIPTION || !omise[0].description.includes(descriptions.OMISE_ACTIONS_DESCRIPTION)) {
			await shot('failed-nodes-panel.png');
			throw new Error(`searching "${search}": the Omise entry does not describe the package:\n${omise[0].description}`);
		}
		log(`checked: searching "${search}" in the nodes panel shows one Omise entry described as the package: "${omise[0].description.slice(0, 60)}…"`);
		if (search === 'omise') await shot('omise-nodes-panel.png');
	}
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);

	// Issue 21's two clicks to a PromptPay QR: "+", type "promptpay", the Omise entry (click 1),
	// its action "Create a PromptPay QR payment request" (click 2): the node opens on Charge → Create PromptPay QR.
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	const qrSearch = page.locator('[data-test-id="node-creator-search-bar"]').first();
	await qrSearch.waitFor({ timeout: 30000 });
	await qrSearch.fill('promptpay');
	await page.waitForTimeout(1500);
	await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Omise$/ }).first().click();
	await page.waitForTimeout(1500);
	const qrAction = page.getByText('Create a PromptPay QR payment request', { exact: true }).first();
	await qrAction.waitFor({ timeout: 30000 });
	await shot('promptpay-qr-action.png');
	await qrAction.click();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 30000 });
	await page.waitForTimeout(1500);
	const qrNdv = await page.locator('[data-test-id="ndv"]').first().innerText();
	const chosen = await page.locator('[data-test-id="ndv"] input').evaluateAll((inputs) => inputs.map((input) => input.value));
	const downloadOn = await page.locator('[data-test-id="ndv"] .el-switch.is-checked').count();
	if (!chosen.includes('Charge') || !chosen.includes('Create PromptPay QR') || !qrNdv.includes('Download QR Code') || downloadOn < 1) {
		await shot('failed-promptpay-qr.png');
		throw new Error(`the two clicks did not open Charge → Create PromptPay QR with Download QR Code on (inputs ${JSON.stringify(chosen)}, switches on ${downloadOn}):\n${qrNdv.slice(0, 1500)}`);
	}
	log('checked: "promptpay" in the nodes panel → Omise (click 1) → "Create a PromptPay QR payment request" (click 2) opens Charge → Create PromptPay QR');
	await shot('promptpay-qr-two-clicks.png');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);

	await openNode('Omise Trigger');
	const notice = page.locator('[data-test-id="ndv"] .notice', { hasText: 'Omise has no API to register webhooks' }).first();
	const steps = (await notice.locator('li').allInnerTexts()).map((text) => text.trim());
	const hrefs = await notice.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
	if (steps.length !== 4 || !steps.every((text, i) => text.startsWith(`${i + 1}. `))) throw new Error(`the trigger notice does not show 4 numbered steps:\n${steps.join('\n')}`);
	if (hrefs.join(' ') !== 'https://dashboard.omise.co/test/webhooks https://dashboard.omise.co/live/webhooks') throw new Error(`the trigger notice's links: ${hrefs.join(' ')}`);
	// Step 1 as the notice says it: Webhook URLs at the top of the panel, then Production URL.
	await page.locator('[data-test-id="ndv"]').getByText('Webhook URLs', { exact: true }).first().click();
	await page.waitForTimeout(500);
	await page.locator('[data-test-id="ndv"]').getByText('Production URL', { exact: true }).first().click();
	await page.waitForTimeout(800);
	const ndvTrigger = await page.locator('[data-test-id="ndv"]').first().innerText();
	if (!/\/webhook\/[^\s]+\/webhook/.test(ndvTrigger)) throw new Error(`Webhook URLs → Production URL shows no production URL:\n${ndvTrigger.slice(0, 1500)}`);
	log('checked: the trigger notice shows 4 numbered steps and its 2 links; Webhook URLs → Production URL shows the /webhook/ URL');
	await shot('omise-trigger-parameters.png');

	await openWorkflow(S.IDS.qrWorkflow);
	await page.keyboard.press('1');
	await page.waitForTimeout(800);
	await shot('csv-to-promptpay-qr-email.png');
	await openNode('Create PromptPay charge');
	await shot('promptpay-qr-charge.png');

	await openWorkflow(S.IDS.membershipWorkflow);
	await openNode('Charge monthly');
	await shot('monthly-schedule.png');

	await openWorkflow(BAD_INPUT_ID);
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.waitForTimeout(4000);
	await openNode('Create link');
	await shot('omise-own-error.png');
	// Open every details section, so that a "From Omise" section could not hide folded.
	for (const summary of await page.locator('.node-error-view details summary').all()) await summary.click().catch(() => {});
	await page.waitForTimeout(500);
	const ndvText = await page.locator('[data-test-id="ndv"]').first().innerText();
	if (!ndvText.includes('Currency must be a 3-letter ISO 4217 code')) throw new Error(`the node's refusal is not shown in the editor:\n${ndvText.slice(0, 1500)}`);
	if (/From Omise|Error code/.test(ndvText)) throw new Error(`the node's own refusal is shown as if Omise had said it:\n${ndvText.slice(0, 1500)}`);
	log('checked: the node\'s own refusal shows as the node\'s error, without "From Omise" or an error code');

	await openWorkflow(SIMPLIFY_ID);
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.waitForTimeout(4000);
	await openNode('Create link');
	await shot('simplified-output.png');
	const outputText = await page.locator('[data-test-id="ndv"]').first().innerText();
	const [link] = sandbox.store.all('link', false);
	if (!link || link.amount !== 150050) throw new Error(`the sandbox holds no 150050-satang link: ${JSON.stringify(link)}`);
	for (const expected of ['payment_uri', 'amount_major', '1500.50', link.id]) {
		if (!outputText.includes(expected)) throw new Error(`the simplified output does not show ${expected}:\n${outputText.slice(0, 1500)}`);
	}
	if (outputText.indexOf('payment_uri') > outputText.indexOf('currency')) throw new Error('payment_uri is not before currency in the output');
	log(`checked: Simplify shows ${link.id} with payment_uri first and amount_major "1500.50" (150050 satang on the wire)`);
	await cleanupAll();
	console.log(`\n${written.length} screenshots in ${path.relative(REPO, outDir)}/`);
}

main().catch(async (e) => {
	console.error('\n[screenshot] FAILED:', e.stack || e.message);
	await cleanupAll();
	process.exit(1);
});
