import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { Marker } from './marker';

/*
 * What an operation's preSend steps may tell the sending mechanism about one
 * row's request. The notes live beside the request object n8n passes from step
 * to step and then to the row hook (sendRow): n8n hands the hook the very
 * object the last step returned (pinned in test/n8n-contract.test.ts), and
 * every step returns the object it was given.
 */

export type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
export type AfterSuccess = (context: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

export interface RequestNotes {
	/** The row's input was refused by a step: reported as the row's error, nothing is sent. */
	inputError?: Error;
	/** The request creates an object of this kind (POST to a collection that `GET` lists). */
	creates?: string;
	/**
	 * What a look-up for a lost create compares with the objects Omise lists,
	 * when the body is not JSON fields Omise echoes (a file upload: its file name).
	 * Without it, the body as sent.
	 */
	comparable?: IDataObject;
	/** The create's Idempotency Key, as it is kept in the object's metadata: an object carrying it is returned instead of creating. */
	idempotencyKey?: Marker;
	/** Work that needs Omise before the request can be built (e.g. the charge behind a refund), done in the row's turn. */
	prepare?: (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<void>;
	/**
	 * The input that `prepare` turns into the body later (e.g. an amount in the major unit, converted
	 * once the currency is known): with the body, what an AI agent's repeated call is recognised by.
	 */
	deferredInput?: Record<string, unknown>;
	/**
	 * Work on the row's items once its request succeeded or its create was
	 * recovered (e.g. downloading a charge's QR code, then Simplify), in the
	 * order noted. A step must not throw: the object exists, so a problem is
	 * reported on the item.
	 */
	afterSuccess?: AfterSuccess[];
	/** Return All: the list is read to its end, page by page. */
	returnAll?: boolean;
	/** Return All pages by `page`/`per_page` (Omise's search) instead of `offset`/`limit`. */
	numberedPages?: boolean;
}

const notesByRequest = new WeakMap<object, RequestNotes>();

/** The notes of one row's request (empty until a step writes one). */
export function notesOf(requestOptions: object): RequestNotes {
	let notes = notesByRequest.get(requestOptions);
	if (!notes) notesByRequest.set(requestOptions, (notes = {}));
	return notes;
}

/**
 * Wraps a preSend step: a bad input is kept as the row's error (reported by
 * sendRow, paired with its row) instead of being thrown where n8n would make an
 * error item without its row; later steps of a refused row do nothing.
 */
export function checked(step: PreSend): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const notes = notesOf(requestOptions);
		if (notes.inputError) return requestOptions;
		try {
			return await step.call(this, requestOptions);
		} catch (error) {
			notes.inputError = error as Error;
			return requestOptions;
		}
	};
}

/** preSend of a create: a lost answer is looked up, and the row is never sent twice. */
export function createsObject(objectName: string): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		notesOf(requestOptions).creates = objectName;
		return requestOptions;
	};
}

/** What a look-up for this create's object compares, instead of its body (see RequestNotes.comparable). */
export function comparedAs(requestOptions: IHttpRequestOptions, fields: IDataObject) {
	notesOf(requestOptions).comparable = fields;
}

/**
 * Defers work that needs an Omise call into the row's turn to send (so it is batched too).
 * `input`: what of the row's input the work will put in the body (see RequestNotes.deferredInput).
 */
export function prepareBeforeSending(requestOptions: IHttpRequestOptions, prepare: RequestNotes['prepare'], input?: Record<string, unknown>) {
	const notes = notesOf(requestOptions);
	notes.prepare = prepare;
	if (input) notes.deferredInput = input;
}

/** Runs `finish` on the row's items after its request succeeded or its create was recovered. */
export function afterSuccess(requestOptions: IHttpRequestOptions, finish: AfterSuccess) {
	(notesOf(requestOptions).afterSuccess ??= []).push(finish);
}

/** Marks a list that is read to its end (Return All). */
export function returnsAll(requestOptions: IHttpRequestOptions) {
	notesOf(requestOptions).returnAll = true;
}

/** Marks a list whose pages are numbered (`page`, `per_page`), as Omise's search is. */
export function pagedByNumber(requestOptions: IHttpRequestOptions) {
	notesOf(requestOptions).numberedPages = true;
}
