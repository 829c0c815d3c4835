import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { classify, lostAnswerError, notSentError } from './failures';
import { takeKeyTurn } from './keys';
import { markCreate } from './marker';
import { sendAllPages, sendWithRateLimitRetries } from './pages';
import { itemsWithRow, RowSender } from './rowSender';
import { runOf } from './run';
import type { SentCreate } from './run';
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
	// Rows with the same Idempotency Key go one after the other: the later one finds the earlier one's object.
	const keyed = objectName && notes.idempotencyKey ? `${String(requestOptions.url)} ${notes.idempotencyKey.value}` : undefined;
	const endKeyTurn = keyed ? await takeKeyTurn(keyed) : undefined;
	try {
		return await sendInTurn(this, requestData, rowSender, keyed);
	} finally {
		endKeyTurn?.();
	}
}

/** The row's request in its turn to send: its key looked for first, then sent, then its answer or its loss reported. */
async function sendInTurn(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	rowSender: RowSender,
	keyed: string | undefined,
): Promise<INodeExecutionData[]> {
	const { run, attempt, row, requestOptions } = rowSender;
	const notes = notesOf(requestOptions);
	const objectName = notes.creates;
	await attempt.gate.enter();
	if (attempt.settings.stopOnError && attempt.rootError) {
		attempt.gate.leave();
		attempt.notSent.push(row);
		return await rowSender.stop();
	}
	requestOptions.timeout = attempt.settings.timeout;
	if (keyed && objectName && notes.idempotencyKey) {
		const outcome = await rowSender.reuseKeyed(keyed, objectName, notes.idempotencyKey);
		if (outcome) return outcome;
	}
	if (notes.prepare) {
		try {
			await notes.prepare(context, requestOptions);
		} catch (error) {
			attempt.gate.leave();
			return await rowSender.fail(error as Error);
		}
	}
	// A key kept in the metadata is an exact mark too: a link (which gets no request mark) with a key is found by it.
	const keptKey = notes.idempotencyKey?.repeatedCall ? undefined : notes.idempotencyKey;
	const marker = objectName ? (markCreate(objectName, bodyOf(requestOptions)) ?? keptKey) : undefined;
	const sentAt = Date.now();
	const result = notes.returnAll ? await sendAllPages(context, run, requestData) : await sendWithRateLimitRetries(context, run, requestData);
	const failure = result.error && classify(result.error, attempt.settings.timeout);
	if (failure?.kind === 'lost' && objectName) {
		const sent: SentCreate = { objectName, sentAt, body: structuredClone(notes.comparable ?? bodyOf(requestOptions)), marker, why: failure.why, answered: failure.answered };
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
	if (failure.kind === 'notSent') return await rowSender.fail(notSentError(context, failure));
	return await rowSender.fail(lostAnswerError(context, String(requestOptions.method ?? 'GET'), failure));
}

