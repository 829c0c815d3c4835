import type { INodeProperties } from 'n8n-workflow';

import { sendRefundAmount } from '../shared/charges';
import { amountUnitField, idField, listFields, listRouting, metadataField, showFor } from '../shared/fields';

const refundsPath = '=/charges/{{encodeURIComponent($parameter.chargeId)}}/refunds';

export const refundOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Refund a charge',
				description: 'Give money back for a paid charge, fully or partly',
				routing: { request: { method: 'POST', url: refundsPath } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a refund',
				routing: { request: { method: 'GET', url: `${refundsPath}/{{encodeURIComponent($parameter.refundId)}}` } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many refunds of a charge',
				routing: listRouting(refundsPath),
			},
		],
	},
];

export const refundFields: INodeProperties[] = [
	idField('chargeId', 'Charge ID', 'chrg', 'refund', ['create', 'get', 'getAll']),
	idField('refundId', 'Refund ID', 'rfnd', 'refund', ['get']),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'How much to refund, in the unit chosen in Amount Unit. 0 or empty refunds everything not yet refunded (the node looks the charge up first).',
		displayOptions: showFor('refund', ['create']),
		routing: { send: { preSend: [sendRefundAmount] } },
	},
	amountUnitField(showFor('refund', ['create']), 'How Amount is written; for Major Unit the node looks the charge up to learn its currency'),
	metadataField('metadata', 'Your own key/value data on the refund, e.g. a return request ID', showFor('refund', ['create'])),
	...listFields('refund', ['getAll'], 'refunds'),
];
