import type { INodeProperties } from 'n8n-workflow';

import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { create } from './create';
import { createTransferSchedule } from './createTransferSchedule';

const schedulePath = '/schedules/:scheduleId';
const scheduleId = idField('scheduleId', 'Schedule ID', 'schd', 'schedule');

/** Get Many: Omise lists charge and transfer schedules together, or each kind on its own. */
const scheduleKind: INodeProperties = {
	displayName: 'Kind',
	name: 'scheduleKind',
	type: 'options',
	default: 'all',
	options: [
		{ name: 'All', value: 'all', description: 'Charge and transfer schedules (Simplify says which in kind)' },
		{ name: 'Charge Schedules', value: 'charge', description: 'Recurring charges of customers' },
		{ name: 'Transfer Schedules', value: 'transfer', description: 'Recurring payouts to recipients' },
	],
};

export const schedule: Resource = {
	name: 'Schedule',
	value: 'schedule',
	description: 'Recurring charges of a saved customer, e.g. a monthly membership, and recurring transfers',
	defaultOperation: 'create',
	operations: [
		create,
		createTransferSchedule,
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
			description: 'List the schedules of the account: all, or only charge or transfer schedules (a customer’s: Customer → Get Schedules)',
			...listOperation('/schedules', { urlChoice: { field: scheduleKind, urls: { all: '/schedules', charge: '/charges/schedules', transfer: '/transfers/schedules' } }, simplify: true }),
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
