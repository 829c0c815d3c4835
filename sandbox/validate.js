'use strict';
// Validation shared by the sandbox's resources, with Omise's error codes.
const { OmiseError, badRequest } = require('./errors');

// Smallest-unit minimums and maximums per currency (Omise's documented limits;
// currencies without a published limit get 100 .. 100,000,000).
const CURRENCY_LIMITS = {
	thb: [2000, 15000000],
	jpy: [100, 6000000],
	sgd: [100, 2000000],
	myr: [100, 10000000],
};
const SUPPORTED_CURRENCIES = ['thb', 'jpy', 'sgd', 'myr', 'usd', 'eur', 'gbp', 'aud', 'cad', 'chf', 'cny', 'dkk', 'hkd', 'idr'];

function requireCurrency(value) {
	if (value === undefined || value === null || value === '') throw new OmiseError(400, 'invalid_currency', 'currency is required');
	const currency = String(value).toLowerCase();
	if (!SUPPORTED_CURRENCIES.includes(currency)) {
		throw new OmiseError(400, 'invalid_currency', 'currency is currently not supported');
	}
	return currency;
}

function toInteger(value) {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

function requireAmount(value, currency, code = 'invalid_amount') {
	if (value === undefined || value === null || value === '') throw new OmiseError(400, code, 'amount is required');
	const amount = toInteger(value);
	if (amount === undefined) throw new OmiseError(400, code, 'amount must be an integer');
	const [min, max] = CURRENCY_LIMITS[currency] || [100, 100000000];
	if (amount < min) {
		throw new OmiseError(400, code, `amount must be greater than or equal to ${min} (${currency} subunits)`);
	}
	if (amount > max) throw new OmiseError(400, code, `amount must be less than or equal to ${max} (${currency} subunits)`);
	return amount;
}

function optionalString(value, name, maxLength) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
	if (maxLength !== undefined && value.length > maxLength) {
		throw badRequest(`${name} is too long (maximum is ${maxLength} characters)`);
	}
	return value;
}

function requireString(value, name, maxLength) {
	if (value === undefined || value === null || value === '') throw badRequest(`${name} is required`);
	return optionalString(value, name, maxLength);
}

function optionalBoolean(value, name, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw badRequest(`${name} must be true or false`);
}

function optionalMetadata(value) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('metadata must be an object');
	return value;
}

function rejectUnknown(body, allowed) {
	for (const name of Object.keys(body)) {
		if (!allowed.includes(name)) throw badRequest(`${name} is not a valid parameter`);
	}
}

module.exports = {
	SUPPORTED_CURRENCIES,
	requireCurrency,
	requireAmount,
	toInteger,
	requireString,
	optionalString,
	optionalBoolean,
	optionalMetadata,
	rejectUnknown,
};
