import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/*
 * What a failed request means for its row: refused (nothing done), never sent
 * (nothing done), or sent with its answer lost (a create may exist; a read or
 * an update can simply be done again).
 */

interface Answer {
	status: number;
	retryAfterMs?: number;
	/** The body was not Omise's JSON (an HTML page from a proxy, text, nothing, a cut-off object). */
	notOmiseJson?: boolean;
}

/** Errors made from an answer that reached the node (see errors.ts `throwOnOmiseError`), with what was answered. */
const answers = new WeakMap<Error, Answer>();

export function recordAnsweredError(error: Error, answer: Answer): Error {
	answers.set(error, answer);
	return error;
}

export function answerOf(error: Error | undefined): Answer | undefined {
	return error ? answers.get(error) : undefined;
}

const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'];
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth += 1) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export type Failure =
	| { kind: 'refused'; error: Error } // Omise answered 4xx, or answered a read with something that is not its JSON
	| { kind: 'notSent'; error: Error } // the request never reached Omise
	| { kind: 'lost'; error: Error; why: string; answered: boolean }; // sent; the answer was lost, a 5xx, or not Omise's: it may have been done

export function classify(error: Error, timeout: number): Failure {
	const answer = answers.get(error);
	if (answer) {
		if (answer.status >= 500) return { kind: 'lost', error, why: `Omise answered ${error.message}`, answered: true };
		if (answer.notOmiseJson) return { kind: 'lost', error, why: error.message, answered: true };
		return { kind: 'refused', error };
	}
	const code = networkCode(error);
	if (code && NOT_SENT_CODES.includes(code)) return { kind: 'notSent', error };
	if (code && TIMEOUT_CODES.includes(code)) return { kind: 'lost', error, why: `no answer within the timeout of ${timeout / 1000} s`, answered: false };
	// (No network error codes in messages: n8n replaces a message that holds one with its own text, which invites a retry.)
	const why = code === 'ECONNRESET' || code === 'EPIPE' ? 'the connection was dropped before the answer came' : 'the connection failed before the answer came';
	return { kind: 'lost', error, why, answered: false };
}

export function notSentError(context: IExecuteSingleFunctions, failure: Failure): Error {
	return new NodeOperationError(context.getNode(), 'Could not reach Omise: the request was not sent, so nothing was done', {
		itemIndex: context.getItemIndex(),
		description: `${networkCode(failure.error) ?? failure.error.message}. Check the network and the API Base URL of the Omise credential. Sending this row again is safe.`,
	});
}

/**
 * A request that creates nothing lost its answer: say what doing it again
 * means, never "outcome unknown". Omise's own error (a 5xx) and an answer that
 * is not Omise's keep their message and code.
 */
export function lostAnswerError(context: IExecuteSingleFunctions, method: string, failure: Extract<Failure, { kind: 'lost' }>): Error {
	const again =
		method === 'GET'
			? 'A read changes nothing in Omise, so running it again is safe.'
			: method === 'DELETE'
				? 'Omise may or may not have deleted it. Deleting again is safe: if it was deleted, Omise answers that it is not found.'
				: 'Omise may or may not have done it. Get the object to see its state; doing it again is safe (Omise refuses to capture, reverse or expire a charge twice, and an update sets the same values).';
	if (answers.has(failure.error)) {
		const error = failure.error as Error & { description?: string | null };
		// (n8n fills a NodeApiError's empty description with Omise's message: not worth saying twice.)
		const own = error.description && error.description !== error.message.replace(/^Omise error \S+: /, '') ? error.description : undefined;
		error.description = [own, again].filter(Boolean).join(' ');
		return error;
	}
	return new NodeOperationError(context.getNode(), `No answer from Omise: ${failure.why}`, { itemIndex: context.getItemIndex(), description: again });
}

/**
 * n8n's RoutingNode wraps every error a row throws that is not a NodeApiError into
 * one with HTTP code "none", which the editor shows under "From Omise — Error code
 * none", as if Omise had said it. The node's own errors are thrown as a
 * NodeApiError without an HTTP code, raw messages or response data, which the
 * editor shows as the node's own error; Omise's errors keep their code.
 */
export function asNodesOwn(error: Error, node: INode): Error {
	if (!(error instanceof NodeOperationError)) return error;
	return new NodeApiError(node, {}, { message: error.message, description: error.description ?? undefined, itemIndex: error.context.itemIndex as number | undefined });
}
