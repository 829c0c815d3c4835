import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions, SandboxRequest } from '../../sandbox/server';
import { join } from 'node:path';

import { projectRoot } from './root';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require(join(projectRoot(), 'sandbox', 'server')) as typeof import('../../sandbox/server');

export type { Sandbox, SandboxRequest };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await server.createSandbox(options);
}

export const KEYS = server.DEFAULT_KEYS;

export function credentialsFor(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { secretKey: KEYS.testSecretKey, webhookSecret: '', baseUrl: sandbox.url, ...overrides };
}

export function basicAuth(user: string): string {
	return `Basic ${Buffer.from(`${user}:`).toString('base64')}`;
}

/** The API requests the sandbox received, in order (without the sandbox's own control calls). */
export function apiRequests(sandbox: Sandbox): SandboxRequest[] {
	return sandbox.requests;
}

/** The metadata key a create carries its own request mark under (nodes/Omise/sending/marker.ts). */
export const MARK_KEY = 'n8n_request_id';
/** How summarize() shows a create's request mark: a fresh UUID per request, so tests assert the key and the shape. */
export const MARK = '<request mark: a UUID>';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function showMark(metadata: unknown) {
	if (typeof metadata !== 'object' || metadata === null || !(MARK_KEY in metadata)) return;
	const values = metadata as Record<string, unknown>;
	if (!UUID.test(String(values[MARK_KEY]))) throw new Error(`${MARK_KEY} is not a UUID: ${String(values[MARK_KEY])}`);
	values[MARK_KEY] = MARK;
}

/** What an operation's test asserts about each request that reached the sandbox. */
export function summarize(request: SandboxRequest) {
	// A multipart upload as the sandbox read it: its fields, each file as { filename, content_type, size, sha256 }.
	const multipart = /^multipart\/form-data\b/i.test(String(request.headers['content-type'] ?? ''));
	const body = request.rawBody === '' ? undefined : multipart ? request.body : JSON.parse(request.rawBody);
	showMark(body?.metadata);
	showMark(body?.charge?.metadata);
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		body,
		authorization: request.headers.authorization,
	};
}

/** The request mark of a create request that reached the sandbox (its real value). */
export function markOf(request: SandboxRequest): string | undefined {
	const body = request.rawBody === '' ? undefined : JSON.parse(request.rawBody);
	return body?.metadata?.[MARK_KEY] ?? body?.charge?.metadata?.[MARK_KEY];
}

/** Calls the sandbox API directly (test set-up, not the code under test). */
export async function callSandbox(sandbox: Sandbox, method: string, path: string, body?: unknown, secretKey = KEYS.testSecretKey) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: basicAuth(secretKey), 'content-type': 'application/json', 'omise-version': '2019-05-29' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await response.json()) as Record<string, unknown>;
	if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${JSON.stringify(json)}`);
	return json;
}
