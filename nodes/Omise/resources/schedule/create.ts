import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { toDate } from '../../../shared/dates';
import { amountAndCurrencyFields, sendAmountAndCurrency } from '../../common/amount';
import { body, checkedId, describeValue, inputError } from '../../common/input';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { changedInVersion2 } from '../../common/versions';
import { descriptionFields, sendText } from '../../common/text';
import { checked, createsObject } from '../../sending/steps';
import { chargedCustomerField, customersCardField } from '../customer/ids';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKS_OF_MONTH = ['first', 'second', 'third', 'fourth', 'last'];
const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);

/** Whom a charge schedule charges. */
const chargeFields: INodeProperties[] = [
	chargedCustomerField('The customer to charge (cust_…), with a saved card'),
	customersCardField(),
];

/** Version 2's Start and End Date: a day, as Omise takes it (n8n's date picker also asks for a time, which Omise ignores). */
const dayOnly: Partial<INodeProperties> = { type: 'string', placeholder: 'e.g. 2027-12-31', hint: 'A day: YYYY-MM-DD' };

/** When a schedule runs: every charge and transfer schedule has these. */
export const timingFields: INodeProperties[] = [
	{
		displayName: 'Every',
		name: 'every',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		description: 'How many periods between runs: 1 with Period Month = every month',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		default: 'month',
		options: [
			{ name: 'Day', value: 'day' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week' },
		],
	},
	{
		displayName: 'Weekdays',
		name: 'weekdays',
		type: 'multiOptions',
		required: true,
		default: [],
		options: WEEKDAYS.map((day) => ({ name: capitalized(day), value: day })),
		description: 'The days of the week it runs on',
		displayOptions: { show: { period: ['week'] } },
	},
	{
		displayName: 'On',
		name: 'monthlyOn',
		type: 'options',
		default: 'daysOfMonth',
		options: [
			{ name: 'Days of the Month', value: 'daysOfMonth', description: 'E.g. the 1st and the 15th.' },
			{ name: 'Weekday of the Month', value: 'weekdayOfMonth', description: 'E.g. the last Friday.' },
		],
		displayOptions: { show: { period: ['month'] } },
	},
	{
		displayName: 'Days of Month',
		name: 'daysOfMonth',
		type: 'string',
		required: true,
		default: '1',
		placeholder: '1, 15',
		description: 'Days from 1 to 28, separated by commas',
		displayOptions: { show: { period: ['month'], monthlyOn: ['daysOfMonth'] } },
	},
	{
		displayName: 'Weekday of the Month',
		name: 'weekdayOfMonth',
		type: 'options',
		default: 'first_monday',
		options: WEEKS_OF_MONTH.flatMap((week) => WEEKDAYS.map((day) => ({ name: `${capitalized(week)} ${capitalized(day)}`, value: `${week}_${day}` }))),
		displayOptions: { show: { period: ['month'], monthlyOn: ['weekdayOfMonth'] } },
	},
	changedInVersion2(
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'The first day the schedule may run (its day in the workflow’s time zone); empty starts today',
		},
		dayOnly,
	),
	changedInVersion2(
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'The last day the schedule may run',
		},
		dayOnly,
	),
];

function daysOfMonth(context: IExecuteSingleFunctions, value: unknown): number[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(',')).map((part) => String(part).trim()).filter(Boolean);
	if (parts.length === 0) throw inputError(context, 'Days of Month is required when the period is Month and On is Days of the Month: e.g. 1, or 1, 15');
	const days = parts.map((part) => {
		const day = /^\d+$/.test(part) ? Number(part) : NaN;
		if (!(day >= 1 && day <= 28)) {
			throw inputError(context, `Days of Month must be days from 1 to 28 separated by commas; got "${part.slice(0, 20)}"`, 'Omise schedules run on days 1 to 28 only, so that every month has them; for the end of the month use On → Weekday of the Month, e.g. last_friday.');
		}
		return day;
	});
	return [...new Set(days)].sort((a, b) => a - b);
}

