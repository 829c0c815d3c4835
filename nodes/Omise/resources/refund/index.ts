import type { INodeProperties } from 'n8n-workflow';

import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { chargeId, create } from './create';

const refundsPath = '/charges/:chargeId/refunds';
const refundId = idField('refundId', 'Refund ID', 'rfnd', 'refund');

/** Get Many: one charge's refunds (as before this field existed) or every refund of the account. */
const refundsOf: INodeProperties = {
	displayName: 'Refunds Of',
	name: 'refundsOf',
	type: 'options',
	default: 'charge',
	options: [
		{ name: 'One Charge', value: 'charge', description: 'The refunds of the charge given by Charge ID' },
		{ name: 'Whole Account', value: 'account', description: 'Every refund of the account, e.g. a period’s (Filters → From and To) for reconciliation' },
	],
};
const chargeIdOfList = idField('chargeId', 'Charge ID', 'chrg', 'charge', { show: { refundsOf: ['charge'] } });

export const refund: Resource = {
	name: 'Refund',
	value: 'refund',
	description: 'Money given back for a paid charge',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Get',
			value: 'get',
			action: 'Get a refund',
			request: { method: 'GET', url: `${refundsPath}/:refundId` },
			fields: [chargeId, refundId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many refunds',
			description: 'List the refunds of one charge or of the whole account (Refunds Of)',
			...listOperation(refundsPath, { urlChoice: { field: refundsOf, urls: { charge: refundsPath, account: '/refunds' } }, ids: [chargeIdOfList], simplify: true }),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search refunds',
			description: 'Find refunds by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
			...searchOperation('refund', { amounts: true, simplify: true }),
		},
	],
};
