import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assignGiven, body, checkedInteger, checkedText } from '../../common/input';
import type { Operation } from '../../common/operation';
import { requireSomeUpdate, updateFieldsOf } from '../../common/update';
import { checked } from '../../sending/steps';
import { cardId, cardPath, customerId } from './ids';

const updateFields = updateFieldsOf([
	{
		displayName: 'City',
		name: 'city',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Expiration Month',
		name: 'expirationMonth',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 12 },
	},
	{
		displayName: 'Expiration Year',
		name: 'expirationYear',
		type: 'number',
		default: 2030,
		description: 'Four digits, e.g. 2030',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'The card holder’s name',
	},
	{
		displayName: 'Postal Code',
		name: 'postalCode',
		type: 'string',
		default: '',
	},
], 'A saved card’s number cannot change: attach a new card token to the customer instead');

/** Step: Name, Expiration Month and Year, City and Postal Code, each sent when given. */
const sendCardUpdate = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	requireSomeUpdate(this, fields, 'Name, Expiration Month, Expiration Year, City or Postal Code');
	assignGiven(body(requestOptions), {
		city: checkedText(this, fields.city, 'City', { maxLength: 255 }),
		expiration_month: checkedInteger(this, fields.expirationMonth, 'Expiration Month', 1, 12),
		expiration_year: checkedInteger(this, fields.expirationYear, 'Expiration Year', 2000, 2100),
		name: checkedText(this, fields.name, 'Name', { maxLength: 255 }),
		postal_code: checkedText(this, fields.postalCode, 'Postal Code', { maxLength: 20 }),
	});
	return requestOptions;
});

export const updateCard: Operation = {
	name: 'Update Card',
	value: 'updateCard',
	action: 'Update a card of a customer',
	description: 'Change the name, expiry, city or postal code of a saved card',
	request: { method: 'PATCH', url: cardPath },
	fields: [customerId, cardId, updateFields],
	steps: [sendCardUpdate],
};
