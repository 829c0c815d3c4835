import type { INodeProperties } from 'n8n-workflow';

import { idField, listRouting } from '../shared/fields';

export const eventOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an event',
				description: 'Read an event by ID, e.g. to confirm a webhook delivery came from Omise',
				routing: { request: { method: 'GET', url: '/events/:eventId' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many events',
				routing: listRouting('/events'),
			},
		],
	},
];

export const eventFields: INodeProperties[] = [
	idField('eventId', 'event', ['get']),
];
