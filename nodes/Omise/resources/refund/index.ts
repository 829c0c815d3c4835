import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { chargeId, create } from './create';

const refundsPath = '/charges/:chargeId/refunds';
const refundId = idField('refundId', 'Refund ID', 'rfnd', 'refund');

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
		{ name: 'Get Many', value: 'getAll', action: 'Get many refunds of a charge', ...listOperation(refundsPath, { ids: [chargeId], simplify: true }) },
		{
			name: 'Search',
			value: 'search',
			action: 'Search refunds',
			description: 'Find refunds by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
			...searchOperation('refund', { amounts: true, simplify: true }),
		},
	],
};
