import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assignGiven, body, checkedText } from '../../common/input';
import { metadataField, metadataOf } from '../../common/metadata';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { requireSomeUpdate, updateFieldsOf } from '../../common/update';
import { checked } from '../../sending/steps';
import { disputeId, disputePath } from './ids';

const updateFields = updateFieldsOf([
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description:
			'Your answer to the dispute, for Omise and the card issuer: why the charge is right, e.g. when and where the goods were delivered. Setting it submits your answer: an open dispute becomes pending, and no more documents can be added, so upload documents first.',
	},
	metadataField('Your own keys to set on the dispute, e.g. an order or case number; keys not listed stay as they are'),
]);

/** Step: Message and Metadata, each sent when given; one of them must be. */
const sendDisputeUpdate = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	requireSomeUpdate(this, fields, 'Message or Metadata');
	assignGiven(body(requestOptions), {
		message: checkedText(this, fields.message, 'Message'),
		metadata: metadataOf(this, fields.metadata),
	});
	return requestOptions;
});

export const update: Operation = {
	name: 'Update',
	value: 'update',
	action: 'Update a dispute',
	description: 'Answer a dispute with your message (it then becomes pending), or set its metadata',
	toolDescription:
		'Answers a dispute (chargeback, dspt_...) with the merchant\'s message and/or sets its metadata. Setting a message submits the answer: an open dispute becomes pending and no more evidence documents can be added, so documents must be uploaded before. This contests the dispute; it does not give up the money (that is Accept). Returns the dispute (amount in the smallest currency unit).',
	request: { method: 'PATCH', url: disputePath },
	fields: [disputeId, updateFields, simplifyField],
	steps: [sendDisputeUpdate, simplify],
};
