#!/usr/bin/env node
'use strict';
/*
 * `npm run test:e2e` (= npm run build && node e2e/run.js): this package inside
 * a real n8n, 2.x (on Node 24) and 1.x (on the machine's Node 20).
 *
 * For each n8n version, in a throwaway folder:
 *   1. install the packed package into <user folder>/.n8n/nodes/node_modules
 *      (where n8n finds community packages), start the Omise sandbox and an
 *      SMTP sink, import the credentials and the example workflows;
 *   2. CSV → payment links: `n8n execute --id`, then compare the output CSV
 *      with what the sandbox holds (the row below Omise's minimum keeps its error);
 *   3. `n8n start` with the email (and refund) workflows published: pay a link
 *      on the sandbox's payment page, check that the signed webhook reached the
 *      Omise Trigger and that one email arrived; a forged delivery gets 401 and
 *      sends nothing; refund on request; monthly membership (new member →
 *      customer with the card token → monthly schedule) and "find the charge
 *      for order X" (Charge → Search by metadata);
 *   (between 2 and 3, issue 19, e2e/lib/agent-check.js: a keyed create run twice
 *      creates nothing new; n8n's AI Agent with the Omise Tool and a scripted
 *      OpenAI-compatible model, e2e/lib/scripted-model.js: repeated and parallel
 *      identical calls make one link, n8n tells the model the tool's own
 *      description, the agent's PromptPay charge is emailed with its QR code;
 *      issue 21, e2e/lib/version2-check.js: a workflow saved with version 2 of the
 *      node, IDs picked From List, run with n8n execute)
 *   4. stop everything it started.
 *
 * Options: --n8n=2,1 (versions, default both; env E2E_N8N), --keep (keep the
 * temp folder with logs; env E2E_KEEP=1). Cache: ~/.cache/n8n-nodes-omise-e2e
 * (env OMISE_E2E_CACHE), filled by e2e/install.js on first use.
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { installN8n, VERSIONS } = require('./install');
const { log, sleep, timed, waitFor, waitForWebhook, onCleanup, cleanupAll } = require('./lib/proc');
const { startSmtpSink } = require('./lib/smtp-sink');
const { N8n, packPackage, installCommunityPackage, tempRoot, tail } = require('./lib/n8n');
const S = require('./lib/scenario');
const { checkExamples } = require('./lib/check-examples');
const triggerChecks = require('./lib/trigger-checks');
const bulk = require('./lib/bulk-check');
const cardBulk = require('./lib/card-bulk-check');
const settingsCheck = require('./lib/settings-check');
const { checkPng } = require('./lib/png-check');
const agentCheck = require('./lib/agent-check');
const accountChecks = require('./lib/account-checks');
const version2Check = require('./lib/version2-check');
const { startScriptedModel } = require('./lib/scripted-model');

const TRIGGER_TYPE = 'n8n-nodes-omise.omiseTrigger';
const WEBHOOK_TYPE = 'n8n-nodes-base.webhook';

function parseArgs() {
	const args = process.argv.slice(2);
	const get = (name) => {
		const a = args.find((x) => x.startsWith(`--${name}=`));
		return a ? a.slice(name.length + 3) : undefined;
	};
	const versions = (get('n8n') || process.env.E2E_N8N || '2,1')
		.split(',')
		.map((v) => Number(v.trim()))
		.filter(Boolean);
	for (const v of versions) if (v !== 1 && v !== 2) throw new Error(`--n8n takes 2 and/or 1, got ${v}`);
	return { versions, keep: args.includes('--keep') || process.env.E2E_KEEP === '1' };
}


async function httpJson(url, options = {}) {
	const res = await fetch(url, {
		...options,
		headers: { 'content-type': 'application/json', ...(options.headers || {}) },
		body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: res.status, text, json };
}


/** Runs a script with the given Node binary; resolves with its exit code and output. */
function runNodeScript(nodeBin, args) {
	return new Promise((resolve, reject) => {
		const child = require('node:child_process').spawn(nodeBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, output }));
	});
}

