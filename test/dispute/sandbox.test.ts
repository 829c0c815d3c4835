// The sandbox's disputes, tested on their own: the control endpoint that opens
// a dispute as a card issuer would (what example workflows and the trigger's
// tests use), the events and webhooks it causes, and the API's refusals.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { basicAuth, KEYS, startSandbox } from '../harness/sandbox';
import type { Sandbox } from '../harness/sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let sandbox: Sandbox;
let receiver: Server;
const delivered: Json[] = [];

beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			delivered.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	sandbox = await startSandbox({ webhooks: { endpoints: [`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/omise`] } });
});
afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
	// deliveries of an earlier test's events may still be on their way: let them land first
	await sandbox.webhooks.idle();
	delivered.length = 0;
});

async function call(method: string, path: string, body?: unknown, options: { key?: string; version?: string; type?: string } = {}) {
	const headers: Record<string, string> = { authorization: basicAuth(options.key ?? KEYS.testSecretKey) };
	if (body !== undefined) headers['content-type'] = options.type ?? 'application/json';
	if (options.version) headers['omise-version'] = options.version;
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Json };
}

/** A control call: no key. */
async function control(path: string, body: Json = {}) {
	const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Json };
}

let tokens = 0;
async function paidCharge(amount = 100000, key?: string) {
	return (await call('POST', '/charges', { amount, currency: 'thb', card: `tokn_${key === KEYS.liveSecretKey ? '' : 'test_'}sbdispute${(tokens += 1)}` }, { key })).json;
}

