import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// JPY is Omise's only zero-decimal currency; every other supported currency has
// 100 minor units per major unit (THB satang, SGD/MYR/USD cents, ...).
const ZERO_DECIMAL_CURRENCIES = ['jpy'];

export type AmountUnit = 'smallest' | 'major';

export function currencyDecimals(currency: string): number {
	return ZERO_DECIMAL_CURRENCIES.includes(currency.toLowerCase()) ? 0 : 2;
}

export function normalizeCurrency(node: INode, value: unknown, itemIndex?: number): string {
	const currency = typeof value === 'string' ? value.trim() : '';
	if (!/^[A-Za-z]{3}$/.test(currency)) {
		throw new NodeOperationError(node, `Currency must be a 3-letter ISO 4217 code such as THB, JPY, SGD or MYR; got "${String(value ?? '')}"`, { itemIndex });
	}
	return currency.toLowerCase();
}

/**
 * Converts an amount to Omise's integer smallest unit (`currency` may be ''
 * where it is not known; only Major Unit needs it) without floating-point
 * arithmetic: the decimal text is shifted, so 19.99 becomes 1999, never 1998.
 */
export function toSmallestUnit(
	node: INode,
	value: unknown,
	currency: string,
	unit: AmountUnit,
	fieldLabel = 'Amount',
	itemIndex?: number,
): number {
	const fail = (why: string) =>
		new NodeOperationError(node, `${fieldLabel} ${why}`, { itemIndex, description: amountHint(currency, unit) });
	if (value === undefined || value === null || value === '') throw fail('is required');
	if (typeof value !== 'number' && typeof value !== 'string') {
		throw fail(`must be a number; got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`}`);
	}
	const text = String(value).trim();
	if (text === '') throw fail('is required');
	const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) throw fail(`must be a positive number written with digits and an optional decimal point; got "${text}"`);
	const [, whole, fraction = ''] = match;
	if (unit === 'smallest') {
		if (fraction.replace(/0+$/, '') !== '') {
			throw fail(
				`must be a whole number in the smallest currency unit (got ${text}). To type ${text}${currency ? ` ${currency.toUpperCase()}` : ''}, set Amount Unit to "Major Unit".`,
			);
		}
		return checkPositive(Number(whole), fail);
	}
	const decimals = currencyDecimals(currency);
	const significantFraction = fraction.replace(/0+$/, '');
	if (significantFraction.length > decimals) {
		throw fail(
			decimals === 0
				? `must be a whole number for ${currency.toUpperCase()}, which has no minor unit; got ${text}`
				: `has more than ${decimals} decimal places, which ${currency.toUpperCase()} does not allow; got ${text}`,
		);
	}
	return checkPositive(Number(whole + significantFraction.padEnd(decimals, '0')), fail);
}

function checkPositive(amount: number, fail: (why: string) => Error): number {
	if (!Number.isSafeInteger(amount)) throw fail('is too large');
	if (amount <= 0) throw fail('must be greater than zero');
	return amount;
}

/** What an amount means in the unit chosen, for error descriptions. */
function amountHint(currency: string, unit: AmountUnit): string {
	const code = currency === '' ? 'THB' : currency.toUpperCase();
	if (currencyDecimals(code) === 0) return `${code} has no minor unit: 1000 means ${code} 1,000 in either Amount Unit.`;
	return unit === 'major'
		? `In Amount Unit "Major Unit", 1500.50 means 1,500.50 ${code} (JPY has no minor unit: 1000 means JPY 1,000).`
		: `In Amount Unit "Smallest Unit", 150050 means 1,500.50 ${code} (JPY has no minor unit: 1000 means JPY 1,000). With "Major Unit" you type 1500.50 instead.`;
}

/**
 * An amount of Omise (integer, smallest unit) as exact decimal text in the
 * major unit: 150050 THB → "1500.50", 1500 JPY → "1500". Undefined when the
 * amount is not a whole number.
 */
export function toMajorUnitText(amount: unknown, currency: string): string | undefined {
	if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return undefined;
	const decimals = currencyDecimals(currency);
	if (decimals === 0) return String(amount);
	const digits = String(Math.abs(amount)).padStart(decimals + 1, '0');
	return `${amount < 0 ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
