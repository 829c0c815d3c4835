// Dispute: chargebacks. The sandbox opens a dispute on a paid charge as a card
// issuer would (POST /__sandbox/charges/:id/dispute); the node reads, answers,
// accepts them and uploads evidence documents (a multipart upload).
import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({}, { each: true });

type Json = Record<string, unknown>;

/** A sandbox-only control call (no key), then the request log cleared. */
async function control(path: string, body: Json = {}): Promise<Json> {
	const response = await fetch(`${omise.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const json = (await response.json()) as Json;
	if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
	omise.clear();
	return json;
}

let tokens = 0;
/** A paid charge of `amount` satang, disputed by its card's issuer. */
async function disputed(amount = 100000, body: Json = {}): Promise<Json> {
	const charge = await omise.call('POST', '/charges', { amount, currency: 'thb', card: `tokn_test_dispute${(tokens += 1)}` });
	return await control(`/__sandbox/charges/${String(charge.id)}/dispute`, body);
}

/** One dispute per status: open, pending (answered), won, lost (accepted). */
async function onePerStatus() {
	const open = await disputed(100000);
	const pending = await disputed(200000);
	await omise.call('PATCH', `/disputes/${String(pending.id)}`, { message: 'Delivered on 2 May, signed by the customer' });
	const won = await disputed(300000);
	await control(`/__sandbox/disputes/${String(won.id)}/close`, { status: 'won' });
	const lost = await disputed(400000);
	await omise.call('PATCH', `/disputes/${String(lost.id)}/accept`);
	return { open: String(open.id), pending: String(pending.id), won: String(won.id), lost: String(lost.id) };
}

/** An input item holding a file in its binary field `field`. */
function withFile(data: Buffer, fileName: string, mimeType: string, field = 'data'): INodeExecutionData {
	return { json: {}, binary: { [field]: { data: data.toString('base64'), mimeType, fileName } } };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
// Bytes a text-only upload would break: a NUL, CR LF, and what looks like a boundary.
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 255, 13, 10]), Buffer.from('\r\n------n8nOmise\r\n%%EOF\n')]);

describe('Dispute', () => {
	test('Get Many with each Status reads Omise\'s list of that status: one item per dispute', async () => {
		const ids = await onePerStatus();
		const cases: Array<[string, string, string[]]> = [
			['all', '/disputes', [ids.open, ids.pending, ids.won, ids.lost]],
			['open', '/disputes/open', [ids.open]],
			['pending', '/disputes/pending', [ids.pending]],
			['closed', '/disputes/closed', [ids.won, ids.lost]],
		];
		for (const [status, path, expected] of cases) {
			const { items, requests, error } = await omise.run({ resource: 'dispute', operation: 'getAll', status, limit: 10 }, { items: [{ json: {} }] });
			expect(error).toBeUndefined();
			expect(requests).toEqual([sent('GET', path, undefined, { limit: '10' })]);
			expect([status, items.map((item) => item.json.id)]).toEqual([status, expected]);
			expect(items.every((item) => item.json.object === 'dispute')).toBe(true);
			expect(items.map((item) => item.pairedItem)).toEqual(expected.map(() => ({ item: 0 })));
		}
	});

	test('Get Many: Status defaults to All; Simplify gives the dispute\'s reason, your message and the amount in the major unit', async () => {
		const ids = await onePerStatus();
		const { items, requests } = await omise.run({ resource: 'dispute', operation: 'getAll', limit: 2, filters: { order: 'reverse_chronological' }, simplify: true });
		expect(requests).toEqual([sent('GET', '/disputes', undefined, { limit: '2', order: 'reverse_chronological' })]);
		const lost = omise.store.get('dispute', ids.lost, false) as Json;
		expect(items.map((item) => item.json)).toEqual([
			{
				id: ids.lost,
				status: 'lost',
				amount_major: '4000.00',
				currency: 'THB',
				reason_code: 'goods_or_services_not_provided',
				reason_message: 'Merchandise/Services Not Received',
				message: 'Merchant accepts the dispute',
				charge: lost.charge,
				metadata: {},
				closed_at: expect.any(String),
				created_at: expect.any(String),
				livemode: false,
			},
			expect.objectContaining({ id: ids.won, status: 'won', amount_major: '3000.00', message: null }),
		]);
	});

	test('Get Many with a Status an expression makes up: the row\'s error, nothing sent', async () => {
		const { error, requests } = await omise.run({ resource: 'dispute', operation: 'getAll', status: '={{ "won" }}', limit: 10 });
		expect(requests).toEqual([]);
		expect(error?.message).toBe('Status must be one of all, closed, open, pending; got "won"');
	});

	test('Get Many with Return All reads every page of the status chosen (more than 100 open disputes)', async () => {
		for (let i = 0; i < 101; i++) await disputed(2000 + i);
		const closed = await disputed(5000);
		await omise.call('PATCH', `/disputes/${String(closed.id)}/accept`);
		const { items, requests } = await omise.run({ resource: 'dispute', operation: 'getAll', status: 'open', returnAll: true });
		expect(requests).toEqual([
			sent('GET', '/disputes/open', undefined, { limit: '100', offset: '0' }),
			sent('GET', '/disputes/open', undefined, { limit: '100', offset: '100' }),
		]);
		expect(items).toHaveLength(101);
		expect(items.every((item) => item.json.status === 'open')).toBe(true);
		expect(items.reduce((sum, item) => sum + Number(item.json.amount), 0)).toBe(101 * 2000 + (100 * 101) / 2);
	});

	test('Get: the dispute by its ID, as Omise sends it; with Simplify, the fields a person came for', async () => {
		const dispute = await disputed(150050, { reason_code: 'goods_or_services_not_provided' });
		const id = String(dispute.id);
		const { items, requests } = await omise.run({ resource: 'dispute', operation: 'get', disputeId: id });
		expect(requests).toEqual([sent('GET', `/disputes/${id}`)]);
		expect(items).toEqual([{ json: dispute, pairedItem: { item: 0 } }]);
		expect(dispute).toMatchObject({ object: 'dispute', status: 'open', amount: 150050, currency: 'THB', documents: { object: 'list', total: 0 }, transactions: [{ key: 'dispute.started.debit', direction: 'debit', amount: 150050 }] });
		const simple = await omise.run({ resource: 'dispute', operation: 'get', disputeId: id, simplify: true });
		expect(simple.items[0].json).toEqual({
			id,
			status: 'open',
			amount_major: '1500.50',
			currency: 'THB',
			reason_code: 'goods_or_services_not_provided',
			reason_message: 'Merchandise/Services Not Received',
			message: null,
			charge: dispute.charge,
			metadata: {},
			closed_at: null,
			created_at: dispute.created_at,
			livemode: false,
		});
	});

	test('Update: the merchant\'s message and metadata are sent; the answered dispute is pending', async () => {
		const id = String((await disputed()).id);
		const message = 'The order was delivered on 2 May and signed for; tracking TH123456789';
		const rows = [{ json: { id, reply: message, order: 'A-1001' } }];
		const { items, requests, error } = await omise.run(
			{
				resource: 'dispute',
				operation: 'update',
				disputeId: '={{ $json.id }}',
				updateFields: { message: '={{ $json.reply }}', metadata: { metadataValues: [{ key: 'order_id', value: '={{ $json.order }}' }] } },
				simplify: true,
			},
			{ items: rows },
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('PATCH', `/disputes/${id}`, { message, metadata: { order_id: 'A-1001' } })]);
		expect(items).toEqual([{ json: expect.objectContaining({ id, status: 'pending', message, metadata: { order_id: 'A-1001' } }), pairedItem: { item: 0 } }]);
	});

	test('Update with nothing to change is the row\'s error, nothing sent', async () => {
		const id = String((await disputed()).id);
		const empty = await omise.run({ resource: 'dispute', operation: 'update', disputeId: id, updateFields: {} });
		const blank = await omise.run({ resource: 'dispute', operation: 'update', disputeId: id, updateFields: { message: '  ' } });
		expect([...empty.requests, ...blank.requests]).toEqual([]);
		expect(empty.error?.message).toBe('Update Fields is empty: add Message or Metadata to change');
		expect(blank.error?.message).toBe('Update Fields holds only empty values: add Message or Metadata to change');
	});

	test('Accept: PATCH /disputes/:id/accept with no body; the dispute is lost and closed', async () => {
		const id = String((await disputed()).id);
		const { items, requests, error } = await omise.run({ resource: 'dispute', operation: 'accept', disputeId: id, simplify: true });
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('PATCH', `/disputes/${id}/accept`)]);
		expect(items).toEqual([{ json: expect.objectContaining({ id, status: 'lost', closed_at: expect.any(String) }), pairedItem: { item: 0 } }]);
		expect(omise.store.all('event', false).map((event) => event.key)).toEqual(['charge.create', 'dispute.create', 'dispute.close']);
	});

	test('Accept of a closed dispute: Omise\'s error reaches the item, with its code and message, paired with its row', async () => {
		const ids = await onePerStatus();
		const rows = [{ json: { id: ids.won } }, { json: { id: ids.open } }];
		const { items, requests } = await omise.run({ resource: 'dispute', operation: 'accept', disputeId: '={{ $json.id }}' }, { items: rows, node: { onError: 'continueRegularOutput' } });
		expect(requests).toEqual([sent('PATCH', `/disputes/${ids.won}/accept`), sent('PATCH', `/disputes/${ids.open}/accept`)]);
		const message = `Omise error bad_request: dispute ${ids.won} is already closed (won)`;
		expect(items).toEqual([
			{ json: { error: message }, error: expect.objectContaining({ message, httpCode: '400' }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ id: ids.open, status: 'lost' }), pairedItem: { item: 1 } },
		]);
		const stopped = await omise.run({ resource: 'dispute', operation: 'accept', disputeId: ids.lost });
		expect(stopped.error?.message).toBe(`Omise error bad_request: dispute ${ids.lost} is already closed (lost)`);
	});

	test('Upload Document: the item\'s binary file is sent as the multipart field `file`, with its name, type and every byte; Kind as the field `kind`', async () => {
		const id = String((await disputed()).id);
		const { items, requests, error } = await omise.run(
			{ resource: 'dispute', operation: 'uploadDocument', disputeId: id, binaryPropertyName: 'data', additionalFields: { kind: 'proof_of_receipt' } },
			{ items: [withFile(PDF, 'receipt.pdf', 'application/pdf')] },
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			sent('POST', `/disputes/${id}/documents`, { kind: 'proof_of_receipt', file: { filename: 'receipt.pdf', content_type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) } }),
		]);
		expect(omise.raw[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=----n8nOmise[0-9a-f]{32}$/);
		const [document] = omise.store.all('document', false);
		expect((document.data as Buffer).equals(PDF)).toBe(true);
		expect(items).toEqual([
			{
				json: { object: 'document', livemode: false, id: document.id, deleted: false, filename: 'receipt.pdf', location: `/disputes/${id}/documents/${document.id}`, kind: 'proof_of_receipt', download_uri: null, created_at: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Upload Document: each row its own file (another binary field, no Kind, no file name), paired with its row', async () => {
		const first = String((await disputed()).id);
		const second = String((await disputed()).id);
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]);
		const unnamed: INodeExecutionData = { json: { id: second }, binary: { scan: { data: png.toString('base64'), mimeType: 'image/png', fileExtension: 'png' } } };
		const { items, requests } = await omise.run(
			{ resource: 'dispute', operation: 'uploadDocument', disputeId: '={{ $json.id }}', binaryPropertyName: 'scan' },
			{ items: [{ ...withFile(PDF, 'slip "1".pdf', 'application/pdf', 'scan'), json: { id: first } }, unnamed] },
		);
		expect(requests).toEqual([
			sent('POST', `/disputes/${first}/documents`, { file: { filename: 'slip _1_.pdf', content_type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) } }),
			sent('POST', `/disputes/${second}/documents`, { file: { filename: 'document.png', content_type: 'image/png', size: png.length, sha256: sha256(png) } }),
		]);
		expect(items.map((item) => [item.json.filename, item.json.kind, item.pairedItem])).toEqual([
			['slip _1_.pdf', null, { item: 0 }],
			['document.png', null, { item: 1 }],
		]);
	});

	test('Upload Document without the binary field in the item: the row\'s error names the field, nothing is sent', async () => {
		const id = String((await disputed()).id);
		const { error, requests } = await omise.run({ resource: 'dispute', operation: 'uploadDocument', disputeId: id, binaryPropertyName: 'receipt' }, { items: [withFile(PDF, 'a.pdf', 'application/pdf', 'data')] });
		expect(requests).toEqual([]);
		expect(error?.message).toBe('Input Binary Field: the item has no binary file "receipt" to upload');
		expect(error?.description).toMatch(/^Its binary fields: data\. Set Input Binary Field to the field that holds the document/);
		const none = await omise.run({ resource: 'dispute', operation: 'uploadDocument', disputeId: id }, { items: [{ json: {} }], node: { onError: 'continueRegularOutput' } });
		expect(none.requests).toEqual([]);
		expect(none.items).toEqual([{ json: { error: 'Input Binary Field: the item has no binary file "data" to upload' }, error: expect.anything(), pairedItem: { item: 0 } }]);
	});

	test('Upload Document of a file over Omise\'s 10 MB: the row\'s error, nothing sent', async () => {
		const id = String((await disputed()).id);
		const big = Buffer.alloc(10 * 1024 * 1024 + 1);
		const { items, requests } = await omise.run(
			{ resource: 'dispute', operation: 'uploadDocument', disputeId: id },
			{ items: [withFile(big, 'scan.pdf', 'application/pdf'), withFile(PDF, 'small.pdf', 'application/pdf')], node: { onError: 'continueRegularOutput' } },
		);
		expect(requests.map((request) => request.body)).toEqual([{ file: { filename: 'small.pdf', content_type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) } }]);
		expect(items.map((item) => [item.json.error ?? item.json.filename, item.pairedItem])).toEqual([
			['The file "scan.pdf" is 10.0 MB; Omise accepts documents of at most 10 MB. Nothing was sent', { item: 0 }],
			['small.pdf', { item: 1 }],
		]);
	});

	test('Upload Document to a dispute already answered: Omise\'s documents_locked error', async () => {
		const id = String((await disputed()).id);
		await omise.call('PATCH', `/disputes/${id}`, { message: 'Answered' });
		const { error, requests } = await omise.run({ resource: 'dispute', operation: 'uploadDocument', disputeId: id }, { items: [withFile(PDF, 'late.pdf', 'application/pdf')] });
		expect(requests).toHaveLength(1);
		expect(error?.message).toBe('Omise error documents_locked: documents list cannot be modified');
		expect(omise.store.all('document', false)).toEqual([]);
	});

	test('Upload Document whose answer is lost: the document is found among the dispute\'s by its file name, never uploaded twice', async () => {
		const id = String((await disputed()).id);
		omise.faults.set([{ kind: 'reset', method: 'POST', path: `/disputes/${id}/documents`, times: 1 }]);
		const { items, requests, error } = await omise.run({ resource: 'dispute', operation: 'uploadDocument', disputeId: id }, { items: [withFile(PDF, 'invoice.pdf', 'application/pdf')] });
		expect(error).toBeUndefined();
		expect(requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['POST', `/disputes/${id}/documents`, {}],
			['GET', `/disputes/${id}/documents`, { order: 'reverse_chronological', limit: '100', offset: '0' }],
		]);
		const documents = omise.store.all('document', false);
		expect(documents).toHaveLength(1);
		expect(items).toEqual([{ json: expect.objectContaining({ id: documents[0].id, filename: 'invoice.pdf', recovered: expect.stringContaining('this document was found in Omise afterwards') }), pairedItem: { item: 0 } }]);
	});

	test('Get Documents, Get Document and Delete Document', async () => {
		const id = String((await disputed()).id);
		await omise.run({ resource: 'dispute', operation: 'uploadDocument', disputeId: id }, { items: [withFile(PDF, 'one.pdf', 'application/pdf'), withFile(PDF, 'two.pdf', 'application/pdf')] });
		const [one, two] = omise.store.all('document', false).map((document) => String(document.id));
		omise.clear();

		const list = await omise.run({ resource: 'dispute', operation: 'getDocuments', disputeId: id, limit: 5 });
		expect(list.requests).toEqual([sent('GET', `/disputes/${id}/documents`, undefined, { limit: '5' })]);
		expect(list.items.map((item) => [item.json.id, item.json.filename])).toEqual([[one, 'one.pdf'], [two, 'two.pdf']]);

		const got = await omise.run({ resource: 'dispute', operation: 'getDocument', disputeId: id, documentId: two });
		expect(got.requests).toEqual([sent('GET', `/disputes/${id}/documents/${two}`)]);
		expect(got.items).toEqual([{ json: list.items[1].json, pairedItem: { item: 0 } }]);

		const deleted = await omise.run({ resource: 'dispute', operation: 'deleteDocument', disputeId: id, documentId: one });
		expect(deleted.requests).toEqual([sent('DELETE', `/disputes/${id}/documents/${one}`)]);
		expect(deleted.items).toEqual([{ json: expect.objectContaining({ object: 'document', id: one, deleted: true }), pairedItem: { item: 0 } }]);
		const after = await omise.run({ resource: 'dispute', operation: 'getDocuments', disputeId: id, returnAll: true });
		expect(after.items.map((item) => item.json.id)).toEqual([two]);
	});

	test('Search: Omise\'s search with scope dispute, Query and Status', async () => {
		const ids = await onePerStatus();
		const { items, requests } = await omise.run({ resource: 'dispute', operation: 'search', limit: 10, query: '', searchFilters: { status: 'won' }, simplify: true });
		expect(requests).toEqual([sent('GET', '/search', undefined, { scope: 'dispute', per_page: '10', page: '1', 'filters[status]': 'won' })]);
		expect(items.map((item) => [item.json.id, item.json.status, item.json.amount_major])).toEqual([[ids.won, 'won', '3000.00']]);
	});

	// Omise's own recorded responses pass through Get Many and Get, with Simplify off and on:
	// omise-go testdata/fixtures/api.omise.co/disputes-get.json, disputes/closed-get.json,
	// disputes/pending-get.json and disputes/dspt_test_5089off452g5m5te7xs-get.json (older
	// versions: `created`, lower-case currency); omise-php tests/fixtures/api.omise.co/disputes/open-get.json
	// and disputes/dspt_test_6344e4i5yv427gaj1s2-get.json (2019-05-29: documents, transactions, reason).
	const GO_DISPUTE = {
		object: 'dispute', id: 'dspt_test_5089off452g5m5te7xs', livemode: false, location: '/disputes/dspt_test_5089off452g5m5te7xs',
		amount: 100000, currency: 'thb', status: 'open', message: null, charge: 'chrg_test_5089odjlzg9j7tw4i1q', created_at: '2015-06-02T10:22:32Z',
	};
	const goList = (dispute: Json) => ({ object: 'list', from: '1970-01-01T07:00:00+07:00', to: '2015-06-02T17:38:43+07:00', offset: 0, limit: 20, total: 1, data: [dispute] });
	const GO_LIST = goList({ ...GO_DISPUTE, created_at: undefined, created: '2015-06-02T10:22:32Z' });
	const GO_ANSWER = 'This customer has send us his authorization to withdraw the fund from his card ....';
	const GO_CLOSED = goList({ ...GO_DISPUTE, status: 'won', message: GO_ANSWER });
	const GO_PENDING = goList({ ...GO_DISPUTE, status: 'pending', message: GO_ANSWER });
	const PHP_DISPUTE = {
		object: 'dispute', id: 'dspt_test_6344e4i5yv427gaj1s2', livemode: false, location: '/disputes/dspt_test_6344e4i5yv427gaj1s2',
		currency: 'THB', amount: 90000, funding_amount: 90000, funding_currency: 'THB', metadata: {}, charge: 'chrg_test_63444wyfsg4mtvvck1z',
		documents: { object: 'list', data: [], limit: 20, offset: 0, total: 0, location: '/disputes/dspt_test_6344e4i5yv427gaj1s2/documents', order: 'chronological', from: '1970-01-01T00:00:00Z', to: '2025-03-20T09:50:25Z' },
		transactions: [
			{
				object: 'transaction', id: 'trxn_test_6344e4icsa6gvc22g84', livemode: false, currency: 'THB', amount: 90000, location: '/transactions/trxn_test_6344e4icsa6gvc22g84',
				direction: 'debit', key: 'dispute.started.debit', origin: 'dspt_test_6344e4i5yv427gaj1s2', transferable_at: '2025-03-20T09:50:24Z', created_at: '2025-03-20T09:50:24Z',
			},
		],
		admin_message: null, message: null, reason_code: 'goods_or_services_not_provided', reason_message: 'Merchandise/Services Not Received',
		status: 'open', closed_at: null, created_at: '2025-03-20T09:50:24Z',
	};
	const PHP_OPEN = { object: 'list', data: [PHP_DISPUTE], limit: 20, offset: 0, total: 1, location: '/disputes/open', order: 'chronological', from: '1970-01-01T00:00:00Z', to: '2025-03-20T09:50:26Z' };

	test.each([false, true])('Omise\'s recorded disputes pass through Get Many (each status) and Get (Simplify %s)', async (simplify) => {
		const recorded: Array<[string, string, Json, Array<[string, string, unknown]>]> = [
			['all', '/disputes', GO_LIST, [['dspt_test_5089off452g5m5te7xs', 'open', null]]],
			['open', '/disputes/open', PHP_OPEN, [['dspt_test_6344e4i5yv427gaj1s2', 'open', null]]],
			['pending', '/disputes/pending', GO_PENDING, [['dspt_test_5089off452g5m5te7xs', 'pending', GO_ANSWER]]],
			['closed', '/disputes/closed', GO_CLOSED, [['dspt_test_5089off452g5m5te7xs', 'won', GO_ANSWER]]],
		];
		for (const [status, path, body, expected] of recorded) {
			omise.faults.set([{ kind: 'garbage', method: 'GET', path, status: 200, body: JSON.stringify(body), contentType: 'application/json', times: 1 }]);
			const list = await omise.run({ resource: 'dispute', operation: 'getAll', status, limit: 20, simplify });
			expect(list.error).toBeUndefined();
			expect(list.items.map((item) => [item.json.id, item.json.status, item.json.message])).toEqual(expected);
			expect(list.items.map((item) => (simplify ? item.json.amount_major : item.json.amount))).toEqual([simplify ? (status === 'open' ? '900.00' : '1000.00') : status === 'open' ? 90000 : 100000]);
		}
		for (const [dispute, major] of [[GO_DISPUTE, '1000.00'], [PHP_DISPUTE, '900.00']] as Array<[Json, string]>) {
			omise.faults.set([{ kind: 'garbage', method: 'GET', path: `/disputes/${String(dispute.id)}`, status: 200, body: JSON.stringify(dispute), contentType: 'application/json', times: 1 }]);
			const one = await omise.run({ resource: 'dispute', operation: 'get', disputeId: dispute.id, simplify });
			expect(one.error).toBeUndefined();
			if (!simplify) expect(one.items[0].json).toEqual(dispute);
			else expect(one.items[0].json).toEqual(Object.fromEntries(Object.entries({ id: dispute.id, status: 'open', amount_major: major, currency: dispute.currency, reason_code: dispute.reason_code, reason_message: dispute.reason_message, message: null, charge: dispute.charge, metadata: dispute.metadata, closed_at: dispute.closed_at, created_at: dispute.created_at, livemode: false }).filter(([, value]) => value !== undefined)));
		}
	});

});
