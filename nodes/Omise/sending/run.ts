import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { Attempt } from './attempt';
import type { KeyedOutcome, Listing } from './keys';
import type { Marker } from './marker';
import type { Settings } from './settings';

/** A create that was sent and whose answer was lost: what the look-up searches for. */
export interface SentCreate {
	objectName: string;
	/** When it was sent, on n8n's clock (ms). */
	sentAt: number;
	/** The body as sent (the marker included). */
	body: IDataObject;
	/** This request's own mark in the object's metadata, where the object keeps metadata. */
	marker?: Marker;
	why: string;
	/** Omise answered (a 5xx, or something that is not its JSON): it has finished with the request. */
	answered: boolean;
	/** Objects that matched but that the look-up could not tell apart from another row's or a stranger's. */
	candidates?: string[];
	/** The last look could not list the objects (Omise unreachable or answering with an error). */
	lookupFailed?: boolean;
}

/**
 * One run of the node over its input rows, across the tries of Retry On Fail:
 * what must never be done twice is remembered here.
 */
export class Run {
	attempt: Attempt | undefined;
	/** Rows whose request was done, with the IDs of their objects (for the Stop summary). */
	done = new Map<number, string[]>();
	/** Rows whose create succeeded: a later try reports these instead of sending again. */
	created = new Map<number, INodeExecutionData[]>();
	/** Rows whose create may exist (answer lost, not found or not told apart): never sent again. */
	uncertain = new Map<number, SentCreate>();
	/** IDs of objects already reported for a row of this run: a look-up never pairs them again. */
	claimed = new Set<string>();
	/** Recent objects of a collection, listed once per run to find Idempotency Keys. */
	keyListings = new Map<string, Promise<Listing | undefined>>();
	/** Per collection and key: the objects this run created or found with it, or the row whose create with it has an unknown outcome. */
	keyed = new Map<string, KeyedOutcome>();
	private pausedUntil = 0;

	newAttempt(settings: Settings): Attempt {
		this.attempt?.abandon();
		this.attempt = new Attempt(settings);
		return this.attempt;
	}

	async waitWhilePaused() {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await sleep(wait);
	}

	/** Omise asked the run to slow down (429): no request of the run is sent for `ms`. */
	pause(ms: number) {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}
}

const runsByExecution = new WeakMap<object, Run>();

/**
 * The run a row belongs to. n8n passes the same execute-data object to every
 * try of Retry On Fail (pinned in test/n8n-contract.test.ts), so the run's
 * memory is kept on it. Without it a create could be sent again by a later
 * try, so a create refuses to go on; a read runs on its own.
 */
export function runOf(context: IExecuteSingleFunctions, requestOptions: object, creates: boolean): Run {
	const executeData = context.getExecuteData() as object | undefined;
	if (!executeData && creates) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n contract broken: this n8n gives the node no execute data, so it cannot remember across Retry On Fail tries which rows it already created. Nothing was sent.',
			{ itemIndex: context.getItemIndex(), description: 'Please report this with your n8n version to the n8n-nodes-omise maintainers.' },
		);
	}
	const key = executeData ?? requestOptions;
	let run = runsByExecution.get(key);
	if (!run) runsByExecution.set(key, (run = new Run()));
	return run;
}
