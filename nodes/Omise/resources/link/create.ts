import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { amountAndCurrencyFields, sendAmountAndCurrency } from '../../common/amount';
import { body } from '../../common/input';
import { createMetadataField, sendMetadata } from '../../common/metadata';
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
	fields: [...amountAndCurrencyFields, titleField, ...descriptionFields, multipleField, createMetadataField, simplifyField],
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
		simplify,
	],
};
