import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './constants';
import { findCreatedObject, LOOK_AGAIN_AFTER_MS, lookedFrom } from './recovery';

/*
 * How every request of the Omise node is sent. n8n's RoutingNode builds each
 * input row's request from the description and hands it to sendRow() (the
 * node's `requestOperations.pagination` hook; `send.paginate` is always on), so
 * one mechanism decides, for every operation:
 * - each row comes out exactly once, as its objects or as its error, paired with its row;
 * - at most "Items per Batch" requests are in flight (default 5, at most 10 as
 *   Omise advises), a new batch at most every "Batch Interval";
 * - a 429 is sent again after Retry-After (Omise did not process it);
 * - a create whose answer was lost is looked up before its row is reported;
 * - a row's create is never sent again once it may exist (Retry On Fail re-runs the node);
 * - with On Error = Stop, nothing is sent after the first failure, and the error
 *   lists what the node had already done.
 * RoutingNode runs every row's preSend steps before any answer is seen, and only
 * then looks at the results; a "Run" below is one run of the node (all tries of
 * Retry On Fail), an "Attempt" one of those tries.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_IN_FLIGHT = 5;
export const MAX_IN_FLIGHT = 10;
const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/** What the preSend steps found out about one row's request. */
interface RequestNotes {
	inputError?: Error;
	/** The request creates an object (POST to a collection that `GET` lists). */
	creates?: string;
	/** Work that needs Omise before the request can be built (e.g. the charge behind a refund). */
	prepare?: (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<void>;
	/**
	 * Work on the row's items once its request succeeded, or its create was
	 * recovered by a look-up (e.g. downloading a charge's QR code, then
	 * Simplify), in the order the steps were noted. A step must not throw: the
	 * object exists, so a problem is reported on the item.
	 */
	afterSuccess?: Array<(context: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>>;
	/** Return All pages by `page`/`per_page` (Omise's search) instead of `offset`/`limit`. */
	numberedPages?: boolean;
}

const requestNotes = new WeakMap<object, RequestNotes>();

function notesOf(requestOptions: object): RequestNotes {
	let notes = requestNotes.get(requestOptions);
	if (!notes) requestNotes.set(requestOptions, (notes = {}));
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

/** preSend of a create: marks the request so that a lost answer is looked up at `listPath`. */
export function createsObject(objectName: string): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		notesOf(requestOptions).creates = objectName;
		return requestOptions;
	};
}

/** Defers work that needs an Omise call into the row's turn to send (so it is batched too). */
export function prepareBeforeSending(requestOptions: IHttpRequestOptions, prepare: RequestNotes['prepare']) {
	notesOf(requestOptions).prepare = prepare;
}

/** Runs `finish` on the row's items after its request succeeded or its create was recovered (see RequestNotes.afterSuccess). */
export function afterSuccess(requestOptions: IHttpRequestOptions, finish: NonNullable<RequestNotes['afterSuccess']>[number]) {
	(notesOf(requestOptions).afterSuccess ??= []).push(finish);
}

/** Marks a list whose pages are numbered (`page`, `per_page`), as Omise's search is. */
export function pagedByNumber(requestOptions: IHttpRequestOptions) {
	notesOf(requestOptions).numberedPages = true;
}

/**
 * At most `size` requests at once, a new batch of `size` at most every
 * `interval` ms, in the order the rows asked; exclusive turns for look-ups.
 * Waiting rows are queued and started one by one as places free up, so a
 * 10,000-row run costs the same per row as a 100-row one.
 */
class Gate {
	private active = 0;
	private queue: Array<() => void> = [];
	private idleWaiters: Array<() => void> = [];
	private batchStartedAt = 0;
	private startedInBatch = 0;
	private pumpScheduled = false;
	private exclusiveWanted = 0;
	private exclusive = false;

	constructor(
		private readonly size: number,
		private readonly interval: number,
	) {}

	private get idle() {
		return this.active === 0 && !this.exclusive;
	}

