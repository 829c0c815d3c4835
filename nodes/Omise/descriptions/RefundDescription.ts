import type { INodeProperties } from 'n8n-workflow';

import { sendAmount } from '../shared/charges';
import { idField, listRouting, searchRouting } from '../shared/fields';
import { createsObject } from '../sending/steps';

const refundsPath = '/charges/:chargeId/refunds';

export const refundOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Refund a charge',
				description: 'Give money back for a paid charge, fully or partly',
				routing: { request: { method: 'POST', url: refundsPath }, send: { preSend: [createsObject('refund'), sendAmount] } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a refund',
				routing: { request: { method: 'GET', url: `${refundsPath}/:refundId` } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many refunds of a charge',
				routing: listRouting(refundsPath),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search refunds',
				description: 'Find refunds by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
				routing: searchRouting('refund'),
			},
		],
	},
];

export const refundFields: INodeProperties[] = [
	idField('chargeId', 'refund', ['create', 'get', 'getAll']),
	idField('refundId', 'refund', ['get']),
	// create: Amount, Amount Unit and Metadata are shared with the other creates
];
