import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { AmountUnit } from '../../../shared/amounts';
import { toSmallestUnit } from '../../../shared/amounts';
import { amountField, amountUnitFields } from '../../common/amount';
import { body } from '../../common/input';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked, createsObject } from '../../sending/steps';
import { additionalFields, sendChargeOptions } from './additionalFields';
import { downloadQrCodeOfPromptPay, existingChargeQrCodeFields } from './qrCode';

// What Thai merchants ask for most, in one step: a PromptPay charge of an
// amount in baht, with its QR image downloaded to send the customer. The same
// request as Charge → Create with Payment Method Type PromptPay.

// The shared Amount and Additional Fields themselves, not copies: n8n evaluates an
// expression once more for every property of its name (see docs/speed.md).
const fields: INodeProperties[] = [
	amountField,
	...amountUnitFields,
	{ ...existingChargeQrCodeFields[0], default: true, description: 'Whether to download the QR image into the item\'s binary data, to email or message it to the customer: Omise\'s QR image URL needs your secret key, so the customer cannot open it' },
	existingChargeQrCodeFields[1],
	additionalFields,
];

/** Step: the amount in satang, currency THB, and an inline PromptPay source. */
const sendPromptPay = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
	const target = body(requestOptions);
	target.amount = toSmallestUnit(this.getNode(), this.getNodeParameter('amount', ''), 'THB', unit === 'smallest' ? 'smallest' : 'major', 'Amount', this.getItemIndex());
	target.currency = 'thb';
	target.source = { type: 'promptpay' };
	return requestOptions;
});

export const createPromptPayQr: Operation = {
	name: 'Create PromptPay QR',
	value: 'createPromptPayQr',
	action: 'Create a PromptPay QR payment request',
	description: 'Ask a customer to pay an amount in baht (PromptPay is THB only) by scanning a PromptPay QR code: the charge, and its QR image to send them',
	request: { method: 'POST', url: '/charges' },
	toolDescription:
		`Asks for a payment by PromptPay QR (Thailand, THB only): creates a pending charge for Amount, in baht as people write it (1500.50 is 1,500.50 baht; never multiply by 100). ${eachCallCreates('charge')} Returns the charge (status pending until the customer pays); the QR image is downloaded by the workflow into binary data, never give the customer download_uri, which needs the secret key.`,
	fields: [...fields, idempotencyKeyField, simplifyField],
	steps: [createsObject('charge'), sendPromptPay, sendChargeOptions, useIdempotencyKey, downloadQrCodeOfPromptPay, simplify],
};
