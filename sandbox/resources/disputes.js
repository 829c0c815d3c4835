'use strict';
// Disputes (chargebacks) and their evidence documents, as Omise's Dispute and
// Document APIs describe them and its libraries' recorded responses show them
// (API version 2019-05-29: omise-php tests/fixtures/api.omise.co/disputes/…).
//
// A dispute is opened on a paid charge by the card's issuer; in the sandbox by
// POST /__sandbox/charges/:id/dispute (control.js → openDispute). Its status:
//   open     the merchant has not answered yet: documents can be added or removed
//   pending  the merchant answered (setting `message` does it, as Omise's recorded
//            update shows); under review, documents are locked
//   won/lost closed (closed_at set). Accepting a dispute loses it.
// Events: dispute.create when opened; dispute.update when its message, metadata
// or documents change; dispute.close when it is accepted or closed as won/lost.
// Where Omise documents no error for a refusal (accepting or answering a closed
// dispute), the sandbox answers 400 bad_request with a message of its own.
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');

const CLOSED = ['won', 'lost'];
const LISTS = { open: ['open'], pending: ['pending'], closed: CLOSED };
/** What a document may be, when given (Omise's Document API). */
const DOCUMENT_KINDS = ['cardholder_details', 'details_of_purchase', 'proof_of_receipt', 'proof_of_acceptance'];
/** Omise refuses documents over 10 MB. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The reason Omise's recorded disputes carry, and its message there. */
const DEFAULT_REASON = { code: 'goods_or_services_not_provided', message: 'Merchandise/Services Not Received' };
/** What Omise's recorded accept sets as the message of a dispute that had none. */
const ACCEPTED_MESSAGE = 'Merchant accepts the dispute';

const documentsLocked = () => new OmiseError(400, 'documents_locked', 'documents list cannot be modified');
const alreadyClosed = (dispute) => badRequest(`dispute ${dispute.id} is already closed (${dispute.status})`);

function findDispute(ctx, id) {
	const dispute = ctx.store.get('dispute', id, ctx.livemode);
	if (!dispute) throw notFound('dispute', id);
	return dispute;
}

function documentsOf(store, dispute) {
	return store.all('document', dispute.livemode, (document) => document.dispute === dispute.id && !document.deleted);
}

function findDocument(ctx, dispute, id) {
	const document = ctx.store.get('document', id, ctx.livemode);
	if (!document || document.dispute !== dispute.id || document.deleted) throw notFound('document', id);
	return document;
}

function documentView(document) {
	return {
		object: 'document',
		livemode: document.livemode,
		id: document.id,
		deleted: document.deleted,
		filename: document.filename,
		location: `/disputes/${document.dispute}/documents/${document.id}`,
		kind: document.kind,
		download_uri: null,
		created_at: document.created_at,
	};
}

/** The dispute as Omise shows it: its documents listed, the balance debit it made. */
function disputeView(store, dispute) {
	const transactions = store.all('transaction', dispute.livemode, (transaction) => transaction.origin === dispute.id);
	return {
		object: 'dispute',
		id: dispute.id,
		livemode: dispute.livemode,
		location: `/disputes/${dispute.id}`,
		currency: dispute.currency,
		amount: dispute.amount,
		funding_amount: dispute.amount,
		funding_currency: dispute.currency,
		metadata: dispute.metadata,
		charge: dispute.charge,
		documents: listResponse(documentsOf(store, dispute), {}, `/disputes/${dispute.id}/documents`, documentView, store.now()),
		transactions: transactions.map((transaction) => ({
			object: 'transaction',
			id: transaction.id,
			livemode: transaction.livemode,
			currency: transaction.currency,
			amount: transaction.amount,
			location: `/transactions/${transaction.id}`,
			direction: transaction.direction,
			key: transaction.key,
			origin: transaction.origin,
			transferable_at: transaction.created_at,
			created_at: transaction.created_at,
		})),
		admin_message: dispute.admin_message,
		message: dispute.message,
		reason_code: dispute.reason_code,
		reason_message: dispute.reason_message,
		status: dispute.status,
		closed_at: dispute.closed_at,
		created_at: dispute.created_at,
	};
}

