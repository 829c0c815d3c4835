import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { amountUnitFields } from '../../common/amount';
import { body, inputError, isEmpty } from '../../common/input';
import { hasMetadataRows, metadataField, metadataOf } from '../../common/metadata';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked } from '../../sending/steps';
import { sendAmountOf } from './amount';
import { transferId, transferPath } from './ids';
import { updateFieldsOf } from '../../common/update';

const updateFields = updateFieldsOf([
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		description: 'The new amount, in the unit chosen in Amount Unit (in the major unit the node reads the transfer’s currency first)',
	},
	metadataField('Keys to set on the transfer; keys not listed stay as they are'),
], 'A transfer can change until it is sent');

/** Step: the new amount and metadata; something must change. */
const sendTransferUpdate = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const amount = isEmpty(fields.amount) || fields.amount === 0 ? undefined : fields.amount;
	if (amount === undefined && !hasMetadataRows(fields.metadata)) {
		throw inputError(this, `${Object.keys(fields).length > 0 ? 'Update Fields holds only empty values' : 'Update Fields is empty'}: add Amount or Metadata to change`);
	}
	const metadata = metadataOf(this, fields.metadata);
	if (metadata) body(requestOptions).metadata = metadata;
	// The transfer's own URL (its ID checked and filled in already) says its currency.
	if (amount !== undefined) sendAmountOf(this, requestOptions, amount, String(requestOptions.url), 'the transfer');
	return requestOptions;
});

export const update: Operation = {
	name: 'Update',
	value: 'update',
	action: 'Update a transfer',
	description: 'Change the amount or metadata of a transfer that was not sent yet',
	request: { method: 'PATCH', url: transferPath },
	fields: [transferId, ...amountUnitFields, updateFields, simplifyField],
	steps: [sendTransferUpdate, simplify],
};
