import type { IExecuteSingleFunctions } from 'n8n-workflow';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_IN_FLIGHT = 5;
export const MAX_IN_FLIGHT = 10;

/** How the node's settings and Request Options shape one try of the node. */
export interface Settings {
	stopOnError: boolean;
	/** Requests at once: Batching → Items per Batch (default 5, at most 10 as Omise advises). */
	inFlight: number;
	/** Batching → Batch Interval (ms): a new batch at most this often. */
	interval: number;
	/** Request Options → Timeout (ms) of each request. */
	timeout: number;
	/** How many rows n8n builds in this try; undefined when n8n's data does not say. */
	rows: number | undefined;
}

/**
 * The rows n8n's RoutingNode builds: one per item of its main input (an AI
 * agent's tool call arrives on ai_tool), only the first with Execute Once
 * (n8n-core's WorkflowExecute.handleExecuteOnce). Both facts are pinned in
 * test/n8n-contract.test.ts; sendRow also fails loudly if more rows arrive.
 */
export function rowsToBuild(context: IExecuteSingleFunctions): number | undefined {
	const data = context.getExecuteData()?.data;
	const rows = (data?.main ?? data?.ai_tool)?.[0]?.length;
	if (rows === undefined) return undefined;
	return context.getNode().executeOnce === true ? Math.min(rows, 1) : rows;
}

export function readSettings(context: IExecuteSingleFunctions): Settings {
	const options = context.getNodeParameter('requestOptions', {}) as {
		batching?: { batch?: { batchSize?: number; batchInterval?: number } };
		timeout?: number;
	};
	const batch = options.batching?.batch;
	const size = Number(batch?.batchSize);
	return {
		stopOnError: !context.continueOnFail(),
		inFlight: size > 0 ? Math.min(Math.floor(size), MAX_IN_FLIGHT) : DEFAULT_IN_FLIGHT,
		interval: batch && Number(batch.batchInterval) > 0 ? Number(batch.batchInterval) : 0,
		timeout: Number(options.timeout) > 0 ? Number(options.timeout) : DEFAULT_TIMEOUT_MS,
		rows: rowsToBuild(context),
	};
}
