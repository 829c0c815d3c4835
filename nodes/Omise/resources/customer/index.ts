import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { create } from './create';
import { cardId, cardPath, customerId, customerPath } from './ids';
import { update } from './update';
import { updateCard } from './updateCard';

export const customer: Resource = {
	name: 'Customer',
	value: 'customer',
	description: 'Saved customers and their cards, to charge again or on a schedule',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a customer',
			description: 'Delete a customer and their saved cards',
			request: { method: 'DELETE', url: customerPath },
			fields: [customerId],
		},
		{
			name: 'Delete Card',
			value: 'deleteCard',
			action: 'Delete a card of a customer',
			request: { method: 'DELETE', url: cardPath },
			fields: [customerId, cardId],
		},
		{ name: 'Get', value: 'get', action: 'Get a customer', request: { method: 'GET', url: customerPath }, fields: [customerId, simplifyField], steps: [simplify] },
		{
			name: 'Get Card',
			value: 'getCard',
			action: 'Get a card of a customer',
			request: { method: 'GET', url: cardPath },
			fields: [customerId, cardId],
		},
		{
			name: 'Get Cards',
			value: 'getCards',
			action: 'Get the cards of a customer',
			description: 'List the cards saved on a customer',
			...listOperation(`${customerPath}/cards`, { ids: [customerId] }),
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many customers', ...listOperation('/customers', { simplify: true }) },
		{
			name: 'Get Schedules',
			value: 'getSchedules',
			action: 'Get the schedules of a customer',
			description: 'List the recurring charge schedules of a customer',
			...listOperation(`${customerPath}/schedules`, { ids: [customerId] }),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search customers',
			description: 'Find customers by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
			...searchOperation('customer', { simplify: true }),
		},
		update,
		updateCard,
	],
};
