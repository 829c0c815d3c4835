'use strict';
// Network and server faults the way a real API fails, injected on request so
// tests can prove that nothing is lost or doubled:
//   500     answers 500 internal_error (after handling the request when `process` is true)
//   429     answers 429 with Retry-After; the request is never handled (Omise did not process it)
//   stall   handles the request (the object exists), then never answers
//   reset   handles the request, then drops the connection without an answer
// A fault applies to API requests whose method and path match (path: exact,
// or a prefix ending in `*`), optionally only when the raw body contains
// `bodyIncludes`; `every: n` fires it on every n-th matching request (1 = all),
// `times` caps how often it fires in all.
const KINDS = ['500', '429', 'stall', 'reset'];

function checkFault(spec) {
	const fault = { method: 'POST', path: '*', every: 1, times: Infinity, retryAfter: 1, ...spec, kind: String(spec.kind) };
	if (!KINDS.includes(fault.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}; got ${spec.kind}`);
	if (fault.process === undefined) fault.process = fault.kind === 'stall' || fault.kind === 'reset';
	if (fault.kind === '429') fault.process = false;
	fault.seen = 0;
	fault.fired = 0;
	return fault;
}

function pathMatches(pattern, path) {
	return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

class Faults {
	constructor(specs = []) {
		this.set(specs);
	}

	set(specs) {
		this.list = [].concat(specs || []).map(checkFault);
		return this.summary();
	}

	add(specs) {
		this.list.push(...[].concat(specs).map(checkFault));
		return this.summary();
	}

	summary() {
		return this.list.map(({ seen, fired, ...fault }) => ({ ...fault, times: Number.isFinite(fault.times) ? fault.times : null, seen, fired }));
	}

	/** The fault to apply to this request, if any (counts it as fired). */
	take(entry) {
		for (const fault of this.list) {
			if (fault.method !== '*' && fault.method !== entry.method) continue;
			if (!pathMatches(fault.path, entry.path)) continue;
			if (fault.bodyIncludes !== undefined && !entry.rawBody.includes(fault.bodyIncludes)) continue;
			if (fault.fired >= fault.times) continue;
			fault.seen += 1;
			if (fault.seen % fault.every !== 0) continue;
			fault.fired += 1;
			return fault;
		}
		return undefined;
	}
}

module.exports = { Faults, FAULT_KINDS: KINDS };
