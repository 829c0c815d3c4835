import type { IDataObject, IDisplayOptions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, inputError, isEmpty } from '../../common/input';

// A recipient's bank account, as Omise takes it per country (Omise's Bank
// Account object, and what its libraries send): in Thailand and Singapore the
// bank's code as `brand` (bbl, kbank, scb, …), the account number and the
// holder's name; in Japan a 4-digit bank code, a 3-digit branch code and the
// account type (normal or current) instead of brand. Malaysia is taken as
// Singapore is (brand, number, name). Every field the country needs is checked
// before anything is sent.

type Country = 'th' | 'sg' | 'my' | 'jp';
const COUNTRY_NAMES: Record<Country, string> = { th: 'Thai', sg: 'Singaporean', my: 'Malaysian', jp: 'Japanese' };
const BRAND_COUNTRIES: Country[] = ['th', 'sg', 'my'];
/** Recipient → Update's New Bank Account when the bank account stays. */
export const KEEP = 'keep';

const countryOptions = [
	{ name: 'Japan', value: 'jp', description: 'Bank code, branch code, account type, number and holder name' },
	{ name: 'Malaysia', value: 'my', description: 'Bank, account number and holder name' },
	{ name: 'Singapore', value: 'sg', description: 'Bank, account number and holder name' },
	{ name: 'Thailand', value: 'th', description: 'Bank, account number and holder name' },
];

/** Recipient → Create: the country of the bank account. */
export const bankCountryField: INodeProperties = {
	displayName: 'Bank Account Country',
	name: 'bankCountry',
	type: 'options',
	default: 'th',
	description: 'Where the bank account is: Omise asks for different details per country',
	options: countryOptions,
};

/** Recipient → Update: a new bank account, of this country, or none. */
export const newBankCountryField: INodeProperties = {
	displayName: 'New Bank Account',
	name: 'bankCountry',
	type: 'options',
	default: KEEP,
	description: 'Whether to replace the recipient’s bank account, and the country of the new one (Omise verifies a new bank account again before it can be paid)',
	options: [...countryOptions.slice(0, 1), { name: 'Keep the Current One', value: KEEP, description: 'The bank account does not change' }, ...countryOptions.slice(1)],
};

const forCountries = (countries: Country[]): IDisplayOptions => ({ show: { bankCountry: countries } });
const ALL: Country[] = ['th', 'sg', 'my', 'jp'];

/** The bank account's details, shown for the countries that need them (one set for Create and Update, so an expression in one is evaluated once). */
export const bankAccountFields: INodeProperties[] = [
	{
		displayName: 'Bank',
		name: 'bankBrand',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'bbl',
		description: 'The bank’s code as Omise names it, e.g. bbl (Bangkok Bank), kbank, scb, ktb, bay; in Singapore e.g. dbs, ocbc, uob. Omise answers the bank’s name as brand and this code as bank_code',
		displayOptions: forCountries(BRAND_COUNTRIES),
	},
	{
		displayName: 'Bank Code',
		name: 'bankCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0001',
		description: 'The 4-digit code of the Japanese bank (its financial institution code)',
		displayOptions: forCountries(['jp']),
	},
	{
		displayName: 'Branch Code',
		name: 'branchCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: '001',
		description: 'The 3-digit code of the branch',
		displayOptions: forCountries(['jp']),
	},
	{
		displayName: 'Account Type',
		name: 'accountType',
		type: 'options',
		default: 'normal',
		options: [
			{ name: 'Current', value: 'current', description: 'A current (checking) account' },
			{ name: 'Normal', value: 'normal', description: 'An ordinary savings account, the usual one' },
		],
		displayOptions: forCountries(['jp']),
	},
	{
		displayName: 'Account Number',
		name: 'accountNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567890',
		description: 'The full account number; spaces and dashes are removed (123-4-56789-0 is sent as 1234567890). Omise shows only its last 4 digits afterwards.',
		displayOptions: forCountries(ALL),
	},
	{
		displayName: 'Account Holder Name',
		name: 'accountName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SOMCHAI PRASERT',
		description: 'The name on the bank account, as the bank has it (for a Japanese account, in katakana as the bank has it)',
		displayOptions: forCountries(ALL),
	},
];

function required(context: IExecuteSingleFunctions, name: string, label: string, country: Country, example: string): string {
	const value = context.getNodeParameter(name, '') as unknown;
	if (isEmpty(value)) throw inputError(context, `Bank Account → ${label} is required for a ${COUNTRY_NAMES[country]} bank account (e.g. ${example})`);
	if (typeof value !== 'string' && typeof value !== 'number') throw inputError(context, `Bank Account → ${label} must be text; got ${describeValue(value)}`);
	return String(value).trim();
}

/** The bank account of the row, checked for its country: Omise's `bank_account` parameter; undefined when Update keeps the current one. */
export function bankAccountOf(context: IExecuteSingleFunctions): IDataObject | undefined {
	const country = context.getNodeParameter('bankCountry', 'th') as Country | typeof KEEP;
	if (country === KEEP) return undefined;
	if (!(country in COUNTRY_NAMES)) throw inputError(context, `Bank Account Country must be Japan, Malaysia, Singapore or Thailand; got ${describeValue(country)}`);
	const number = required(context, 'accountNumber', 'Account Number', country, '1234567890').replace(/[\s-]/g, '');
	if (!/^[A-Za-z0-9]{1,34}$/.test(number)) throw inputError(context, `Bank Account → Account Number must be letters and digits only; got "${number.slice(0, 40)}"`);
	const name = required(context, 'accountName', 'Account Holder Name', country, 'SOMCHAI PRASERT');
	if (country !== 'jp') {
		const brand = required(context, 'bankBrand', 'Bank', country, country === 'th' ? 'bbl' : 'dbs').toLowerCase();
		if (!/^[a-z0-9_]+$/.test(brand)) throw inputError(context, `Bank Account → Bank must be the bank’s code as Omise names it (e.g. bbl, kbank, scb); got "${brand.slice(0, 40)}"`);
		return { brand, number, name };
	}
	const bankCode = required(context, 'bankCode', 'Bank Code', country, '0001');
	if (!/^\d{4}$/.test(bankCode)) throw inputError(context, `Bank Account → Bank Code must be the bank’s 4 digits (e.g. 0001); got "${bankCode.slice(0, 40)}"`);
	const branchCode = required(context, 'branchCode', 'Branch Code', country, '001');
	if (!/^\d{3}$/.test(branchCode)) throw inputError(context, `Bank Account → Branch Code must be the branch’s 3 digits (e.g. 001); got "${branchCode.slice(0, 40)}"`);
	const type = context.getNodeParameter('accountType', 'normal') as string;
	if (type !== 'normal' && type !== 'current') throw inputError(context, `Bank Account → Account Type must be normal or current; got ${describeValue(type)}`);
	return { bank_code: bankCode, branch_code: branchCode, type, number, name };
}
