import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { AmountUnit } from '../../shared/amounts';
import { normalizeCurrency, toSmallestUnit } from '../../shared/amounts';
import { checked } from '../sending/steps';
import { body } from './input';

// Amount, Amount Unit and Currency of the creates (and Amount Unit of a
// search's Amount filter).

export const amountField: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	default: 0,
	description:
		'How much, in the unit chosen in Amount Unit: by default the major unit, as people write amounts (1500.50 = 1,500.50 THB; JPY has no minor unit, 1000 = ¥1,000). Required for links, charges, schedules (charged at every occurrence) and transfers (in your account’s currency, read from Omise in the major unit; the fee is taken from it); for a refund, 0 or empty refunds everything not yet refunded.',
};

export const amountUnitField: INodeProperties = {
	displayName: 'Amount Unit',
	name: 'amountUnit',
	type: 'options',
	default: 'major',
	description:
		'How Amount (and a search’s Filters → Amount) is written. Major Unit is converted exactly (19.99 → 1999); more decimals than the currency has are refused. For a refund in Major Unit the node looks the charge up to learn its currency.',
	options: [
		{ name: 'Major Unit (Baht, Dollars, Yen)', value: 'major', description: 'As people write amounts: 1500.50 means 1,500.50 THB' },
		{ name: 'Smallest Unit (Satang, Cents, Yen)', value: 'smallest', description: 'Omise’s own unit: 150050 means 1,500.50 THB' },
	],
};

/** A notice under Amount Unit saying what the chosen unit means (n8n's `hint` is static text, and hidden while Amount holds an expression). */
function amountUnitNotice(unit: AmountUnit, text: string): INodeProperties {
	return { displayName: text, name: 'amountUnitNotice', type: 'notice', default: '', displayOptions: { show: { amountUnit: [unit] } } };
}

/** Amount Unit and the notice of each unit, as every operation with an amount shows them. */
export const amountUnitFields: INodeProperties[] = [
	amountUnitField,
	amountUnitNotice('major', 'Amounts in the major unit: 1500.50 means 1,500.50 THB (sent to Omise as 150050 satang). JPY has no minor unit: 1500 means ¥1,500.'),
	amountUnitNotice('smallest', 'Amounts in the smallest unit, as Omise counts them: 150050 means 1,500.50 THB. JPY has no minor unit: 1500 means ¥1,500.'),
];

export const currencyField: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'string',
	required: true,
	default: 'THB',
	placeholder: 'THB',
	description: 'Three-letter ISO 4217 code your account supports, e.g. THB, JPY, SGD, MYR, USD',
};

/** Amount, Amount Unit (with its notice) and Currency of a link, charge or schedule. */
export const amountAndCurrencyFields: INodeProperties[] = [amountField, ...amountUnitFields, currencyField];

/** Step: Amount and Currency, each read once, checked and converted to Omise's smallest unit. */
export const sendAmountAndCurrency = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const currency = normalizeCurrency(this.getNode(), this.getNodeParameter('currency', ''), this.getItemIndex());
	const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
	const amount = toSmallestUnit(this.getNode(), this.getNodeParameter('amount', ''), currency, unit, 'Amount', this.getItemIndex());
	Object.assign(body(requestOptions), { amount, currency });
	return requestOptions;
});

/** An amount left empty or 0: capture everything authorised, refund everything not yet refunded. */
export function meansAll(value: unknown): boolean {
	return value === undefined || value === null || value === '' || value === 0 || value === '0';
}

/** What an AI model is told about amounts of a create (the tool's description). */
export const MAJOR_UNIT_FOR_MODELS =
	"Amount is in the currency's major unit, as people write it: 1500.50 with currency THB is 1,500.50 baht; JPY has no minor unit (1500 is 1,500 yen). Never multiply by 100.";
