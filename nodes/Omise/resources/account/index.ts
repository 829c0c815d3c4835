import type { Resource } from '../../common/operation';

export const account: Resource = {
	name: 'Account',
	value: 'account',
	description: 'The account of the key: details, balance, enabled payment methods',
	defaultOperation: 'getCapability',
	operations: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the account',
			description: 'The account of the credential’s key: email, country, supported currencies',
			request: { method: 'GET', url: '/account' },
		},
		{
			name: 'Get Balance',
			value: 'getBalance',
			action: 'Get the account balance',
			description: 'Total, transferable, reserve and on-hold amounts, in the smallest currency unit',
			request: { method: 'GET', url: '/balance' },
		},
		{
			name: 'Get Capability',
			value: 'getCapability',
			action: 'Get the payment methods of the account',
			description: 'The payment methods, currencies, installment terms, banks and amount limits enabled for the key',
			request: { method: 'GET', url: '/capability' },
		},
	],
};