	async enter(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.queue.push(resolve);
			this.pump();
		});
	}

	leave() {
		this.active -= 1;
		this.settle();
	}

	private settle() {
		if (this.idle) {
			const waiters = this.idleWaiters;
			this.idleWaiters = [];
			for (const resolve of waiters) resolve();
		}
		this.pump();
	}

	private pump() {
		while (this.queue.length > 0 && this.exclusiveWanted === 0 && !this.exclusive && this.active < this.size) {
			if (this.interval > 0 && this.startedInBatch >= this.size) {
				const wait = this.batchStartedAt + this.interval - Date.now();
				if (wait > 0) {
					if (!this.pumpScheduled) {
						this.pumpScheduled = true;
						void sleep(wait).then(() => {
							this.pumpScheduled = false;
							this.pump();
						});
					}
					return;
				}
				this.startedInBatch = 0;
			}
			if (this.startedInBatch === 0) this.batchStartedAt = Date.now();
			this.startedInBatch += 1;
			this.active += 1;
			(this.queue.shift() as () => void)();
		}
	}

	private async untilIdleOnce() {
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	/** Runs `work` while no other request of the run is in flight; `givingUpPlace`: the caller held a place until now. */
	async exclusively<T>(givingUpPlace: boolean, work: () => Promise<T>): Promise<T> {
		this.exclusiveWanted += 1;
		if (givingUpPlace) this.active -= 1;
		while (!this.idle) await this.untilIdleOnce();
		this.exclusive = true;
		try {
			return await work();
		} finally {
			this.exclusive = false;
			this.exclusiveWanted -= 1;
			this.settle();
		}
	}

	async untilIdle() {
		while (!this.idle) await this.untilIdleOnce();
	}
}

interface Settings {
	stopOnError: boolean;
	inFlight: number;
	interval: number;
	timeout: number;
	rows: number | undefined;
}

class Attempt {
	registered = 0;
	lastRow = -1;
	rootError: Error | undefined;
	rootRow = 0;
	notSent: number[] = [];
	private rootDescription: string | undefined;
	private built: Promise<boolean> | undefined;
	private loopStopped = false;
	readonly gate: Gate;

	constructor(readonly settings: Settings) {
		this.gate = new Gate(settings.inFlight, settings.interval);
	}

	register(row: number) {
		this.registered += 1;
		this.lastRow = row;
	}

	/**
	 * With On Error = Stop, rows are sent only once n8n has built every row's
	 * request: n8n stops building at a row whose expression fails, and rows sent
	 * before it would be created but never reported. Without Batching's interval
	 * n8n builds all rows at once, so the first sendRow knows; with an interval,
	 * a pause far longer than the interval means n8n stopped.
	 */
	everyRowBuilt(): Promise<boolean> {
		// One shared wait, so that the rows go on in the order they were built.
		return (this.built ??= this.waitForEveryRow());
	}

	private async waitForEveryRow(): Promise<boolean> {
		const { rows, interval } = this.settings;
		// One macrotask: every row built so far has reached sendRow, so a row with
		// bad input has stopped the run before any request goes out.
		await sleep(0);
		if (rows === undefined) return true;
		if (this.registered < rows && interval === 0) this.loopStopped = true;
		let lastProgress = Date.now();
		for (let seen = this.registered; this.registered < rows && !this.loopStopped; ) {
			await sleep(Math.min(interval, 250));
			if (this.registered > seen) [seen, lastProgress] = [this.registered, Date.now()];
			else if (Date.now() - lastProgress > interval + 10_000) this.loopStopped = true;
		}
		return !this.loopStopped;
	}

	abandon() {
		this.loopStopped = true;
	}

	/**
	 * The error a stopped run reports: the first failure, with what had been done
	 * before it. Every stopped row throws it, the last one with the full picture
	 * (n8n reports it only once every row has settled).
	 */
	stopError(run: Run): Error {
		const error = this.rootError as Error & { description?: string };
		this.rootDescription ??= error.description ?? '';
		const done = [...run.done.entries()].sort(([a], [b]) => a - b);
		const lines = [this.rootDescription, `This is the error of row ${this.rootRow + 1}.`];
		if (done.length > 0) {
			lines.push(
				`Before the node stopped, ${done.length} row(s) had already been done in Omise (they are not in the output): ` +
					done.map(([row, ids]) => `row ${row + 1}: ${ids.join(', ') || 'done'}`).join('; ') +
					'.',
			);
		}
		if (this.notSent.length > 0) lines.push(`${this.notSent.length} row(s) were not sent.`);
		error.description = lines.filter(Boolean).join('\n\n');
		return error;
	}
}

