import type { IDataObject, IExecutePaginationFunctions, IHttpRequestOptions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Attempt } from './attempt';
import { asNodesOwn } from './failures';
import type { KeyedOutcome } from './keys';
import { foundElsewhere, idsIn, keyError, keyNotKept, lookForKey, recentCall, rememberCall } from './keys';
import type { Marker } from './marker';
import { carriesMarker } from './marker';
import { LOOK_AGAIN_AFTER_MS, lookForCreate } from './recovery';
import { outcomeUnknownError, stopError } from './report';
import type { Run, SentCreate } from './run';
import { notesOf } from './steps';

/** The error's description (the hint) appended to its message, once. */
function withHintInMessage(error: Error & { description?: unknown }) {
	const hint = typeof error.description === 'string' ? error.description.trim() : '';
	if (hint && !error.message.includes(hint)) error.message = `${error.message} (${hint})`;
}

export function itemsWithRow(items: INodeExecutionData[], row: number): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: { ...item.json }, pairedItem: { item: row } }));
}

function idsOf(items: INodeExecutionData[]): string[] {
	return items.map((item) => item.json.id).filter((id): id is string => typeof id === 'string');
}

/** How one row ends: its items, its error (as an item or, with Stop, thrown), or a look-up first. */
export class RowSender {
	constructor(
		private readonly context: IExecutePaginationFunctions,
		readonly requestOptions: IHttpRequestOptions,
		readonly run: Run,
		readonly attempt: Attempt,
		readonly row: number,
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
		// An AI agent's model is given the error's message alone: as a tool, the hint goes into it.
		if (this.context.getNode().type.endsWith('Tool')) withHintInMessage(error);
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

	/** The run's name for this row's Idempotency Key at its URL (undefined without a key). */
	private get keyed(): string | undefined {
		const key = notesOf(this.requestOptions).idempotencyKey;
		return key ? `${String(this.requestOptions.url)} ${key.value}` : undefined;
	}

	/** What became of this row's keyed create: for the run, or for this process (an agent's repeated call). */
	private remember(outcome: KeyedOutcome) {
		const key = notesOf(this.requestOptions).idempotencyKey;
		if (!key || !this.keyed) return;
		if (key.repeatedCall) rememberCall(this.keyed, outcome);
		else this.run.keyed.set(this.keyed, outcome);
	}

	/**
	 * With an Idempotency Key, in the row's place to send: the object that
	 * already carries the key is the row's (marked reused, nothing created);
	 * undefined when there is none, and the row creates it. A key that cannot
	 * be checked, or that is on several objects, is the row's error.
	 */
	async reuseKeyed(keyed: string, objectName: string, key: Marker): Promise<INodeExecutionData[] | undefined> {
		const { run, attempt, context } = this;
		const url = String(this.requestOptions.url);
		const known = key.repeatedCall ? recentCall(keyed) : run.keyed.get(keyed);
		let refusal: Error | undefined;
		let found: IDataObject | undefined;
		if (known && 'unknownRow' in known) {
			refusal = keyError(context, key, `an earlier create with it (row ${known.unknownRow + 1}) has an unknown outcome; nothing was sent for this row`);
		} else if (key.repeatedCall) {
			found = known?.objects[0];
		} else {
			const look = await lookForKey(context, url, objectName, key, known?.objects ?? [], run.keyListings);
			const elsewhere = foundElsewhere(url, look.found);
			if (look.failed) refusal = keyError(context, key, `it could not be checked: ${look.failed}. Nothing was created; it is safe to run this row again`);
			else if (elsewhere.length > 0) refusal = keyError(context, key, `it is already on ${idsIn(elsewhere)}, which belongs elsewhere. Nothing was created`);
			else if (look.found.length > 1) refusal = keyError(context, key, `it is on several ${objectName}s: ${idsIn(look.found)}. Nothing was created`);
			else found = look.found[0];
		}
		if (!refusal && !found) return undefined;
		if (refusal) {
			// The place is given up first: with Stop, fail() waits for the run to be quiet.
			attempt.gate.leave();
			return await this.fail(refusal);
		}
		try {
			const reused = key.repeatedCall
				? `An identical call earlier in this agent run created this ${objectName} (${String((found as IDataObject).created_at)}); it is returned, and nothing was created. To create another on purpose, give a different Idempotency Key.`
				: `A ${objectName} with this Idempotency Key already existed (created ${String((found as IDataObject).created_at)}); it is returned, and nothing was created.`;
			return await this.succeed([{ json: { ...found, reused } }]);
		} finally {
			attempt.gate.leave();
		}
	}

	async succeed(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const { run, row, requestOptions } = this;
		const notes = notesOf(requestOptions);
		const key = notes.idempotencyKey;
		if (key && this.keyed) {
			this.remember({ objects: items.map((item) => item.json) });
		}
		if (key && !key.repeatedCall) {
			items = items.map((item) => (carriesMarker(item.json, key) ? item : { ...item, json: { ...item.json, idempotency_key_warning: keyNotKept(notes.creates ?? 'object') } }));
		}
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
		this.remember({ unknownRow: row });
		return await this.fail(outcomeUnknownError(this.context, sent));
	}
}
