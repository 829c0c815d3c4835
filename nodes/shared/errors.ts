import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isObject } from './values';

// Reading Omise's error object, for every node: the Omise node turns it into
// its error, the triggers into their answer or log line.

interface OmiseErrorBody {
	object?: string;
	code?: string;
	message?: string;
	location?: string;
}

function parseBody(body: unknown): OmiseErrorBody | undefined {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return isObject(body) && !Buffer.isBuffer(body) ? (body as OmiseErrorBody) : undefined;
}

/** Every answer of Omise's API is a JSON object that names its kind (`object`: charge, list, event, error, …). */
export function isOmiseObject(body: unknown): boolean {
	return isObject(body) && !Buffer.isBuffer(body) && typeof body.object === 'string';
}

/** The start of an answer that is not Omise's, readable and without anything that looks like a key. */
export function preview(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
	const clean = text.replace(/\s+/g, ' ').trim().replace(/\b([sp]key_|Basic\s+)\S+/gi, '$1…');
	if (clean === '') return 'an empty body';
	return `"${clean.length > 120 ? `${clean.slice(0, 120)}…` : clean}"`;
}

/** Omise's `code` and `message` of an error response, with fallbacks for a body that is not Omise's. */
export function omiseErrorOf(response: IN8nHttpFullResponse): { code: string; message: string; location?: string } {
	const body = parseBody(response.body);
	return {
		code: body?.code ?? `http_${response.statusCode}`,
		message: body?.message ?? (body ? `Omise answered HTTP ${response.statusCode}` : `HTTP ${response.statusCode} with something that is not Omise's JSON: ${preview(response.body)}`),
		location: body?.location,
	};
}
