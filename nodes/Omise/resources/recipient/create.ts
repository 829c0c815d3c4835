import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { assignGiven, body, checkedEmail, checkedText } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { descriptionFields, sendText } from '../../common/text';
import { checked, createsObject } from '../../sending/steps';
import { emailField } from '../customer/create';
import { bankAccountFields, bankAccountOf, bankCountryField } from './bankAccount';

export const recipientTypeOptions = [
	{ name: 'Corporation', value: 'corporation', description: 'A company; Omise may ask for its tax ID' },
	{ name: 'Individual', value: 'individual', description: 'A person' },
];

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'recipientName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Somchai Prasert',
	description: 'The recipient’s name (a person or a company)',
};

const typeField: INodeProperties = {
	displayName: 'Type',
	name: 'recipientType',
	type: 'options',
	default: 'individual',
	options: recipientTypeOptions,
};

const taxIdField: INodeProperties = {
	displayName: 'Tax ID',
	name: 'taxId',
	type: 'string',
	default: '',
	description: 'The recipient’s tax ID (e.g. a Thai 13-digit tax ID of a company); sent only when not empty',
};

/** Step: Name (required), Type, Email and Tax ID. */
const sendRecipient = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	assignGiven(body(requestOptions), {
		name: checkedText(this, this.getNodeParameter('recipientName', ''), 'Name', { required: true, maxLength: 255 }),
		type: this.getNodeParameter('recipientType', 'individual') as string,
		email: checkedEmail(this, this.getNodeParameter('email', ''), 'Email'),
		tax_id: checkedText(this, this.getNodeParameter('taxId', ''), 'Tax ID', { maxLength: 255 }),
	});
	return requestOptions;
});

/** Step: the bank account, with the fields its country needs. */
const sendBankAccount = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	body(requestOptions).bank_account = bankAccountOf(this);
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a recipient',
	description: 'Add a bank account that transfers can pay out to (a seller, a vendor); Omise verifies it before it can be paid',
	request: { method: 'POST', url: '/recipients' },
	toolDescription:
		`Adds a recipient in Omise: a person's or company's bank account that transfers (payouts) can later pay money to. Needs the name, the type (individual or corporation) and the bank account: for Thailand and Singapore the bank's code (e.g. bbl, kbank, scb), the account number and the holder's name; for Japan the 4-digit bank code, the 3-digit branch code, the account type, number and holder's name. ${eachCallCreates('recipient')} Returns the recipient (recp_...), unverified until Omise verifies the bank account.`,
	// Description and Email in the order Customer → Create has them (the node keeps one order of the fields).
	fields: [nameField, typeField, ...descriptionFields, emailField, taxIdField, bankCountryField, ...bankAccountFields, createMetadataField, idempotencyKeyField, simplifyField],
	steps: [createsObject('recipient'), sendRecipient, sendText('description', 'Description', { maxLength: 1000 }), sendBankAccount, sendMetadata, useIdempotencyKey, simplify],
};
