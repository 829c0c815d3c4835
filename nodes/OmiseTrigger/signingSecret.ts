import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The credential's Webhook Signing Secret, kept in this process for a minute.
 * Reading a credential is the most expensive thing a delivery costs (on n8n
 * 2.x each read starts an expression isolate), more than the rest together.
 * A delivery whose signature does not match the kept secret reads the
 * credential again (at most every 10 seconds), so a new secret applies at
 * once; a secret removed from the credential is accepted for at most a minute.
 */
const KEEP_MS = 60_000;
const REREAD_AFTER_MS = 10_000;

const kept = new Map<string, { secret: string; readAt: number }>();

async function read(context: IWebhookFunctions): Promise<string> {
	const credentials = await context.getCredentials('omiseApi');
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

function credentialId(context: IWebhookFunctions): string | undefined {
	const id = context.getNode().credentials?.omiseApi?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The signing secret ('' when the credential has none). */
export async function signingSecret(context: IWebhookFunctions): Promise<string> {
	const id = credentialId(context);
	const now = Date.now();
	const entry = id === undefined ? undefined : kept.get(id);
	if (entry && now - entry.readAt < KEEP_MS) return entry.secret;
	const secret = await read(context);
	if (id !== undefined) kept.set(id, { secret, readAt: now });
	return secret;
}

/** The secret read again after a signature did not match; undefined when it was read too recently to have changed. */
export async function rereadSigningSecret(context: IWebhookFunctions): Promise<string | undefined> {
	const id = credentialId(context);
	const entry = id === undefined ? undefined : kept.get(id);
	if (!entry || Date.now() - entry.readAt < REREAD_AFTER_MS) return undefined;
	const secret = await read(context);
	kept.set(id as string, { secret, readAt: Date.now() });
	return secret === entry.secret ? undefined : secret;
}
