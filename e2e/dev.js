#!/usr/bin/env node
'use strict';
/*
 * `npm run dev` (= npm run build && node e2e/dev.js): a real n8n with this
 * package linked, wired to the local Omise sandbox, to click through by hand.
 *
 *   - n8n 2.x (default) or 1.x (--n8n=1) from the e2e cache (installed on first use);
 *   - this repository linked at <user folder>/.n8n/nodes/node_modules/n8n-nodes-omise
 *     (after `npm run build`, restart dev to load the new dist/);
 *   - the Omise sandbox, whose webhooks go to the Omise Trigger, signed;
 *   - an SMTP sink that prints every email here;
 *   - credentials and the example workflows imported, the CSV example run once
 *     (its payment links are printed), the webhook workflows published,
 *     an owner account created: log in, pay a link, watch the executions.
 *
 * Options: --n8n=2|1, --port=5678 (n8n), --sandbox-port=4010, --listen=127.0.0.1.
 * State lives in .e2e/dev-n8n<major>/ and is reset at each start. Ctrl-C stops everything.
 * The first start installs n8n into the e2e cache (e2e/install.js says what, how
 * big and how long, and shows progress); the banner at the end says how to
 * point the credential at a real Omise test key instead of the sandbox.
 */
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { installN8n } = require('./install');
const { log, freePort, onCleanup, cleanupAll, waitFor } = require('./lib/proc');
const { startSmtpSink } = require('./lib/smtp-sink');
const { N8n, REPO, packageInfo, installCommunityPackage, tail } = require('./lib/n8n');
const S = require('./lib/scenario');

const OWNER = { email: 'dev@example.com', firstName: 'Omise', lastName: 'Developer', password: 'OmiseDev2026' };

function arg(name, fallback) {
	const a = process.argv.slice(2).find((x) => x.startsWith(`--${name}=`));
	return a ? a.slice(name.length + 3) : fallback;
}

function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

async function preferredPort(port) {
	return (await portIsFree(port)) ? port : freePort();
}

