import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { meansAll } from '../../common/amount';
import { body, describeValue, inputError } from '../../common/input';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked } from '../../sending/steps';
import { chargeId, chargePath } from './chargeId';

const captureAmountField: INodeProperties = {
	displayName: 'Capture Amount',
	name: 'captureAmount',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description: 'In the smallest currency unit (satang, cents; yen). 0 or empty captures the full authorised amount; less captures part of a Pre-Authorization charge and releases the rest.',
};

/** Step: Capture Amount; empty or 0 captures the full authorised amount. */
const sendCaptureAmount = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const value = this.getNodeParameter('captureAmount', 0) as unknown;
	if (meansAll(value)) return requestOptions;
	const amount = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isSafeInteger(amount) || amount < 0) {
		throw inputError(this, `Capture Amount must be a whole number in the smallest currency unit (satang, cents, yen); got ${describeValue(value)}`);
	}
	body(requestOptions).capture_amount = amount;
	return requestOptions;
});

export const capture: Operation = {
	name: 'Capture',
	value: 'capture',
	action: 'Capture a charge',
	description: 'Collect an authorised charge (created with Capture off), fully or partly',
	request: { method: 'POST', url: `${chargePath}/capture` },
	fields: [chargeId, captureAmountField, simplifyField],
	steps: [sendCaptureAmount, simplify],
};
