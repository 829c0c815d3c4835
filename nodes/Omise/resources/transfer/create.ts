import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountField, amountUnitFields } from '../../common/amount';
import { body, checkedId } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
import { idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { idLocator } from '../../common/locator';
import { simplify, simplifyField } from '../../common/simplify';
import { changedInVersion2 } from '../../common/versions';
import { checked, createsObject } from '../../sending/steps';
import { sendAmountOf } from './amount';

const fields: INodeProperties[] = [
	amountField,
	...amountUnitFields,
	changedInVersion2(
		{
			displayName: 'Recipient ID',
			name: 'recipient',
			type: 'string',
			default: '',
			placeholder: 'recp_test_...',
			description: 'The recipient (recp_…) to pay; empty pays your own bank account (your account’s default recipient)',
		},
		idLocator('recp', 'recipient'),
	),
	{
		displayName: 'Fail Fast',
		name: 'failFast',
		type: 'boolean',
		default: false,
		description: 'Whether Omise should not retry the transfer if it fails (by default Omise retries a failed transfer)',
	},
];

/** Step: the amount (in the major unit, once the account's currency is known), the recipient and Fail Fast. */
const sendTransfer = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const target = body(requestOptions);
	const recipient = checkedId(this, this.getNodeParameter('recipient', ''), 'Recipient ID', 'recp');
	if (recipient) target.recipient = recipient;
	if (this.getNodeParameter('failFast', false) === true) target.fail_fast = true;
	sendAmountOf(this, requestOptions, this.getNodeParameter('amount', ''), '/balance', 'your balance');
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a transfer',
	description: 'Pay money out of your Omise balance to a recipient’s bank account, or to your own',
	request: { method: 'POST', url: '/transfers' },
	toolDescription:
		"Sends money out of the Omise balance to a bank account: money leaves the account. Amount is in the account currency's major unit, as people write it (1500.50 is 1,500.50 baht; the node reads the currency from Omise); never multiply by 100. Recipient ID (recp_...) names who is paid; empty pays the merchant's own bank account. Each call pays out again: always pass Idempotency Key (e.g. the payout's or invoice's ID) so that a repeated call returns the first transfer, marked reused, instead of paying twice; check Transfer → Search or Get Many first if unsure. Returns the transfer (trsf_...; amounts in the smallest unit).",
	fields: [...fields, createMetadataField, idempotencyKeyField, simplifyField],
	steps: [createsObject('transfer'), sendTransfer, sendMetadata, useIdempotencyKey, simplify],
};
