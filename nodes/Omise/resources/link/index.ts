import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { descriptionAndMetadataUpdateField, sendDescriptionAndMetadataUpdate } from '../../common/update';
import { create } from './create';

const linkPath = '/links/:linkId';
const linkId = idField('linkId', 'Link ID', 'link', 'link');

export const link: Resource = {
	name: 'Link',
	value: 'link',
	description: 'Payment links: a page the customer pays on',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a payment link',
			description: 'Deactivate a link so it can no longer be paid',
			request: { method: 'DELETE', url: linkPath },
			fields: [linkId],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a payment link',
			request: { method: 'GET', url: linkPath },
			fields: [linkId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Charges',
			value: 'getCharges',
			action: 'Get the charges of a payment link',
			description: 'List the payments made through a link',
			...listOperation(`${linkPath}/charges`, { ids: [linkId], simplify: true }),
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many payment links', ...listOperation('/links', { simplify: true }) },
		{
			name: 'Search',
			value: 'search',
			action: 'Search payment links',
			description: 'Find payment links by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
			...searchOperation('link', { amounts: true, simplify: true }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a payment link',
			description: 'Change the description or metadata of a link',
			request: { method: 'PATCH', url: linkPath },
			fields: [
				linkId,
				descriptionAndMetadataUpdateField('link', 'Only the description and metadata of a link can change (per Omise’s Links guide); make a new link to change anything else', 1000),
				simplifyField,
			],
			steps: [sendDescriptionAndMetadataUpdate(1000), simplify],
		},
	],
};
