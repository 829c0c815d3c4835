'use strict';
// Sandbox-only endpoints (no auth; never part of Omise's API):
//   GET    /__sandbox/requests            the request log (API calls only)
//   DELETE /__sandbox/requests            clear it (and the twins' ids)
//   GET    /__sandbox/webhooks            webhook config and deliveries so far
//   POST   /__sandbox/webhooks            { endpoints, secret, previousSecret, version }
//   POST   /__sandbox/links/:id/pay       pay a link with a test card { card?, mode? }
//   GET    /__sandbox/faults              the injected faults, with how often each fired
//   POST   /__sandbox/faults              { faults: [...] } replaces them (see faults.js); [] clears
//   POST   /__sandbox/schedules/:id/occur the schedule's next occurrence happens now (its charge is made)
//   POST   /__sandbox/charges/:id/dispute the card's issuer opens a dispute (chargeback) on the paid charge:
//                                         body (all optional) { amount, reason_code, reason_message }; amount
//                                         defaults to what the charge captured. Answers the open dispute and
//                                         records dispute.create (webhooks fire); 404 for an unknown charge,
//                                         400 for one not paid or with a dispute not yet closed
//   POST   /__sandbox/disputes/:id/close  { status: 'won' | 'lost' } closes an open or pending dispute as the
//                                         issuer decided; records dispute.close; 400 if already closed
//   GET    /__sandbox/clock               { now, offsetMs }: the sandbox's (Omise's) time and its offset
//   POST   /__sandbox/clock               { offsetMs } Omise's clock runs offsetMs ahead of the real one
//                                         (negative: behind) from now on: created_at, lists' `to`, Date
//   GET    /__sandbox/twins               { twins }: ids of the objects twin requests made (see faults.js)
//   GET    /pay/:code, POST /pay/:code    the customer's payment page of a link
const { parseBody } = require('./body');
const { OmiseError, notFound } = require('./errors');
const { present } = require('./present');
const { createCharge, chargeView } = require('./resources/charges');
const { linkView } = require('./resources/links');
const { occur } = require('./resources/schedules');
const { openDispute, closeDispute } = require('./resources/disputes');

