import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Attempt } from './attempt';
import { asNodesOwn, classify, lostAnswerError, notSentError } from './failures';
import { markCreate } from './marker';
import { sendAllPages, sendWithRateLimitRetries } from './pages';
import { LOOK_AGAIN_AFTER_MS, lookForCreate } from './recovery';
import { outcomeUnknownError, stopError } from './report';
import { runOf } from './run';
import type { Run, SentCreate } from './run';
import { readSettings } from './settings';
import { notesOf } from './steps';

/*
 * How every request of the Omise node is sent. n8n's RoutingNode builds each
 * input row's request from the description (registerRow is the first step of
 * every operation) and hands it to sendRow (the node's
 * `requestOperations.pagination`; `send.paginate` is on for all), so one
 * mechanism decides, for every operation:
 * - each row comes out exactly once, as its objects or as its error, paired with its row;
 * - at most "Items per Batch" requests are in flight, a new batch at most every "Batch Interval";
 * - a 429 is sent again after Retry-After (Omise did not process it);
 * - a create carries its own mark where its object keeps metadata, and one
 *   whose answer was lost is looked up before its row is reported;
 * - a row's create is never sent again once it may exist (Retry On Fail re-runs the node);
 * - with On Error = Stop, nothing is sent after the first failure, and the error
 *   lists what the node had done and what it may have done.
 * What this relies on in n8n-core is pinned in test/n8n-contract.test.ts.
 */

/**
 * The first preSend of every operation. n8n calls it synchronously while it
 * builds the rows, in row order, so a row index at or below the last one seen
 * means Retry On Fail started another try.
 */
export async function registerRow(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const run = runOf(this, requestOptions, false);
	const row = this.getItemIndex();
	let attempt = run.attempt;
	if (!attempt || row <= attempt.lastRow) attempt = run.newAttempt(readSettings(this));
	attempt.register(row);
	return requestOptions;
}

function itemsWithRow(items: INodeExecutionData[], row: number): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: { ...item.json }, pairedItem: { item: row } }));
}

function idsOf(items: INodeExecutionData[]): string[] {
	return items.map((item) => item.json.id).filter((id): id is string => typeof id === 'string');
}

function bodyOf(requestOptions: IHttpRequestOptions): IDataObject {
	if (typeof requestOptions.body !== 'object' || requestOptions.body === null) requestOptions.body = {};
	return requestOptions.body as IDataObject;
}

/** The node's `requestOperations.pagination`: one row's request (all pages of it for Return All), answered as its items or its error. */
export async function sendRow(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const requestOptions = requestData.options as IHttpRequestOptions;
	const notes = notesOf(requestOptions);
	const objectName = notes.creates;
	const run = runOf(this, requestOptions, objectName !== undefined);
	const attempt = run.attempt ?? run.newAttempt(readSettings(this));
	const row = this.getItemIndex();
	const rowSender = new RowSender(this, requestOptions, run, attempt, row);

	// A create that an earlier try of Retry On Fail made, or may have made, is never sent again.
	const earlier = run.created.get(row);
	if (earlier) return itemsWithRow(earlier, row);
	if (attempt.moreRowsThanExpected) return await rowSender.fail(rowSender.contractBroken('n8n built more rows than its input data holds'));
	if (notes.inputError) return await rowSender.fail(notes.inputError);
	if (attempt.settings.stopOnError && !(await attempt.everyRowBuilt())) {
		attempt.notSent.push(row);
		// n8n stopped building rows at a failing expression and has already failed the node with that
		// error, which is what the user sees (nobody reads this row's result, so it must not reject).
		// This item shows only if n8n did not fail: an assumption about n8n broke.
		const broken = rowSender.contractBroken(`n8n built ${attempt.registered} of the ${attempt.settings.rows} rows its input data holds, and did not fail`);
		return [{ json: {}, error: broken as NodeApiError, pairedItem: { item: row } }];
	}
	const uncertainBefore = run.uncertain.get(row);
	if (uncertainBefore && objectName) return await rowSender.lookUp(uncertainBefore);

	await attempt.gate.enter();
	if (attempt.settings.stopOnError && attempt.rootError) {
		attempt.gate.leave();
		attempt.notSent.push(row);
		return await rowSender.stop();
	}
	requestOptions.timeout = attempt.settings.timeout;
	if (notes.prepare) {
		try {
			await notes.prepare(this, requestOptions);
		} catch (error) {
			attempt.gate.leave();
			return await rowSender.fail(error as Error);
		}
	}
	const marker = objectName ? markCreate(objectName, bodyOf(requestOptions)) : undefined;
		const sentAt = Date.now();
	const result = notes.returnAll ? await sendAllPages(this, run, requestData) : await sendWithRateLimitRetries(this, run, requestData);
	const failure = result.error && classify(result.error, attempt.settings.timeout);
	if (failure?.kind === 'lost' && objectName) {
		const sent: SentCreate = { objectName, sentAt, body: structuredClone(bodyOf(requestOptions)), marker, why: failure.why, answered: failure.answered };
		// Known as uncertain at once, so that a look-up of an alike row cannot take its object;
		// it keeps its place until its first look, so that no later row is sent before it is known.
		run.uncertain.set(row, sent);
		return await rowSender.lookUp(sent, true);
	}
	if (!failure) {
		// The row keeps its place while its follow-up work (if any) runs, so that is batched too.
		try {
			return await rowSender.succeed((result as { items: INodeExecutionData[] }).items);
		} finally {
			attempt.gate.leave();
		}
	}
	attempt.gate.leave();
	if (failure.kind === 'refused') return await rowSender.fail(failure.error);
	if (failure.kind === 'notSent') return await rowSender.fail(notSentError(this, failure));
	return await rowSender.fail(lostAnswerError(this, String(requestOptions.method ?? 'GET'), failure));
}