/** One run of the node over its input rows, across the tries of Retry On Fail. */
class Run {
	attempt: Attempt | undefined;
	/** Rows whose request was done, with the IDs of their objects (for the Stop summary). */
	done = new Map<number, string[]>();
	/** Rows whose create succeeded: a later try reports these instead of sending again. */
	created = new Map<number, INodeExecutionData[]>();
	/** Rows whose create may exist (answer lost, nothing found): never sent again. */
	uncertain = new Map<number, UncertainCreate>();
	/** IDs of objects already reported for a row of this run: a look-up never pairs them again. */
	claimed = new Set<string>();
	pausedUntil = 0;

	newAttempt(settings: Settings): Attempt {
		this.attempt?.abandon();
		this.attempt = new Attempt(settings);
		return this.attempt;
	}

	async waitWhilePaused() {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
	}

	pause(ms: number) {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}
}

const runs = new WeakMap<object, Run>();

function runOf(context: IExecuteSingleFunctions, fallbackKey: object): Run {
	const key = (context.getExecuteData() as object | undefined) ?? fallbackKey;
	let run = runs.get(key);
	if (!run) runs.set(key, (run = new Run()));
	return run;
}

function readSettings(context: IExecuteSingleFunctions): Settings {
	const options = context.getNodeParameter('requestOptions', {}) as {
		batching?: { batch?: { batchSize?: number; batchInterval?: number } };
		timeout?: number;
	};
	const batch = options.batching?.batch;
	const size = Number(batch?.batchSize);
	const inFlight = size > 0 ? Math.min(Math.floor(size), MAX_IN_FLIGHT) : DEFAULT_IN_FLIGHT;
	const interval = batch && Number(batch.batchInterval) > 0 ? Number(batch.batchInterval) : 0;
	const rows = context.getExecuteData()?.data?.main?.[0]?.length;
	return {
		stopOnError: !context.continueOnFail(),
		inFlight,
		interval,
		timeout: Number(options.timeout) > 0 ? Number(options.timeout) : DEFAULT_TIMEOUT_MS,
		rows,
	};
}

/**
 * The first preSend of every operation. n8n calls it synchronously while it
 * builds the rows, in row order, so a row index at or below the last one seen
 * means Retry On Fail started another try.
 */
export async function registerRow(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const run = runOf(this, requestOptions);
	const row = this.getItemIndex();
	let attempt = run.attempt;
	if (!attempt || row <= attempt.lastRow) attempt = run.newAttempt(readSettings(this));
	attempt.register(row);
	return requestOptions;
}

// ---- errors ----------------------------------------------------------------

/** Omise answered with an error object: its HTTP status and Retry-After (ms). */
const answeredErrors = new WeakMap<Error, { status: number; retryAfterMs?: number }>();

export function recordAnsweredError(error: Error, status: number, retryAfterMs?: number) {
	answeredErrors.set(error, { status, retryAfterMs });
	return error;
}

const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'];
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth += 1) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

type Failure =
	| { kind: 'refused'; error: Error } // Omise answered 4xx: nothing was done
	| { kind: 'notSent'; error: Error } // the request never reached Omise
	| { kind: 'uncertain'; error: Error; why: string; answered: boolean }; // sent, answer lost or 5xx: it may have been done

function classify(error: Error, timeout: number): Failure {
	const answered = answeredErrors.get(error);
	if (answered) {
		return answered.status >= 500 ? { kind: 'uncertain', error, why: `Omise answered ${error.message}`, answered: true } : { kind: 'refused', error };
	}
	const code = networkCode(error);
	if (code && NOT_SENT_CODES.includes(code)) return { kind: 'notSent', error };
	if (code && TIMEOUT_CODES.includes(code)) return { kind: 'uncertain', error, why: `no answer within the timeout of ${timeout / 1000} s`, answered: false };
	// (No network error codes in messages: n8n replaces a message that holds one with its own text, which invites a retry.)
	const why = code === 'ECONNRESET' || code === 'EPIPE' ? 'the connection was dropped before the answer came' : 'the connection failed before the answer came';
	return { kind: 'uncertain', error, why, answered: false };
}

interface UncertainCreate {
	sentAt: number;
	why: string;
	/** Omise answered (5xx): it has finished with the request. */
	answered: boolean;
}

function notSentError(context: IExecuteSingleFunctions, failure: Failure): Error {
	return new NodeOperationError(context.getNode(), 'Could not reach Omise: the request was not sent, so nothing was done', {
		itemIndex: context.getItemIndex(),
		description: `${networkCode(failure.error) ?? failure.error.message}. Check the network and the API Base URL of the Omise credential. Sending this row again is safe.`,
	});
}

