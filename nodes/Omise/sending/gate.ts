import { sleep } from 'n8n-workflow';

/**
 * The flow control of one try of the node: at most `size` requests at once, a
 * new batch of `size` at most every `interval` ms, in the order the rows
 * asked; and exclusive turns, granted in the order they were asked for, during
 * which no other request of the run is in flight (a look-up for a lost create
 * then sees every object the other rows were answered with already claimed).
 * Waiting rows are queued and started one by one as places free up, so a
 * 10,000-row run costs the same per row as a 100-row one.
 */
export class Gate {
	private active = 0;
	private waiting: Array<() => void> = [];
	private exclusiveWaiting: Array<() => void> = [];
	private exclusive = false;
	private idleWaiters: Array<() => void> = [];
	private batchStartedAt = 0;
	private startedInBatch = 0;
	private pumpScheduled = false;

	constructor(
		private readonly size: number,
		private readonly interval: number,
	) {}

	/** Resolves when the row may send (it then holds a place until leave()). */
	async enter(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.waiting.push(resolve);
			this.pump();
		});
	}

	leave() {
		this.active -= 1;
		this.settle();
	}

	/** Runs `work` while no other request of the run is in flight; `givingUpPlace`: the caller held a place until now. */
	async exclusively<T>(givingUpPlace: boolean, work: () => Promise<T>): Promise<T> {
		if (givingUpPlace) this.active -= 1;
		await new Promise<void>((resolve) => {
			this.exclusiveWaiting.push(resolve);
			this.settle();
		});
		try {
			return await work();
		} finally {
			this.exclusive = false;
			this.settle();
		}
	}

	/** Resolves once nothing is in flight and no exclusive turn is pending. */
	async untilIdle(): Promise<void> {
		if (this.idle) return;
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	private get idle() {
		return this.active === 0 && !this.exclusive && this.exclusiveWaiting.length === 0;
	}

	private settle() {
		if (this.active === 0 && !this.exclusive) {
			const next = this.exclusiveWaiting.shift();
			if (next) {
				this.exclusive = true;
				next();
				return;
			}
			const waiters = this.idleWaiters;
			this.idleWaiters = [];
			for (const resolve of waiters) resolve();
		}
		this.pump();
	}

	private pump() {
		while (this.waiting.length > 0 && this.exclusiveWaiting.length === 0 && !this.exclusive && this.active < this.size) {
			if (this.interval > 0 && this.startedInBatch >= this.size) {
				const wait = this.batchStartedAt + this.interval - Date.now();
				if (wait > 0) {
					this.pumpLater(wait);
					return;
				}
				this.startedInBatch = 0;
			}
			if (this.startedInBatch === 0) this.batchStartedAt = Date.now();
			this.startedInBatch += 1;
			this.active += 1;
			(this.waiting.shift() as () => void)();
		}
	}

	private pumpLater(wait: number) {
		if (this.pumpScheduled) return;
		this.pumpScheduled = true;
		void sleep(wait).then(() => {
			this.pumpScheduled = false;
			this.pump();
		});
	}
}
