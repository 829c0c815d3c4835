import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toMajorUnitText } from '../../shared/amounts';
import { isObject } from '../../shared/values';
import { afterSuccess, checked } from '../sending/steps';
import { changedInVersion2 } from './versions';

// Simplify: the fields a person came for, first, and the amount as people
// write it. Omise objects are told apart by their `object` field, so one step
// serves every operation; objects of other kinds pass unchanged.

/** The fields kept of each kind of object, in output order; `<field>_major` is `<field>` in the major unit, computed. */
const FIELDS: Record<string, string[]> = {
	link: ['id', 'payment_uri', 'used', 'amount_major', 'currency', 'title', 'description', 'multiple', 'metadata', 'created_at', 'livemode'],
	// fee_major, fee_vat_major and net_major: what Omise keeps and what is left, for reconciliation;
	// merchant_advice(_code): whether a failed card is worth trying again, where Omise sends it.
	charge: [
		'id', 'authorize_uri', 'qr_code', 'source_type', 'status', 'paid', 'amount_major', 'fee_major', 'fee_vat_major', 'net_major', 'currency', 'description', 'metadata',
		'paid_at', 'expires_at', 'failure_code', 'failure_message', 'merchant_advice', 'merchant_advice_code', 'link', 'created_at', 'livemode',
	],
	// A customer without every card it holds: its default card's ID, and how many cards it has (card_count).
	customer: ['id', 'email', 'description', 'default_card', 'card_count', 'metadata', 'created_at', 'livemode'],
	refund: ['id', 'status', 'amount_major', 'currency', 'charge', 'voided', 'metadata', 'created_at', 'livemode'],
	// A receipt's amounts, all in the major unit: the day's fees, their VAT, withholding tax and the total.
	receipt: ['id', 'number', 'date', 'charge_fee_major', 'voided_fee_major', 'transfer_fee_major', 'subtotal_major', 'vat_major', 'wht_major', 'total_major', 'currency', 'credit_note', 'livemode'],
	// A transaction's key says what it is (charge.capture, refund, transfer, …), its origin the object it comes from.
	transaction: ['id', 'direction', 'amount_major', 'currency', 'key', 'origin', 'transferable_at', 'created_at', 'livemode'],
	// A dispute's reason (the issuer's code and words), the merchant's answer (message) and the charge disputed.
	dispute: ['id', 'status', 'amount_major', 'currency', 'reason_code', 'reason_message', 'message', 'charge', 'metadata', 'closed_at', 'created_at', 'livemode'],
	// A schedule's kind (charge or transfer), and its amount, currency and description are those of the charge or transfer it makes.
	schedule: [
		'id', 'status', 'kind', 'amount_major', 'percentage_of_balance', 'currency', 'description', 'customer', 'recipient', 'in_words', 'next_occurrences_on', 'start_on', 'end_on',
		'created_at', 'livemode',
	],
	// A recipient's and a transfer's bank_account without its full number (see bankAccountOf).
	recipient: ['id', 'name', 'email', 'type', 'verified', 'active', 'default', 'bank_account', 'description', 'tax_id', 'failure_code', 'metadata', 'created_at', 'livemode'],
	// What the recipient gets is net_major: the amount less Omise's fee and its VAT.
	transfer: [
		'id', 'sent', 'paid', 'sendable', 'amount_major', 'fee_major', 'fee_vat_major', 'net_major', 'currency', 'recipient', 'bank_account',
		'sent_at', 'paid_at', 'failure_code', 'failure_message', 'metadata', 'created_at', 'livemode',
	],
};

/** What a bank account says to a person: the bank, the branch and type (Japan), the last digits and the holder; never the full number Omise sends as account_number. */
const BANK_ACCOUNT_FIELDS = ['brand', 'bank_code', 'branch_code', 'type', 'last_digits', 'name'];

function bankAccountOf(value: unknown): IDataObject | undefined {
	if (!isObject(value)) return undefined;
	const kept: IDataObject = {};
	for (const field of BANK_ACCOUNT_FIELDS) if (value[field] !== undefined) kept[field] = value[field];
	return kept;
}

