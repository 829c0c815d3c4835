import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { toDate } from '../../shared/dates';
import { checked } from '../sending/steps';
import { body, describeValue, inputError } from './preSend';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const WEEKS_OF_MONTH = ['first', 'second', 'third', 'fourth', 'last'];

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

/**
 * Builds a charge schedule's body from what the properties put there (every,
 * period, amount, currency, description, customer, card) and the period's
 * days: `{ every, period, on, start_date, end_date, charge: { customer, card, amount, currency, description } }`.
 * Runs last among the schedule's steps.
 */
export const sendSchedule = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const target = body(requestOptions);
	const every = Number(target.every);
	if (!Number.isInteger(every) || every < 1) throw inputError(this, `Every must be a whole number of at least 1; got ${describeValue(target.every)}`);
	target.every = every;
	const period = String(target.period);
	if (period === 'week') {
		const weekdays = this.getNodeParameter('weekdays', []) as unknown;
		const days = ([] as unknown[]).concat(weekdays).map((day) => String(day).trim().toLowerCase()).filter(Boolean);
		if (days.length === 0) throw inputError(this, 'Weekdays is required when the period is Week: pick at least one day');
		const unknown = days.find((day) => !WEEKDAYS.includes(day));
		if (unknown) throw inputError(this, `Weekdays must be day names (${WEEKDAYS.join(', ')}); got "${unknown.slice(0, 20)}"`);
		target.on = { weekdays: WEEKDAYS.filter((day) => days.includes(day)) };
	} else if (period === 'month') {
		if (this.getNodeParameter('monthlyOn', 'daysOfMonth') === 'weekdayOfMonth') {
			const value = String(this.getNodeParameter('weekdayOfMonth', '') ?? '').trim().toLowerCase();
			const [week, day] = value.split('_');
			if (!WEEKS_OF_MONTH.includes(week) || !WEEKDAYS.includes(day) || value.split('_').length !== 2) {
				throw inputError(this, `Weekday of the Month must be like first_monday or last_friday (${WEEKS_OF_MONTH.join('/')} + a day name); got "${value.slice(0, 30)}"`);
			}
			target.on = { weekday_of_month: value };
		} else {
			target.on = { days_of_month: daysOfMonth(this, this.getNodeParameter('daysOfMonth', '')) };
		}
	} else if (period !== 'day') {
		throw inputError(this, `Period must be day, week or month; got ${describeValue(target.period)}`);
	}
	const timeZone = this.getTimezone();
	const dates: IDataObject = {};
	for (const [name, label, property] of [['startDate', 'Start Date', 'start_date'], ['endDate', 'End Date', 'end_date']] as const) {
		const value = this.getNodeParameter(name, '') as unknown;
		if (value === undefined || value === null || value === '') {
			if (name === 'endDate') throw inputError(this, 'End Date is required: Omise ends every schedule on a date (e.g. a year from now)');
			continue;
		}
		const date = toDate(value, timeZone);
		if (!date) throw inputError(this, `${label} is not a date: ${describeValue(value)}`, 'Use a date such as 2026-12-31, or pick one in the date picker.');
		dates[property] = date;
	}
	if (dates.start_date && String(dates.start_date) > String(dates.end_date)) {
		throw inputError(this, `End Date (${String(dates.end_date)}) is before Start Date (${String(dates.start_date)})`);
	}
	const charge: IDataObject = { customer: target.customer };
	if (target.card !== undefined) charge.card = target.card;
	charge.amount = target.amount;
	charge.currency = target.currency;
	if (target.description !== undefined) charge.description = target.description;
	requestOptions.body = { every: target.every, period, ...(target.on ? { on: target.on } : {}), ...dates, charge };
	return requestOptions;
});
