import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assignGiven, body, checkedEmail, checkedText, inputError, isEmpty } from '../../common/input';
import { hasMetadataRows, metadataField, metadataOf } from '../../common/metadata';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked } from '../../sending/steps';
import { bankAccountFields, bankAccountOf, newBankCountryField } from './bankAccount';
import { recipientTypeOptions } from './create';
import { recipientId, recipientPath } from './ids';
import { updateFieldsOf } from '../../common/update';

const updateFields = updateFieldsOf([
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	metadataField('Keys to set on the recipient; keys not listed stay as they are'),
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Tax ID', name: 'taxId', type: 'string', default: '' },
	{ displayName: 'Type', name: 'type', type: 'options', default: 'individual', options: recipientTypeOptions },
]);

/** Step: Update Fields and the new bank account, each sent when given; something must change. */
const sendRecipientUpdate = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const newBankAccount = bankAccountOf(this);
	const given = Object.entries(fields).some(([name, value]) => (name === 'metadata' ? hasMetadataRows(value) : !isEmpty(value)));
	if (!given && !newBankAccount) {
		throw inputError(this, `${Object.keys(fields).length > 0 ? 'Update Fields holds only empty values' : 'Update Fields is empty'} and New Bank Account keeps the current one: add Name, Email, Type, Tax ID, Description or Metadata, or a new bank account, to change`);
	}
	const target = body(requestOptions);
	assignGiven(target, {
		name: checkedText(this, fields.name, 'Name', { maxLength: 255 }),
		email: checkedEmail(this, fields.email, 'Email'),
		type: isEmpty(fields.type) ? undefined : String(fields.type),
		tax_id: checkedText(this, fields.taxId, 'Tax ID', { maxLength: 255 }),
		description: checkedText(this, fields.description, 'Description', { maxLength: 1000 }),
		metadata: metadataOf(this, fields.metadata),
	});
	if (newBankAccount) target.bank_account = newBankAccount;
	return requestOptions;
});

export const update: Operation = {
	name: 'Update',
	value: 'update',
	action: 'Update a recipient',
	description: 'Change a recipient’s name, email, type, tax ID, description or metadata, or replace its bank account',
	request: { method: 'PATCH', url: recipientPath },
	fields: [recipientId, updateFields, newBankCountryField, ...bankAccountFields, simplifyField],
	steps: [sendRecipientUpdate, simplify],
};
