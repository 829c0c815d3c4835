import type { INodeProperties } from 'n8n-workflow';

import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { disputeId, disputePath, documentId, documentPath, documentsPath } from './ids';
import { update } from './update';
import { uploadDocument } from './uploadDocument';

/** Get Many's Status: which of Omise's dispute lists is read. */
const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	default: 'all',
	description: 'Which disputes to get',
	options: [
		{ name: 'All', value: 'all', description: 'Every dispute, whatever its status' },
		{ name: 'Closed', value: 'closed', description: 'Won or lost (an accepted dispute is lost)' },
		{ name: 'Open', value: 'open', description: 'Waiting for your answer: documents can still be added' },
		{ name: 'Pending', value: 'pending', description: 'Answered, under review by Omise and the card issuer' },
	],
};

export const dispute: Resource = {
	name: 'Dispute',
	value: 'dispute',
	description: 'Chargebacks: a customer disputed a charge with their card issuer; answer with evidence, or accept',
	defaultOperation: 'get',
	operations: [
		{
			name: 'Accept',
			value: 'accept',
			action: 'Accept a dispute',
			description: 'Give up a dispute: the customer keeps the disputed money and the dispute is lost; this cannot be undone',
			toolDescription:
				'Accepts a dispute (chargeback, dspt_...): the merchant gives up and the disputed amount is lost for good; the dispute closes as lost. This cannot be undone. Only call it when the user has clearly decided not to contest this dispute; to contest it, upload documents and answer with Update instead. Returns the dispute (status lost).',
			request: { method: 'PATCH', url: `${disputePath}/accept` },
			fields: [disputeId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Delete Document',
			value: 'deleteDocument',
			action: 'Delete a document of a dispute',
			description: 'Remove an evidence document from a dispute that is still open',
			request: { method: 'DELETE', url: documentPath },
			fields: [disputeId, documentId],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a dispute',
			description: 'A dispute: its status, amount, reason, your message, the charge and its documents',
			request: { method: 'GET', url: disputePath },
			fields: [disputeId, simplifyField],
			steps: [simplify],
		},
		{
			name: 'Get Document',
			value: 'getDocument',
			action: 'Get a document of a dispute',
			request: { method: 'GET', url: documentPath },
			fields: [disputeId, documentId],
		},
		{
			name: 'Get Documents',
			value: 'getDocuments',
			action: 'Get the documents of a dispute',
			description: 'List the evidence documents uploaded to a dispute',
			...listOperation(documentsPath, { ids: [disputeId] }),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many disputes',
			description: 'Disputes, all or by status: open ones wait for your answer',
			...listOperation('/disputes', {
				urlChoice: { field: statusField, urls: { all: '/disputes', closed: '/disputes/closed', open: '/disputes/open', pending: '/disputes/pending' } },
				simplify: true,
			}),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search disputes',
			description: 'Find disputes by text (IDs, the charge, metadata values, …) and filters such as status',
			...searchOperation('dispute', { simplify: true }),
		},
		update,
		uploadDocument,
	],
};
