import type { IDataObject } from 'n8n-workflow';

import { OMISE_DASHBOARD_URL } from './editorText';

// Checks of values that reach any of the nodes: from an expression, from
// Omise's answers, from a webhook delivery.

/** A JSON object: not null, not a list. */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one rule for an Omise ID, wherever one is typed or received: the kind's
 * prefix, `_`, then 1 to 100 letters, digits or `_` (chrg_test_5xuy4w91xqz7d1w9u0t,
 * evnt_5xuy4w91xqz7d1w9u0t). Nothing else is sent to Omise, nor put in a URL.
 */
const OMISE_ID = /^([a-z]+)_[A-Za-z0-9_]{1,100}$/;

/** Whether `value` is an Omise ID: of the kind `prefix` (chrg, evnt, tokn, …) when given, of any kind otherwise. */
export function isOmiseId(value: unknown, prefix?: string): boolean {
	const match = typeof value === 'string' ? OMISE_ID.exec(value) : null;
	return match !== null && (prefix === undefined || match[1] === prefix);
}

/**
 * The ID in an Omise dashboard URL (https://dashboard.omise.co/test/charges/chrg_test_…, also under
 * /v2/, with any query or page after it): the last path segment that is an ID of the kind `prefix`,
 * else the last that is any Omise ID (so that the kind check can name it); undefined when none.
 */
export function idInDashboardUrl(url: string, prefix: string): string | undefined {
	let segments: string[];
	try {
		const parsed = new URL(url.trim());
		if (parsed.protocol !== 'https:' || parsed.hostname !== new URL(OMISE_DASHBOARD_URL).hostname) return undefined;
		segments = parsed.pathname.split('/').map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined;
	}
	const ids = segments.filter((segment) => isOmiseId(segment));
	return ids.filter((segment) => isOmiseId(segment, prefix)).pop() ?? ids.pop();
}