function outcomeUnknownError(context: IExecuteSingleFunctions, objectName: string | undefined, uncertain: UncertainCreate, since?: string): Error {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	if (!objectName) {
		return new NodeOperationError(node, `Outcome unknown: the request reached Omise but its answer was lost (${uncertain.why})`, {
			itemIndex,
			description: 'Omise may or may not have done it. Look the object up (its Get operation) before doing this again.',
		});
	}
	return new NodeOperationError(
		node,
		`Outcome unknown: Omise may or may not have created this ${objectName}. The answer to the create request was lost (${uncertain.why}), and no ${objectName} matching this row was found`,
		{
			itemIndex,
			description:
				`The request was sent at ${new Date(uncertain.sentAt).toISOString()}. ` +
				`Look for a ${objectName} with this row's values created since ${since ?? new Date(uncertain.sentAt).toISOString()} (Omise dashboard, or this node's Get Many with Filters → From) before creating it again: Omise has no idempotency key, so creating it again could make a second one.`,
		},
	);
}

// ---- sending ---------------------------------------------------------------

function itemsWithRow(items: INodeExecutionData[], row: number): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: { ...item.json }, pairedItem: { item: row } }));
}

function idsOf(items: INodeExecutionData[]): string[] {
	return items.map((item) => item.json.id).filter((id): id is string => typeof id === 'string');
}

type SendResult = { items: INodeExecutionData[]; error?: undefined } | { error: Error };

