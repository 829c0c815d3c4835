import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { requireTestKey } from '../../common/testMode';
import { chargeId, chargePath } from './chargeId';

/** Step: Mark as Paid / Failed exist only in test mode; a live key would only get Omise's refusal. */
const requireChargeTestKey = requireTestKey(
	(context: IExecuteSingleFunctions) => (context.getNodeParameter('operation', '') === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed'),
	'Use a credential with your test secret key to simulate payments; live charges are settled by the customer’s bank.',
);

function testModeAction(name: string, value: string, what: string, path: string): Operation {
	return {
		name,
		value,
		action: `Mark a test charge as ${what}`,
		description: `Test mode only: simulate a ${what === 'paid' ? 'successful' : 'failed'} payment of a pending charge`,
		request: { method: 'POST', url: `${chargePath}/${path}` },
		fields: [chargeId, simplifyField],
		steps: [requireChargeTestKey, simplify],
	};
}

export const markAsFailed = testModeAction('Mark as Failed', 'markAsFailed', 'failed', 'mark_as_failed');
export const markAsPaid = testModeAction('Mark as Paid', 'markAsPaid', 'paid', 'mark_as_paid');