async function runVersion(major, tarball, root) {
	const results = [];
	const n8n = await new N8n({ major, root: path.join(root, `n8n-${major}`) }).init();
	const installed = await installN8n(major);
	log(`n8n ${installed.version} on ${major === 2 ? 'Node ' + VERSIONS.node24 : 'Node ' + process.version} — folder ${n8n.root}`);

	const secrets = S.newSecrets();
	const email = S.readExample('email-on-paid-charge.json');
	const refund = S.readExample('refund-on-request.json');
	const triggerUrl = S.webhookUrl(n8n.url, email, TRIGGER_TYPE);
	const refundUrl = S.webhookUrl(n8n.url, refund, WEBHOOK_TYPE);
	const membership = S.readExample('monthly-membership.json');
	const disputeAlert = S.readExample('dispute-alert.json');
	const disputeTriggerUrl = S.webhookUrl(n8n.url, disputeAlert, TRIGGER_TYPE);
	const disputeReplyUrl = S.webhookUrl(n8n.url, disputeAlert, WEBHOOK_TYPE);
	const [newMemberUrl, findChargeUrl] = membership.nodes.filter((n) => n.type === WEBHOOK_TYPE).map((n) => `${n8n.url}/webhook/${n.parameters.path}`);

	const sandbox = await createSandbox({ port: 0, webhooks: { endpoints: [triggerUrl], secret: secrets.webhookSecret } });
	const closeSandbox = onCleanup('sandbox', () => sandbox.close());
	const sink = await startSmtpSink();
	const closeSink = onCleanup('smtp sink', () => sink.close());
	const model = await startScriptedModel(agentCheck.SCENARIOS);
	const closeModel = onCleanup('scripted model', () => model.close());
	log(`scripted OpenAI-compatible model at ${model.url}`);
	log(`sandbox ${sandbox.url}, SMTP sink 127.0.0.1:${sink.port}, n8n will listen on ${n8n.url}`);

	try {
		await timed(results, `example workflows match n8n ${installed.version}'s nodes and the built package`, async () => {
			const all = [...S.EXAMPLE_FILES, ...S.CHECKED_ONLY_EXAMPLE_FILES].map(S.readExample);
			const { problems, nodes } = checkExamples(all, installed.dir);
			if (problems.length) throw new Error(`example workflows out of date:\n  ${problems.join('\n  ')}`);
			return `${all.length} workflows, ${nodes} nodes: types, versions, parameters, resources/operations`;
		});

		await timed(results, `n8n contract: the behaviours of n8n ${installed.version}'s engine the sending mechanism relies on`, async () => {
			const r = await runNodeScript(installed.node, [path.join(__dirname, '..', 'test', 'contract', 'n8n-contract.js'), path.join(installed.dir, 'node_modules')]);
			if (r.code !== 0) throw new Error(`the n8n contract is broken on n8n ${installed.version}:\n${r.output}`);
			return r.output.split('\n').filter((line) => /^(ok|BROKEN)/.test(line)).length + ' assumptions hold';
		});

		await timed(results, `settings matrix: the Omise node beside n8n ${installed.version}'s HTTP Request node under every node setting`, async () => {
			const r = await runNodeScript(installed.node, [path.join(__dirname, 'settings-matrix.js'), `--n8n=${major}`]);
			if (r.code !== 0) throw new Error(`the Omise node differs from the HTTP Request node:\n${tail(r.output, 60)}`);
			return r.output.trim().split('\n').pop();
		});

		await timed(results, 'install the package as a community package', async () => {
			const { target, version } = await installCommunityPackage(n8n.n8nFolder, { tarball });
			return `${path.relative(n8n.userFolder, target)}@${version}`;
		});

		await timed(results, 'import credentials and workflows', async () => {
			const { workflows } = await S.importScenario(n8n, { sandboxUrl: sandbox.url, smtpPort: sink.port, secrets, extraCredentials: [agentCheck.openAiCredential(model.url)] });
			const more = [...bulk.bulkWorkflows(), cardBulk.cardBulkWorkflow(), ...agentCheck.agentWorkflows()];
			await n8n.importWorkflows(more);
			return [...workflows, ...more].map((w) => w.id).join(', ');
		});


		// ── CSV → payment links, with n8n execute
		let csvRows;
		await timed(results, 'CSV → payment links (n8n execute --id)', async () => {
			sandbox.clearRequests();
			const r = await n8n.execute(S.IDS.csvWorkflow);
			if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 80)}\n${tail(r.stderr, 40)}`);
			const outFile = path.join(n8n.filesDir, 'omise', 'payment-links.csv');
			if (!fs.existsSync(outFile)) throw new Error(`no output CSV at ${outFile}\n${tail(r.stdout, 80)}`);
			csvRows = S.parseCsv(fs.readFileSync(outFile, 'utf8'));
			const input = S.parseCsv(fs.readFileSync(path.join(S.EXAMPLES, 'products.csv'), 'utf8'));
			assert.equal(csvRows.length, input.length, 'one output row per input row');
			const links = sandbox.store.all('link', false);
			const posts = sandbox.requestsTo('POST', '/links');
			assert.equal(posts.length, input.length, 'every row reached Omise exactly once');
			for (const [i, row] of csvRows.entries()) {
				const src = input[i];
				assert.equal(row.invoice_id, src.invoice_id, `row ${i + 1} keeps its invoice_id and order`);
				assert.equal(row.title, src.title);
				const expected = Math.round(Number(src.amount) * 100);
				if (expected >= 2000) {
					assert.equal(row.status, 'created', `row ${src.invoice_id}: ${row.error}`);
					assert.equal(row.error, '');
					const link = links.find((l) => l.id === row.link_id);
					assert.ok(link, `link ${row.link_id} of ${src.invoice_id} exists in the sandbox`);
					assert.equal(link.amount, expected, `${src.invoice_id}: amount in satang`);
					assert.equal(link.currency, src.currency.toLowerCase());
					assert.equal(link.title, src.title);
					assert.equal(link.description, src.description);
					assert.deepEqual(link.metadata, { invoice_id: src.invoice_id, customer_email: src.customer_email });
					assert.equal(row.payment_uri, `${sandbox.url}/pay/${link.payment_code}`);
				} else {
					assert.equal(row.status, 'failed', `row ${src.invoice_id} should have failed`);
					assert.equal(row.link_id, '');
					assert.equal(row.payment_uri, '');
					assert.match(row.error, /invalid_amount.*2000/, `row ${src.invoice_id} keeps Omise's error`);
					assert.ok(!links.some((l) => l.title === src.title), 'no link for the failed row');
				}
			}
			assert.equal(links.length, csvRows.filter((r) => r.status === 'created').length, 'no other links were created');
			const failed = csvRows.filter((r) => r.status === 'failed');
			return `${csvRows.length} rows → ${links.length} links, ${failed.length} failed row kept "${failed.map((f) => f.error).join('; ')}"`;
		});

		// ── CSV → PromptPay QR charges → an email with the QR code to each customer, with n8n execute
		let qrCharges;
		await timed(results, 'CSV → PromptPay QR charges → each customer emailed their QR code (n8n execute --id)', async () => {
			sandbox.clearRequests();
			const before = new Set(sandbox.store.all('charge', false).map((c) => c.id));
			const r = await n8n.execute(S.IDS.qrWorkflow);
			if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 80)}\n${tail(r.stderr, 40)}`);
			const input = S.parseCsv(fs.readFileSync(path.join(S.EXAMPLES, 'products.csv'), 'utf8'));
			const payable = input.filter((row) => Math.round(Number(row.amount) * 100) >= 2000);
			const posts = sandbox.requestsTo('POST', '/charges');
			assert.equal(posts.length, input.length, 'every row reached Omise exactly once');
			// (requests run in parallel: they may reach Omise in any order)
			const bodies = posts.map((post) => JSON.parse(post.rawBody));
			for (const body of bodies) assert.deepEqual(body.source, { type: 'promptpay' }, 'an inline PromptPay source');
			const sorted = (list) => [...list].sort((a, b) => a - b);
			assert.deepEqual(sorted(bodies.map((b) => b.amount)), sorted(input.map((row) => Math.round(Number(row.amount) * 100))), 'each row\'s amount in satang');
			qrCharges = sandbox.store.all('charge', false).filter((c) => !before.has(c.id));
			assert.equal(qrCharges.length, payable.length, 'one charge per payable row, none for the row below the minimum');
			const downloads = sandbox.requestsTo('GET', '/charges/').filter((q) => q.path.includes('/documents/'));
			assert.equal(downloads.length, payable.length, 'one QR download per charge');
			for (const d of downloads) assert.equal(d.auth && d.auth.user, DEFAULT_KEYS.testSecretKey, 'the download carries the secret key');
			const mails = await sink.waitForMessages(payable.length, 30000);
			await sleep(1000);
			assert.equal(sink.messages.length, payable.length, `one email per payable row (got ${sink.messages.length})`);
			const seen = [];
			for (const row of payable) {
				const mail = mails.find((m) => m.envelope.to.includes(row.customer_email));
				assert.ok(mail, `an email to ${row.customer_email}`);
				const charge = qrCharges.find((c) => c.metadata.invoice_id === row.invoice_id);
				assert.ok(charge, `a charge for ${row.invoice_id}`);
				assert.match(mail.subject, new RegExp(`Please pay ${row.title}`));
				assert.ok(mail.text.includes(charge.id), `the email quotes the charge ID ${charge.id}`);
				assert.ok(mail.text.includes(charge.expires_at), 'the email says until when the QR is valid');
				const images = mail.attachments.filter((a) => a.contentType === 'image/png');
				assert.equal(images.length, 1, `one PNG attached (parts: ${mail.attachments.map((a) => a.contentType).join(', ')})`);
				assert.equal(images[0].filename, `${charge.id}-qrcode.png`);
				const { width, height } = checkPng(images[0].content);
				assert.ok(mail.raw.indexOf(DEFAULT_KEYS.testSecretKey) === -1, 'the secret key is not in the email');
				seen.push(`${row.customer_email}: ${images[0].filename} ${width}×${height}`);
			}
			assert.ok(!mails.some((m) => m.envelope.to.includes(input.find((row) => !payable.includes(row)).customer_email)), 'no email for the refused row');
			sink.messages.length = 0;
			return `${input.length} rows → ${qrCharges.length} PromptPay charges, ${seen.length} emails with a valid PNG QR (${seen[0]}, …)`;
		});

		// ── bulk creates against an Omise that fails like a network does
		await timed(results, `faulty bulk create of ${bulk.ROWS} rows, On Error = Continue (n8n execute)`, () => bulk.checkFaultyBulk(n8n, sandbox, tail));
		await timed(results, `faulty bulk create of ${bulk.ROWS} rows, Retry On Fail with On Error = Stop`, () => bulk.checkFaultyBulkWithRetry(n8n, sandbox, tail));
		await timed(results, 'faulty bulk card charges: rows alike but for their tokens, strangers\' twins (n8n execute)', () => cardBulk.checkCardBulk(n8n, sandbox, tail, bulk.nodeRun));
		await timed(results, 'Execute Once with On Error = Stop over 3 rows: a read, a create, a failing read (n8n execute)', () => settingsCheck.checkExecuteOnce(n8n, sandbox, tail, bulk.nodeRun));

		// ── issue 19: Idempotency Key re-runs, the AI Agent with the Omise Tool (after the CSV checks, which count every link)
		await timed(results, 'Idempotency Key: 5 keyed links, run twice → the second run creates nothing, returns the same links marked reused (n8n execute)', () =>
			agentCheck.checkKeyedRerun(n8n, sandbox, tail, bulk.nodeRun),
		);
		await timed(results, 'AI Agent + Omise Tool with a scripted model: a repeated and a parallel identical call make one link each, the tools list has our description, the agent\'s QR charge is emailed (n8n execute)', () =>
			agentCheck.checkAgent(n8n, sandbox, sink, model, tail, bulk.nodeRun),
		);

		// ── issue 20: the whole account
		await timed(results, 'daily reconciliation: yesterday\'s movements of the balance → one CSV row each + a check row equal to the balance change (n8n execute)', () =>
			accountChecks.checkReconciliation(n8n, sandbox, tail),
		);

		// ── issue 21: a workflow saved with version 2 of the node
		await timed(results, 'version 2: a workflow whose customer and card were picked From List → Customer → Get, Charge → Create, Refund → Create (n8n execute)', () =>
			version2Check.checkVersion2(n8n, sandbox, tail, bulk.nodeRun),
		);

		await timed(results, 'import and publish the polling example', () => triggerChecks.prepareTriggerChecks(n8n, { n8nDir: installed.dir }));

		// ── n8n start with the webhook workflows published
		await timed(results, `publish workflows and start n8n`, async () => {
			await n8n.activate(S.IDS.emailWorkflow);
			await n8n.activate(S.IDS.refundWorkflow);
			await n8n.activate(S.IDS.membershipWorkflow);
			await n8n.activate(S.IDS.disputeWorkflow);
			await n8n.start();
			await waitForWebhook(triggerUrl, 401);
			await waitForWebhook(refundUrl, 403);
			return `trigger at ${triggerUrl.replace(n8n.url, '')}`;
		});

		let charge;
		await timed(results, 'pay a link on the sandbox page → signed webhook → Omise Trigger → email', async () => {
			const row = csvRows.find((r) => r.status === 'created' && r.invoice_id === 'INV-1002') || csvRows.find((r) => r.status === 'created');
			sandbox.clearRequests();
			const page = await fetch(row.payment_uri, { method: 'POST' });
			const html = await page.text();
			const m = /Paid\. Charge (chrg_[a-z0-9_]+)/.exec(html);
			assert.ok(m, `the payment page took the payment (HTTP ${page.status})`);
			const chargeId = m[1];
			const [mail] = await sink.waitForMessages(1, 30000).catch(async (e) => {
				await sandbox.webhooks.idle();
				const seen = sandbox.webhooks.deliveries.map((d) => `${d.key} → ${d.status ?? d.error} ${String(d.response || '').slice(0, 300)}`);
				throw new Error(`${e.message}\nwebhook deliveries:\n  ${seen.join('\n  ')}\nAPI requests from n8n: ${sandbox.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`);
			});
			await sandbox.webhooks.idle();
			const deliveries = sandbox.webhooks.deliveries.filter((d) => d.body.includes(chargeId));
			const keys = deliveries.map((d) => `${d.key}→${d.status ?? d.error}`);
			assert.ok(deliveries.length >= 2, `charge.create and charge.complete were delivered: ${keys}`);
			for (const d of deliveries) {
				assert.equal(d.status, 200, `delivery ${d.key} answered 200 (${d.error || d.response})`);
				assert.ok(d.headers['Omise-Signature'], 'the delivery was signed');
			}
			// with Include Payment Link the trigger fetched the link from the API; with a signing
			// secret it verified the signature, so it did not need to re-fetch the event
			assert.ok(sandbox.requestsTo('GET', `/links/${row.link_id}`).length >= 1, 'the trigger fetched the link');
			assert.equal(sandbox.requestsTo('GET', '/events').length, 0, 'signature verification, no event re-fetch');
			log(`   email received:\n      Subject: ${mail.subject}\n      ${mail.text.trim().split('\n').join('\n      ')}`);
			charge = sandbox.store.get('charge', chargeId, false);
			assert.ok(charge && charge.paid, 'the charge is paid');
			// the email quotes amount, currency, link title and metadata
			assert.deepEqual(mail.envelope.to, ['sales@example.com']);
			assert.match(mail.subject, new RegExp(`Paid: ${row.title} \\(1500\\.50 THB\\)`));
			for (const text of [row.title, '1500.50 THB', `invoice_id: ${row.invoice_id}`, `customer_email: ${row.customer_email}`, chargeId, row.link_id]) {
				assert.ok(mail.text.includes(text), `the email quotes "${text}":\n${mail.text}`);
			}
			// only the paid charge (charge.complete) sent an email: charge.create (pending) did not
			await sleep(2000);
			assert.equal(sink.messages.length, 1, `exactly one email (got ${sink.messages.length})`);
			return `${keys.join(', ')}; 1 email "${mail.subject}"`;
		});

		await timed(results, 'a PromptPay QR charge paid (mark_as_paid) → charge.complete → Omise Trigger → email', async () => {
			const qr = qrCharges[0];
			const before = sink.messages.length;
			const res = await fetch(`${sandbox.url}/charges/${qr.id}/mark_as_paid`, {
				method: 'POST',
				headers: { authorization: `Basic ${Buffer.from(`${DEFAULT_KEYS.testSecretKey}:`).toString('base64')}`, 'omise-version': '2019-05-29' },
			});
			assert.equal(res.status, 200, `mark_as_paid → ${res.status}`);
			await sink.waitForMessages(before + 1, 30000);
			await sandbox.webhooks.idle();
			const delivery = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete' && d.body.includes(qr.id));
			assert.ok(delivery && delivery.status === 200, 'charge.complete was delivered and answered 200');
			const mail = sink.messages[before];
			assert.match(mail.subject, /Paid: .* \(\d+\.\d{2} THB\)/);
			for (const text of [qr.id, qr.description, `invoice_id: ${qr.metadata.invoice_id}`]) assert.ok(mail.text.includes(text), `the email quotes "${text}":\n${mail.text}`);
			await sleep(1500);
			assert.equal(sink.messages.length, before + 1, 'exactly one email for the paid QR charge');
			return `1 email "${mail.subject}"`;
		});

		await timed(results, 'forged webhooks get 401 and send no email', async () => {
			const real = sandbox.webhooks.deliveries.find((d) => d.key === 'charge.complete');
			const forgedBody = real.body.replace(/"amount":\d+/, '"amount":1');
			const ts = String(Math.floor(Date.now() / 1000));
			const attempts = [
				['bad signature', { 'Omise-Signature': 'ab'.repeat(32), 'Omise-Signature-Timestamp': ts }, forgedBody],
				['tampered body, real signature', { 'Omise-Signature': real.headers['Omise-Signature'], 'Omise-Signature-Timestamp': real.headers['Omise-Signature-Timestamp'] }, forgedBody],
				['no signature', {}, forgedBody],
			];
			const statuses = [];
			for (const [label, headers, body] of attempts) {
				const res = await fetch(triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
				await res.text();
				statuses.push(`${label}→${res.status}`);
				assert.equal(res.status, 401, `${label}: expected 401, got ${res.status}`);
			}
			const emails = sink.messages.length;
			await sleep(3000);
			assert.equal(sink.messages.length, emails, 'no email from a forged delivery');
			return statuses.join(', ');
		});

		await triggerChecks.runTriggerChecks({ timed: (name, fn) => timed(results, name, fn), sandbox, sink, n8nUrl: n8n.url });

		await timed(results, 'refund on request (webhook → get charge → refund)', async () => {
			const headers = { [S.REFUND_HEADER]: secrets.refundToken };
			const denied = await httpJson(refundUrl, { method: 'POST', body: { charge_id: charge.id, amount: 100 } });
			assert.equal(denied.status, 403, `no token → ${denied.status}`);
			const tooMuch = await httpJson(refundUrl, { method: 'POST', headers, body: { charge_id: charge.id, amount: charge.amount + 1 } });
			assert.equal(tooMuch.status, 422, `over-refund → ${tooMuch.status} ${tooMuch.text}`);
			const partial = await httpJson(refundUrl, { method: 'POST', headers, body: { charge_id: charge.id, amount: 50000 } });
			assert.equal(partial.status, 200, `partial refund → ${partial.status} ${partial.text}`);
			assert.equal(partial.json.refund.amount, 50000);
			const rest = await httpJson(refundUrl, { method: 'POST', headers, body: { charge_id: charge.id } });
			assert.equal(rest.status, 200, `refund of the rest → ${rest.status} ${rest.text}`);
			assert.equal(rest.json.refund.amount, charge.amount - 50000);
			const unknown = await httpJson(refundUrl, { method: 'POST', headers, body: { charge_id: 'chrg_test_nope' } });
			assert.equal(unknown.status, 422, `unknown charge → ${unknown.status} ${unknown.text}`);
			const refunds = sandbox.store.all('refund', false).filter((r) => r.charge === charge.id);
			assert.deepEqual(refunds.map((r) => r.amount).sort((a, b) => a - b), [50000, charge.amount - 50000].sort((a, b) => a - b));
			return `403 without token, 422 over-refund, 200 ×2 (${refunds.map((r) => r.id).join(', ')}), 422 unknown charge`;
		});
		await timed(results, 'monthly membership: new member → customer with card token → monthly schedule', async () => {
			await waitFor('the find-charge webhook to be active', async () => (await fetch(`${findChargeUrl}?order_id=probe`).catch(() => undefined))?.status === 200, { timeoutMs: 60000, intervalMs: 500 });
			sandbox.clearRequests();
			const member = { email: 'somchai@example.com', name: 'Somchai J.', member_id: 'M-0001', monthly_fee: '990.00', card_token: 'tokn_test_e2emember1' };
			const answer = await httpJson(newMemberUrl, { method: 'POST', body: member });
			assert.equal(answer.status, 200, `new member → ${answer.status} ${answer.text.slice(0, 300)}`);
			const schedule = answer.json;
			assert.equal(schedule.object, 'schedule', answer.text.slice(0, 300));
			assert.deepEqual([schedule.every, schedule.period, schedule.status], [1, 'month', 'active']);
			assert.deepEqual([schedule.charge.amount, schedule.charge.currency, schedule.charge.description], [99000, 'THB', 'Membership M-0001']);
			const customer = sandbox.store.get('customer', schedule.charge.customer, false);
			assert.ok(customer, 'the schedule charges the new customer');
			const mark = JSON.parse(sandbox.requests[0].rawBody).metadata.n8n_request_id;
			assert.match(String(mark), /^[0-9a-f-]{36}$/, 'the create carries its request mark');
			assert.deepEqual([customer.email, customer.description, customer.metadata], [member.email, member.name, { member_id: 'M-0001', n8n_request_id: mark }]);
			assert.ok(customer.default_card && sandbox.store.get('card', customer.default_card, false), 'the card token became the customer’s card');
			assert.deepEqual(sandbox.requests.map((r) => `${r.method} ${r.path}`), ['POST /customers', 'POST /schedules']);
			assert.equal(JSON.parse(sandbox.requests[0].rawBody).card, member.card_token);
			// the sandbox makes the first occurrence now: a charge on the saved card
			const occurrence = await httpJson(`${sandbox.url}/__sandbox/schedules/${schedule.id}/occur`, { method: 'POST', body: {} });
			assert.equal(occurrence.json.status, 'successful', occurrence.text);
			const charge = sandbox.store.get('charge', occurrence.json.result, false);
			assert.deepEqual([charge.amount, charge.customer, charge.card.id, charge.paid], [99000, customer.id, customer.default_card, true]);
			return `customer ${customer.id} (card ${customer.default_card}), schedule ${schedule.id} "${schedule.in_words}" from ${schedule.start_on}; first occurrence charged ${charge.id}`;
		});

		await timed(results, 'find the charge for order X (Charge → Search by metadata)', async () => {
			const auth = { authorization: `Basic ${Buffer.from(`${sandbox.options.testSecretKey}:`).toString('base64')}` };
			const made = [];
			for (const order of ['ORD-4242', 'ORD-5555']) {
				const r = await httpJson(`${sandbox.url}/charges`, { method: 'POST', headers: auth, body: { amount: 150000, currency: 'thb', card: `tokn_test_e2e${order.replace(/\W/g, '')}`, metadata: { order_id: order } } });
				assert.equal(r.status, 200, r.text);
				made.push(r.json);
			}
			sandbox.clearRequests();
			const found = await httpJson(`${findChargeUrl}?order_id=ORD-4242`);
			assert.equal(found.status, 200, found.text.slice(0, 300));
			const list = Array.isArray(found.json) ? found.json : [found.json];
			assert.deepEqual(list.map((c) => c.id), [made[0].id], found.text.slice(0, 300));
			assert.equal(list[0].metadata.order_id, 'ORD-4242');
			const [search] = sandbox.requests;
			assert.deepEqual([search.method, search.path, search.query], ['GET', '/search', { scope: 'charge', query: 'ORD-4242', per_page: '10', page: '1' }]);
			return `GET /search?scope=charge&query=ORD-4242 → ${list[0].id}`;
		});

		await timed(results, 'dispute alert: a disputed charge → dispute.create → Omise Trigger (A Dispute Was Opened) → the dispute and its charge → email; the merchant\'s reply → Dispute → Update', async () => {
			await waitForWebhook(disputeTriggerUrl, 401);
			return await accountChecks.checkDisputeAlert({ sandbox, sink, triggerUrl: disputeTriggerUrl, replyUrl: disputeReplyUrl, replyToken: secrets.replyToken });
		});
		return results;
	} finally {
		await n8n.stop();
		await sandbox.close();
		closeSandbox();
		await sink.close();
		closeSink();
		await model.close();
		closeModel();
		results.n8nLog = n8n.logFile;
	}
}

async function main() {
	const { versions, keep } = parseArgs();
	const t0 = Date.now();
	for (const major of versions) await installN8n(major);
	const root = tempRoot('omise-e2e-');
	const removeRoot = onCleanup('temp folder', () => {
		if (!keep) fs.rmSync(root, { recursive: true, force: true });
	});
	const summary = [];
	let failed = false;
	try {
		const { tarball } = await packPackage(root);
		for (const major of versions) {
			const started = Date.now();
			let results = [];
			try {
				results = await runVersion(major, tarball, root);
			} catch (e) {
				failed = true;
				console.error(`\n[e2e] n8n ${major}.x FAILED: ${e.stack || e.message}\n`);
				const logFile = path.join(root, `n8n-${major}`, 'n8n.log');
				if (fs.existsSync(logFile)) console.error(`--- last lines of ${logFile} ---\n${tail(fs.readFileSync(logFile, 'utf8'), 60)}`);
				results = e.results || results;
			}
			summary.push({ major, seconds: (Date.now() - started) / 1000, results: results.length ? results : [{ name: 'run', ok: false }] });
		}
	} finally {
		await cleanupAll();
		removeRoot();
	}
	console.log('\n════ e2e summary ════');
	for (const { major, seconds, results } of summary) {
		const version = major === 2 ? VERSIONS.n8n2 : VERSIONS.n8n1;
		console.log(`n8n ${version} (${major === 2 ? 'Node ' + VERSIONS.node24 : 'Node ' + process.version}) — ${seconds.toFixed(0)} s`);
		for (const r of results) {
			if (r.ok === false) failed = true;
			const mark = r.ok ? 'PASS' : 'FAIL';
			console.log(`  ${mark}  ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
		}
	}
	console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s${keep ? `; logs kept in ${root}` : ''}`);
	process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
	console.error('\n[e2e] FAILED:', e.stack || e.message);
	await cleanupAll();
	process.exit(1);
});