/** How one row ends: its items, its error (as an item or, with Stop, thrown), or a look-up first. */
class RowSender {
	constructor(
		private readonly context: IExecutePaginationFunctions,
		private readonly requestOptions: IHttpRequestOptions,
		private readonly run: Run,
		private readonly attempt: Attempt,
		private readonly row: number,
	) {}

	contractBroken(what: string): Error {
		return new NodeOperationError(this.context.getNode(), `n8n contract broken: ${what}. Nothing was sent for this row.`, {
			itemIndex: this.row,
			description: 'The Omise node relies on how n8n builds the rows of a declarative node. Please report this with your n8n version to the n8n-nodes-omise maintainers.',
		});
	}

	async stop(): Promise<never> {
		await this.attempt.gate.untilIdle();
		throw stopError(this.attempt, this.run);
	}

	async fail(error: Error): Promise<INodeExecutionData[]> {
		if (!this.attempt.settings.stopOnError) {
			// On the error output n8n merges the row's fields into an item that is only `{ error }` (as with
			// n8n's HTTP Request node), but clears them from an item carrying an error object: so there the
			// message alone; on the regular output the error object, whose description the editor shows.
			if (this.context.getNode().onError === 'continueErrorOutput') return [{ json: { error: error.message }, pairedItem: { item: this.row } }];
			// (`json.error` set as n8n itself would set it, so that Retry On Fail sees a failed first row as the
			// HTTP Request node's; a retry re-sends only rows that certainly did not create anything.)
			return [{ json: { error: error.message }, error: error as NodeApiError, pairedItem: { item: this.row } }];
		}
		if (!this.attempt.rootError) {
			this.attempt.rootError = asNodesOwn(error, this.context.getNode());
			this.attempt.rootRow = this.row;
		}
		return await this.stop();
	}

	async succeed(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const { run, row, requestOptions } = this;
		const notes = notesOf(requestOptions);
		let paired = itemsWithRow(items, row);
		if (requestOptions.method !== 'GET') run.done.set(row, idsOf(paired));
		if (notes.creates) {
			// Recorded before the follow-up work awaits, so that a try that ends meanwhile never creates it again;
			// recorded again below as the row finally reports it (e.g. with its QR code, simplified).
			run.created.set(row, paired);
			for (const id of idsOf(paired)) run.claimed.add(id);
		}
		for (const finish of notes.afterSuccess ?? []) paired = itemsWithRow(await finish(this.context, paired), row);
		if (notes.creates) run.created.set(row, paired);
		return paired;
	}

	/**
	 * Each look is made while no other request of the run is in flight, so every
	 * object another row was answered with is already claimed. An answered 5xx
	 * means Omise has finished: one look. A lost answer: look again a little later.
	 */
	async lookUp(sent: SentCreate, holdingPlace = false): Promise<INodeExecutionData[]> {
		const { run, row } = this;
		const url = String(this.requestOptions.url);
		const pauses = sent.answered ? [] : LOOK_AGAIN_AFTER_MS;
		for (const pause of [0, ...pauses]) {
			if (pause > 0) await sleep(pause);
			const result = await this.attempt.gate.exclusively(holdingPlace && pause === 0, async () => {
				const others = [...run.uncertain.entries()].filter(([other]) => other !== row).map(([, other]) => other);
				const look = await lookForCreate(this.context, url, sent, others, (id) => !run.claimed.has(id));
				// Noted inside the turn, before any row that waits for the run to be quiet reads the run.
				if (look.found) {
					run.claimed.add(String(look.found.id));
					run.uncertain.delete(row);
				} else {
					sent.candidates = look.candidates;
					sent.lookupFailed = look.unreachable === true;
				}
				return look;
			});
			if (result.found) {
				const recovered = `The answer to the create request was lost (${sent.why}); this ${sent.objectName} was found in Omise afterwards.`;
				const items = await this.succeed([{ json: { ...result.found, recovered } }]);
				// With On Error = Stop, another row may have stopped the node while this one waited to look
				// again: the node's error (one object, read by n8n once every row has settled) names it as done.
				if (this.attempt.rootError) stopError(this.attempt, run);
				return items;
			}
			if (result.candidates.length > 0) break; // found but not told apart: looking again cannot help
		}
		return await this.fail(outcomeUnknownError(this.context, sent));
	}
}
