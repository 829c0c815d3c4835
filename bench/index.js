#!/usr/bin/env node
'use strict';
/*
 * `npm run bench [-- options]`: both benchmarks, one after the other.
 *   engine  build/bench/run.js  — the node under n8n's engine in-process (bench/run.ts, compiled by the npm script)
 *   real    bench/real.js       — real n8n: Omise node vs HTTP Request node vs raw undici, Omise Trigger vs Webhook node
 *
 *   --only=engine | --only=real   one of them (--only=links / --only=trigger: that part of the real bench)
 *   every other option goes to bench/real.js (see there or bench/README.md)
 *
 * The engine bench keeps its own exit code (its targets fail it); the real bench
 * prints its targets with PASS/FAIL and fails only when it cannot run.
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length) : 'all';
const realArgs = args.filter((a) => !(a === onlyArg && (only === 'real' || only === 'engine')));

let status = 0;
if (only === 'all' || only === 'engine') {
	console.log('════ in-process bench (n8n engine, build/bench/run.js) ════');
	const r = spawnSync(process.execPath, ['--expose-gc', path.join(REPO, 'build', 'bench', 'run.js')], { stdio: 'inherit', cwd: REPO });
	status ||= r.status ?? 1;
}
if (only !== 'engine') {
	console.log('\n════ real-n8n bench (bench/real.js) ════');
	const r = spawnSync(process.execPath, [path.join(__dirname, 'real.js'), ...realArgs], { stdio: 'inherit', cwd: REPO });
	status ||= r.status ?? 1;
}
process.exit(status);
