import type { INodeProperties } from 'n8n-workflow';

import { idField } from '../../common/ids';
import { idLocator } from '../../common/locator';
import { changedInVersion2 } from '../../common/versions';

export const customerPath = '/customers/:customerId';
export const cardPath = `${customerPath}/cards/:cardId`;
export const customerId = idField('customerId', 'Customer ID', 'cust', 'customer');
export const cardId = idField('cardId', 'Card ID', 'card', 'card');

/** Customer: the saved customer a charge or a schedule charges (`description` says which). */
export function chargedCustomerField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return changedInVersion2(
		{
			displayName: 'Customer',
			name: 'customer',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'cust_test_...',
			description,
			...(displayOptions ? { displayOptions } : {}),
		},
		idLocator('cust', 'customer'),
	);
}

/** Card: one of the customer's cards to charge, or empty for their default card (Charge → Create of a customer, Schedule → Create). */
export function customersCardField(displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return changedInVersion2(
		{
			displayName: 'Card',
			name: 'card',
			type: 'string',
			default: '',
			placeholder: 'card_test_...',
			description: 'One of the customer’s cards (card_…); empty charges the customer’s default card',
			...(displayOptions ? { displayOptions } : {}),
		},
		idLocator('card', 'card'),
	);
}
