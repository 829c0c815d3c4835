import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { descriptionAndMetadataUpdateField, sendDescriptionAndMetadataUpdate } from '../../common/update';
import { capture } from './capture';
import { chargeId, chargePath } from './chargeId';
import { create } from './create';
import { createPromptPayQr } from './createPromptPayQr';
import { downloadQrCodeOfCharge, existingChargeQrCodeFields } from './qrCode';
import { markAsFailed, markAsPaid } from './testMode';

export const charge: Resource = {
	name: 'Charge',
	value: 'charge',
	description: 'Payments: create, capture, reverse, expire and more',
	defaultOperation: 'create',
	operations: [
		capture,
		create,
		createPromptPayQr,
		{
			name: 'Expire',
			value: 'expire',
			action: 'Expire a charge',
			description: 'End a pending charge of a source (e.g. an unpaid PromptPay QR) so it can no longer be paid',
			request: { method: 'POST', url: `${chargePath}/expire` },
			fields: [chargeId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a charge',
			description: 'Read a charge, and download its QR code (PromptPay, PayNow, …) to send it to the customer',
			request: { method: 'GET', url: chargePath },
			fields: [chargeId, ...existingChargeQrCodeFields, simplifyField],
			// The QR code is downloaded from the full charge, then the item is simplified.
			steps: [downloadQrCodeOfCharge, simplify],
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many charges', ...listOperation('/charges', { simplify: true }) },
		markAsFailed,
		markAsPaid,
		{
			name: 'Reverse',
			value: 'reverse',
			action: 'Reverse a charge',
			description: 'Release an authorised charge that was not captured; a captured charge needs a refund instead',
			request: { method: 'POST', url: `${chargePath}/reverse` },
			fields: [chargeId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search charges',
			description: 'Find charges by text (IDs, descriptions, metadata values, …) and filters, e.g. by an order number kept in metadata',
			...searchOperation('charge', { amounts: true, simplify: true }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a charge',
			description: 'Change the description or metadata of a charge',
			request: { method: 'PATCH', url: chargePath },
			fields: [chargeId, descriptionAndMetadataUpdateField('charge', 'Only the description and metadata of a charge can change'), simplifyField],
			steps: [sendDescriptionAndMetadataUpdate(), simplify],
		},
	],
};
