'use strict';
// Network and server faults the way a real API fails, injected on request so
// tests can prove that nothing is lost or doubled:
//   500     answers 500 internal_error (after handling the request when `process` is true)
//   429     answers 429 with Retry-After (`retryAfter` seconds, default 1); the request is
//           never handled (Omise did not process it)
//   stall   handles the request (the object exists), then never answers
//   reset   handles the request, then drops the connection without an answer
//   garbage answers `status` (default 200) with the raw `body` string, byte for byte
//           (default `This is not JSON {`), as `contentType` (default text/plain; '' sends
//           no Content-Type): a proxy's HTML error page, an empty or a truncated answer.
//           Handles the request first only when `process` is true (default false)
//   none    no fault: the request is handled and answered normally; only with `twin`
// Options of every kind:
//   process         handle the request before the fault (defaults above; never for 429,
//                   always for none)
//   processAfterMs  n: the request is not handled when it arrives but n ms later, once,
//                   after the fault has answered (or stalled, or dropped the connection):
//                   the object appears after the client gave up. Not with 429 or none, nor
//                   with process: false
//   twin            true: before the request is handled (or instead of it when the fault
//                   does not handle it) someone else (the dashboard, another workflow)
//                   makes the same request: a copy of the body without the metadata keys
//                   that start with `n8n_` (in `metadata` and a schedule's
//                   `charge.metadata`) and with a card token replaced by a fresh one.
//                   It is not a request of the log: its object's id is appended to
//                   `sandbox.twins`, and the request's entry gets `twin: { status, id }`
// A fault applies to API requests whose method (default POST, '*' for any) and
// path (default '*': exact, or a prefix ending in `*`) match, optionally only
// when the raw body contains `bodyIncludes`; `every: n` fires it on every n-th
// matching request (1 = all), `times` caps how often it fires in all (null or
// absent: no cap). Every option is plain JSON, so POST /__sandbox/faults sets
// the same faults over HTTP.
const KINDS = ['500', '429', 'stall', 'reset', 'garbage', 'none'];
const OPTIONS = ['kind', 'method', 'path', 'bodyIncludes', 'every', 'times', 'retryAfter', 'process', 'processAfterMs', 'twin', 'status', 'body', 'contentType'];
// What GET /__sandbox/faults adds, so that a summary can be posted back as it is.
const COUNTERS = ['seen', 'fired'];

function fail(message) {
	throw new Error(`fault: ${message}`);
}

function checkType(spec, name, test, expected) {
	if (spec[name] !== undefined && !test(spec[name])) fail(`${name} must be ${expected}; got ${JSON.stringify(spec[name])}`);
}

const isString = (value) => typeof value === 'string';
const isBoolean = (value) => typeof value === 'boolean';
const isCount = (value) => Number.isInteger(value) && value >= 0;
const isDuration = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function checkFault(spec) {
	if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) fail(`each fault must be an object; got ${JSON.stringify(spec)}`);
	const kind = String(spec.kind);
	if (!KINDS.includes(kind)) fail(`kind must be one of ${KINDS.join(', ')}; got ${spec.kind}`);
	for (const name of Object.keys(spec)) {
		if (!OPTIONS.includes(name) && !COUNTERS.includes(name)) fail(`unknown option ${name} (options: ${OPTIONS.join(', ')})`);
	}
	checkType(spec, 'method', isString, 'a string');
	checkType(spec, 'path', isString, 'a string');
	checkType(spec, 'bodyIncludes', isString, 'a string');
	checkType(spec, 'every', (value) => Number.isInteger(value) && value >= 1, 'a positive integer');
	if (spec.times !== null) checkType(spec, 'times', isCount, 'a non-negative integer or null');
	checkType(spec, 'retryAfter', isDuration, 'a non-negative number of seconds');
	checkType(spec, 'process', isBoolean, 'true or false');
	checkType(spec, 'processAfterMs', isDuration, 'a non-negative number of milliseconds');
	checkType(spec, 'twin', isBoolean, 'true or false');
	checkType(spec, 'status', (value) => Number.isInteger(value) && value >= 200 && value <= 599, 'an HTTP status from 200 to 599');
	checkType(spec, 'body', isString, 'a string');
	checkType(spec, 'contentType', isString, 'a string');
	for (const name of ['status', 'body', 'contentType']) {
		if (spec[name] !== undefined && kind !== 'garbage') fail(`${name} is an option of kind garbage only`);
	}
	if (spec.retryAfter !== undefined && kind !== '429') fail('retryAfter is an option of kind 429 only');
	if (kind === 'none' && spec.twin !== true) fail('kind none does nothing without twin: true');
	if (kind === 'none' && spec.process === false) fail('kind none always handles the request');
	if (kind === '429' && spec.process === true) fail('a 429 never handles the request');
	if (spec.processAfterMs !== undefined) {
		if (kind === '429' || kind === 'none') fail(`processAfterMs is not an option of kind ${kind}`);
		if (spec.process === false) fail('processAfterMs handles the request later; it contradicts process: false');
	}

	const fault = {
		method: 'POST',
		path: '*',
		every: 1,
		twin: false,
		...(kind === '429' ? { retryAfter: 1 } : {}),
		...(kind === 'garbage' ? { status: 200, body: 'This is not JSON {', contentType: 'text/plain' } : {}),
		...spec,
		kind,
		times: spec.times === undefined || spec.times === null ? Infinity : spec.times,
	};
	if (fault.process === undefined) fault.process = kind === 'stall' || kind === 'reset' || kind === 'none' || fault.processAfterMs !== undefined;
	if (kind === '429') fault.process = false;
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

	// Checks every spec before replacing anything, so a bad list leaves the old one in place.
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
