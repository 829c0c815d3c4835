import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assignGiven, body, checkedEmail, checkedId, checkedText } from '../../common/input';
import { metadataField, metadataOf } from '../../common/metadata';
import type { Operation } from '../../common/operation';
import { idLocator } from '../../common/locator';
import { simplify, simplifyField } from '../../common/simplify';
import { requireSomeUpdate, updateFieldsOf } from '../../common/update';
import { changedInVersion2 } from '../../common/versions';
import { checked } from '../../sending/steps';
import { customerId, customerPath } from './ids';

const updateFields = updateFieldsOf([
	{
		displayName: 'Card Token',
		name: 'card',
		type: 'string',
		default: '',
		placeholder: 'tokn_test_...',
		description: 'A new card token (tokn_…) to attach to the customer',
	},
	changedInVersion2(
		{
			displayName: 'Default Card',
			name: 'defaultCard',
			type: 'string',
			default: '',
			placeholder: 'card_test_...',
			description: 'One of the customer’s cards (card_…), charged when a charge or schedule names no card',
		},
		idLocator('card', 'card'),
	),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	metadataField('Keys to set on the customer'),
]);

/** Step: Email, Description, Card Token, Default Card and Metadata, each sent when given. */
const sendCustomerUpdate = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	requireSomeUpdate(this, fields, 'Email, Description, Card Token, Default Card or Metadata');
	assignGiven(body(requestOptions), {
		card: checkedId(this, fields.card, 'Card Token', 'tokn'),
		default_card: checkedId(this, fields.defaultCard, 'Default Card', 'card'),
		description: checkedText(this, fields.description, 'Description', { maxLength: 1000 }),
		email: checkedEmail(this, fields.email, 'Email'),
		metadata: metadataOf(this, fields.metadata),
	});
	return requestOptions;
});

export const update: Operation = {
	name: 'Update',
	value: 'update',
	action: 'Update a customer',
	description: 'Change email, description or metadata, attach a new card (token) or choose the default card',
	request: { method: 'PATCH', url: customerPath },
	fields: [customerId, updateFields, simplifyField],
	steps: [sendCustomerUpdate, simplify],
};
