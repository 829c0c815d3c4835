#!/usr/bin/env node
'use strict';
/*
 * Issue 17: the Omise node behaves as n8n's own HTTP Request node does under
 * every node setting.
 *
 * Runs a matrix of generated workflows — operations × node settings × input
 * sizes (see e2e/lib/matrix-cases.js) — through a real n8n's engine
 * (WorkflowExecute of its n8n-core, its n8n-nodes-base), once with the Omise
 * node (this package's built dist/, loaded as n8n loads a community package)
 * and once with n8n's HTTP Request node (v4.x, the install's default version;
 * Authentication "Predefined Credential Type" → Omise API; the same method,
 * URL, query and body), against the Omise sandbox. It compares the requests
 * that reached the sandbox, the items on each output with their pairedItem,
 * and whether (and where) the run errored; the Omise node's deliberate
 * differences are asserted instead (listed in the output). Exits 1 when a case
 * differs otherwise.
 *
 * Usage: node e2e/settings-matrix.js [--n8n=2|1|2,1|<n8n install dir>] [--only=<text>]
 *          [--verbose] [--record <file>] [--package=<dir>]
 *   --n8n      which n8n (default 2): 2 = 2.41.1 (run on its Node 24), 1 = 1.123.81,
 *              or a folder holding node_modules/n8n; installed by e2e/install.js if missing
 *   --only     run the cases whose id contains this text (e.g. "executeOnce", "link.create |")
 *   --verbose  the compared summaries of every case, not only of the differing ones
 *   --record   write the HTTP Request node's summaries to a JSON file (the table
 *              test/settings-matrix.test.ts checks the Omise node against:
 *              --n8n=2 --record test/fixtures/http-request-matrix.json)
 *   --package  another build of this package (a folder with package.json and dist/),
 *              e.g. an older commit built elsewhere; default: this repository
 * Build first (npm run build): the matrix reads dist/ (a build still running is waited for).
 * Exit code: 0 every case as the HTTP Request node (or a deliberate difference),
 * 1 a case differs, 2 the matrix could not run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const M = require('./lib/matrix-cases');

function parseArgs(argv) {
	const args = { n8n: '2', only: undefined, verbose: false, record: undefined, package: undefined };
	for (let i = 0; i < argv.length; i += 1) {
		const arg = argv[i];
		const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (name === 'n8n') args.n8n = value();
		else if (name === 'only') args.only = value();
		else if (name === 'record') args.record = path.resolve(value());
		else if (name === 'package') args.package = path.resolve(value());
		else if (name === 'verbose') args.verbose = true;
		else if (name === 'help' || name === 'h') args.help = true;
		else throw new Error(`unknown argument ${arg} (see the header of e2e/settings-matrix.js)`);
	}
	return args;
}

/** The install folder and the Node binary for one --n8n value. */
async function resolveInstall(which) {
	const { installN8n, paths, VERSIONS } = require('./install');
	if (which === '1' || which === '2') {
		const major = Number(which);
		const marker = path.join(paths.n8nDir(major), '.e2e-installed');
		if (!fs.existsSync(marker)) await installN8n(major);
		return { dir: paths.n8nDir(major), node: paths.nodeFor(major), label: `n8n ${major === 2 ? VERSIONS.n8n2 : VERSIONS.n8n1}` };
	}
	const dir = path.resolve(which);
	const { describeInstall } = require('./lib/matrix-engine');
	const { version, major } = describeInstall(dir);
	return { dir, node: major >= 2 && fs.existsSync(paths.node24) ? paths.node24 : process.execPath, label: `n8n ${version}` };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		const lines = fs.readFileSync(__filename, 'utf8').split('\n');
		console.log(lines.slice(3, lines.indexOf(' */')).map((line) => line.replace(/^ \* ?/, '')).join('\n'));
		return 0;
	}
	// In the child that runs one n8n: the install folder comes from the parent.
	if (process.env.OMISE_MATRIX_INSTALL) return await runMatrix(process.env.OMISE_MATRIX_INSTALL, args);
	const versions = args.n8n.split(',').map((v) => v.trim()).filter(Boolean);
	if (args.record && versions.length !== 1) throw new Error('--record takes one --n8n');
	let worst = 0;
	for (const which of versions) {
		const { dir, node, label } = await resolveInstall(which);
		console.log(`\n=== ${label} (${dir}) on ${node === process.execPath ? `Node ${process.version}` : node} ===`);
		// One process per n8n: each loads its own n8n-core, n8n 2.x on the Node 24 it needs.
		const child = spawnSync(node, [__filename, ...process.argv.slice(2)], {
			stdio: 'inherit',
			env: { ...process.env, OMISE_MATRIX_INSTALL: dir },
		});
		const code = child.status ?? 1;
		if (code > worst) worst = code;
	}
	return worst;
}

// ---- one n8n ---------------------------------------------------------------