/** Sends once, and again after Retry-After while Omise answers 429 (bounded tries and wait). */
async function sendWithRateLimitRetries(context: IExecutePaginationFunctions, run: Run, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<SendResult> {
	let waited = 0;
	for (let retry = 0; ; retry += 1) {
		await run.waitWhilePaused();
		const result = await context.makeRoutingRequest(requestData).then(
			(items): SendResult => ({ items }),
			(error: Error): SendResult => ({ error }),
		);
		const answered = result.error && answeredErrors.get(result.error);
		if (!result.error || answered?.status !== 429) return result;
		const wait = answered.retryAfterMs ?? 1000 * 2 ** retry;
		if (retry >= MAX_RATE_LIMIT_RETRIES || waited + wait > MAX_RATE_LIMIT_WAIT_MS) {
			(result.error as Error & { description?: string }).description =
				`Omise kept limiting the request rate after ${retry + 1} tries over ${Math.round(waited / 1000)} s. Nothing was created for this row; it is safe to send it again later, with a smaller Request Options → Batching → Items per Batch.`;
			return result;
		}
		waited += wait;
		run.pause(wait);
	}
}

/** A list operation with Return All: pages of 100 (by offset, or numbered for a search) until a short page. */
async function sendAllPages(context: IExecutePaginationFunctions, run: Run, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<SendResult> {
	const qs = (requestData.options.qs ??= {});
	const [sizeName, positionName, first, step] = notesOf(requestData.options).numberedPages ? ['per_page', 'page', 1, 1] : ['limit', 'offset', 0, MAX_PAGE_SIZE];
	qs[sizeName] = MAX_PAGE_SIZE;
	qs[positionName] = first;
	const items: INodeExecutionData[] = [];
	for (;;) {
		const page = await sendWithRateLimitRetries(context, run, requestData);
		if (page.error) return page;
		items.push(...page.items);
		if (page.items.length < MAX_PAGE_SIZE) return { items };
		qs[positionName] = Number(qs[positionName]) + step;
	}
}

/**
 * n8n's RoutingNode wraps every error a row throws that is not a NodeApiError into
 * one with HTTP code "none", which the editor shows under "From Omise — Error code
 * none", as if Omise had said it. The node's own refusals are thrown as a
 * NodeApiError without an HTTP code, raw messages or response data, which the
 * editor shows as the node's own error; Omise's errors keep their code.
 */
function asNodesOwn(error: Error, node: INode): Error {
	if (!(error instanceof NodeOperationError)) return error;
	return new NodeApiError(node, {}, { message: error.message, description: error.description ?? undefined, itemIndex: error.context.itemIndex as number | undefined });
}

/**
 * The node's `requestOperations.pagination`: sends one row's request (all pages
 * of it for Return All) and answers its items, or its error as an item paired
 * with the row (Continue) or thrown (Stop).
 */
export async function sendRow(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const run = runOf(this, requestData.options as object);
	const attempt = run.attempt ?? run.newAttempt(readSettings(this));
	const { settings } = attempt;
	const row = this.getItemIndex();
	const requestOptions = requestData.options as IHttpRequestOptions;
	const notes = notesOf(requestOptions);
	const objectName = notes.creates;

	const stop = async (): Promise<never> => {
		await attempt.gate.untilIdle();
		throw attempt.stopError(run);
	};
	const fail = async (error: Error): Promise<INodeExecutionData[]> => {
		if (!settings.stopOnError) return [{ json: {}, error: error as NodeApiError, pairedItem: { item: row } }];
		if (!attempt.rootError) {
			attempt.rootError = asNodesOwn(error, this.getNode());
			attempt.rootRow = row;
		}
		return await stop();
	};
	const succeed = async (items: INodeExecutionData[]) => {
		let paired = itemsWithRow(items, row);
		if (requestData.options.method !== 'GET') run.done.set(row, idsOf(paired));
		if (objectName) {
			// Recorded before the follow-up work awaits, so that a try that ends meanwhile never creates it again;
			// recorded again below as the row finally reports it (e.g. with its QR code, simplified).
			run.created.set(row, paired);
			for (const id of idsOf(paired)) run.claimed.add(id);
		}
		for (const finish of notes.afterSuccess ?? []) paired = itemsWithRow(await finish(this, paired), row);
		if (objectName) run.created.set(row, paired);
		return paired;
	};
	const lookUp = async (uncertain: UncertainCreate, holdingPlace = false): Promise<INodeExecutionData[]> => {
		// Each look is made while no other request of the run is in flight, so every
		// object another row was answered with is already claimed. An answered 5xx
		// means Omise has finished: one look. A lost answer: look again a little later.
		const pauses = uncertain.answered ? [] : LOOK_AGAIN_AFTER_MS;
		for (const pause of [0, ...pauses]) {
			if (pause > 0) await sleep(pause);
			const found = await attempt.gate.exclusively(holdingPlace && pause === 0, async () => {
				const object = await findCreatedObject(this, requestOptions, uncertain.sentAt, (id) => !run.claimed.has(id));
				if (object) run.claimed.add(String(object.id));
				return object;
			});
			if (found) {
				run.uncertain.delete(row);
				const recovered = `The answer to the create request was lost (${uncertain.why}); this ${objectName} was found in Omise afterwards.`;
				return await succeed([{ json: { ...found, recovered } }]);
			}
		}
		run.uncertain.set(row, uncertain);
		return await fail(outcomeUnknownError(this, objectName, uncertain, lookedFrom(uncertain.sentAt)));
	};

	// A create that an earlier try of Retry On Fail made, or may have made, is never sent again.
	const earlier = run.created.get(row);
	if (earlier) return itemsWithRow(earlier, row);
	if (notes.inputError) return await fail(notes.inputError);
	if (settings.stopOnError && !(await attempt.everyRowBuilt())) {
		attempt.notSent.push(row);
		return []; // n8n stopped building rows at a failing expression and fails the node with that error
	}
	const uncertainBefore = run.uncertain.get(row);
	if (uncertainBefore && objectName) return await lookUp(uncertainBefore);

	await attempt.gate.enter();
	if (settings.stopOnError && attempt.rootError) {
		attempt.gate.leave();
		attempt.notSent.push(row);
		return await stop();
	}
	requestOptions.timeout = settings.timeout;
	if (notes.prepare) {
		try {
			await notes.prepare(this, requestOptions);
		} catch (error) {
			attempt.gate.leave();
			return await fail(error as Error);
		}
	}
	const returnAll = this.getNodeParameter('returnAll', false) === true;
	const sentAt = Date.now();
	const result = returnAll ? await sendAllPages(this, run, requestData) : await sendWithRateLimitRetries(this, run, requestData);
	const failure = result.error && classify(result.error, settings.timeout);
	// A create that may exist keeps its place until its first look, so that no later row is sent before it is known.
	if (failure?.kind === 'uncertain' && objectName) return await lookUp({ sentAt, why: failure.why, answered: failure.answered }, true);
	if (!failure) {
		// The row keeps its place while its follow-up work (if any) runs, so that is batched too.
		try {
			return await succeed((result as { items: INodeExecutionData[] }).items);
		} finally {
			attempt.gate.leave();
		}
	}
	attempt.gate.leave();
	if (failure.kind === 'refused') return await fail(failure.error);
	if (failure.kind === 'notSent') return await fail(notSentError(this, failure));
	return await fail(outcomeUnknownError(this, undefined, { sentAt, why: failure.why, answered: failure.answered }));
}
