import { idField } from '../../common/ids';
import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';

/** Get Many first: a reconciliation reads a period's movements. */
const listFirst = 'getAll';
const transactionId = idField('transactionId', 'Transaction ID', 'trxn', 'transaction');

export const transaction: Resource = {
	name: 'Transaction',
	value: 'transaction',
	description: 'Every movement of the balance, for reconciliation: credits (charges) and debits (refunds, payouts, fees)',
	defaultOperation: listFirst,
	operations: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a transaction',
			description: 'A movement of the balance: its direction, amount, what it is (key) and the object it comes from (origin)',
			request: { method: 'GET', url: '/transactions/:transactionId' },
			fields: [transactionId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many transactions',
			description: 'The movements of the balance in a period (Filters → From and To), e.g. yesterday’s for a daily reconciliation',
			...listOperation('/transactions', { simplify: true }),
		},
	],
};
