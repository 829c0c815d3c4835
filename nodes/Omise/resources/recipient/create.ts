import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { assignGiven, body, checkedEmail, checkedText } from '../../common/input';
import { metadataField, sendMetadata } from '../../common/metadata';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { descriptionFields, sendText } from '../../common/text';
import { checked, createsObject } from '../../sending/steps';
import { bankAccountFields, bankAccountOf } from './bankAccount';

export const recipientTypeOptions = [
	{ name: 'Corporation', value: 'corporation', description: 'A company; Omise may ask for its tax ID' },
	{ name: 'Individual', value: 'individual', description: 'A person' },
];

const fields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'recipientName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Somchai Prasert',
		description: 'The recipient’s name (a person or a company)',
	},
	{
		displayName: 'Type',
		name: 'recipientType',
		type: 'options',
		default: 'individual',
		options: recipientTypeOptions,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The recipient’s email address; sent only when not empty',
	},
	{
		displayName: 'Tax ID',
		name: 'taxId',
		type: 'string',
		default: '',
		description: 'The recipient’s tax ID (e.g. a Thai 13-digit tax ID of a company); sent only when not empty',
	},
];

const recipientMetadataField = metadataField('Your own key/value data, e.g. the seller or vendor ID in your system');

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
	fields: [...fields, ...descriptionFields, ...bankAccountFields(), recipientMetadataField, idempotencyKeyField, simplifyField],
	steps: [createsObject('recipient'), sendRecipient, sendText('description', 'Description', { maxLength: 1000 }), sendBankAccount, sendMetadata, useIdempotencyKey, simplify],
};
