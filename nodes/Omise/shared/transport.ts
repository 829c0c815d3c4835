import type { ICredentialDataDecryptedObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { OMISE_API_VERSION, PACKAGE_VERSION } from './constants';

/** What the Omise node's preSend steps and the Omise Trigger both have. */
interface OmiseApiContext {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

/**
 * A GET outside the node's declarative routing (a lookup before a refund, the
 * trigger's re-fetch). Answers the full response, errors included, so that the
 * caller decides what an Omise error means for it.
 */
export async function omiseGet(context: OmiseApiContext, path: string): Promise<IN8nHttpFullResponse> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>('omiseApi');
	const baseURL = String(credentials.baseUrl || 'https://api.omise.co').replace(/\/+$/, '');
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'omiseApi', {
		method: 'GET',
		baseURL,
		url: path,
		headers: { Accept: 'application/json', 'Omise-Version': OMISE_API_VERSION, 'User-Agent': `n8n-nodes-omise/${PACKAGE_VERSION}` },
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as IN8nHttpFullResponse;
}
