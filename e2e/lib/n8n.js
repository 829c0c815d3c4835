'use strict';
// Driving a real, installed n8n (2.x on Node 24, 1.x on the machine's Node):
// a throwaway user folder, this package packed and installed the way n8n
// installs community packages, the CLI (import / execute / publish), and
// `n8n start` with its readiness check.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { paths } = require('../install');
const { log, runCommand, startProcess, waitFor, freePort } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-omise';

/** The package's `n8n` block: which dist files must exist, and whether the trigger is part of it. */
function packageInfo(root = REPO) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const files = [...(pkg.n8n?.nodes || []), ...(pkg.n8n?.credentials || [])];
	const missing = files.filter((f) => !fs.existsSync(path.join(root, f)));
	const triggerFile = 'dist/nodes/OmiseTrigger/OmiseTrigger.node.js';
	return {
		pkg,
		files,
		missing,
		hasTrigger: (pkg.n8n?.nodes || []).includes(triggerFile) && fs.existsSync(path.join(root, triggerFile)),
		triggerBuiltButNotListed:
			fs.existsSync(path.join(root, triggerFile)) && !(pkg.n8n?.nodes || []).includes(triggerFile),
	};
}

function copyDir(src, dest) {
	fs.cpSync(src, dest, { recursive: true, dereference: true });
}

/**
 * Packs the built package from a snapshot copy (package.json, README, LICENSE,
 * dist/) so that a concurrent `npm run build` in the repo cannot hand us half
 * a dist/. Returns { tarball, info }.
 */
async function packPackage(workDir) {
	const info = packageInfo(REPO);
	if (info.missing.length) {
		throw new Error(
			`the built package is incomplete: ${info.missing.join(', ')} missing. Run \`npm run build\` (or \`npx tsc -p tsconfig.json && npx gulp build:icons\`) first.`,
		);
	}
	const stage = path.join(workDir, 'pack-src');
	fs.mkdirSync(stage, { recursive: true });
	for (const f of ['package.json', 'README.md', 'LICENSE', 'LICENSE.md']) {
		if (fs.existsSync(path.join(REPO, f))) fs.copyFileSync(path.join(REPO, f), path.join(stage, f));
	}
	copyDir(path.join(REPO, 'dist'), path.join(stage, 'dist'));
	const staged = packageInfo(stage);
	if (staged.missing.length) throw new Error(`dist/ changed while copying: ${staged.missing.join(', ')} missing`);
	const out = path.join(workDir, 'pack-out');
	fs.mkdirSync(out, { recursive: true });
	const r = await runCommand('npm', ['pack', '--ignore-scripts', '--json', `--pack-destination=${out}`], {
		cwd: stage,
		env: cleanEnv(),
	});
	if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
	const [{ filename, size, entryCount }] = JSON.parse(r.stdout);
	const tarball = path.join(out, path.basename(filename));
	log(`packed ${path.basename(tarball)} (${entryCount} files, ${(size / 1024).toFixed(0)} kB)`);
	return { tarball, info: staged };
}

/** process.env without what `npm run` injects (npm_config_* would leak into child npm and n8n). */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		if (/^(N8N_|DB_|EXECUTIONS_|WEBHOOK_URL$|GENERIC_TIMEZONE$)/.test(k)) continue;
		env[k] = v;
	}
	return { ...env, ...extra };
}

/**
 * Installs a tarball (or, with `link`, a symlink to a package folder) into
 * <userFolder>/.n8n/nodes/node_modules/n8n-nodes-omise, where n8n finds
 * community packages at start-up. Like n8n's own installer: no dev
 * dependencies, no peer dependencies (n8n provides n8n-workflow), no scripts.
 */
