import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { create } from './create';

const schedulePath = '/schedules/:scheduleId';
const scheduleId = idField('scheduleId', 'Schedule ID', 'schd', 'schedule');

export const schedule: Resource = {
	name: 'Schedule',
	value: 'schedule',
	description: 'Recurring charges of a saved customer, e.g. a monthly membership',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a schedule',
			description: 'Stop a schedule: it makes no more charges',
			request: { method: 'DELETE', url: schedulePath },
			fields: [scheduleId],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a schedule',
			request: { method: 'GET', url: schedulePath },
			fields: [scheduleId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many schedules',
			description: 'List every schedule of the account (a customer’s: Customer → Get Schedules)',
			...listOperation('/schedules', { simplify: true }),
		},
		{
			name: 'Get Occurrences',
			value: 'getOccurrences',
			action: 'Get the occurrences of a schedule',
			description: 'List the runs of a schedule, each with its status and the charge it made',
			...listOperation(`${schedulePath}/occurrences`, { ids: [scheduleId] }),
		},
	],
};