/** Fields the node itself adds to an item (see sending/sendRow.ts and the charge's qrCode.ts): always kept. */
const NODE_FIELDS = ['recovered', 'reused', 'idempotency_key_warning', 'qr_code_error'];

/** Where a charge's QR code is: the binary field it was downloaded into, or what to do to get it (its URL needs the secret key). */
function qrCodeOf(charge: IDataObject, binary: INodeExecutionData['binary']): string | undefined {
	const source = isObject(charge.source) ? charge.source : undefined;
	if (!source || !isObject(source.scannable_code)) return undefined;
	const field = Object.entries(binary ?? {}).find(([, data]) => String(data.fileName ?? '').startsWith(String(charge.id)))?.[0];
	if (field) return `The QR image is in the item's binary field "${field}": send that file to the customer.`;
	return 'Not downloaded: Omise\'s QR image URL needs your secret key, so the customer cannot open it. Turn on Download QR Code and send the image from the binary data.';
}

/** What a schedule makes: a charge (of a customer) or a transfer (to a recipient, an amount or a percentage of the balance). */
function scheduled(schedule: IDataObject): IDataObject {
	const { charge, transfer } = schedule;
	if (isObject(charge)) return { kind: 'charge', amount: charge.amount, currency: charge.currency, description: charge.description, customer: charge.customer };
	if (isObject(transfer)) {
		const { amount, currency, recipient, percentage_of_balance: percentage } = transfer;
		return { kind: 'transfer', amount, currency, recipient, percentage_of_balance: percentage };
	}
	return {};
}

/** An Omise object reduced to the fields of its kind; a charge's QR code said where it is (`binary`: the item's binary data). */
export function simplifyObject(object: IDataObject, binary?: INodeExecutionData['binary']): IDataObject {
	const fields = FIELDS[String(object.object)];
	if (!fields) return object;
	const qr = object.object === 'charge' ? { qr_code: qrCodeOf(object, binary), source_type: isObject(object.source) ? object.source.type : undefined } : {};
	const cards = object.object === 'customer' && isObject(object.cards) ? { card_count: object.cards.total ?? (Array.isArray(object.cards.data) ? object.cards.data.length : undefined) } : {};
	const source: IDataObject = object.object === 'schedule' ? { ...object, ...scheduled(object) } : { ...object, ...qr, ...cards };
	const simplified: IDataObject = {};
	for (const field of [...fields, ...NODE_FIELDS]) {
		const value = field.endsWith('_major')
			? toMajorUnitText(source[field.slice(0, -'_major'.length)], String(source.currency ?? ''))
			: field === 'bank_account'
				? bankAccountOf(source[field])
				: source[field];
		// An ID field Omise may expand (a charge's link, a refund's charge) stays an ID.
		if (value !== undefined) simplified[field] = isObject(value) && typeof value.id === 'string' && field !== 'metadata' ? value.id : value;
	}
	return simplified;
}

/**
 * Simplify, on the operations that answer with links, charges, refunds,
 * schedules, transactions, receipts, disputes, recipients or transfers. Off by default
 * in version 1 (the output stays Omise's object as it is), on in version 2.
 */
export const simplifyField: INodeProperties = changedInVersion2(
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to return a simplified version of the response instead of the raw data', // n8n's lint wants this exact text
		hint: 'Keeps the fields most workflows need: payment_uri or authorize_uri first, status, amount_major (150050 THB → "1500.50")',
	},
	// Version 2: on, as in n8n's own nodes with a Simplify; placed before the operation's collections (see describe.ts).
	{ default: true },
);

/** Step of Simplify, last in the operation: when on, the row's items are simplified once everything else is done (e.g. the QR code downloaded from the full charge). */
export const simplify = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	if (this.getNodeParameter('simplify', false) !== true) return requestOptions;
	afterSuccess(requestOptions, async (_context, items: INodeExecutionData[]) => items.map((item) => ({ ...item, json: simplifyObject(item.json, item.binary) })));
	return requestOptions;
});
