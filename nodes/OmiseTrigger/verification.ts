import { createHmac, timingSafeEqual } from 'node:crypto';

// Node's HTTP server lower-cases header names.
export const SIGNATURE_HEADER = 'omise-signature';
export const TIMESTAMP_HEADER = 'omise-signature-timestamp';

/** `keyMismatch`: the signing secret may have changed since it was read (the signature does not match, or it is unusable). */
export type VerificationResult = { ok: true } | { ok: false; reason: string; keyMismatch?: boolean };

export interface SignatureInput {
	/** The exact bytes Omise sent: the body must not be re-serialised before checking. */
	rawBody: Buffer;
	signature: string | string[] | undefined;
	timestamp: string | string[] | undefined;
	/** The signing secret as the Omise dashboard shows it (base64). */
	secret: string;
	toleranceSeconds: number;
	nowSeconds: number;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function headerValue(value: string | string[] | undefined): string {
	return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
}

/**
 * Omise signs each delivery: Omise-Signature is the hex HMAC-SHA256 of
 * "<Omise-Signature-Timestamp>.<raw body>", keyed with the base64-decoded
 * signing secret. While a secret is being rolled the header holds two
 * comma-separated signatures (old and new secret); either one may match.
 * Failure reasons never contain the secret or the expected signature.
 */
export function verifySignature(input: SignatureInput): VerificationResult {
	const signature = headerValue(input.signature);
	const timestamp = headerValue(input.timestamp);
	if (!signature) return { ok: false, reason: 'Missing Omise-Signature header' };
	if (!timestamp) return { ok: false, reason: 'Missing Omise-Signature-Timestamp header' };
	if (!/^\d{1,12}$/.test(timestamp)) {
		return { ok: false, reason: 'Omise-Signature-Timestamp is not a Unix time in seconds' };
	}

	const age = input.nowSeconds - Number(timestamp);
	if (Math.abs(age) > input.toleranceSeconds) {
		return {
			ok: false,
			reason: `Omise-Signature-Timestamp is ${Math.abs(age)} seconds ${age > 0 ? 'old' : 'in the future'}, outside the tolerance of ${input.toleranceSeconds} seconds (a replayed delivery, or a wrong server clock)`,
		};
	}

	const secret = input.secret.trim();
	const key = BASE64.test(secret) ? Buffer.from(secret, 'base64') : Buffer.alloc(0);
	if (key.length === 0) {
		return {
			ok: false,
			keyMismatch: true,
			reason: 'The Webhook Signing Secret in the Omise credential is not valid base64: copy it again from the Omise dashboard (Webhooks)',
		};
	}

	const expected = createHmac('sha256', key).update(`${timestamp}.`).update(input.rawBody).digest();
	const matches = signature
		.split(',')
		.map((candidate) => candidate.trim())
		.filter((candidate) => HEX_SHA256.test(candidate))
		.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
	if (!matches) {
		return {
			ok: false,
			keyMismatch: true,
			reason: 'Omise-Signature does not match the request body: the body was changed on the way, or the Webhook Signing Secret in the credential is not the one shown in the Omise dashboard for this mode (test and live have different secrets)',
		};
	}
	return { ok: true };
}
