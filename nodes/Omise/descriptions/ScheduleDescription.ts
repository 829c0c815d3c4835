import type { INodeProperties } from 'n8n-workflow';

import { sendAmount } from '../shared/charges';
import { checkBodyId } from '../shared/customers';
import { idField, listRouting, showFor } from '../shared/fields';
import { sendText } from '../shared/preSend';
import { createsObject } from '../sending/steps';
import { sendSchedule, WEEKDAYS, WEEKS_OF_MONTH } from '../shared/schedules';

const schedulePath = '/schedules/:scheduleId';
const createOnly = showFor('schedule', ['create']);
const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);

export const scheduleOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a charge schedule',
				description: 'Charge a saved customer regularly, e.g. every month on the 1st',
				routing: {
					request: { method: 'POST', url: '/schedules' },
					send: { preSend: [createsObject('schedule'), sendAmount, sendText('description', 'Description', { maxLength: 1000 })] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a schedule',
				description: 'Stop a schedule: it makes no more charges',
				routing: { request: { method: 'DELETE', url: schedulePath } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a schedule',
				routing: { request: { method: 'GET', url: schedulePath } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many schedules',
				description: 'List every schedule of the account (a customer’s: Customer → Get Schedules)',
				routing: listRouting('/schedules'),
			},
			{
				name: 'Get Occurrences',
				value: 'getOccurrences',
				action: 'Get the occurrences of a schedule',
				description: 'List the runs of a schedule, each with its status and the charge it made',
				routing: listRouting(`${schedulePath}/occurrences`),
			},
		],
	},
];

// Create: Amount, Amount Unit, Currency and Description are shared with the other creates.
// The schedule's body is built by the last of these properties (End Date).
export const scheduleFields: INodeProperties[] = [
	idField('scheduleId', 'schedule', ['get', 'delete', 'getOccurrences']),
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'cust_test_...',
		description: 'The customer to charge (cust_…), with a saved card',
		displayOptions: createOnly,
		routing: { send: { type: 'body', property: 'customer', preSend: [checkBodyId('customer', 'Customer', 'cust', { required: 'give the customer (cust_…) the schedule charges' })] } },
	},
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		default: '',
		placeholder: 'card_test_...',
		description: 'One of the customer’s cards (card_…); empty charges the customer’s default card',
		displayOptions: createOnly,
		routing: { send: { type: 'body', property: 'card', preSend: [checkBodyId('card', 'Card', 'card')] } },
	},
	{
		displayName: 'Every',
		name: 'every',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		description: 'How many periods between charges: 1 with Period Month = every month',
		displayOptions: createOnly,
		routing: { send: { type: 'body', property: 'every' } },
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
		displayOptions: createOnly,
		routing: { send: { type: 'body', property: 'period' } },
	},
	{
		displayName: 'Weekdays',
		name: 'weekdays',
		type: 'multiOptions',
		required: true,
		default: [],
		options: WEEKDAYS.map((day) => ({ name: capitalized(day), value: day })),
		description: 'The days of the week the charge is made on',
		displayOptions: { show: { resource: ['schedule'], operation: ['create'], period: ['week'] } },
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
		displayOptions: { show: { resource: ['schedule'], operation: ['create'], period: ['month'] } },
	},
	{
		displayName: 'Days of Month',
		name: 'daysOfMonth',
		type: 'string',
		required: true,
		default: '1',
		placeholder: '1, 15',
		description: 'Days from 1 to 28, separated by commas',
		displayOptions: { show: { resource: ['schedule'], operation: ['create'], period: ['month'], monthlyOn: ['daysOfMonth'] } },
	},
	{
		displayName: 'Weekday of the Month',
		name: 'weekdayOfMonth',
		type: 'options',
		default: 'first_monday',
		options: WEEKS_OF_MONTH.flatMap((week) => WEEKDAYS.map((day) => ({ name: `${capitalized(week)} ${capitalized(day)}`, value: `${week}_${day}` }))),
		displayOptions: { show: { resource: ['schedule'], operation: ['create'], period: ['month'], monthlyOn: ['weekdayOfMonth'] } },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'The first day the schedule may charge (its day in the workflow’s time zone); empty starts today',
		displayOptions: createOnly,
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The last day the schedule may charge',
		displayOptions: createOnly,
		routing: { send: { preSend: [sendSchedule] } },
	},
];
