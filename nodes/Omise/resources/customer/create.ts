import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { body, checkedEmail, checkedId } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { descriptionFields, sendText } from '../../common/text';
import { simplify, simplifyField } from '../../common/simplify';
import { changedInVersion2, nameOn } from '../../common/versions';
import { checked, createsObject } from '../../sending/steps';

/** Email of Customer and Recipient → Create (one property, so that an expression in it is evaluated once). */
export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: 'The customer’s or recipient’s email address; sent only when not empty',
};

/** Card Token; version 2 names it cardToken, so that no token is carried into a card ID field (e.g. Schedule → Create's Card). */
const cardTokenField = changedInVersion2(
	{
		displayName: 'Card Token',
		name: 'card',
		type: 'string',
		default: '',
		placeholder: 'tokn_test_...',
		description: 'A card token (tokn_…) made with Omise.js or the mobile SDKs, saved as the customer’s card; empty saves the customer without a card',
	},
	{ name: 'cardToken' },
);

const fields: INodeProperties[] = [
	emailField,
	cardTokenField,
];

/** Step: Email and Card Token, sent when not empty. */
const sendEmailAndCard = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const target = body(requestOptions);
	const email = checkedEmail(this, this.getNodeParameter('email', ''), 'Email');
	if (email) target.email = email;
	const card = checkedId(this, this.getNodeParameter(nameOn(this, cardTokenField), ''), 'Card Token', 'tokn');
	if (card) target.card = card;
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a customer',
	description: 'Save a customer, optionally with a card (from a card token) to charge later or on a schedule',
	request: { method: 'POST', url: '/customers' },
	toolDescription:
		`Saves a customer in Omise, with an email, a description and optionally a card token (tokn_...) as their card, to charge later or on a schedule. ${eachCallCreates('customer')} Returns the customer (cust_...).`,
	fields: [...descriptionFields, ...fields, createMetadataField, idempotencyKeyField, simplifyField],
	steps: [createsObject('customer'), sendText('description', 'Description', { maxLength: 1000 }), sendEmailAndCard, sendMetadata, useIdempotencyKey, simplify],
};
