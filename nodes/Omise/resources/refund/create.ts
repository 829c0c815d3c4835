import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { AmountUnit } from '../../../shared/amounts';
import { toSmallestUnit } from '../../../shared/amounts';
import { omiseErrorOf } from '../../../shared/errors';
import { omiseGet } from '../../../shared/transport';
import { amountField, amountUnitFields, meansAll } from '../../common/amount';
import { idField } from '../../common/ids';
import { body, inputError } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
import { idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked, createsObject, prepareBeforeSending } from '../../sending/steps';

/** The charge refunded: in the URL of every refund operation. */
export const chargeId = idField('chargeId', 'Charge ID', 'chrg', 'charge');

async function fetchCharge(context: IExecuteSingleFunctions, chargePath: string): Promise<IDataObject> {
	const response = await omiseGet(context, chargePath);
	if (response.statusCode >= 400) {
		const { code, message } = omiseErrorOf(response);
		throw inputError(context, `Omise error ${code}: ${message}`, 'Looking up the charge to compute the refund failed; nothing was refunded.');
	}
	return response.body as IDataObject;
}

/**
 * Step: the refund's amount. Omise requires one; when it is empty the node
 * looks the charge up and refunds what is left of what was captured (a partly
 * captured charge has `captured_amount`). In major units it needs the
 * charge's currency, so the charge is looked up then too. The look-up waits
 * for the row's turn to send.
 */
const sendRefundAmount = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const target = body(requestOptions);
	const value = this.getNodeParameter('amount', '') as unknown;
	const unit = this.getNodeParameter('amountUnit', 'major') as AmountUnit;
	const empty = meansAll(value);
	if (!empty && unit === 'smallest') {
		target.amount = toSmallestUnit(this.getNode(), value, '', 'smallest', 'Amount', this.getItemIndex());
		return requestOptions;
	}
	const chargePath = String(requestOptions.url).replace(/\/refunds$/, '');
	prepareBeforeSending(requestOptions, async (context, options) => {
		const charge = await fetchCharge(context, chargePath);
		const chargeId = String(charge.id);
		if (!empty) {
			body(options).amount = toSmallestUnit(context.getNode(), value, String(charge.currency), 'major', 'Amount', context.getItemIndex());
			return;
		}
		const captured = Number(charge.captured_amount ?? charge.amount);
		const refunded = Number(charge.refunded_amount ?? charge.refunded ?? 0);
		const remaining = captured - refunded;
		if (!(remaining > 0)) {
			throw inputError(context, `Charge ${chargeId} has nothing left to refund (${refunded} of ${captured} already refunded)`);
		}
		body(options).amount = remaining;
	}, { amount: empty ? null : value, amountUnit: unit });
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Refund a charge',
	description: 'Give money back for a paid charge, fully or partly',
	request: { method: 'POST', url: '/charges/:chargeId/refunds' },
	toolDescription:
		"Refunds money of a paid charge (Charge ID, chrg_...). Amount is in the currency's major unit (1500.50 is 1,500.50 baht); empty refunds everything not yet refunded. Each call refunds again: pass Idempotency Key (e.g. the refund request's ID) so that a repeated call returns the first refund, marked reused; check Refund → Get Many first if unsure. Returns the refund (amount in the smallest unit).",
	fields: [chargeId, amountField, ...amountUnitFields, createMetadataField, idempotencyKeyField, simplifyField],
	steps: [createsObject('refund'), sendRefundAmount, sendMetadata, useIdempotencyKey, simplify],
};
