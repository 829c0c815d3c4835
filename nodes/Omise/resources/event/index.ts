import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';

const eventId = idField('eventId', 'Event ID', 'evnt', 'event');

export const event: Resource = {
	name: 'Event',
	value: 'event',
	description: 'What happened in the account, as sent to webhooks',
	defaultOperation: 'get',
	operations: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an event',
			description: 'Read an event by ID, e.g. to confirm a webhook delivery came from Omise',
			request: { method: 'GET', url: '/events/:eventId' },
			fields: [eventId],
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many events', ...listOperation('/events') },
	],
};
