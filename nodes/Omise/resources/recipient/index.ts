import { listOperation } from '../../common/lists';
import type { Resource } from '../../common/operation';
import { searchOperation } from '../../common/search';
import { simplify, simplifyField } from '../../common/simplify';
import { requireTestKey } from '../../common/testMode';
import { create } from './create';
import { recipientId, recipientPath } from './ids';
import { update } from './update';

export const recipient: Resource = {
	name: 'Recipient',
	value: 'recipient',
	description: 'Bank accounts that transfers (payouts) pay out to: sellers, vendors, your own account',
	defaultOperation: 'create',
	operations: [
		create,
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a recipient',
			description: 'Remove a recipient so that no transfer can pay it any more (the default recipient, your own account, cannot be deleted)',
			request: { method: 'DELETE', url: recipientPath },
			fields: [recipientId],
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a recipient',
			description: 'A recipient with its bank account (Omise shows the account’s last 4 digits), whether it is verified and active',
			request: { method: 'GET', url: recipientPath },
			fields: [recipientId, simplifyField],
			steps: [simplify],
		},
		{ name: 'Get Many', value: 'getAll', action: 'Get many recipients', ...listOperation('/recipients', { simplify: true }) },
		{
			name: 'Search',
			value: 'search',
			action: 'Search recipients',
			description: 'Find recipients by text (IDs, names, emails, descriptions, metadata values, …) and filters, e.g. by a seller ID kept in metadata',
			...searchOperation('recipient', { simplify: true }),
		},
		update,
		{
			name: 'Verify',
			value: 'verify',
			action: 'Verify a test recipient',
			description: 'Test mode only: mark a recipient’s bank account as verified, as Omise does for a live one, so that transfers can pay it',
			request: { method: 'PATCH', url: `${recipientPath}/verify` },
			fields: [recipientId, simplifyField],
			steps: [
				requireTestKey(() => 'Verify', 'Use a credential with your test secret key; Omise verifies live recipients itself (it usually takes up to two business days).'),
				simplify,
			],
		},
	],
};
