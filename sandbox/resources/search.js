'use strict';
// GET /search: Omise's search object, `scope`, free-text `query`,
// `filters[…]` (amounts in the major unit, ranges `a..b`, yes/no booleans,
// created dates), `order` (newest first by default), `page` and `per_page`.
const { OmiseError, badRequest } = require('../errors');
const { customerView } = require('./customers');

const SCOPES = ['charge', 'link', 'customer', 'refund', 'dispute', 'recipient', 'transfer'];
const invalidFilters = (message) => new OmiseError(400, 'invalid_filters', message);

function parsePositive(value, name, fallback, max) {
	if (value === undefined || value === '') return fallback;
	if (!/^\d+$/.test(String(value)) || Number(value) < 1) throw badRequest(`${name} must be a positive integer`);
	return Math.min(Number(value), max);
}

function parseBoolean(value, name) {
	const text = String(value).toLowerCase();
	if (['true', 'yes', 'on', '1'].includes(text)) return true;
	if (['false', 'no', 'off', '0'].includes(text)) return false;
	throw invalidFilters(`${name} must be true or false`);
}

function range(value, name, parse) {
	const parts = String(value).split('..');
	if (parts.length > 2 || parts.some((part) => part.trim() === '')) throw invalidFilters(`${name} must be a value or a range a..b`);
	const [low, high = parts[0]] = parts.map((part) => parse(part.trim()));
	return (x) => x >= low && x <= high;
}

const major = (view) => view.amount / 10 ** (String(view.currency).toLowerCase() === 'jpy' ? 0 : 2);

function matcher(key, value) {
	if (key === 'amount') {
		const inRange = range(value, 'amount', (part) => {
			if (!/^\d+(\.\d+)?$/.test(part)) throw invalidFilters('amount must be a number in the currency unit');
			return Number(part);
		});
		return (view) => typeof view.amount === 'number' && inRange(major(view));
	}
	if (key === 'created') {
		const inRange = range(value, 'created', (part) => {
			const text = part.replace(/\//g, '-');
			if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw invalidFilters('created must be a date (YYYY-MM-DD) or a range of dates');
			return text;
		});
		return (view) => inRange(String(view.created_at).slice(0, 10));
	}
	if (key === 'currency') return (view) => String(view.currency).toLowerCase() === String(value).toLowerCase();
	if (key === 'captured') {
		const wanted = parseBoolean(value, key);
		return (view) => Boolean(view.paid) === wanted;
	}
	if (key === 'refunded') {
		const wanted = parseBoolean(value, key);
		return (view) => view.refunded_amount > 0 === wanted;
	}
	if (key === 'card_last_digits') return (view) => Boolean(view.card) && view.card.last_digits === String(value);
	if (key === 'customer_email') return (view) => view.email === String(value);
	if (key === 'bank_last_digits') return (view) => Boolean(view.bank_account) && view.bank_account.last_digits === String(value);
	if (['status', 'type', 'used', 'voided', 'paid', 'authorized', 'reversed', 'expired', 'multiple', 'sent', 'verified', 'active'].includes(key)) {
		if (typeof value !== 'string') throw invalidFilters(`${key} must be a single value`);
		if (key === 'status' || key === 'type') return (view) => view[key] === value;
		const wanted = parseBoolean(value, key);
		return (view) => Boolean(view[key]) === wanted;
	}
	throw invalidFilters(`${key} is not a filter of this scope`);
}

function searchable(view) {
	const values = [view.id, view.description, view.email, view.title, view.name, view.customer, view.link, view.charge, view.recipient, ...Object.values(view.metadata || {})];
	if (view.card && typeof view.card === 'object') values.push(view.card.name, view.card.last_digits);
	return values.filter((x) => x !== null && x !== undefined).map((x) => String(x).toLowerCase());
}

function search(ctx) {
	const { query } = ctx;
	const scope = query.scope;
	if (!SCOPES.includes(scope)) throw badRequest(`scope must be one of ${SCOPES.join(', ')}`);
	const order = query.order || 'reverse_chronological';
	if (!['chronological', 'reverse_chronological'].includes(order)) throw badRequest('order must be chronological or reverse_chronological');
	const page = parsePositive(query.page, 'page', 1, Infinity);
	const perPage = parsePositive(query.per_page, 'per_page', 30, 100);
	const filters = {};
	for (const [name, value] of Object.entries(query)) {
		const match = /^filters\[(\w+)\]$/.exec(name);
		if (match) filters[match[1]] = value;
		else if (!['scope', 'query', 'order', 'page', 'per_page'].includes(name)) throw badRequest(`${name} is not a valid parameter`);
	}
	const tests = Object.entries(filters).map(([key, value]) => matcher(key, value));
	const text = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
	// An object appears in the search index searchLagMs after its creation (on the sandbox's clock).
	const indexedUntil = ctx.store.now().getTime() - (ctx.sandbox.options.searchLagMs || 0);
	const view = scope === 'customer' ? (record) => customerView(ctx, record) : (record) => (ctx.views[scope] ? ctx.views[scope](ctx, record) : record);
	const found = ctx.store
		.all(scope, ctx.livemode, (record) => !(['customer', 'recipient', 'transfer'].includes(scope) && record.deleted) && Date.parse(record.created_at) <= indexedUntil)
		.map(view)
		.filter((object) => tests.every((test) => test(object)) && (!text || searchable(object).some((value) => value.includes(text))));
	if (order === 'reverse_chronological') found.reverse();
	return {
		object: 'search',
		location: '/search',
		scope,
		query: query.query || '',
		filters,
		order,
		page,
		per_page: perPage,
		total: found.length,
		total_pages: Math.ceil(found.length / perPage),
		export: null,
		data: found.slice((page - 1) * perPage, page * perPage),
	};
}

function register(router) {
	router.add('GET', '/search', search);
}

module.exports = { register };
