import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions, SandboxRequest } from '../../sandbox/server';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require('../../sandbox/server') as typeof import('../../sandbox/server');

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