/** When the schedule charges: `on` of its period (weekdays, days of the month or a weekday of the month). */
function onOf(context: IExecuteSingleFunctions, period: string): IDataObject | undefined {
	if (period === 'week') {
		const weekdays = context.getNodeParameter('weekdays', []) as unknown;
		const days = ([] as unknown[]).concat(weekdays).map((day) => String(day).trim().toLowerCase()).filter(Boolean);
		if (days.length === 0) throw inputError(context, 'Weekdays is required when the period is Week: pick at least one day');
		const unknown = days.find((day) => !WEEKDAYS.includes(day));
		if (unknown) throw inputError(context, `Weekdays must be day names (${WEEKDAYS.join(', ')}); got "${unknown.slice(0, 20)}"`);
		return { weekdays: WEEKDAYS.filter((day) => days.includes(day)) };
	}
	if (period === 'month') {
		if (context.getNodeParameter('monthlyOn', 'daysOfMonth') === 'weekdayOfMonth') {
			const value = String(context.getNodeParameter('weekdayOfMonth', '') ?? '').trim().toLowerCase();
			const [week, day] = value.split('_');
			if (!WEEKS_OF_MONTH.includes(week) || !WEEKDAYS.includes(day) || value.split('_').length !== 2) {
				throw inputError(context, `Weekday of the Month must be like first_monday or last_friday (${WEEKS_OF_MONTH.join('/')} + a day name); got "${value.slice(0, 30)}"`);
			}
			return { weekday_of_month: value };
		}
		return { days_of_month: daysOfMonth(context, context.getNodeParameter('daysOfMonth', '')) };
	}
	return undefined;
}

/** Start Date and End Date as Omise's `start_date` and `end_date` (days in the workflow's time zone). */
function datesOf(context: IExecuteSingleFunctions): IDataObject {
	const dates: IDataObject = {};
	for (const [name, label, property] of [['startDate', 'Start Date', 'start_date'], ['endDate', 'End Date', 'end_date']] as const) {
		const value = context.getNodeParameter(name, '') as unknown;
		if (value === undefined || value === null || value === '') {
			if (name === 'endDate') throw inputError(context, 'End Date is required: Omise ends every schedule on a date (e.g. a year from now)');
			continue;
		}
		const date = toDate(value, context.getTimezone());
		if (!date) throw inputError(context, `${label} is not a date: ${describeValue(value)}`, 'Use a date such as 2026-12-31, or pick one in the date picker.');
		dates[property] = date;
	}
	if (dates.start_date && String(dates.start_date) > String(dates.end_date)) {
		throw inputError(context, `End Date (${String(dates.end_date)}) is before Start Date (${String(dates.start_date)})`);
	}
	return dates;
}

/** A schedule's timing, read once and checked: `{ every, period, on, start_date, end_date }`. */
export function scheduleTiming(context: IExecuteSingleFunctions): IDataObject {
	const rawEvery = context.getNodeParameter('every', 1) as unknown;
	const every = Number(rawEvery);
	if (!Number.isInteger(every) || every < 1) throw inputError(context, `Every must be a whole number of at least 1; got ${describeValue(rawEvery)}`);
	const period = context.getNodeParameter('period', 'month') as unknown;
	if (period !== 'day' && period !== 'week' && period !== 'month') throw inputError(context, `Period must be day, week or month; got ${describeValue(period)}`);
	const on = onOf(context, period);
	return { every, period, ...(on ? { on } : {}), ...datesOf(context) };
}

/**
 * Step: the schedule's body, `{ every, period, on, start_date, end_date,
 * charge: { customer, card, amount, currency, description } }`, from the
 * fields and what the amount and description steps put in the body.
 */
const sendSchedule = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const { amount, currency, description } = body(requestOptions);
	const customer = checkedId(this, this.getNodeParameter('customer', ''), 'Customer', 'cust', 'to make a schedule: give the customer (cust_…) the schedule charges');
	const card = checkedId(this, this.getNodeParameter('card', ''), 'Card', 'card');
	const timing = scheduleTiming(this);
	const charge: IDataObject = { customer, ...(card ? { card } : {}), amount, currency, ...(description !== undefined ? { description } : {}) };
	requestOptions.body = { ...timing, charge };
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a charge schedule',
	description: 'Charge a saved customer regularly, e.g. every month on the 1st',
	request: { method: 'POST', url: '/schedules' },
	toolDescription:
		`Creates a schedule that charges a saved customer (cust_...) regularly, e.g. every month on the 1st, until End Date. Amount is charged at every occurrence, in the currency's major unit (1500.50 is 1,500.50 baht; never multiply by 100). ${eachCallCreates('schedule')} Returns the schedule with its next occurrences.`,
	fields: [...amountAndCurrencyFields, ...descriptionFields, ...chargeFields, ...timingFields, idempotencyKeyField, simplifyField],
	steps: [createsObject('schedule'), sendAmountAndCurrency, sendText('description', 'Description', { maxLength: 1000 }), sendSchedule, useIdempotencyKey, simplify],
};
