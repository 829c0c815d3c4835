import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { OMISE_API_VERSION, PACKAGE_VERSION } from './constants';

/** What the Omise node's request steps and the Omise triggers all have. */
interface OmiseApiContext {
	helpers: {
		httpRequestWithAuthentication(credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

/** The headers of every request to Omise (the Omise node adds Content-Type to its own). */
export const OMISE_HEADERS = {
	Accept: 'application/json',
	'Omise-Version': OMISE_API_VERSION,
	'User-Agent': `n8n-nodes-omise/${PACKAGE_VERSION}`,
};

/**
 * A GET outside the node's declarative routing (a lookup before a refund, the
 * search for an object a create may have made, the triggers' reads of events
 * and payment links). Answers the full response, errors included, so that the
 * caller decides what an Omise error means for it. The credential's
 * authenticate() supplies the API base URL and the key.
 */
export async function omiseGet(context: OmiseApiContext, path: string, qs?: IDataObject, timeout?: number): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'omiseApi', {
		method: 'GET',
		url: path,
		qs,
		headers: OMISE_HEADERS,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		...(timeout ? { timeout } : {}),
	})) as IN8nHttpFullResponse;
}
