'use strict';
// What run.js and dev.js share: the example workflows, the credentials pointing at the sandbox and the SMTP sink,
// and the preparation of one n8n instance.
const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { REPO } = require('./n8n');
const { DEFAULT_KEYS } = require(path.join(REPO, 'sandbox', 'server'));

const EXAMPLES = path.join(REPO, 'examples');
const EXAMPLE_FILES = [
	'csv-to-payment-links.json', 'google-sheets-to-payment-links.json', 'email-on-paid-charge.json', 'refund-on-request.json', 'csv-to-promptpay-qr-email.json', 'monthly-membership.json',
	'daily-reconciliation.json', 'dispute-alert.json',
];
// Examples checked against n8n's nodes (e2e/lib/check-examples.js) but not imported or run: the AI agent
// needs an OpenAI key and a chat; e2e/lib/agent-check.js runs its Omise Tool setup with a scripted model.
const CHECKED_ONLY_EXAMPLE_FILES = ['ai-agent-payment-link.json', 'ai-agent-promptpay-qr.json'];

const IDS = {
	omiseCredential: 'OmiseApiCred0001',
	smtpCredential: 'SmtpAccount00001',
	refundAuthCredential: 'RefundHeaderAuth',
	csvWorkflow: 'OmiseCsvLinks001',
	emailWorkflow: 'OmisePaidEmail01',
	refundWorkflow: 'OmiseRefundReq01',
	sheetsWorkflow: 'OmiseSheetLinks1',
	qrWorkflow: 'OmiseQrEmail0001',
	membershipWorkflow: 'OmiseMembership1',
	reconciliationWorkflow: 'OmiseReconcile01',
	disputeWorkflow: 'OmiseDisputes001',
	disputeReplyCredential: 'DisputeReplyAuth',
};

const REFUND_HEADER = 'X-Refund-Token';
const DISPUTE_REPLY_HEADER = 'X-Reply-Token';

function readExample(name) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
}

function nodeByType(workflow, type) {
	return workflow.nodes.find((n) => n.type === type);
}

/** Credentials for `n8n import:credentials` (plain data; n8n encrypts it on import). */
function credentials({ sandboxUrl, secretKey, webhookSecret, smtpPort, refundToken, replyToken }) {
	const now = new Date().toISOString();
	const base = { isManaged: false, createdAt: now, updatedAt: now };
	return [
		{
			...base,
			id: IDS.omiseCredential,
			name: 'Omise account',
			type: 'omiseApi',
			data: { secretKey, webhookSecret, baseUrl: sandboxUrl },
		},
		{
			...base,
			id: IDS.smtpCredential,
			name: 'SMTP account',
			type: 'smtp',
			data: { user: '', password: '', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true, hostName: 'localhost' },
		},
		{
			...base,
			id: IDS.refundAuthCredential,
			name: 'Refund request token',
			type: 'httpHeaderAuth',
			data: { name: REFUND_HEADER, value: refundToken },
		},
		{
			...base,
			id: IDS.disputeReplyCredential,
			name: 'Dispute reply token',
			type: 'httpHeaderAuth',
			data: { name: DISPUTE_REPLY_HEADER, value: replyToken },
		},
	];
}

/**
 * Prepares an n8n user folder: the credentials (Omise → the sandbox with the
 * signing secret, SMTP → the sink, the refund webhook's token), products.csv in
 * n8n's files folder, and all the example workflows (`extraCredentials`: more to import in the same CLI call).
 */
async function importScenario(n8n, { sandboxUrl, smtpPort, secrets, extraCredentials = [] }) {
	await n8n.importCredentials([
		...credentials({ sandboxUrl, secretKey: DEFAULT_KEYS.testSecretKey, webhookSecret: secrets.webhookSecret, smtpPort, refundToken: secrets.refundToken, replyToken: secrets.replyToken }),
		...extraCredentials,
	]);
	const filesDir = path.join(n8n.filesDir, 'omise');
	fs.mkdirSync(filesDir, { recursive: true });
	fs.copyFileSync(path.join(EXAMPLES, 'products.csv'), path.join(filesDir, 'products.csv'));
	const inFilesDir = { 'csv-to-payment-links.json': csvWorkflow, 'csv-to-promptpay-qr-email.json': qrWorkflow, 'daily-reconciliation.json': reconciliationWorkflow };
	const workflows = EXAMPLE_FILES.map((file) => (inFilesDir[file] ? inFilesDir[file](filesDir) : readExample(file)));
	await n8n.importWorkflows(workflows);
	return { filesDir, workflows };
}

/** The CSV example with its input/output paths pointing at `dir` (n8n's files folder). */
function csvWorkflow(dir) {
	const wf = readExample('csv-to-payment-links.json');
	const settings = wf.nodes.find((n) => n.name === 'Settings');
	for (const a of settings.parameters.assignments.assignments) {
		if (a.name === 'inputPath') a.value = path.join(dir, 'products.csv');
		if (a.name === 'outputPath') a.value = path.join(dir, 'payment-links.csv');
	}
	return wf;
}

/** The PromptPay QR example with its input path pointing at `dir`. */
function qrWorkflow(dir) {
	const wf = readExample('csv-to-promptpay-qr-email.json');
	const settings = wf.nodes.find((n) => n.name === 'Settings');
	for (const a of settings.parameters.assignments.assignments) if (a.name === 'inputPath') a.value = path.join(dir, 'products.csv');
	return wf;
}

/** The reconciliation example writing its CSV into `dir` instead of the Docker path. */
function reconciliationWorkflow(dir) {
	const wf = readExample('daily-reconciliation.json');
	const settings = wf.nodes.find((n) => n.name === 'Settings');
	for (const a of settings.parameters.assignments.assignments) if (a.name === 'outputPath') a.value = a.value.replace('/home/node/.n8n-files/omise', dir);
	return wf;
}

/** Production URL of a workflow's webhook node. */
function webhookUrl(n8nUrl, workflow, type) {
	const node = nodeByType(workflow, type);
	if (type === 'n8n-nodes-base.webhook') return `${n8nUrl}/webhook/${node.parameters.path}`;
	return `${n8nUrl}/webhook/${node.webhookId}/webhook`;
}

function newSecrets() {
	return {
		webhookSecret: randomBytes(32).toString('base64'),
		refundToken: randomBytes(18).toString('base64url'),
		replyToken: randomBytes(18).toString('base64url'),
	};
}

/** Minimal RFC 4180 CSV parser (quotes, commas and newlines inside quotes). */
function parseCsv(text) {
	text = text.replace(/^\uFEFF/, ''); // n8n's Convert to File writes a UTF-8 BOM (for Excel)
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
	return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

module.exports = { EXAMPLES, EXAMPLE_FILES, CHECKED_ONLY_EXAMPLE_FILES, IDS, REFUND_HEADER, DISPUTE_REPLY_HEADER, readExample, nodeByType, credentials, importScenario, csvWorkflow, qrWorkflow, webhookUrl, newSecrets, parseCsv };
