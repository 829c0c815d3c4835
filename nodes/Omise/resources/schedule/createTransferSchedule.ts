import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { amountField, amountUnitFields } from '../../common/amount';
import { body, checkedId } from '../../common/input';
import { useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { idLocator } from '../../common/locator';
import { simplify, simplifyField } from '../../common/simplify';
import { changedInVersion2 } from '../../common/versions';
import { checked, createsObject } from '../../sending/steps';
import { sendAmountOf } from '../transfer/amount';
import { scheduleTiming, timingFields } from './create';

// A transfer schedule: a payout of a fixed amount (in the account's currency)
// to a recipient at every run. Omise keeps no metadata on it, so a lost answer
// is looked up by what was sent, and an Idempotency Key cannot be kept (an AI
// agent's repeated call is still known). Omise can also pay a percentage of the
// balance (percentage_of_balance): not offered here, so that Amount stays the
// one shared property (a copy shown only for one choice would cost every
// expression in an Amount one more evaluation; see docs/speed.md).

const recipientField = changedInVersion2(
	{
		displayName: 'Recipient ID',
		name: 'scheduleRecipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'recp_test_...',
		description: 'The recipient (recp_…) paid at every run; Transfer → Get Many shows your own bank account’s recipient as the default one',
	},
	idLocator('recp', 'recipient'),
);

/** Step: `{ every, period, on, start_date, end_date, transfer: { recipient, amount } }`. */
const sendTransferSchedule = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const recipient = checkedId(this, this.getNodeParameter('scheduleRecipient', ''), 'Recipient ID', 'recp', 'to make a transfer schedule: give the recipient (recp_…) it pays');
	requestOptions.body = { ...scheduleTiming(this), transfer: { recipient } };
	sendAmountOf(this, requestOptions, this.getNodeParameter('amount', ''), '/balance', 'your balance', (options) => body(options).transfer as IDataObject);
	return requestOptions;
});

export const createTransferSchedule: Operation = {
	name: 'Create Transfer Schedule',
	value: 'createTransferSchedule',
	action: 'Create a transfer schedule',
	description: 'Pay a recipient the same amount regularly, e.g. every Friday',
	request: { method: 'POST', url: '/schedules' },
	toolDescription:
		"Creates a schedule that pays a recipient (recp_...) out of the Omise balance regularly until End Date: money leaves the account at every run. Amount is in the account currency's major unit (1500.50 is 1,500.50 baht; never multiply by 100). Each call creates another schedule; an identical call repeated in the same run returns the first one. Returns the schedule with its next occurrences.",
	fields: [recipientField, amountField, ...amountUnitFields, ...timingFields, simplifyField],
	steps: [createsObject('transfer schedule'), sendTransferSchedule, useIdempotencyKey, simplify],
};
