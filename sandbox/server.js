'use strict';
// The Omise sandbox: an HTTP server that behaves like the parts of the Omise
// API this package uses. Tests, the demo and the end-to-end runs talk to it
// on 127.0.0.1; nothing here reaches the internet.
const http = require('node:http');
const { parseBody, BodyError } = require('./body');
const { OmiseError, badRequest } = require('./errors');
const { Router } = require('./router');
const { Store } = require('./store');
const { present } = require('./present');
const links = require('./resources/links');
const charges = require('./resources/charges');
const refunds = require('./resources/refunds');
const events = require('./resources/events');
const account = require('./resources/account');
const customers = require('./resources/customers');
const schedules = require('./resources/schedules');
const search = require('./resources/search');
const transactions = require('./resources/transactions');
const receipts = require('./resources/receipts');
const disputes = require('./resources/disputes');
const recipients = require('./resources/recipients');
const transfers = require('./resources/transfers');
const control = require('./control');
const { WebhookDelivery } = require('./webhooks');
const { Faults } = require('./faults');
const { twinRequest } = require('./twin');

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

const DEFAULT_KEYS = {
	testSecretKey: 'skey_test_sandbox',
	liveSecretKey: 'skey_live_sandbox',
	testPublicKey: 'pkey_test_sandbox',
};

