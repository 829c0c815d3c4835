import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';

const receiptId = idField('receiptId', 'Receipt ID', 'rcpt', 'receipt');

export const receipt: Resource = {
	name: 'Receipt',
	value: 'receipt',
	description: 'Omise’s daily fee receipts: the fees it charged, their VAT and withholding tax',
	defaultOperation: 'get',
	operations: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a receipt',
			description: 'One day’s fee receipt: charge, voided and transfer fees, VAT, withholding tax and the total',
			request: { method: 'GET', url: '/receipts/:receiptId' },
			fields: [receiptId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many receipts',
			description: 'The fee receipts of a period (Filters → From and To), e.g. a month’s for the accounts',
			...listOperation('/receipts', { simplify: true }),
		},
	],
};
