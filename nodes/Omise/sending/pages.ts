import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import { answerOf } from './failures';
import type { Run } from './run';
import { notesOf } from './steps';

const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

export type SendResult = { items: INodeExecutionData[]; error?: undefined } | { error: Error };

/** Sends once, and again after Retry-After while Omise answers 429 (it did not process the request); bounded tries and wait. */
export async function sendWithRateLimitRetries(context: IExecutePaginationFunctions, run: Run, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<SendResult> {
	let waited = 0;
	for (let retry = 0; ; retry += 1) {
		await run.waitWhilePaused();
		const result = await context.makeRoutingRequest(requestData).then(
			(items): SendResult => ({ items }),
			(error: Error): SendResult => ({ error }),
		);
		const answer = answerOf(result.error);
		if (!result.error || answer?.status !== 429) return result;
		const wait = answer.retryAfterMs ?? 1000 * 2 ** retry;
		if (retry >= MAX_RATE_LIMIT_RETRIES || waited + wait > MAX_RATE_LIMIT_WAIT_MS) {
			(result.error as Error & { description?: string }).description =
				`Omise kept limiting the request rate after ${retry + 1} tries over ${Math.round(waited / 1000)} s. Nothing was created for this row; it is safe to send it again later, with a smaller Request Options → Batching → Items per Batch.`;
			return result;
		}
		waited += wait;
		run.pause(wait);
	}
}

/** A list operation with Return All: pages of 100 (by offset, or numbered for a search) until a short page. */
export async function sendAllPages(context: IExecutePaginationFunctions, run: Run, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<SendResult> {
	const qs = (requestData.options.qs ??= {});
	const [sizeName, positionName, first, step] = notesOf(requestData.options).numberedPages ? ['per_page', 'page', 1, 1] : ['limit', 'offset', 0, MAX_PAGE_SIZE];
	qs[sizeName] = MAX_PAGE_SIZE;
	qs[positionName] = first;
	const items: INodeExecutionData[] = [];
	for (;;) {
		const page = await sendWithRateLimitRetries(context, run, requestData);
		if (page.error) return page;
		items.push(...page.items);
		if (page.items.length < MAX_PAGE_SIZE) return { items };
		qs[positionName] = Number(qs[positionName]) + step;
	}
}