/** The store's event for a change of the dispute: its view at that time is the event's data. */
function record(store, key, dispute) {
	store.recordEvent(key, disputeView(store, dispute), dispute.livemode);
}

/**
 * Opens a dispute on a paid charge, as a card issuer would (sandbox only):
 * `amount` (default: all the charge captured; a chargeback can be for part of
 * it), `reason_code`, `reason_message`. A charge has one dispute at a
 * time. The balance is debited (transaction key dispute.started.debit, as
 * Omise's recorded disputes show); dispute.create is recorded (webhooks fire).
 */
function openDispute(store, charge, body = {}) {
	v.rejectUnknown(body, ['amount', 'reason_code', 'reason_message']);
	if (!charge.paid) throw badRequest(`charge ${charge.id} is ${charge.status} and was not paid: only a paid charge can be disputed`);
	const captured = charge.captured_amount ?? charge.amount;
	let amount = captured;
	if (body.amount !== undefined) {
		amount = v.toInteger(body.amount);
		if (amount === undefined || amount < 1 || amount > captured) throw badRequest(`amount must be a whole number from 1 to ${captured} (what the charge captured)`);
	}
	const reasonCode = body.reason_code === undefined ? DEFAULT_REASON.code : String(body.reason_code);
	if (!/^[a-z_]+$/.test(reasonCode)) throw badRequest('reason_code must be lower-case letters and _, e.g. goods_or_services_not_provided');
	const reasonMessage = v.optionalString(body.reason_message, 'reason_message') ?? (reasonCode === DEFAULT_REASON.code ? DEFAULT_REASON.message : reasonCode.replace(/_/g, ' '));
	const current = store.all('dispute', charge.livemode, (dispute) => dispute.charge === charge.id && !CLOSED.includes(dispute.status));
	if (current.length > 0) throw badRequest(`charge ${charge.id} already has a dispute that is not closed: ${current[0].id}`);
	const now = store.timestamp();
	const dispute = store.insert({
		object: 'dispute',
		id: store.newId('dispute', charge.livemode),
		livemode: charge.livemode,
		amount,
		currency: String(charge.currency).toLowerCase(),
		charge: charge.id,
		metadata: {},
		admin_message: null,
		message: null,
		reason_code: reasonCode,
		reason_message: reasonMessage,
		status: 'open',
		closed_at: null,
		created_at: now,
	});
	store.insert({
		object: 'transaction',
		id: store.newId('transaction', charge.livemode),
		livemode: charge.livemode,
		amount,
		currency: dispute.currency,
		direction: 'debit',
		key: 'dispute.started.debit',
		origin: dispute.id,
		created_at: now,
	});
	record(store, 'dispute.create', dispute);
	return disputeView(store, dispute);
}

/** Closes an open or pending dispute as won or lost (sandbox only: Omise and the issuer decide). */
function closeDispute(store, dispute, body = {}) {
	v.rejectUnknown(body, ['status']);
	if (!CLOSED.includes(body.status)) throw badRequest('status must be won or lost');
	if (CLOSED.includes(dispute.status)) throw alreadyClosed(dispute);
	Object.assign(dispute, { status: body.status, closed_at: store.timestamp() });
	record(store, 'dispute.close', dispute);
	return disputeView(store, dispute);
}

/** PATCH /disputes/:id: the merchant's answer (`message`) and `metadata`; setting the message of an open dispute makes it pending. */
function update(ctx) {
	const dispute = findDispute(ctx, ctx.params.id);
	v.rejectUnknown(ctx.body, ['message', 'metadata']);
	const message = v.optionalString(ctx.body.message, 'message');
	const metadata = v.optionalMetadata(ctx.body.metadata);
	if (message !== undefined && CLOSED.includes(dispute.status)) throw alreadyClosed(dispute);
	if (message !== undefined) {
		dispute.message = message;
		if (dispute.status === 'open') dispute.status = 'pending';
	}
	if (metadata !== undefined) dispute.metadata = { ...dispute.metadata, ...metadata };
	record(ctx.store, 'dispute.update', dispute);
	return disputeView(ctx.store, dispute);
}

