import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../values';

/**
 * Which Omise events (and paid charges) a workflow has already run, so that
 * each starts one run however often it arrives.
 *
 * Kept in the workflow's static data (key `omiseRuns`, shared by every Omise
 * trigger of the workflow), which n8n saves to its database after a webhook
 * call, and mirrored in this process's memory because static data is
 * last-write-wins: n8n loads it when a request arrives and saves the whole
 * object when the request is answered, so two requests handled at the same
 * time would each save without the other's entry. Every use merges both ways.
 *
 * In "answer after the run" mode an entry is made only once n8n has answered
 * 2xx, i.e. the run succeeded; until then the key is "running" in memory, and
 * a failed run (non-2xx answer) leaves no entry so that Omise's redelivery runs.
 */
export const RECORD_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
export const RECORD_MAX_KEYS = 1000;
const STATIC_DATA_KEY = 'omiseRuns';

/** The parts of n8n's (express) response object used to learn how a run ended. */
export interface Answer {
	readonly writableEnded: boolean;
	readonly statusCode: number;
	once(event: 'close', listener: () => void): unknown;
}

interface ProcessRecord {
	/** key → Unix seconds when its run was recorded */
	done: Map<string, number>;
	/** key → the answer n8n gives when that run has finished ("answer after the run" only) */
	running: Map<string, { answer: Answer; since: number }>;
}

const processRecords = new Map<string, ProcessRecord>();

function processRecord(workflowId: string): ProcessRecord {
	let record = processRecords.get(workflowId);
	if (!record) {
		record = { done: new Map(), running: new Map() };
		processRecords.set(workflowId, record);
	}
	return record;
}

function isSuccess(answer: Answer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

export type RunState = 'new' | 'done' | 'running';

export class RunRecord {
	private readonly record: ProcessRecord;

	/**
	 * @param staticData the workflow's global static data, as n8n loaded it for this request or poll
	 * @param nowSeconds the current Unix time
	 */
	constructor(
		workflowId: string,
		private readonly staticData: IDataObject,
		private readonly nowSeconds: number,
	) {
		this.record = processRecord(workflowId);
		this.merge();
	}

	/** "running" when a run of one of the keys has not been answered yet, "done" when one has run. */
	state(keys: string[]): RunState {
		for (const key of keys) {
			const running = this.record.running.get(key);
			if (running && !running.answer.writableEnded) return 'running';
			if (running) this.settle(key);
			if (this.record.done.has(key)) return 'done';
		}
		return 'new';
	}

	/** The run of these keys has started (n8n answers Omise before the run). */
	recordStarted(keys: string[]): void {
		for (const key of keys) this.record.done.set(key, this.nowSeconds);
		this.save();
	}

	/** A claim made by recordStarted that must be given back (the request was answered with an error). */
	release(keys: string[]): void {
		for (const key of keys) this.record.done.delete(key);
		this.save();
	}

	/**
	 * "Answer after the run": the keys count as run once n8n has answered 2xx
	 * (the run succeeded). Looked at when the answer closes the connection and,
	 * if Omise gave up waiting first, the next time one of the keys arrives.
	 */
	recordWhenAnswered(keys: string[], answer: Answer): void {
		for (const key of keys) this.record.running.set(key, { answer, since: this.nowSeconds });
		answer.once('close', () => {
			if (answer.writableEnded) for (const key of keys) this.settle(key);
		});
		this.save();
	}

	private settle(key: string): void {
		const running = this.record.running.get(key);
		if (!running || !running.answer.writableEnded) return;
		this.record.running.delete(key);
		if (isSuccess(running.answer)) this.record.done.set(key, Math.max(this.nowSeconds, running.since));
	}

	/** Adds the stored entries to this process's. */
	private merge(): void {
		const stored = this.staticData[STATIC_DATA_KEY];
		if (isObject(stored)) {
			for (const [key, seconds] of Object.entries(stored)) {
				if (typeof seconds === 'number' && !this.record.done.has(key)) this.record.done.set(key, seconds);
			}
		}
		this.prune();
	}

	/** Drops entries older than RECORD_MAX_AGE_SECONDS and all but the newest RECORD_MAX_KEYS. */
	private prune(): void {
		const oldest = this.nowSeconds - RECORD_MAX_AGE_SECONDS;
		for (const [key, running] of this.record.running) {
			if (running.answer.writableEnded) this.settle(key);
			else if (running.since < oldest) this.record.running.delete(key);
		}
		for (const [key, seconds] of this.record.done) if (seconds < oldest) this.record.done.delete(key);
		if (this.record.done.size > RECORD_MAX_KEYS) {
			const newest = [...this.record.done].sort((a, b) => b[1] - a[1]).slice(0, RECORD_MAX_KEYS);
			this.record.done = new Map(newest);
		}
	}

	/**
	 * Stores this process's entries in the static data (n8n saves it when it
	 * answers the request); replaces the stored object only when it differs, so
	 * that n8n writes its database only then.
	 */
	save(): void {
		this.prune();
		const stored = this.staticData[STATIC_DATA_KEY] as IDataObject | undefined;
		const storedKeys = stored && typeof stored === 'object' ? Object.keys(stored) : [];
		const same =
			storedKeys.length === this.record.done.size &&
			storedKeys.every((key) => this.record.done.get(key) === (stored as IDataObject)[key]);
		if (!same) this.staticData[STATIC_DATA_KEY] = Object.fromEntries(this.record.done);
	}
}
