'use strict';
// Executions n8n has saved, per workflow and status, read from its SQLite
// database with the sqlite3 addon of that n8n install (built for the Node that
// runs n8n, so the query runs under that Node too).
const fs = require('node:fs');
const path = require('node:path');
const { runCommand } = require('../../e2e/lib/proc');

const SCRIPT = `
const sqlite3 = require(process.argv[1]);
const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY);
db.all('SELECT workflowId AS workflowId, status AS status, COUNT(*) AS n FROM execution_entity GROUP BY workflowId, status', (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	console.log(JSON.stringify(rows));
	db.close();
});
`;

/** { [workflowId]: { [status]: count } } */
async function executionCounts(n8nDir, nodeBin, n8nFolder) {
	const sqlite = [path.join(n8nDir, 'node_modules', 'sqlite3'), path.join(n8nDir, 'node_modules', 'n8n', 'node_modules', 'sqlite3')].find((p) => fs.existsSync(p));
	const db = path.join(n8nFolder, 'database.sqlite');
	if (!sqlite || !fs.existsSync(db)) throw new Error(`no sqlite3 addon or database (${sqlite}, ${db})`);
	const r = await runCommand(nodeBin, ['-e', SCRIPT, sqlite, db], { cwd: n8nDir, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeoutMs: 30000 });
	if (r.code !== 0) throw new Error(`reading executions failed: ${r.stderr}`);
	const out = {};
	for (const { workflowId, status, n } of JSON.parse(r.stdout)) (out[workflowId] ||= {})[status] = n;
	return out;
}

/** Executions added between two snapshots, per workflow and status. */
function executionsAdded(before, after) {
	const out = {};
	for (const [wf, statuses] of Object.entries(after)) {
		for (const [status, n] of Object.entries(statuses)) {
			const d = n - ((before[wf] || {})[status] || 0);
			if (d) (out[wf] ||= {})[status] = d;
		}
	}
	return out;
}

module.exports = { executionCounts, executionsAdded };
