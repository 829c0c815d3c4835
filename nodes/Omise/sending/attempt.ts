import { sleep } from 'n8n-workflow';

import { Gate } from './gate';
import type { Settings } from './settings';

/**
 * One try of the node (Retry On Fail makes more): its flow control, the rows
 * n8n has built so far, and, with On Error = Stop, the failure that stopped it.
 */
export class Attempt {
	readonly gate: Gate;
	registered = 0;
	lastRow = -1;
	/** With On Error = Stop: the first failure and its row. */
	rootError: Error | undefined;
	rootRow = 0;
	/** The first failure's own description, before the Stop summary was added to it. */
	rootDescription: string | undefined;
	/** Rows not sent because the node stopped first. */
	notSent: number[] = [];
	private built: Promise<boolean> | undefined;
	private buildStopped = false;

	constructor(readonly settings: Settings) {
		this.gate = new Gate(settings.inFlight, settings.interval);
	}

	register(row: number) {
		this.registered += 1;
		this.lastRow = row;
	}

	/** More rows arrived than n8n's data said it would build. */
	get moreRowsThanExpected(): boolean {
		return this.settings.rows !== undefined && this.registered > this.settings.rows;
	}

	/**
	 * With On Error = Stop, rows are sent only once n8n has built every row's
	 * request: n8n stops building at a row whose expression fails and fails the
	 * node at once, and rows sent before it would be created but never
	 * reported. n8n builds rows in one synchronous pass (pinned in
	 * test/n8n-contract.test.ts) except for Batching's interval, so without an
	 * interval one macrotask tells; with one, a pause far longer than the
	 * interval means n8n stopped. Resolves false when building stopped.
	 */
	everyRowBuilt(): Promise<boolean> {
		// One shared wait, so that the rows go on in the order they were built.
		return (this.built ??= this.waitForEveryRow());
	}

	private async waitForEveryRow(): Promise<boolean> {
		const { rows, interval } = this.settings;
		await sleep(0);
		if (rows === undefined) return true;
		if (this.registered < rows && interval === 0) this.buildStopped = true;
		let lastProgress = Date.now();
		for (let seen = this.registered; this.registered < rows && !this.buildStopped; ) {
			await sleep(Math.min(interval, 250));
			if (this.registered > seen) [seen, lastProgress] = [this.registered, Date.now()];
			else if (Date.now() - lastProgress > interval + 10_000) this.buildStopped = true;
		}
		return !this.buildStopped;
	}

	/** A new try started: rows of this one that are still waiting are not sent. */
	abandon() {
		this.buildStopped = true;
	}
}