function multipart(parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>, boundary = 'sandboxBoundary42') {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
		const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

const error = (status: number, code: string, message: string) => ({ status, json: { object: 'error', location: `https://www.omise.co/api-errors#${code.replace(/_/g, '-')}`, code, message } });

describe('POST /__sandbox/charges/:id/dispute', () => {
	test('opens a dispute on a paid charge for what it captured, with Omise\'s fields; the balance is debited', async () => {
		const charge = (await call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_sbpreauth', capture: false, authorization_type: 'pre_auth' })).json;
		await call('POST', `/charges/${charge.id}/capture`, { capture_amount: 60000 });
		const opened = await control(`/__sandbox/charges/${charge.id}/dispute`);
		expect(opened.status).toBe(200);
		expect(opened.json).toEqual({
			object: 'dispute',
			id: expect.stringMatching(/^dspt_test_\w+$/),
			livemode: false,
			location: `/disputes/${opened.json.id}`,
			currency: 'THB',
			amount: 60000,
			funding_amount: 60000,
			funding_currency: 'THB',
			metadata: {},
			charge: charge.id,
			documents: { object: 'list', data: [], limit: 20, offset: 0, total: 0, order: 'chronological', location: `/disputes/${opened.json.id}/documents`, from: '1970-01-01T00:00:00Z', to: expect.any(String) },
			transactions: [
				{
					object: 'transaction', id: expect.stringMatching(/^trxn_test_/), livemode: false, currency: 'THB', amount: 60000, location: expect.stringMatching(/^\/transactions\/trxn_test_/),
					direction: 'debit', key: 'dispute.started.debit', origin: opened.json.id, transferable_at: expect.any(String), created_at: expect.any(String),
				},
			],
			admin_message: null,
			message: null,
			reason_code: 'goods_or_services_not_provided',
			reason_message: 'Merchandise/Services Not Received',
			status: 'open',
			closed_at: null,
			created_at: expect.any(String),
		});
		expect((await call('GET', `/disputes/${opened.json.id}`)).json).toEqual(opened.json);
		const transaction = (await call('GET', `/transactions/${opened.json.transactions[0].id}`)).json;
		expect(transaction).toMatchObject({ object: 'transaction', direction: 'debit', amount: 60000, key: 'dispute.started.debit', origin: opened.json.id });
	});

	test('amount, reason_code and reason_message can be given; live charges get live disputes', async () => {
		const charge = await paidCharge(50000);
		const opened = await control(`/__sandbox/charges/${charge.id}/dispute`, { amount: 20000, reason_code: 'unauthorized_charge', reason_message: 'Cardholder does not recognise the charge' });
		expect(opened.json).toMatchObject({ amount: 20000, reason_code: 'unauthorized_charge', reason_message: 'Cardholder does not recognise the charge', status: 'open' });
		const live = await paidCharge(50000, KEYS.liveSecretKey);
		const liveDispute = await control(`/__sandbox/charges/${live.id}/dispute`, { reason_code: 'duplicate_processing' });
		expect(liveDispute.json).toMatchObject({ id: expect.stringMatching(/^dspt_(?!test_)\w+$/), livemode: true, reason_message: 'duplicate processing' });
		expect((await call('GET', `/disputes/${liveDispute.json.id}`)).status).toBe(404);
		expect((await call('GET', `/disputes/${liveDispute.json.id}`, undefined, { key: KEYS.liveSecretKey })).status).toBe(200);
	});

	test('refuses an unknown charge, an unpaid one, a second dispute while one is not closed, and a wrong amount', async () => {
		expect(await control('/__sandbox/charges/chrg_test_nope/dispute')).toEqual(error(404, 'not_found', 'charge chrg_test_nope was not found'));
		const unpaid = (await call('POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_sbunpaid', capture: false })).json;
		expect(await control(`/__sandbox/charges/${unpaid.id}/dispute`)).toEqual(error(400, 'bad_request', `charge ${unpaid.id} is pending and was not paid: only a paid charge can be disputed`));
		const charge = await paidCharge(5000);
		expect(await control(`/__sandbox/charges/${charge.id}/dispute`, { amount: 5001 })).toEqual(error(400, 'bad_request', 'amount must be a whole number from 1 to 5000 (what the charge captured)'));
		expect(await control(`/__sandbox/charges/${charge.id}/dispute`, { reason: 'x' })).toEqual(error(400, 'bad_request', 'reason is not a valid parameter'));
		const first = await control(`/__sandbox/charges/${charge.id}/dispute`);
		expect(await control(`/__sandbox/charges/${charge.id}/dispute`)).toEqual(error(400, 'bad_request', `charge ${charge.id} already has a dispute that is not closed: ${first.json.id}`));
		await control(`/__sandbox/disputes/${first.json.id}/close`, { status: 'won' });
		expect((await control(`/__sandbox/charges/${charge.id}/dispute`)).status).toBe(200);
	});
});

describe('events and webhooks', () => {
	test('dispute.create when opened, dispute.update for a document and an answer, dispute.close when accepted; each delivered with the dispute as data', async () => {
		const charge = await paidCharge(70000);
		const opened = (await control(`/__sandbox/charges/${charge.id}/dispute`)).json;
		const id = opened.id;
		const upload = multipart([{ name: 'file', filename: 'receipt.pdf', type: 'application/pdf', data: '%PDF-1.4 receipt' }]);
		expect((await call('POST', `/disputes/${id}/documents`, upload.body, { type: upload.type })).status).toBe(200);
		await call('PATCH', `/disputes/${id}`, { message: 'Delivered', metadata: { case: 'C-7' } });
		await call('PATCH', `/disputes/${id}/accept`);
		await sandbox.webhooks.idle();
		const events = delivered.filter((event) => event.data.id === id);
		expect(events.map((event) => [event.object, event.key, event.data.object, event.data.status, event.data.documents.total])).toEqual([
			['event', 'dispute.create', 'dispute', 'open', 0],
			['event', 'dispute.update', 'dispute', 'open', 1],
			['event', 'dispute.update', 'dispute', 'pending', 1],
			['event', 'dispute.close', 'dispute', 'lost', 1],
		]);
		expect(events[0].data).toEqual(opened);
		expect(events[3].data).toMatchObject({ message: 'Delivered', metadata: { case: 'C-7' }, closed_at: expect.any(String) });
		const listed = (await call('GET', '/events?order=reverse_chronological&limit=4')).json.data;
		expect(listed.map((event: Json) => event.key)).toEqual(['dispute.close', 'dispute.update', 'dispute.update', 'dispute.create']);
	});

	test('POST /__sandbox/disputes/:id/close closes as won or lost (dispute.close), once', async () => {
		const charge = await paidCharge(30000);
		const { id } = (await control(`/__sandbox/charges/${charge.id}/dispute`)).json;
		expect(await control(`/__sandbox/disputes/${id}/close`, { status: 'maybe' })).toEqual(error(400, 'bad_request', 'status must be won or lost'));
		const won = await control(`/__sandbox/disputes/${id}/close`, { status: 'won' });
		expect(won.json).toMatchObject({ id, status: 'won', closed_at: expect.any(String), message: null });
		expect(await control(`/__sandbox/disputes/${id}/close`, { status: 'lost' })).toEqual(error(400, 'bad_request', `dispute ${id} is already closed (won)`));
		expect(await control('/__sandbox/disputes/dspt_test_nope/close', { status: 'won' })).toEqual(error(404, 'not_found', 'dispute dspt_test_nope was not found'));
		await sandbox.webhooks.idle();
		expect(delivered.filter((event) => event.data.id === id).map((event) => event.key)).toEqual(['dispute.create', 'dispute.close']);
	});
});

describe('the Dispute and Document APIs', () => {
	test('lists by status; an answered dispute is pending and its documents are locked; a closed one takes no answer', async () => {
		const id = (await control(`/__sandbox/charges/${(await paidCharge()).id}/dispute`)).json.id;
		const upload = multipart([{ name: 'file', filename: 'a.png', type: 'image/png', data: 'png' }]);
		const document = (await call('POST', `/disputes/${id}/documents`, upload.body, { type: upload.type })).json;
		const ids = async (path: string) => (await call('GET', path)).json.data.map((dispute: Json) => dispute.id);
		expect(await ids('/disputes/open')).toContain(id);
		expect((await call('PATCH', `/disputes/${id}`, { message: 'Answer' })).json.status).toBe('pending');
		expect(await ids('/disputes/open')).not.toContain(id);
		expect(await ids('/disputes/pending')).toContain(id);
		expect(await call('POST', `/disputes/${id}/documents`, upload.body, { type: upload.type })).toEqual(error(400, 'documents_locked', 'documents list cannot be modified'));
		expect(await call('DELETE', `/disputes/${id}/documents/${document.id}`)).toEqual(error(400, 'documents_locked', 'documents list cannot be modified'));
		await call('PATCH', `/disputes/${id}/accept`);
		expect(await ids('/disputes/closed')).toContain(id);
		expect(await call('PATCH', `/disputes/${id}`, { message: 'Too late' })).toEqual(error(400, 'bad_request', `dispute ${id} is already closed (lost)`));
		expect((await call('PATCH', `/disputes/${id}`, { metadata: { note: 'kept' } })).json.metadata).toEqual({ note: 'kept' });
		expect(await call('GET', '/disputes/dspt_test_nope')).toEqual(error(404, 'not_found', 'dispute dspt_test_nope was not found'));
		expect(await call('PATCH', `/disputes/${id}`, { status: 'won' })).toEqual(error(400, 'bad_request', 'status is not a valid parameter'));
	});

	test('a document upload: the file part is required, kind is one of Omise\'s, at most 10 MB, and a body that is not multipart is refused', async () => {
		const id = (await control(`/__sandbox/charges/${(await paidCharge()).id}/dispute`)).json.id;
		const noFile = multipart([{ name: 'kind', data: 'proof_of_receipt' }]);
		expect(await call('POST', `/disputes/${id}/documents`, noFile.body, { type: noFile.type })).toEqual(error(400, 'bad_request', 'file is required: send the document as the multipart/form-data field file'));
		const badKind = multipart([{ name: 'file', filename: 'a.pdf', data: 'x' }, { name: 'kind', data: 'selfie' }]);
		expect(await call('POST', `/disputes/${id}/documents`, badKind.body, { type: badKind.type })).toEqual(
			error(400, 'bad_request', 'kind must be one of cardholder_details, details_of_purchase, proof_of_receipt, proof_of_acceptance'),
		);
		const big = multipart([{ name: 'file', filename: 'big.pdf', data: Buffer.alloc(10 * 1024 * 1024 + 1) }]);
		expect(await call('POST', `/disputes/${id}/documents`, big.body, { type: big.type })).toEqual(error(400, 'bad_request', 'file is too large: a document may not exceed 10MB'));
		expect(await call('POST', `/disputes/${id}/documents`, 'not multipart', { type: 'multipart/form-data; boundary=zzz' })).toEqual(error(400, 'bad_request', 'request body is not valid multipart/form-data'));
		expect(await call('POST', `/disputes/${id}/documents`, 'x', { type: 'multipart/form-data' })).toEqual(error(400, 'bad_request', 'multipart/form-data body has no boundary'));
		const quoted = multipart([{ name: 'file', filename: 'ok.pdf', type: 'application/pdf', data: 'ok' }], 'with "quotes"');
		const accepted = await call('POST', `/disputes/${id}/documents`, quoted.body, { type: 'multipart/form-data; boundary="with \\"quotes\\""' });
		expect(accepted.json).toMatchObject({ object: 'document', filename: 'ok.pdf', kind: null, deleted: false });
		expect(sandbox.requests.at(-1)?.body).toEqual({ file: { filename: 'ok.pdf', content_type: 'application/pdf', size: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
	});

	test('an older Omise-Version: created and a lower-case currency, as omise-go\'s recorded disputes show', async () => {
		const id = (await control(`/__sandbox/charges/${(await paidCharge()).id}/dispute`)).json.id;
		const older = (await call('GET', `/disputes/${id}`, undefined, { version: '2015-11-17' })).json;
		expect(older).toMatchObject({ id, currency: 'thb', funding_currency: 'thb', created: expect.any(String) });
		expect(older.created_at).toBeUndefined();
	});

	test('search scope dispute finds disputes by their charge and status', async () => {
		const charge = await paidCharge(12345);
		const { id } = (await control(`/__sandbox/charges/${charge.id}/dispute`)).json;
		const found = (await call('GET', `/search?scope=dispute&query=${charge.id}&filters[status]=open`)).json;
		expect(found).toMatchObject({ object: 'search', scope: 'dispute', total: 1, data: [{ object: 'dispute', id, charge: charge.id, amount: 12345 }] });
	});
});
