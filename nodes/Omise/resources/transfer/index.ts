import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { listOperation } from '../../common/lists';
import type { Operation, Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { requireTestKey } from '../../common/testMode';
import { create } from './create';
import { transferId, transferPath } from './ids';
import { update } from './update';

/** Mark as Sent / Paid exist only in test mode: a live transfer is sent and paid by the banks. */
const requireTransferTestKey = requireTestKey(
	(context: IExecuteSingleFunctions) => (context.getNodeParameter('operation', '') === 'markAsSent' ? 'Mark as Sent' : 'Mark as Paid'),
	'Use a credential with your test secret key to simulate a payout; a live transfer is sent and paid by the banks.',
);

function testModeAction(name: string, value: string, path: string, what: string, description: string): Operation {
	return {
		name,
		value,
		action: `Mark a test transfer as ${what}`,
		description,
		request: { method: 'POST', url: `${transferPath}/${path}` },
		fields: [transferId, simplifyField],
		steps: [requireTransferTestKey, simplify],
	};
}

export const transfer: Resource = {
	name: 'Transfer',
	value: 'transfer',
	description: 'Payouts from your Omise balance to a recipient’s bank account or to your own',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a transfer',
			description: 'Cancel a transfer that was not sent yet; its amount is free to transfer again',
			request: { method: 'DELETE', url: transferPath },
			fields: [transferId],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a transfer',
			description: 'A transfer: whether it was sent and paid, its fee and net amount, the bank account it pays',
			request: { method: 'GET', url: transferPath },
			fields: [transferId, simplifyField],
			steps: [simplify],
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many transfers', ...listOperation('/transfers', { simplify: true }) },
		testModeAction('Mark as Paid', 'markAsPaid', 'mark_as_paid', 'paid', 'Test mode only: simulate the recipient’s bank paying out a sent transfer'),
		testModeAction('Mark as Sent', 'markAsSent', 'mark_as_sent', 'sent', 'Test mode only: simulate a transfer leaving for the bank; its amount is taken from the balance'),
		{
			name: 'Search',
			value: 'search',
			action: 'Search transfers',
			description: 'Find transfers by text (IDs, recipients, metadata values, …) and filters, e.g. by an invoice number kept in metadata',
			...searchOperation('transfer', { amounts: true, simplify: true }),
		},
		update,
	],
};
