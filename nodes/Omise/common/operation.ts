import type { IDataObject, IHttpRequestMethods, INodeProperties, PostReceiveAction } from 'n8n-workflow';

import type { PreSend } from '../sending/steps';

/**
 * One operation of a resource, declared in one place: the option the editor
 * shows, the request, the fields in editor order, and every step that builds
 * the request from them, in order. No field has routing of its own (n8n would
 * evaluate its expression once more per item); the steps read the fields.
 * What every operation has in common (the row's turn, the IDs in the URL,
 * Omise's errors) is added by describeResources.
 */
export interface Operation {
	name: string;
	value: string;
	action: string;
	description?: string;
	request: { method: IHttpRequestMethods; url: string; qs?: IDataObject };
	/**
	 * A field whose value picks the URL (its `:ids` filled as in `request.url`),
	 * e.g. the refunds of one charge or of the whole account; `request.url` is the default value's.
	 */
	urlChoice?: UrlChoice;
	/** The operation's fields, in editor order: its own and common ones (the same object for every operation that shares one). */
	fields?: INodeProperties[];
	/** Build the request from the fields, in order (they run after the IDs of the URL are filled in). */
	steps?: PreSend[];
	/** Turn Omise's answer into items (after Omise's error object became the node's error). */
	output?: PostReceiveAction[];
	/**
	 * What an AI model reads about this operation as a tool (the Omise Tool's
	 * Description): what it does, its amounts, whether a call creates, what it
	 * returns. Without it, built from the operation's description.
	 */
	toolDescription?: string;
}

export interface UrlChoice {
	/** An options field listed among the operation's fields. */
	field: INodeProperties;
	/** Each of its values → the URL it reads. */
	urls: Record<string, string>;
}

export interface Resource {
	name: string;
	value: string;
	description: string;
	defaultOperation: string;
	/** In the editor's order (alphabetical, as n8n's guidelines ask). */
	operations: Operation[];
}
