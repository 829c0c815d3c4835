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

/** What an operation's test asserts about each request that reached the sandbox. */
export function summarize(request: SandboxRequest) {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		body: request.rawBody === '' ? undefined : JSON.parse(request.rawBody),
		authorization: request.headers.authorization,
	};
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
