import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import { body, checkedText, inputError, isEmpty, text } from './input';
import { hasMetadataRows, metadataField, metadataOf } from './metadata';

// What updates share: an Update Fields that must change something; for a link or a
// charge, only the description and metadata can change.

/** Update Fields read once; something in it must change (a collection holding only empty values is a mistake in the workflow). */
export function requireSomeUpdate(context: IExecuteSingleFunctions, fields: IDataObject, allowed: string) {
	const given = Object.entries(fields).some(([name, value]) => (name === 'metadata' ? hasMetadataRows(value) : !isEmpty(value) && value !== 0));
	if (!given) throw inputError(context, `${Object.keys(fields).length > 0 ? 'Update Fields holds only empty values' : 'Update Fields is empty'}: add ${allowed} to change`);
}

/** An operation's Update Fields: the fields it can change, each sent only when added. */
export function updateFieldsOf(options: INodeProperties['options'], description?: string): INodeProperties {
	return { displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, ...(description ? { description } : {}), options };
}

/** Update Fields of a link or a charge. */
export function descriptionAndMetadataUpdateField(resource: string, description: string, maxLength?: number): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: maxLength ? `At most ${maxLength} characters` : undefined,
			},
			metadataField(`Keys to set on the ${resource}; keys not listed stay as they are`),
		],
	};
}

/** Step: Update Fields read once; it must change something (an empty one, or only an empty description, is a mistake in the workflow). */
export function sendDescriptionAndMetadataUpdate(maxLength?: number): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		if (text(fields.description) === '' && !hasMetadataRows(fields.metadata)) {
			const what = 'description' in fields ? 'Update Fields holds only an empty Description' : 'Update Fields is empty';
			throw inputError(this, `${what}: add Description or Metadata to change`);
		}
		const target = body(requestOptions);
		const description = checkedText(this, fields.description, 'Description', { maxLength });
		if (description !== undefined) target.description = description;
		const metadata = metadataOf(this, fields.metadata);
		if (metadata) target.metadata = metadata;
		return requestOptions;
	});
}
