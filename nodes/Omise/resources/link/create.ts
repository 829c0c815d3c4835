import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountAndCurrencyFields, MAJOR_UNIT_FOR_MODELS, sendAmountAndCurrency } from '../../common/amount';
import { body } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
import { eachCallCreates, idempotencyKeyField, useIdempotencyKey } from '../../common/idempotency';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { descriptionFields, sendText } from '../../common/text';
import { checked, createsObject } from '../../sending/steps';

const titleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Hot Latte',
	description: 'Shown on the payment page, at most 200 characters',
};

const multipleField: INodeProperties = {
	displayName: 'Multiple Use',
	name: 'multiple',
	type: 'boolean',
	default: false,
	description: 'Whether the link can be paid many times; a single-use link is used up by its first successful payment',
};

const sendMultiple = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	body(requestOptions).multiple = this.getNodeParameter('multiple', false);
	return requestOptions;
});

export const create: Operation = {
	name: 'Create',
	value: 'create',
	action: 'Create a payment link',
	description: 'Create a link a customer pays on; its payment_uri is the page to share',
	request: { method: 'POST', url: '/links' },
	toolDescription:
		`Creates an Omise payment link: a page where the customer pays. Give Amount, Currency (THB, JPY, SGD, MYR, ...), Title (at most 200 characters) and Description (shown on the page). ${MAJOR_UNIT_FOR_MODELS} ${eachCallCreates('link')} Returns the link: payment_uri is the page to send the customer; its amount is in the smallest unit (150050 is 1,500.50 THB).`,
	fields: [...amountAndCurrencyFields, titleField, ...descriptionFields, multipleField, createMetadataField, idempotencyKeyField, simplifyField],
	steps: [
		createsObject('link'),
		sendAmountAndCurrency,
		sendText('title', 'Title', { maxLength: 200, required: true }),
		sendText('description', 'Description', {
			maxLength: 1000,
			required: true,
			requiredMessage: 'Description is required for a payment link (Omise’s API requires it; it is shown on the payment page)',
		}),
		sendMultiple,
		sendMetadata,
		useIdempotencyKey,
		simplify,
	],
};
