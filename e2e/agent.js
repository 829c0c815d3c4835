#!/usr/bin/env node
'use strict';
/*
 * Only the issue-19 checks (e2e/lib/agent-check.js) inside real n8n, for work
 * on them: re-run with Idempotency Keys, the AI Agent with the Omise Tool and a
 * scripted model, the agent's QR charge emailed. `npm run test:e2e` runs the
 * same checks among all the others.
 *
 *   npm run build && node e2e/agent.js [--n8n=2,1] [--keep]
 */
const fs = require('node:fs');
const path = require('node:path');
const { createSandbox, DEFAULT_KEYS } = require('../sandbox/server');
const { installN8n, VERSIONS } = require('./install');
const { log, timed, onCleanup, cleanupAll } = require('./lib/proc');
const { startSmtpSink } = require('./lib/smtp-sink');
const { N8n, packPackage, installCommunityPackage, tempRoot, tail } = require('./lib/n8n');
const S = require('./lib/scenario');
const { nodeRun } = require('./lib/bulk-check');
const agent = require('./lib/agent-check');
const { startScriptedModel } = require('./lib/scripted-model');

async function runVersion(major, tarball, root) {
	const results = [];
	const n8n = await new N8n({ major, root: path.join(root, `n8n-${major}`) }).init();
	const installed = await installN8n(major);
	log(`n8n ${installed.version} — folder ${n8n.root}`);
	const sandbox = await createSandbox({ port: 0 });
	const closeSandbox = onCleanup('sandbox', () => sandbox.close());
	const sink = await startSmtpSink();
	const closeSink = onCleanup('smtp sink', () => sink.close());
	const model = await startScriptedModel(agent.SCENARIOS);
	const closeModel = onCleanup('scripted model', () => model.close());
	try {
		await timed(results, 'install the package, import credentials and workflows', async () => {
			await installCommunityPackage(n8n.n8nFolder, { tarball });
			const secrets = S.newSecrets();
			await n8n.importCredentials([
				...S.credentials({ sandboxUrl: sandbox.url, secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret: secrets.webhookSecret, smtpPort: sink.port, refundToken: secrets.refundToken }),
				agent.openAiCredential(model.url),
			]);
			await n8n.importWorkflows(agent.agentWorkflows());
		});
		await timed(results, 'Idempotency Key: 5 keyed links, run twice (n8n execute)', () => agent.checkKeyedRerun(n8n, sandbox, tail, nodeRun));
		await timed(results, 'AI Agent + Omise Tool (scripted model): repeated and parallel calls, the tools list, a QR charge emailed (n8n execute)', () =>
			agent.checkAgent(n8n, sandbox, sink, model, tail, nodeRun),
		);
		return results;
	} catch (e) {
		e.results = results;
		throw e;
	} finally {
		await model.close();
		closeModel();
		await sandbox.close();
		closeSandbox();
		await sink.close();
		closeSink();
	}
}

async function main() {
	const args = process.argv.slice(2);
	const arg = args.find((a) => a.startsWith('--n8n='));
	const versions = (arg ? arg.slice(6) : '2,1').split(',').map(Number).filter(Boolean);
	const keep = args.includes('--keep');
	const root = tempRoot('omise-e2e-agent-');
	const removeRoot = onCleanup('temp folder', () => {
		if (!keep) fs.rmSync(root, { recursive: true, force: true });
	});
	let failed = false;
	const summary = [];
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
				results = e.results || results;
			}
			summary.push({ major, seconds: (Date.now() - started) / 1000, results });
		}
	} finally {
		await cleanupAll();
		removeRoot();
	}
	for (const { major, seconds, results } of summary) {
		console.log(`n8n ${major === 2 ? VERSIONS.n8n2 : VERSIONS.n8n1} — ${seconds.toFixed(0)} s`);
		for (const r of results) {
			if (!r.ok) failed = true;
			console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
		}
	}
	if (keep) console.log(`logs kept in ${root}`);
	process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
	console.error('\n[e2e] FAILED:', e.stack || e.message);
	await cleanupAll();
	process.exit(1);
});