function escapeHtml(text) {
	return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function formatAmount(amount, currency) {
	const digits = currency === 'jpy' ? 0 : 2;
	return `${(amount / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`;
}

// A link payment as the hosted page makes it: a 3-D Secure card charge, so
// charge.create (pending) then charge.complete (successful), with `link` set.
function payLink(sandbox, link, { card } = {}) {
	const ctx = { sandbox, store: sandbox.store, views: sandbox.views, livemode: link.livemode, body: {} };
	if (link.deleted) throw new OmiseError(400, 'invalid_link', 'link has been deleted');
	if (link.used && !link.multiple) throw new OmiseError(400, 'invalid_link', 'link has already been used');
	const token = card || `tokn_${link.livemode ? '' : 'test_'}sandboxpay${sandbox.store.sequence + 1}`;
	const description = link.description ? `${link.title}\n\n${link.description}` : link.title;
	const charge = createCharge(ctx, { amount: link.amount, currency: link.currency, card: token, description, capture: false }, { link: link.id });
	if (charge.status === 'failed') return chargeView(ctx, charge);
	const now = sandbox.store.timestamp();
	Object.assign(charge, { capture: true, status: 'successful', authorized: true, paid: true, paid_at: now });
	if (!link.multiple) Object.assign(link, { used: true, used_at: now });
	sandbox.store.recordEvent('charge.complete', chargeView(ctx, charge), link.livemode);
	return chargeView(ctx, charge);
}

function paymentPage(sandbox, link, message) {
	const ctx = { sandbox, store: sandbox.store, views: sandbox.views, livemode: link.livemode };
	const view = linkView(ctx, link);
	const payable = !link.deleted && !(link.used && !link.multiple);
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(link.title)} · Omise sandbox</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1.2rem}.note{color:#666;font-size:.9rem}</style></head>
<body><p class="note">Omise sandbox — test mode, no real money</p><h1>${escapeHtml(link.title)}</h1>
<p>${escapeHtml(link.description || '')}</p><p><strong>${escapeHtml(formatAmount(link.amount, link.currency))}</strong></p>
${message ? `<p><strong>${escapeHtml(message)}</strong></p>` : ''}
${payable ? `<form method="post"><p>Card: 4242 4242 4242 4242 (sandbox test card)</p><button type="submit">Pay ${escapeHtml(formatAmount(link.amount, link.currency))}</button></form>` : `<p>This link ${view.deleted ? 'was deleted' : 'has been used'}.</p>`}
</body></html>`;
}

function findLinkAnyMode(sandbox, predicate) {
	return [...sandbox.store.objects.values()].find((record) => record.object === 'link' && predicate(record));
}

/** An object of this kind by its ID, in either mode (the ID says which). */
function findAnyMode(sandbox, kind, id) {
	const record = sandbox.store.objects.get(id);
	if (!record || record.object !== kind) throw notFound(kind, id);
	return record;
}

function register(router) {
	router.add('GET', '/__sandbox/requests', ({ sandbox }) => sandbox.requests);
	router.add('DELETE', '/__sandbox/requests', ({ sandbox }) => {
		sandbox.clearRequests();
		return { cleared: true };
	});
	router.add('GET', '/__sandbox/webhooks', ({ sandbox }) => ({ ...sandbox.webhooks.config, secret: undefined, previousSecret: undefined, deliveries: sandbox.webhooks.deliveries }));
	router.add('POST', '/__sandbox/webhooks', ({ sandbox, body }) => {
		sandbox.webhooks.configure(body);
		return { endpoints: sandbox.webhooks.config.endpoints };
	});
	router.add('GET', '/__sandbox/faults', ({ sandbox }) => ({ faults: sandbox.faults.summary() }));
	router.add('POST', '/__sandbox/faults', ({ sandbox, body }) => ({ faults: sandbox.faults.set(body.faults) }));
	const clock = (sandbox) => ({ now: sandbox.store.now().toISOString(), offsetMs: sandbox.store.clockOffsetMs });
	router.add('GET', '/__sandbox/clock', ({ sandbox }) => clock(sandbox));
	router.add('POST', '/__sandbox/clock', ({ sandbox, body }) => {
		sandbox.setClockOffset(body.offsetMs);
		return clock(sandbox);
	});
	router.add('GET', '/__sandbox/twins', ({ sandbox }) => ({ twins: sandbox.twins }));
	router.add('POST', '/__sandbox/schedules/:id/occur', ({ sandbox, params }) => {
		const schedule = [...sandbox.store.objects.values()].find((record) => record.object === 'schedule' && record.id === params.id);
		if (!schedule) throw notFound('schedule', params.id);
		return occur(sandbox, schedule);
	});
	router.add('POST', '/__sandbox/charges/:id/dispute', ({ sandbox, params, body }) => openDispute(sandbox.store, findAnyMode(sandbox, 'charge', params.id), body));
	router.add('POST', '/__sandbox/disputes/:id/close', ({ sandbox, params, body }) => closeDispute(sandbox.store, findAnyMode(sandbox, 'dispute', params.id), body));
	router.add('POST', '/__sandbox/links/:id/pay', ({ sandbox, params, body }) => {
		const link = findLinkAnyMode(sandbox, (record) => record.id === params.id);
		if (!link) throw notFound('link', params.id);
		return payLink(sandbox, link, body);
	});
}

async function handle(sandbox, req, res, url, rawBody, send) {
	try {
		const pay = /^\/pay\/([A-F0-9]+)$/.exec(url.pathname);
		if (pay) {
			const link = findLinkAnyMode(sandbox, (record) => record.payment_code === pay[1]);
			if (!link) return send(404, 'No such payment link', { 'content-type': 'text/plain' });
			let message;
			if (req.method === 'POST') {
				const charge = payLink(sandbox, link);
				message = charge.paid ? `Paid. Charge ${charge.id}` : `Payment failed: ${charge.failure_message}`;
			}
			return send(200, paymentPage(sandbox, link, message), { 'content-type': 'text/html; charset=utf-8' });
		}
		const found = sandbox.controlRouter.match(req.method, url.pathname);
		if (!found || found.methodNotAllowed) throw new OmiseError(404, 'not_found', `no sandbox endpoint ${req.method} ${url.pathname}`);
		const result = found.handler({ sandbox, params: found.params, body: parseBody(rawBody, req.headers['content-type']) });
		return send(200, present(result, req.headers['omise-version']));
	} catch (error) {
		if (error instanceof OmiseError) return send(error.status, error.toJSON());
		return send(400, new OmiseError(400, 'bad_request', String(error.message)).toJSON());
	}
}

module.exports = { register, handle, payLink };
