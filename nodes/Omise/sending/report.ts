import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Attempt } from './attempt';
import { describeMarker } from './marker';
import type { Run, SentCreate } from './run';

// What the node says about rows it cannot report as done: a create whose
// outcome is unknown, and, with On Error = Stop, everything the run had done.

/** Where to look for a create that may exist, in words a merchant can act on. */
function whatToLookFor(sent: SentCreate): string {
	const since = new Date(sent.sentAt).toISOString();
	const candidates =
		sent.candidates && sent.candidates.length > 0
			? ` Candidates that match but could not be told apart from another row's or someone else's: ${sent.candidates.join(', ')}.`
			: '';
	const where = sent.marker
		? `a ${sent.objectName} whose ${describeMarker(sent.marker)} (the Omise dashboard's search, or this node's Search with that value as Query, finds it): only that one is this row's`
		: `a ${sent.objectName} with this row's values created since about ${since}`;
	return `Sent at ${since}. Look for ${where}.${candidates}`;
}

/** The same, in one sentence for the error's message. */
function lookFor(sent: SentCreate): string {
	if (sent.candidates && sent.candidates.length > 0) return `Candidates: ${sent.candidates.join(', ')}.`;
	if (sent.marker) return `Search Omise for ${describeMarker(sent.marker)} before creating it again.`;
	return `Look for it (created since ${new Date(sent.sentAt).toISOString()}) before creating it again.`;
}

export function outcomeUnknownError(context: IExecuteSingleFunctions, sent: SentCreate): Error {
	const found =
		sent.candidates && sent.candidates.length > 0
			? `${sent.candidates.length} matching ${sent.objectName}(s) could not be told apart`
			: sent.lookupFailed
				? `Omise could not be asked whether it exists (the look-up failed too)`
				: `no ${sent.objectName} of this row was found`;
	return new NodeOperationError(
		context.getNode(),
		// What to look for is in the message too: on the error output, and to an AI agent, n8n passes the message alone.
		`Outcome unknown: Omise may or may not have created this ${sent.objectName}. The answer to the create request was lost (${sent.why}), and ${found}. ${lookFor(sent)}`,
		{
			itemIndex: context.getItemIndex(),
			description: `${whatToLookFor(sent)} Do not create it again before you have looked: Omise has no idempotency key, so creating it again could make a second one.`,
		},
	);
}

/**
 * The error a stopped run reports: the first failure, with what had been done,
 * what may have been done, and what was not sent. Every stopped row throws it;
 * n8n reports it once every row has settled, so the last one has the full picture.
 */
export function stopError(attempt: Attempt, run: Run): Error {
	const error = attempt.rootError as Error & { description?: string };
	const rootDescription = (attempt.rootDescription ??= error.description ?? '');
	const done = [...run.done.entries()].sort(([a], [b]) => a - b);
	const uncertain = [...run.uncertain.entries()].filter(([row]) => row !== attempt.rootRow).sort(([a], [b]) => a - b);
	const lines = [rootDescription, attempt.registered > 1 ? `This is the error of row ${attempt.rootRow + 1}.` : ''];
	if (done.length > 0) {
		lines.push(
			`Before the node stopped, ${done.length} row(s) had already been done in Omise (they are not in the output): ` +
				done.map(([row, ids]) => `row ${row + 1}: ${ids.join(', ') || 'done'}`).join('; ') +
				'.',
		);
	}
	for (const [row, sent] of uncertain) {
		lines.push(`Outcome unknown for row ${row + 1}: Omise may or may not have created its ${sent.objectName} (${sent.why}). ${whatToLookFor(sent)}`);
	}
	if (attempt.notSent.length > 0) lines.push(`${attempt.notSent.length} row(s) were not sent.`);
	error.description = lines.filter(Boolean).join('\n\n');
	return error;
}
