import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import { inputError } from './input';

/**
 * Step of an operation Omise offers in test mode only (a charge's Mark as
 * Paid, a transfer's Mark as Sent, a recipient's Verify): with a live key the
 * row is refused before any request, instead of getting Omise's refusal.
 * `label`: the operation's name in the message; `hint`: what to do instead.
 */
export function requireTestKey(label: (context: IExecuteSingleFunctions) => string, hint: string): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const credentials = await this.getCredentials<{ secretKey?: string }>('omiseApi');
		if (!String(credentials.secretKey ?? '').startsWith('skey_test_')) {
			throw inputError(this, `${label(this)} works only in test mode, and this credential's secret key is not a test key (skey_test_…)`, hint);
		}
		return requestOptions;
	});
}