async function installCommunityPackage(n8nFolder, { tarball, link }) {
	const nodesDir = path.join(n8nFolder, 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	if (link) {
		fs.symlinkSync(link, target, 'dir');
		return target;
	}
	if (!fs.existsSync(path.join(nodesDir, 'package.json'))) {
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const r = await runCommand(
		'npm',
		['install', tarball, '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=warn'],
		{ cwd: nodesDir, env: cleanEnv(), timeoutMs: 120000 },
	);
	if (r.code !== 0) throw new Error(`installing the package into ${nodesDir} failed:\n${r.stdout}\n${r.stderr}`);
	const installed = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
	const extra = fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((d) => !d.startsWith('.') && d !== PACKAGE_NAME);
	if (extra.length) throw new Error(`installing the package pulled extra modules into nodes/node_modules: ${extra.join(', ')}`);
	return { target, version: installed.version };
}

class N8n {
	/**
	 * @param {object} o
	 * @param {1|2} o.major
	 * @param {string} o.root       folder for this instance (user folder, logs, files)
	 * @param {object} [o.env]      extra environment
	 */
	constructor({ major, root, env = {} }) {
		this.major = major;
		this.root = root;
		this.userFolder = path.join(root, 'user');
		this.n8nFolder = path.join(this.userFolder, '.n8n');
		this.filesDir = path.join(root, 'files');
		this.logFile = path.join(root, 'n8n.log');
		this.node = paths.nodeFor(major);
		this.bin = paths.n8nBin(major);
		this.extraEnv = env;
		this.encryptionKey = randomBytes(24).toString('hex');
		fs.mkdirSync(this.n8nFolder, { recursive: true });
		fs.mkdirSync(this.filesDir, { recursive: true });
	}

	async init() {
		this.port = this.port || (await freePort());
		this.brokerPort = this.brokerPort || (await freePort());
		this.url = `http://127.0.0.1:${this.port}`;
		return this;
	}

	env() {
		return cleanEnv({
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: this.url,
			WEBHOOK_URL: this.url + '/',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			// File nodes may read and write only here (n8n's own default is ~/.n8n-files).
			N8N_RESTRICT_FILE_ACCESS_TO: this.filesDir,
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			// n8n 1.x: its default `vm` expression engine needs isolated-vm, which has no Node 20 build here.
			...(this.major === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			...this.extraEnv,
		});
	}

	/** Runs `n8n <args>`; throws with the output unless it exits 0 (or `allowFail`). */
	async cli(args, { allowFail = false, timeoutMs = 180000 } = {}) {
		const started = Date.now();
		const r = await runCommand(this.node, [this.bin, ...args], {
			cwd: this.root,
			env: this.env(),
			timeoutMs,
			logFile: path.join(this.root, 'cli.log'),
		});
		log(`n8n ${args[0]} → exit ${r.code} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		if (r.code !== 0 && !allowFail) {
			throw new Error(`n8n ${args.join(' ')} exited ${r.code}\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`);
		}
		return r;
	}

	writeJson(name, data) {
		const file = path.join(this.root, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	async importCredentials(credentials) {
		await this.cli(['import:credentials', `--input=${this.writeJson('credentials.json', credentials)}`]);
	}

	/** Imports workflows with one CLI call (each CLI start costs 3–8 s). */
	async importWorkflows(workflows) {
		const dir = path.join(this.root, 'workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const wf of workflows) fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Makes a workflow active at the next start: `publish:workflow` (2.x) or `update:workflow --active=true` (1.x). */
	async activate(id) {
		if (this.major === 2) await this.cli(['publish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	async execute(id) {
		return this.cli(['execute', `--id=${id}`, '--rawOutput'], { allowFail: true });
	}

	/**
	 * Starts `n8n <command>` (default `start`; queue mode also uses `webhook` and `worker`,
	 * whose readiness is on QUEUE_HEALTH_CHECK_PORT: set `this.port` to it) and waits for
	 * `/healthz/readiness` on `this.url`.
	 */
	async start({ echo = false, readyTimeoutMs = 120000, command = 'start', name = `n8n ${this.major}.x` } = {}) {
		const started = Date.now();
		this.proc = startProcess(name, this.node, [this.bin, command], {
			cwd: this.root,
			env: this.env(),
			logFile: this.logFile,
			echo,
		});
		await waitFor(
			`${name} readiness on ${this.url}/healthz/readiness (log: ${this.logFile})`,
			async () => {
				if (this.proc.exitInfo) {
					throw Object.assign(new Error(`n8n exited early (${JSON.stringify(this.proc.exitInfo)}):\n${tail(this.proc.output())}`), {
						fatal: true,
					});
				}
				const res = await fetch(`${this.url}/healthz/readiness`).catch(() => undefined);
				return res && res.status === 200;
			},
			{ timeoutMs: readyTimeoutMs, intervalMs: 300, failFast: (e) => e.fatal },
		);
		log(`${name} ready on ${this.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}

	/** Kills n8n at once (SIGKILL to its process group, task runners included), as a crash or an OOM kill would. */
	async kill() {
		if (!this.proc) return;
		process.kill(-this.proc.pid, 'SIGKILL');
		await this.proc.exited;
		log(`${this.proc.name} killed (SIGKILL)`);
		this.proc = undefined;
	}

	async stop() {
		if (!this.proc) return;
		const info = await this.proc.stop(15000);
		log(`${this.proc.name} stopped (${info.signal || 'exit ' + info.code})`);
		this.proc = undefined;
	}
}

function tail(text, lines = 60) {
	return String(text || '').split('\n').slice(-lines).join('\n');
}

function tempRoot(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { REPO, PACKAGE_NAME, N8n, packPackage, packageInfo, installCommunityPackage, cleanEnv, tail, tempRoot };