function parseBasicAuth(header) {
	const match = /^Basic\s+(.+)$/i.exec(header || '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function queryObject(searchParams) {
	const query = {};
	for (const [name, value] of searchParams) {
		if (name in query) query[name] = [].concat(query[name], value);
		else query[name] = value;
	}
	return query;
}

function readRaw(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Sandbox {
	/**
	 * @param {object} [options]
	 * @param {string} [options.host] default 127.0.0.1
	 * @param {number} [options.port] default 0 (any free port)
	 * @param {string} [options.testSecretKey] / liveSecretKey / testPublicKey
	 * @param {number} [options.latencyMs] delay before each API answer (to observe concurrency)
	 * @param {{ endpoints?: string[], secret?: string }} [options.webhooks] where events are POSTed, signed with the base64 secret
	 * @param {() => Date} [options.now] clock (default: the real time)
	 * @param {number} [options.clockOffsetMs] how far Omise's clock is ahead of `now` (negative: behind); default 0.
	 *   Also POST /__sandbox/clock { offsetMs }.
	 * @param {number} [options.searchLagMs] how long a new object stays out of GET /search (Omise's search index lags its lists); default 0.
	 * @param {object[]} [options.faults] injected failures, see faults.js (also POST /__sandbox/faults)
	 */
	constructor(options = {}) {
		this.options = { host: '127.0.0.1', port: 0, latencyMs: 0, ...DEFAULT_KEYS, ...options };
		this.store = new Store({ now: options.now, offsetMs: options.clockOffsetMs });
		this.faults = new Faults(options.faults);
		this.requests = [];
		this.twins = []; // ids of the objects made by twin requests (fault option `twin`)
		this.timers = new Set(); // requests to handle later (fault option `processAfterMs`)
		this.usedTokens = new Set();
		this.inFlight = 0;
		this.maxInFlight = 0;
		this.router = new Router();
		for (const resource of [links, charges, refunds, events, account, customers, schedules, search, transactions, receipts, disputes, recipients, transfers]) resource.register(this.router);
		transactions.install(this.store);
		recipients.install(this.store);
		this.controlRouter = new Router();
		control.register(this.controlRouter);
		this.views = { charge: charges.chargeView, link: links.linkView, refund: refunds.refundView, customer: customers.customerView, schedule: schedules.scheduleView, dispute: (ctx, record) => disputes.disputeView(ctx.store, record), recipient: recipients.recipientView, transfer: transfers.transferView };
		this.webhooks = new WebhookDelivery(this, options.webhooks || {});
		this.store.onEvent((event, endpoints) => this.webhooks.deliver(event, endpoints));
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.writeAnswer(res, 500, JSON_TYPE, JSON.stringify(new OmiseError(500, 'internal_error', String(error && error.message))));
			});
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(this.options.port, this.options.host, resolve));
		const { port } = this.server.address();
		this.port = port;
		this.url = `http://${this.options.host}:${port}`;
		this.publicUrl = this.options.publicUrl || this.url;
		return this;
	}

	async close() {
		// A request still waiting to be handled later is dropped with the sandbox.
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await this.webhooks.idle();
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** Clears the request log, and with it the twins' ids. */
	clearRequests() {
		this.requests = [];
		this.twins = [];
		this.maxInFlight = 0;
	}

	/** Sets how far Omise's clock is ahead of the real one (negative: behind), from now on. */
	setClockOffset(offsetMs) {
		this.store.setClockOffset(offsetMs);
	}

	// Every answer carries Omise's Date (the sandbox's clock, see Store.answerTime), not Node's automatic one.
	writeAnswer(res, status, headers, body) {
		res.writeHead(status, { ...headers, date: this.store.answerTime().toUTCString() });
		res.end(body);
		return status;
	}

	/** API requests (not /__sandbox control calls) whose path starts with a prefix. */
	requestsTo(method, pathPrefix = '/') {
		return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
	}

	modeOfKey(user) {
		if (user === this.options.testSecretKey) return 'test';
		if (user === this.options.liveSecretKey) return 'live';
		return undefined;
	}

	async handle(req, res) {
		const url = new URL(req.url, 'http://sandbox.invalid');
		const rawBody = await readRaw(req);
		const send = (status, body, headers = JSON_TYPE) => this.writeAnswer(res, status, headers, typeof body === 'string' ? body : JSON.stringify(body));

		if (url.pathname.startsWith('/__sandbox/') || url.pathname.startsWith('/pay/')) {
			this.store.startRequest();
			return control.handle(this, req, res, url, rawBody, send);
		}

		const entry = {
			method: req.method,
			path: url.pathname,
			query: queryObject(url.searchParams),
			headers: { ...req.headers },
			rawBody: rawBody.toString('utf8'),
			body: undefined,
			auth: parseBasicAuth(req.headers.authorization),
			status: undefined,
			startedAt: Date.now(),
		};
		this.requests.push(entry);
		this.inFlight += 1;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			if (this.options.latencyMs) await sleep(this.options.latencyMs);
			// From here to the answer nothing waits, so no other request reads the clock in between.
			this.store.startRequest();
			// Omise serialises events (API and webhooks alike) in the account's default
			// version at the time of the event, whatever Omise-Version a request sends.
			const version = url.pathname.startsWith('/events') ? this.webhooks.config.version : req.headers['omise-version'];
			const request = { method: req.method, url, entry, rawBody, headers: req.headers, version };
			const fault = this.faults.take(entry);
			const later = fault && fault.processAfterMs !== undefined;
			if (fault) {
				entry.fault = fault.kind;
				entry.handled = fault.process && !later;
				if (fault.twin) this.handleTwin(request);
			}
			let outcome;
			if (!fault || (fault.process && !later)) outcome = this.respond(request);
			if (later) this.handleLater(request, fault.processAfterMs);
			if (fault && fault.kind !== 'none') return (entry.status = this.failWith(fault, req, res, send));
			const { status, answer } = outcome;
			if (answer && answer.raw === true) return (entry.status = this.writeAnswer(res, answer.status, answer.headers, answer.body));
			entry.status = send(status, answer);
		} finally {
			this.inFlight -= 1;
		}
		return entry.status;
	}

	/** Handles a request: its status and answer (an Omise error is an answer too). */
	respond({ method, url, entry, rawBody, headers, version }) {
		try {
			const answer = this.dispatch(method, url, entry, rawBody, headers);
			// A document download answers bytes, not JSON.
			return { status: 200, answer: answer && answer.raw === true ? answer : present(answer, version) };
		} catch (error) {
			if (!(error instanceof OmiseError)) throw error;
			return { status: error.status, answer: error.toJSON() };
		}
	}

	// Someone else makes the same request first (see twin.js); it is not logged as a request.
	handleTwin(request) {
		const twin = twinRequest(request.rawBody, request.headers, this.usedTokens);
		const entry = { ...request.entry, headers: twin.headers, rawBody: twin.rawBody.toString('utf8'), body: undefined };
		const { status, answer } = this.respond({ ...request, entry, rawBody: twin.rawBody, headers: twin.headers });
		const id = status === 200 && answer && typeof answer.id === 'string' ? answer.id : null;
		request.entry.twin = { status, id };
		if (id) this.twins.push(id);
	}

	// The request is handled once, delayMs from now: after its client has given up waiting.
	// An unref'd timer, cleared by close(), so it never keeps the process alive.
	handleLater(request, delayMs) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			let status;
			try {
				status = this.respond(request).status;
			} catch {
				status = 500;
			}
			Object.assign(request.entry, { handled: true, handledAt: Date.now(), handledStatus: status });
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}

	/** Answers (or does not) the way the fault says; the entry's status. */
	failWith(fault, req, res, send) {
		if (fault.kind === 'stall') return 'stalled';
		if (fault.kind === 'reset') {
			req.socket.destroy();
			return 'reset';
		}
		if (fault.kind === '429') {
			const error = new OmiseError(429, 'too_many_requests', 'too many requests, please slow down');
			return send(429, error.toJSON(), { ...JSON_TYPE, 'retry-after': String(fault.retryAfter) });
		}
		if (fault.kind === 'garbage') {
			const body = Buffer.from(fault.body, 'utf8');
			const type = fault.contentType === '' ? {} : { 'content-type': fault.contentType };
			return this.writeAnswer(res, fault.status, { ...type, 'content-length': String(body.length) }, body);
		}
		return send(500, new OmiseError(500, 'internal_error', 'an internal error occurred').toJSON());
	}

	dispatch(method, url, entry, rawBody, headers) {
		const mode = entry.auth && entry.auth.password === '' ? this.modeOfKey(entry.auth.user) : undefined;
		if (!mode) throw new OmiseError(401, 'authentication_failure', 'authentication failed');
		try {
			entry.body = parseBody(rawBody, headers['content-type']);
		} catch (error) {
			if (error instanceof BodyError) throw badRequest(error.message);
			throw error;
		}
		const found = this.router.match(method, url.pathname);
		if (!found) throw new OmiseError(404, 'not_found', `the requested resource ${url.pathname} was not found`);
		if (found.methodNotAllowed) throw new OmiseError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
		const ctx = {
			sandbox: this,
			store: this.store,
			views: this.views,
			livemode: mode === 'live',
			mode,
			params: found.params,
			query: entry.query,
			body: entry.body,
		};
		return found.handler(ctx);
	}
}

async function createSandbox(options) {
	return new Sandbox(options).start();
}

module.exports = { Sandbox, createSandbox, DEFAULT_KEYS };
