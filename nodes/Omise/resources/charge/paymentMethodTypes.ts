import type { IDataObject, IExecuteSingleFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { omiseGet } from '../../../shared/transport';
import { describeValue, inputError, text } from '../../common/input';

// Charge → Create with Payment Method "Payment Method Type": the source goes
// inline in POST /charges (`source: { type, ...fields }`), as Omise's own
// WooCommerce plugin does with the secret key, so no public key is needed.

/** The fields a source type takes, as Omise names them. */
type SourceField = 'phone_number' | 'name' | 'email' | 'installment_term' | 'zero_interest_installments' | 'bank';

interface SourceType {
	type: string;
	name: string;
	country: string;
	/** How the customer pays: a QR code to scan, or a page at the charge's authorize_uri. */
	how: 'QR code' | 'redirect';
	required?: readonly SourceField[];
	optional?: readonly SourceField[];
}

const INSTALLMENT = { how: 'redirect', country: 'Thailand', required: ['installment_term'], optional: ['zero_interest_installments'] } as const;

/** Omise's source types by country (Omise's WooCommerce gateways and docs); Omise may add more: any type can be given by expression. */
export const SOURCE_TYPES: SourceType[] = [
	{ type: 'promptpay', name: 'PromptPay', country: 'Thailand', how: 'QR code' },
	{ type: 'truemoney', name: 'TrueMoney Wallet', country: 'Thailand', how: 'redirect', required: ['phone_number'] },
	{ type: 'truemoney_jumpapp', name: 'TrueMoney (App Redirect)', country: 'Thailand', how: 'redirect' },
	{ type: 'mobile_banking_kbank', name: 'Mobile Banking: K PLUS (KBank)', country: 'Thailand', how: 'redirect' },
	{ type: 'mobile_banking_scb', name: 'Mobile Banking: SCB Easy', country: 'Thailand', how: 'redirect' },
	{ type: 'mobile_banking_bay', name: 'Mobile Banking: KMA (Krungsri)', country: 'Thailand', how: 'redirect' },
	{ type: 'mobile_banking_bbl', name: 'Mobile Banking: Bualuang mBanking', country: 'Thailand', how: 'redirect' },
	{ type: 'mobile_banking_ktb', name: 'Mobile Banking: Krungthai NEXT', country: 'Thailand', how: 'redirect' },
	{ type: 'rabbit_linepay', name: 'Rabbit LINE Pay', country: 'Thailand', how: 'redirect' },
	{ type: 'shopeepay', name: 'ShopeePay', country: 'Thailand, Singapore, Malaysia', how: 'redirect' },
	{ type: 'installment_kbank', name: 'Installments: KBank', ...INSTALLMENT },
	{ type: 'installment_bbl', name: 'Installments: Bangkok Bank', ...INSTALLMENT },
	{ type: 'installment_bay', name: 'Installments: Krungsri', ...INSTALLMENT },
	{ type: 'installment_first_choice', name: 'Installments: Krungsri First Choice', ...INSTALLMENT },
	{ type: 'installment_ktc', name: 'Installments: KTC', ...INSTALLMENT },
	{ type: 'installment_scb', name: 'Installments: SCB', ...INSTALLMENT },
	{ type: 'installment_ttb', name: 'Installments: ttb', ...INSTALLMENT },
	{ type: 'installment_uob', name: 'Installments: UOB', ...INSTALLMENT },
	{ type: 'wechat_pay', name: 'WeChat Pay', country: 'Thailand', how: 'QR code' },
	{ type: 'alipay', name: 'Alipay', country: 'Thailand', how: 'redirect' },
	{ type: 'atome', name: 'Atome (Buy Now, Pay Later)', country: 'Thailand, Singapore, Malaysia', how: 'redirect', optional: ['phone_number'] },
	{ type: 'econtext', name: 'Konbini, Pay-easy, Online Banking (Econtext)', country: 'Japan', how: 'redirect', required: ['name', 'email', 'phone_number'] },
	{ type: 'paypay', name: 'PayPay', country: 'Japan', how: 'redirect' },
	{ type: 'paynow', name: 'PayNow', country: 'Singapore', how: 'QR code' },
	{ type: 'grabpay', name: 'GrabPay', country: 'Singapore, Malaysia', how: 'redirect' },
	{ type: 'mobile_banking_ocbc', name: 'OCBC Digital', country: 'Singapore', how: 'redirect' },
	{ type: 'fpx', name: 'FPX (Online Banking)', country: 'Malaysia', how: 'redirect', required: ['bank'] },
	{ type: 'duitnow_qr', name: 'DuitNow QR', country: 'Malaysia', how: 'QR code' },
	{ type: 'duitnow_obw', name: 'DuitNow Online Banking/Wallets', country: 'Malaysia', how: 'redirect', required: ['bank'] },
	{ type: 'touch_n_go', name: "Touch 'n Go eWallet", country: 'Malaysia', how: 'redirect' },
	{ type: 'boost', name: 'Boost', country: 'Malaysia', how: 'redirect' },
	{ type: 'maybank_qr', name: 'Maybank QRPay', country: 'Malaysia', how: 'QR code' },
];

const BY_TYPE = new Map(SOURCE_TYPES.map((entry) => [entry.type, entry]));

/** Where each source field is in the Source Details collection, and its label. */
const FIELDS: Record<SourceField, { parameter: string; label: string }> = {
	phone_number: { parameter: 'phoneNumber', label: 'Phone Number' },
	name: { parameter: 'name', label: 'Name' },
	email: { parameter: 'email', label: 'Email' },
	installment_term: { parameter: 'installmentTerm', label: 'Installment Term' },
	zero_interest_installments: { parameter: 'zeroInterestInstallments', label: 'Zero Interest Installments' },
	bank: { parameter: 'bank', label: 'Bank' },
};

function optionOf(entry: SourceType, currencies?: string): INodePropertyOptions {
	const fields = (entry.required ?? []).map((field) => FIELDS[field].label);
	return {
		name: `${entry.name} (${entry.country})`,
		value: entry.type,
		description: `${entry.type}: ${entry.how === 'QR code' ? 'customer scans a QR code' : 'customer pays at authorize_uri'}${fields.length ? `; needs ${fields.join(', ')}` : ''}${currencies ? `; ${currencies}` : ''}`,
	};
}

/** The list offered when the account's capability cannot be read. */
export const STATIC_SOURCE_OPTIONS: INodePropertyOptions[] = SOURCE_TYPES.map((entry) => optionOf(entry)).sort((a, b) => a.name.localeCompare(b.name));

/**
 * loadOptions of Payment Method Type: the source types enabled for the
 * credential's key (GET /capability), or the static list when it cannot be read.
 */
export async function getSourceTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let methods: IDataObject[] | undefined;
	try {
		const response = await omiseGet(this, '/capability', undefined, 15_000);
		const body = response.body as IDataObject | undefined;
		if (response.statusCode < 300 && Array.isArray(body?.payment_methods)) methods = body.payment_methods as IDataObject[];
	} catch {
		// the static list below
	}
	const options = (methods ?? [])
		.filter((method) => typeof method.name === 'string' && method.name !== 'card' && !method.name.startsWith('internet_banking'))
		.map((method) => {
			const type = String(method.name);
			const currencies = Array.isArray(method.currencies) ? (method.currencies as string[]).join(', ') : undefined;
			const known = BY_TYPE.get(type);
			return known ? optionOf(known, currencies) : { name: type, value: type, description: `${type}: enabled for this key${currencies ? `; ${currencies}` : ''}` };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	return options.length > 0 ? options : STATIC_SOURCE_OPTIONS;
}

/** One Source Details value, checked; undefined when empty. */
function fieldValue(context: IExecuteSingleFunctions, field: SourceField, raw: unknown): string | number | boolean | undefined {
	const { label } = FIELDS[field];
	if (raw === undefined || raw === null || raw === '') return undefined;
	if (typeof raw === 'object') throw inputError(context, `Source Details → ${label} must be ${field === 'zero_interest_installments' ? 'true or false' : 'text'}; got ${describeValue(raw)}`);
	if (field === 'zero_interest_installments') {
		if (raw === true || raw === 'true') return true;
		if (raw === false || raw === 'false') return false;
		throw inputError(context, `Source Details → Zero Interest Installments must be true or false; got ${describeValue(raw)}`);
	}
	if (field === 'installment_term') {
		const term = Number(raw);
		if (!Number.isInteger(term) || term < 1) throw inputError(context, `Source Details → Installment Term must be a whole number of months, e.g. 3, 6 or 10; got ${describeValue(raw)}`);
		return term;
	}
	const value = text(raw);
	if (value === '') return undefined;
	if (field === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) throw inputError(context, `Source Details → Email is not an email address: ${describeValue(value)}`);
	if (field === 'phone_number' && !/^\+?[0-9][0-9 -]{5,20}$/.test(value)) {
		throw inputError(context, `Source Details → Phone Number must be digits (optionally +, spaces or dashes), e.g. 0812345678; got ${describeValue(value)}`);
	}
	return value;
}

/**
 * The inline source of Charge → Create: `{ type, ...fields }`. A known type
 * gets the fields it takes (and must have those it needs); a type this node
 * does not know (given by expression) gets every field that is filled in.
 */
export function inlineSource(context: IExecuteSingleFunctions): IDataObject {
	const rawType = context.getNodeParameter('sourceType', '') as unknown;
	if (rawType !== undefined && rawType !== null && typeof rawType !== 'string') {
		throw inputError(context, `Payment Method Type must be text, an Omise source type such as promptpay; got ${describeValue(rawType)}`);
	}
	const type = text(rawType);
	if (type === '') throw inputError(context, 'Payment Method Type is required when Payment Method is Payment Method Type: an Omise source type such as promptpay');
	if (!/^[a-z0-9_]{2,64}$/.test(type)) {
		throw inputError(context, `Payment Method Type is not an Omise source type: ${describeValue(type)}. Types are lower-case words joined by _, e.g. promptpay, mobile_banking_kbank`);
	}
	const details = (context.getNodeParameter('sourceDetails', {}) as IDataObject) ?? {};
	const known = BY_TYPE.get(type);
	const required = known?.required ?? [];
	const taken = known ? [...required, ...(known.optional ?? [])] : (Object.keys(FIELDS) as SourceField[]);
	const source: IDataObject = { type };
	for (const field of taken) {
		const value = fieldValue(context, field, details[FIELDS[field].parameter]);
		if (value !== undefined) source[field] = value;
		else if (required.includes(field)) {
			throw inputError(context, `Source Details → ${FIELDS[field].label} is required for ${known?.name ?? type} (${type})`, `${known?.name ?? type} needs ${required.map((name) => FIELDS[name].label).join(', ')}.`);
		}
	}
	return source;
}
