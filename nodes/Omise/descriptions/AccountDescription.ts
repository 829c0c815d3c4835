import type { INodeProperties } from 'n8n-workflow';

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'getCapability',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the account',
				description: 'The account of the credential’s key: email, country, supported currencies',
				routing: { request: { method: 'GET', url: '/account' } },
			},
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance',
				description: 'Total, transferable, reserve and on-hold amounts, in the smallest currency unit',
				routing: { request: { method: 'GET', url: '/balance' } },
			},
			{
				name: 'Get Capability',
				value: 'getCapability',
				action: 'Get the payment methods of the account',
				description: 'The payment methods, currencies, installment terms, banks and amount limits enabled for the key',
				routing: { request: { method: 'GET', url: '/capability' } },
			},
		],
	},
];
