'use strict';
// In-memory state of the sandbox: objects by id in creation order, an event
// log, a clock, and the serialisation rules that depend on Omise-Version.
const { randomBytes } = require('node:crypto');

const PREFIXES = { link: 'link', charge: 'chrg', refund: 'rfnd', event: 'evnt', transaction: 'trxn', customer: 'cust', card: 'card', schedule: 'schd', occurrence: 'occu', dispute: 'dspt', document: 'docu', recipient: 'recp', transfer: 'trsf' };

function isoSeconds(date) {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

class Store {
	/**
	 * @param {{ now?: () => Date, offsetMs?: number }} [clock] Omise's clock is not the
	 *   client's: the store's time is `now()` (default: the real time) plus `offsetMs`.
	 */
	constructor({ now, offsetMs = 0 } = {}) {
		this.baseNow = now || (() => new Date());
		this.setClockOffset(offsetMs);
		this.objects = new Map(); // id -> internal record
		this.byKind = new Map(); // object kind -> Map(id -> record), so lists do not scan every object
		this.sequence = 0;
		this.listeners = [];
	}

	/** The sandbox's time: every created_at, a list's default `to` and each answer's Date header. */
	now() {
		this.lastReading = new Date(this.baseNow().getTime() + this.clockOffsetMs);
		return this.lastReading;
	}

	// An answer's Date is the time its request was handled at: the clock's last reading
	// since startRequest(), or a new one if handling it never read the clock. So the header
	// does not move a clock that advances on each reading, as some tests give.
	startRequest() {
		this.lastReading = undefined;
	}

	answerTime() {
		return this.lastReading ?? this.now();
	}

	setClockOffset(offsetMs) {
		if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new TypeError(`clock offset must be a number of milliseconds; got ${JSON.stringify(offsetMs)}`);
		this.clockOffsetMs = offsetMs;
	}

	newId(kind, livemode) {
		this.sequence += 1;
		const suffix = this.sequence.toString(36).padStart(4, '0') + randomBytes(6).toString('hex');
		return `${PREFIXES[kind]}_${livemode ? '' : 'test_'}${suffix}`;
	}

	timestamp() {
		return isoSeconds(this.now());
	}

	insert(record) {
		this.objects.set(record.id, record);
		if (!this.byKind.has(record.object)) this.byKind.set(record.object, new Map());
		this.byKind.get(record.object).set(record.id, record);
		return record;
	}

	get(kind, id, livemode) {
		const record = this.objects.get(id);
		if (!record || record.object !== kind || record.livemode !== livemode) return undefined;
		return record;
	}

	all(kind, livemode, predicate = () => true) {
		const records = [];
		for (const record of (this.byKind.get(kind) || new Map()).values()) {
			if (record.livemode === livemode && predicate(record)) records.push(record);
		}
		return records;
	}

	// Every change writes an event, as Omise does; listeners (webhook delivery) see it.
	// `endpoints`: a charge's own webhook_endpoints, which replace the account's.
	recordEvent(key, data, livemode, endpoints = []) {
		const event = {
			object: 'event',
			id: this.newId('event', livemode),
			livemode,
			key,
			created_at: this.timestamp(),
			dataSnapshot: structuredClone(data),
		};
		this.insert(event);
		for (const listener of this.listeners) listener(event, endpoints);
		return event;
	}

	onEvent(listener) {
		this.listeners.push(listener);
	}
}

module.exports = { Store, isoSeconds };
