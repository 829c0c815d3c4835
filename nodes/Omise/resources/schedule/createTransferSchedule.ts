import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { amountField, amountUnitFields } from '../../common/amount';
import { body, checkedId, describeValue, inputError } from '../../common/input';
import { useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked, createsObject } from '../../sending/steps';
import { sendAmountOf } from '../transfer/amount';
import { scheduleTiming, timingFields } from './create';

// A transfer schedule: a payout to a recipient at every run, of a fixed amount
// (in the account's currency) or of a share of the balance. Omise keeps no
// metadata on it, so a lost answer is looked up by what was sent, and an
// Idempotency Key cannot be kept (an AI agent's repeated call is still known).

const BY_AMOUNT = { show: { transferBy: ['amount'] } };
const withAmount = (field: INodeProperties): INodeProperties => ({ ...field, displayOptions: { show: { ...field.displayOptions?.show, ...BY_AMOUNT.show } } });

const fields: INodeProperties[] = [
	{
		displayName: 'Recipient ID',
		name: 'scheduleRecipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'recp_test_...',
		description: 'The recipient (recp_…) paid at every run; Transfer → Get Many shows your own bank account’s recipient as the default one',
	},
	{
		displayName: 'Pay',
		name: 'transferBy',
		type: 'options',
		default: 'amount',
		options: [
			{ name: 'A Fixed Amount', value: 'amount', description: 'The same amount at every run, in your account’s currency' },
			{ name: 'A Percentage of the Balance', value: 'percentage', description: 'A share of what can be transferred at each run' },
		],
	},
	withAmount(amountField),
	...amountUnitFields.map(withAmount),
	{
		displayName: 'Percentage of Balance',
		name: 'percentageOfBalance',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 },
		description: 'The share of the transferable balance paid at every run, more than 0 and at most 100',
		displayOptions: { show: { transferBy: ['percentage'] } },
	},
];

/** Step: `{ every, period, on, start_date, end_date, transfer: { recipient, amount | percentage_of_balance } }`. */
const sendTransferSchedule = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const recipient = checkedId(this, this.getNodeParameter('scheduleRecipient', ''), 'Recipient ID', 'recp', 'to make a transfer schedule: give the recipient (recp_…) it pays');
	const transfer: IDataObject = { recipient };
	requestOptions.body = { ...scheduleTiming(this), transfer };
	const by = this.getNodeParameter('transferBy', 'amount') as unknown;
	if (by === 'percentage') {
		const raw = this.getNodeParameter('percentageOfBalance', 100) as unknown;
		const percentage = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof percentage !== 'number' || !(percentage > 0 && percentage <= 100)) {
			throw inputError(this, `Percentage of Balance must be a number more than 0 and at most 100; got ${describeValue(raw)}`);
		}
		transfer.percentage_of_balance = percentage;
	} else if (by === 'amount') {
		sendAmountOf(this, requestOptions, this.getNodeParameter('amount', ''), '/balance', 'your balance', (options) => body(options).transfer as IDataObject);
	} else {
		throw inputError(this, `Pay must be amount or percentage; got ${describeValue(by)}`);
	}
	return requestOptions;
});

export const createTransferSchedule: Operation = {
	name: 'Create Transfer Schedule',
	value: 'createTransferSchedule',
	action: 'Create a transfer schedule',
	description: 'Pay a recipient regularly, e.g. every Friday, a fixed amount or a share of the balance',
	request: { method: 'POST', url: '/schedules' },
	toolDescription:
		"Creates a schedule that pays a recipient (recp_...) out of the Omise balance regularly until End Date: money leaves the account at every run. Amount is in the account currency's major unit (1500.50 is 1,500.50 baht; never multiply by 100), or Pay a percentage of the balance. Each call creates another schedule; an identical call repeated in the same run returns the first one. Returns the schedule with its next occurrences.",
	fields: [...fields, ...timingFields, simplifyField],
	steps: [createsObject('transfer schedule'), sendTransferSchedule, useIdempotencyKey, simplify],
};