async function runMatrix(installDir, args) {
	const started = Date.now();
	const { loadEngine } = require('./lib/matrix-engine');
	const { createSandbox } = require('../sandbox/server');
	const engine = await loadEngine(installDir, { packageRoot: args.package });
	const sandbox = await createSandbox(M.SANDBOX_OPTIONS);
	try {
		const existingIds = await M.prepareSandbox(sandbox);
		const http = 'n8n-nodes-base.httpRequest';
		const env = {
			sandboxUrl: sandbox.url,
			existingIds,
			types: {
				start: 'n8n-nodes-base.noOp',
				noOp: 'n8n-nodes-base.noOp',
				loop: 'n8n-nodes-base.splitInBatches',
				executeWorkflow: 'n8n-nodes-base.executeWorkflow',
				trigger: 'n8n-nodes-base.executeWorkflowTrigger',
				http,
			},
			versions: { http: engine.nodeVersion(http), loop: 3, executeWorkflow: 1.2, trigger: 1.1 },
		};
		for (const [key, type] of [['loop', env.types.loop], ['executeWorkflow', env.types.executeWorkflow], ['trigger', env.types.trigger]]) {
			if (!engine.hasVersion(type, env.versions[key])) throw new Error(`${type} has no version ${env.versions[key]} in n8n ${engine.install.version}`);
		}
		const credentials = { omiseApi: M.credentialsFor(sandbox) };
		console.log(
			`n8n ${engine.install.version} on Node ${process.version}: n8n-core, n8n-workflow, n8n-nodes-base from ${installDir}\n` +
				`Omise node: ${path.join(engine.staged.from, 'dist')} (built ${engine.staged.built.toISOString()}), copied to ${engine.staged.target} and loaded by that n8n's PackageDirectoryLoader\n` +
				`HTTP Request node v${env.versions.http}; Loop Over Items v${env.versions.loop}; Execute Workflow v${env.versions.executeWorkflow} → Execute Workflow Trigger v${env.versions.trigger}\n` +
				`sandbox ${sandbox.url}`,
		);

		const cases = M.allCases().filter((c) => !args.only || c.id.includes(args.only));
		const results = [];
		for (const testCase of cases) {
			const sides = {};
			for (const side of ['omise', 'http']) {
				const built = M.buildWorkflow(testCase, side, env);
				const before = M.snapshot(sandbox);
				const subRuns = [];
				const caseStarted = Date.now();
				const run = await engine.execute({
					workflowData: { nodes: built.nodes, connections: built.connections },
					start: built.start,
					items: built.items,
					credentials,
					onSubRun: (r) => subRuns.push(r),
				});
				const requests = [...sandbox.requests];
				const walk = M.normalizer(sandbox, existingIds, before);
				sides[side] = { summary: M.summarize(testCase, { run, subRuns, requests, walk }), ms: Date.now() - caseStarted };
			}
			const comparison = M.compare(testCase, sides.omise.summary, sides.http.summary);
			results.push({ testCase, sides, comparison });
		}
		printTable(results);
		printDetails(results, args.verbose);
		const failed = results.filter((r) => !r.comparison.ok);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`\nDeliberate differences the Omise node may keep (asserted instead of compared):`);
		for (const [n, text] of Object.entries(M.DELIBERATE)) console.log(`  (${n}) ${text}`);
		console.log(
			`\n${results.length} cases on n8n ${engine.install.version}: ${results.length - failed.length} as the HTTP Request node, ` +
				`${failed.length} differ${failed.length ? ` (${[...new Set(failed.map((r) => r.testCase.setting))].join(', ')})` : ''} — ${seconds} s`,
		);
		if (args.record) record(args.record, engine, env, results, args);
		return failed.length ? 1 : 0;
	} finally {
		await sandbox.close();
		engine.cleanup();
	}
}

function pad(text, width) {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function printTable(results) {
	const rows = results.map(({ testCase, sides, comparison }) => [
		testCase.id,
		M.describe(testCase, sides.omise.summary),
		M.describe(testCase, sides.http.summary),
		comparison.ok ? comparison.verdict : `FAIL`,
	]);
	const header = ['case', 'Omise: requests/items/error', 'HTTP Request: requests/items/error', 'verdict'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells) => cells.map((c, i) => pad(c, widths[i])).join(' | ');
	console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
	for (const row of rows) console.log(line(row));
}

function printDetails(results, verbose) {
	const shown = results.filter((r) => verbose || !r.comparison.ok);
	if (shown.length === 0) return;
	console.log(`\n${verbose ? 'Every case' : 'Cases that differ'}:`);
	for (const { testCase, sides, comparison } of shown) {
		console.log(`\n• ${testCase.id} — ${comparison.ok ? comparison.verdict : 'FAIL'}`);
		for (const line of comparison.details) console.log(`    ${line}`);
		if (verbose) {
			console.log(`    Omise: ${JSON.stringify(sides.omise.summary)}`);
			console.log(`    HTTP:  ${JSON.stringify(sides.http.summary)}`);
		}
	}
}

function record(file, engine, env, results, args) {
	if (args.only) throw new Error('--record writes the whole matrix: run it without --only');
	const table = {
		_comment:
			'Generated by `node e2e/settings-matrix.js --n8n=2 --record test/fixtures/http-request-matrix.json`: what n8n\'s HTTP Request node did in each case of e2e/lib/matrix-cases.js (normalized summaries). test/settings-matrix.test.ts checks the Omise node against it. Do not edit by hand; regenerate after changing the matrix.',
		n8n: engine.install.version,
		httpRequestVersion: env.versions.http,
		cases: Object.fromEntries(results.map(({ testCase, sides }) => [testCase.id, M.compact(sides.http.summary)])),
	};
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(table, null, '\t')}\n`);
	console.log(`recorded ${results.length} HTTP Request node results in ${path.relative(process.cwd(), file)}`);
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`\n[settings-matrix] ${error.stack || error.message}`);
		process.exit(2);
	},
);
