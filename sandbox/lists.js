'use strict';
// Omise list objects: limit (default 20, capped at 100), offset, order, from, to.
const { badRequest } = require('./errors');

const ORDERS = ['chronological', 'reverse_chronological'];

function parseTime(value, name) {
	const date = new Date(value);
	if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(date.getTime())) {
		throw badRequest(`${name} is not a valid ISO 8601 date`);
	}
	return date;
}

function parseInteger(value, name, fallback) {
	if (value === undefined || value === '') return fallback;
	if (!/^\d+$/.test(String(value))) throw badRequest(`${name} must be a non-negative integer`);
	return Number(value);
}

function listResponse(records, query, location, serialize, now) {
	const limit = Math.min(parseInteger(query.limit, 'limit', 20), 100);
	const offset = parseInteger(query.offset, 'offset', 0);
	const order = query.order === undefined || query.order === '' ? 'chronological' : query.order;
	if (!ORDERS.includes(order)) throw badRequest(`order must be one of ${ORDERS.join(', ')}`);
	const from = query.from ? parseTime(query.from, 'from') : new Date(0);
	const to = query.to ? parseTime(query.to, 'to') : now;
	const inRange = records.filter((record) => {
		const created = new Date(record.created_at).getTime();
		return created >= from.getTime() && created <= to.getTime();
	});
	if (order === 'reverse_chronological') inRange.reverse();
	return {
		object: 'list',
		data: inRange.slice(offset, offset + limit).map(serialize),
		limit,
		offset,
		total: inRange.length,
		order,
		location,
		from: from.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		to: to.toISOString().replace(/\.\d{3}Z$/, 'Z'),
	};
}

module.exports = { listResponse };
