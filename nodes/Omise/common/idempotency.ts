import { createHash } from 'node:crypto';
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { IDEMPOTENCY_METADATA_NAME, MAX_METADATA_KEYS, metadataIn, metadataPlaceOf } from '../sending/marker';
import { checked, notesOf } from '../sending/steps';
import { body, checkedText, inputError } from './input';
import { isTool } from './text';

// Idempotency Key of every create. Omise has none of its own: the node keeps
// the key in the object's metadata and, before creating, looks for an object
// that already carries it (sending/keys.ts).

const MAX_KEY_LENGTH = 255;

export const idempotencyKeyField: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.order_id }}',
	description:
		'Your own reference for this object, e.g. an order or row ID. If an object with this key already exists, the node returns it (marked "reused") instead of creating a second one, so re-running the workflow creates nothing twice. Kept in the object’s metadata as n8n_idempotency_key.',
	hint: 'Same key, same object: re-runs and repeated AI-agent calls return the first one instead of creating again',
};

/** JSON with its keys sorted, so that equal bodies give equal text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The key of an AI agent's call that gives none: the same execution and the
 * same request, so that a model repeating a call (a retry, or the same call
 * twice in one turn) gets the first call's object instead of a second one.
 */
function repeatedCallKey(context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): string {
	// An amount still to be converted (in the row's turn) is not in the body yet: its input counts instead.
	const deferred = notesOf(requestOptions).deferredInput;
	const request = canonical({ method: requestOptions.method, url: requestOptions.url, body: requestOptions.body, ...(deferred ? { deferred } : {}) });
	return `agent-call-${context.getExecutionId()}-${createHash('sha256').update(request).digest('hex').slice(0, 32)}`;
}

/**
 * Step of a create, after every step that writes the body: the key, checked
 * and put in the object's metadata. As an AI-agent tool without a key, a key
 * of the agent run and the call's arguments.
 */
export const useIdempotencyKey = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const given = checkedText(this, this.getNodeParameter('idempotencyKey', ''), 'Idempotency Key', { maxLength: MAX_KEY_LENGTH });
	const automatic = given === undefined && isTool(this);
	const key = automatic ? repeatedCallKey(this, requestOptions) : given;
	if (key === undefined) return requestOptions;
	const notes = notesOf(requestOptions);
	const place = metadataPlaceOf(notes.creates ?? '', true);
	// An agent's repeated call is recognised by this n8n process alone: nothing goes into Omise's metadata,
	// so it works for objects without metadata too (a transfer schedule).
	if (automatic) {
		notes.idempotencyKey = { place: place ?? [], name: IDEMPOTENCY_METADATA_NAME, value: key, repeatedCall: true };
		return requestOptions;
	}
	if (!place) throw inputError(this, `Idempotency Key cannot be kept on a ${notes.creates ?? 'request that creates nothing'}: it has no metadata`);
	const metadata = metadataIn(body(requestOptions), place);
	if (!(IDEMPOTENCY_METADATA_NAME in metadata) && Object.keys(metadata).length >= MAX_METADATA_KEYS) {
		throw inputError(this, `Idempotency Key cannot be stored: the metadata already has ${MAX_METADATA_KEYS} keys, Omise’s limit`, 'Remove a metadata key, or leave Idempotency Key empty.');
	}
	metadata[IDEMPOTENCY_METADATA_NAME] = key.trim();
	notes.idempotencyKey = { place, name: IDEMPOTENCY_METADATA_NAME, value: key.trim() };
	return requestOptions;
});

/** What an AI model is told about repeating a create (the tool's description). */
export function eachCallCreates(objectName: string): string {
	return `Each call creates a new ${objectName}. To avoid a duplicate, pass Idempotency Key (e.g. the order number): a call with a key that a ${objectName} already carries returns that ${objectName}, marked reused, and creates nothing; an identical call repeated in the same run also returns the first one.`;
}
