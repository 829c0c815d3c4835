import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toMajorUnitText, toSmallestUnit } from '../../shared/amounts';
import { isOmiseObject, omiseErrorOf, preview } from '../../shared/errors';
import { recordAnsweredError } from '../sending/failures';

const HINTS: Record<string, string> = {
	authentication_failure:
		'Check the Secret Key in the Omise API credential: it must be a secret key (skey_test_… or skey_live_…), not a public key (pkey_…).',
	not_found:
		'Check the ID, and that the credential is in the same mode as the object: IDs containing "_test_" exist only for test keys.',
	invalid_charge: 'Check the charge\'s fields against the message: its amount, currency, payment method and customer.',
	invalid_currency: 'Use a currency your Omise account supports, as a 3-letter code (THB, JPY, SGD, MYR, ...).',
	used_token: 'A card token can be charged once. Create a new token, or save the card to a customer and charge the customer.',
};

const AMOUNT_LIMITS = 'Omise enforces a minimum and maximum amount per currency (THB 20–150,000).';

/** The hint of Omise's error: by its code, and for the codes Omise uses for several causes, by what its message is about. */
function hintFor(context: IExecuteSingleFunctions, code: string, message: string): string | undefined {
	const about = (word: string) => message.toLowerCase().includes(word);
	if ((code === 'invalid_amount' || code === 'invalid_charge') && about('amount')) return amountLimitHint(context, message) ?? `${omiseAmountMessageHint(context)} ${AMOUNT_LIMITS}`;
	if (code === 'invalid_charge' && about('currency')) return HINTS.invalid_currency;
	return HINTS[code];
}

/**
 * Omise's limit in its message ("amount must be greater than or equal to 2000
 * (thb subunits)") restated as people write amounts, beside what was asked:
 * "You asked for 15.00 THB; Omise's minimum for THB is 20.00 THB …".
 */
function amountLimitHint(context: IExecuteSingleFunctions, message: string): string | undefined {
	const found = /(greater|less) than or equal to (\d+) \((\w{3}) subunits\)/i.exec(message);
	if (!found) return undefined;
	const [, side, limit, code] = found;
	const currency = code.toUpperCase();
	const bound = `${toMajorUnitText(Number(limit), currency) ?? limit} ${currency}`;
	const unit = context.getNodeParameter('amountUnit', 'major') === 'smallest' ? 'smallest' : 'major';
	const typed = context.getNodeParameter('amount', '') as unknown;
	let asked = '';
	try {
		const smallest = toSmallestUnit(context.getNode(), typed, currency, unit);
		asked = `You asked for ${toMajorUnitText(smallest, currency) ?? smallest} ${currency}${unit === 'smallest' ? ` (${String(typed)} in the smallest unit)` : ''}; `;
	} catch {
		// no Amount of its own to quote (a refund of what is left, a capture): the limit alone
	}
	const switchUnit = unit === 'smallest' ? ' Set Amount Unit to "Major Unit" to type amounts as people write them.' : '';
	return `${asked}Omise's ${side === 'greater' ? 'minimum' : 'maximum'} for ${currency} is ${bound} (its message counts ${limit}, the smallest unit).${switchUnit}`;
}

/** Omise's messages count amounts in the smallest unit ("2000 (thb subunits)"); say how that reads in the unit the user typed. */
function omiseAmountMessageHint(context: IExecuteSingleFunctions): string {
	const unit = context.getNodeParameter('amountUnit', '') as string;
	const omise = 'Omise counts amounts in the smallest currency unit: 2000 (thb subunits) is 20.00 THB; JPY has no minor unit.';
	if (unit === 'major') return `${omise} Amount here is in the major unit (Amount Unit "Major Unit"): 1000.00 means 1,000.00 THB.`;
	if (unit === 'smallest') return `${omise} Amount here is in the smallest currency unit too (100000 = 1,000.00 THB); set Amount Unit to "Major Unit" to type 1000.00 instead.`;
	return omise;
}

/**
 * postReceive for every operation: requests are sent with ignoreHttpStatusErrors
 * so that Omise's own error object, not n8n's generic per-status text, reaches
 * the user: "Omise error invalid_amount: amount must be ...".
 */
export async function throwOnOmiseError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode < 400) {
		if (isOmiseObject(response.body)) return items;
		throw recordAnsweredError(notOmiseJsonError(this, response), { status: response.statusCode, notOmiseJson: true });
	}
	const { code, message, location } = omiseErrorOf(response);
	let description = hintFor(this, code, message);
	if (response.statusCode === 429) {
		description =
			'Omise is limiting the request rate. Use the node\'s Request Options → Batching to send fewer items at a time (Omise advises at most 10 in parallel).';
	}
	const errorData: JsonObject = { object: 'error', code, message, statusCode: response.statusCode };
	if (location) errorData.location = location;
	const error = new NodeApiError(this.getNode(), errorData, {
		message: `Omise error ${code}: ${message}`,
		description,
		httpCode: String(response.statusCode),
	});
	throw recordAnsweredError(error, { status: response.statusCode, retryAfterMs: retryAfterMs(response.headers?.['retry-after']) });
}

function notOmiseJsonError(context: IExecuteSingleFunctions, response: IN8nHttpFullResponse): Error {
	return new NodeApiError(context.getNode(), {}, {
		message: `Omise answered HTTP ${response.statusCode} with something that is not Omise's JSON: ${preview(response.body)}`,
		description:
			'Omise always answers with a JSON object. Something between n8n and Omise (a proxy, a firewall, a wrong API Base URL in the Omise credential) answered instead, or the answer was cut off.',
		httpCode: String(response.statusCode),
	});
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: unknown): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
