import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { inputError } from '../../common/input';
import type { Operation } from '../../common/operation';
import { simplify, simplifyField } from '../../common/simplify';
import { checked } from '../../sending/steps';
import { chargeId, chargePath } from './chargeId';

/** Step: Mark as Paid / Failed exist only in test mode; a live key would only get Omise's refusal. */
const requireTestKey = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const credentials = await this.getCredentials<{ secretKey?: string }>('omiseApi');
	if (!String(credentials.secretKey ?? '').startsWith('skey_test_')) {
		const operation = this.getNodeParameter('operation', '') === 'markAsPaid' ? 'Mark as Paid' : 'Mark as Failed';
		throw inputError(
			this,
			`${operation} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`,
			'Use a credential with your test secret key to simulate payments; live charges are settled by the customer’s bank.',
		);
	}
	return requestOptions;
});

function testModeAction(name: string, value: string, what: string, path: string): Operation {
	return {
		name,
		value,
		action: `Mark a test charge as ${what}`,
		description: `Test mode only: simulate a ${what === 'paid' ? 'successful' : 'failed'} payment of a pending charge`,
		request: { method: 'POST', url: `${chargePath}/${path}` },
		fields: [chargeId, simplifyField],
		steps: [requireTestKey, simplify],
	};
}

export const markAsFailed = testModeAction('Mark as Failed', 'markAsFailed', 'failed', 'mark_as_failed');
export const markAsPaid = testModeAction('Mark as Paid', 'markAsPaid', 'paid', 'mark_as_paid');
