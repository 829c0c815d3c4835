'use strict';
// The bench's side of bench/lib/expression-counter.js: asks n8n (over the Unix
// socket the preload opened in the counter folder) for its expression counts,
// and starts / stops its CPU profiler.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

function ask(socketPath, command, timeoutMs = 30000) {
	return new Promise((resolve, reject) => {
		const conn = net.createConnection(socketPath);
		let buffer = '';
		const timer = setTimeout(() => {
			conn.destroy();
			reject(new Error(`no answer to "${command}" from ${socketPath} in ${timeoutMs} ms`));
		}, timeoutMs);
		conn.setEncoding('utf8');
		conn.on('connect', () => conn.write(command + '\n'));
		conn.on('data', (chunk) => {
			buffer += chunk;
			const i = buffer.indexOf('\n');
			if (i < 0) return;
			clearTimeout(timer);
			conn.end();
			try {
				resolve(JSON.parse(buffer.slice(0, i)));
			} catch (error) {
				reject(error);
			}
		});
		conn.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** The socket of process `pid` in the counter folder. */
function socketOf(dir, pid) {
	return path.join(dir, `${pid}.sock`);
}

/** Expression counts of the n8n process `pid`: { total, byExpression: Map, engine }. */
async function readCounts(dir, pid) {
	const answer = await ask(socketOf(dir, pid), 'counts');
	return { total: answer.count, byExpression: new Map(Object.entries(answer.byExpression)), engine: answer.engine, copies: answer.copies };
}

async function profileStart(dir, pid, file) {
	const answer = await ask(socketOf(dir, pid), `profile-start ${file}`);
	if (answer.error) throw new Error(answer.error);
}

async function profileStop(dir, pid) {
	const answer = await ask(socketOf(dir, pid), 'profile-stop', 120000);
	if (answer.error) throw new Error(answer.error);
	return answer.file;
}

/** Whether the preload is listening in process `pid`. */
function isListening(dir, pid) {
	return fs.existsSync(socketOf(dir, pid));
}

module.exports = { readCounts, profileStart, profileStop, isListening };