async function main() {
	const major = Number(arg('n8n', '2'));
	if (major !== 1 && major !== 2) throw new Error('--n8n takes 2 or 1');
	const info = packageInfo();
	if (info.missing.length) throw new Error(`dist/ is incomplete (${info.missing.join(', ')}): run \`npm run dev\`, which builds first`);
	log(`starting n8n ${major}.x with this package, the Omise sandbox and an SMTP sink (about a minute once n8n is installed)`);
	const installed = await installN8n(major);

	const root = path.join(REPO, '.e2e', `dev-n8n${major}`);
	fs.rmSync(root, { recursive: true, force: true });
	const listen = arg('listen', '127.0.0.1');
	const n8n = new N8n({ major, root, env: { N8N_LISTEN_ADDRESS: listen } });
	n8n.port = Number(arg('port', 0)) || (await preferredPort(5678));
	await n8n.init();

	const email = S.readExample('email-on-paid-charge.json');
	const refund = S.readExample('refund-on-request.json');
	const triggerUrl = S.webhookUrl(n8n.url, email, 'n8n-nodes-omise.omiseTrigger');
	const refundUrl = S.webhookUrl(n8n.url, refund, 'n8n-nodes-base.webhook');
	const secrets = S.newSecrets();

	const sandbox = await createSandbox({
		port: Number(arg('sandbox-port', 0)) || (await preferredPort(4010)),
		webhooks: { endpoints: [triggerUrl], secret: secrets.webhookSecret },
	});
	onCleanup('sandbox', () => sandbox.close());
	const sink = await startSmtpSink();
	onCleanup('smtp sink', () => sink.close());

	// Link the repository as the community package (n8n reads package.json's `n8n` block → dist/).
	await installCommunityPackage(n8n.n8nFolder, { link: REPO });
	const { filesDir } = await S.importScenario(n8n, { sandboxUrl: sandbox.url, smtpPort: sink.port, secrets });

	// Run the CSV example once, so that there are payment links to pay.
	const exec = await n8n.execute(S.IDS.csvWorkflow);
	const outFile = path.join(filesDir, 'payment-links.csv');
	const rows = fs.existsSync(outFile) ? S.parseCsv(fs.readFileSync(outFile, 'utf8')) : [];
	if (!rows.length) log(`the CSV example did not write ${outFile} (exit ${exec.code}):\n${tail(exec.stdout, 30)}`);

	await n8n.activate(S.IDS.emailWorkflow);
	await n8n.activate(S.IDS.refundWorkflow);
	await n8n.start();
	await waitFor('the Omise Trigger webhook', async () => {
		const res = await fetch(triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"probe":true}' }).catch(() => undefined);
		return res && res.status !== 404;
	}, { timeoutMs: 60000, intervalMs: 500 });

	const setup = await fetch(`${n8n.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	}).catch((e) => ({ status: e.message, text: async () => '' }));
	const ownerOk = setup.status === 200;

	const line = '─'.repeat(72);
	console.log(`\n${line}`);
	console.log(`n8n ${installed.version} with n8n-nodes-omise linked from ${REPO}`);
	console.log(`  Editor:        ${n8n.url}   (open the workflows from the overview)`);
	console.log(ownerOk ? `  Log in:        ${OWNER.email} / ${OWNER.password}` : `  Owner account: create it in the browser (automatic set-up answered ${setup.status})`);
	console.log(`  Omise sandbox: ${sandbox.url}  (secret key ${DEFAULT_KEYS.testSecretKey}; credential "Omise account")`);
	console.log(`  SMTP sink:     127.0.0.1:${sink.port}  (emails are printed below)`);
	console.log(`  Files folder:  ${filesDir}  (the CSV example reads products.csv, writes payment-links.csv)`);
	if (rows.length) {
		console.log('\nPayment links created by the CSV example: open one, pay with the test card, watch the email arrive:');
		for (const r of rows) console.log(`  ${r.invoice_id}  ${r.title.padEnd(20)} ${r.status === 'created' ? r.payment_uri : 'failed: ' + r.error}`);
	}
	console.log(`\nOmise Trigger (signed webhooks from the sandbox): ${triggerUrl}`);
	console.log(`Refund on request: curl -s -X POST ${refundUrl} -H '${S.REFUND_HEADER}: ${secrets.refundToken}' \\\n    -H 'content-type: application/json' -d '{"charge_id":"chrg_test_...","amount":50000}'`);
	console.log(`More links: POST ${sandbox.url}/links (basic auth ${DEFAULT_KEYS.testSecretKey}:) or run the CSV workflow again in the editor.`);
	console.log('\nTo use your own Omise test account instead of the sandbox, edit the credential "Omise account"');
	console.log(`(${n8n.url}/home/credentials):`);
	console.log('  Secret Key:             your skey_test_… from https://dashboard.omise.co/test/keys');
	console.log('  API Base URL:           https://api.omise.co (it points at the sandbox now)');
	console.log('  Webhook Signing Secret: the one on https://dashboard.omise.co/test/webhooks');
	console.log('Omise delivers webhooks only to a public HTTPS URL, not to this n8n on 127.0.0.1: use the Omise Poll Trigger');
	console.log('(examples/email-on-paid-charge-polling.json), or a tunnel with a real certificate and WEBHOOK_URL set to it.');
	console.log(`\nn8n log: ${n8n.logFile}\nCtrl-C stops n8n, the sandbox and the SMTP sink.\n${line}\n`);

	// Show webhook deliveries and emails as they happen.
	let seenDeliveries = sandbox.webhooks.deliveries.length;
	let seenMails = 0;
	const timer = setInterval(() => {
		const deliveries = sandbox.webhooks.deliveries;
		// in order, each once it has an answer
		while (seenDeliveries < deliveries.length && (deliveries[seenDeliveries].status !== undefined || deliveries[seenDeliveries].error)) {
			const d = deliveries[seenDeliveries++];
			log(`webhook ${d.key} ${d.eventId} → ${d.status ?? d.error}`);
		}
		while (seenMails < sink.messages.length) {
			const m = sink.messages[seenMails++];
			log(`email to ${m.envelope.to.join(', ')}: ${m.subject}\n    ${m.text.trim().split('\n').join('\n    ')}`);
		}
	}, 500);
	onCleanup('watcher', () => clearInterval(timer));
	onCleanup('n8n', () => n8n.stop());
	const exit = await n8n.proc.exited;
	log(`n8n exited (${JSON.stringify(exit)}); stopping.`);
	await cleanupAll();
	process.exit(exit.code || 0);
}

main().catch(async (e) => {
	console.error('\n[dev] FAILED:', e.stack || e.message);
	await cleanupAll();
	process.exit(1);
});