/** PATCH /disputes/:id/accept: the merchant gives the money up; the dispute is lost. */
function accept(ctx) {
	const dispute = findDispute(ctx, ctx.params.id);
	if (CLOSED.includes(dispute.status)) throw alreadyClosed(dispute);
	Object.assign(dispute, { status: 'lost', closed_at: ctx.store.timestamp(), message: dispute.message ?? ACCEPTED_MESSAGE });
	record(ctx.store, 'dispute.close', dispute);
	return disputeView(ctx.store, dispute);
}

/** POST /disputes/:id/documents: a multipart upload (`file`, optional `kind`) to an open dispute, at most 10 MB. */
function uploadDocument(ctx) {
	const dispute = findDispute(ctx, ctx.params.id);
	v.rejectUnknown(ctx.body, ['file', 'kind']);
	const file = ctx.body.file;
	if (file === undefined || file === null || typeof file !== 'object' || !Buffer.isBuffer(file.data)) {
		throw badRequest('file is required: send the document as the multipart/form-data field file');
	}
	const kind = v.optionalString(ctx.body.kind, 'kind') ?? null;
	if (kind !== null && !DOCUMENT_KINDS.includes(kind)) throw badRequest(`kind must be one of ${DOCUMENT_KINDS.join(', ')}`);
	if (dispute.status !== 'open') throw documentsLocked();
	if (file.size > MAX_DOCUMENT_BYTES) throw badRequest('file is too large: a document may not exceed 10MB');
	const document = ctx.store.insert({
		object: 'document',
		id: ctx.store.newId('document', ctx.livemode),
		livemode: ctx.livemode,
		dispute: dispute.id,
		deleted: false,
		filename: file.filename,
		kind,
		// What was received, kept for tests: the bytes, their size and type.
		content_type: file.content_type,
		size: file.size,
		sha256: file.sha256,
		data: file.data,
		created_at: ctx.store.timestamp(),
	});
	record(ctx.store, 'dispute.update', dispute);
	return documentView(document);
}

function deleteDocument(ctx) {
	const dispute = findDispute(ctx, ctx.params.id);
	const document = findDocument(ctx, dispute, ctx.params.documentId);
	if (dispute.status !== 'open') throw documentsLocked();
	document.deleted = true;
	record(ctx.store, 'dispute.update', dispute);
	return documentView(document);
}

function register(router) {
	const list = (statuses, location) => (ctx) =>
		listResponse(
			ctx.store.all('dispute', ctx.livemode, (dispute) => !statuses || statuses.includes(dispute.status)),
			ctx.query,
			location,
			(dispute) => disputeView(ctx.store, dispute),
			ctx.store.now(),
		);
	router.add('GET', '/disputes', list(undefined, '/disputes'));
	// Before /disputes/:id, which would take them for IDs.
	for (const [name, statuses] of Object.entries(LISTS)) router.add('GET', `/disputes/${name}`, list(statuses, `/disputes/${name}`));
	router.add('GET', '/disputes/:id', (ctx) => disputeView(ctx.store, findDispute(ctx, ctx.params.id)));
	router.add('PATCH', '/disputes/:id', update);
	router.add('PATCH', '/disputes/:id/accept', accept);
	router.add('POST', '/disputes/:id/documents', uploadDocument);
	router.add('GET', '/disputes/:id/documents', (ctx) => {
		const dispute = findDispute(ctx, ctx.params.id);
		return listResponse(documentsOf(ctx.store, dispute), ctx.query, `/disputes/${dispute.id}/documents`, documentView, ctx.store.now());
	});
	router.add('GET', '/disputes/:id/documents/:documentId', (ctx) => documentView(findDocument(ctx, findDispute(ctx, ctx.params.id), ctx.params.documentId)));
	router.add('DELETE', '/disputes/:id/documents/:documentId', deleteDocument);
}

module.exports = { register, disputeView, documentView, openDispute, closeDispute, DOCUMENT_KINDS };
