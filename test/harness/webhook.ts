// Serves the built Omise Trigger on a real node:http server, the way n8n's
// live webhook server (n8n 2.x live-webhooks.ts + webhook-helpers.ts) does:
//   - each request builds the Workflow again with the static data as stored
//     (n8n reads it from its database for every request);
//   - the request goes into n8n-core's WebhookContext as an express-like
//     request (body, rawBody, headers, query, params) and the node's webhook()
//     runs against it;
//   - responseMode and responseData come from the node's webhook description,
//     evaluated by n8n-workflow's expression code as n8n evaluates them;
//   - n8n's answers: {} → 200 "Webhook call received" (or the node's
//     webhookResponse); a started run with responseMode onReceived → 200 with
//     responseData's body (empty string: {"message":"Workflow was started"})
//     once the run has started; lastNode → after the run, 500 "Error in
//     workflow" when it failed, else the body responseData names ("noData":
//     none); a thrown error → 500;
//   - static data is stored when n8n stores it: when the answer is produced
//     (for lastNode, after the run) and never after a thrown error;
//   - a started run continues through WorkflowExecute in mode 'webhook'.
// (n8n's body parser answers 422 for malformed JSON sent as application/json
// before any node runs; here the node sees the bytes, as for other types.)
import type { Logger as LoggerClass } from '@n8n/backend-common';
import type { Container as ContainerInstance } from '@n8n/di';
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

import { additionalDataFor, engine, runWorkflow, TRIGGER_TYPE } from './n8n';

export interface TriggerCall {
	status: number;
	/** What the HTTP client received (empty when it went away before the answer). */
	responseBody: string;
	/** What webhook() returned (undefined when it threw). */
	result: IWebhookResponseData | undefined;
	error: Error | undefined;
	/** The trigger's output items when it started the workflow. */
	items: INodeExecutionData[] | undefined;
	/** The finished run (trigger + downstream nodes) when the workflow started. */
	run: IRun | undefined;
}

/**
 * A workflow's static data as n8n's database holds it (JSON), and the
 * workflow's id. Two servers given the same StoredWorkflow are two triggers
 * of one workflow.
 */
export class StoredWorkflow {
	private json = '{}';

	saves = 0;

	constructor(readonly id: string) {}

	/** A fresh copy, as n8n reads it for each request. */
	load(): IDataObject {
		return JSON.parse(this.json) as IDataObject;
	}

	/** n8n's WorkflowStaticDataService.saveStaticData: stores the object only if it was changed. */
	saveIfChanged(workflow: Workflow): void {
		if ((workflow.staticData as IDataObject).__dataChanged !== true) return;
		this.json = JSON.stringify(workflow.staticData);
		(workflow.staticData as IDataObject).__dataChanged = false;
		this.saves += 1;
	}

	/** Puts static data into the "database", e.g. what an earlier n8n process stored. */
	seed(staticData: IDataObject): this {
		this.json = JSON.stringify(staticData);
		return this;
	}

	/** What is stored, e.g. `stored().global.omiseRuns`. */
	stored(): IDataObject {
		return this.load();
	}
}

let workflowCounter = 0;

export function newStoredWorkflow(): StoredWorkflow {
	workflowCounter += 1;
	return new StoredWorkflow(`wf-omise-trigger-${workflowCounter}`);
}

export interface TriggerServerOptions {
	parameters: INode['parameters'];
	credentials: ICredentialDataDecryptedObject;
	/** Nodes after the trigger; connect them with `connections` (trigger name: "Omise Trigger"). */
	downstream?: INode[];
	connections?: IWorkflowBase['connections'];
	/** The workflow this trigger belongs to (default: a new one). */
	workflow?: StoredWorkflow;
	/** 'manual' serves the editor's Test URL; default 'webhook' (the Production URL). */
	mode?: Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;
}

export interface TriggerServer {
	url: string;
	node: INode;
	workflow: StoredWorkflow;
	calls: TriggerCall[];
	/** Resolves when every request so far has been answered and its run has finished. */
	idle(): Promise<void>;
	close(): Promise<void>;
}

export const TRIGGER_NAME = 'Omise Trigger';

let counter = 0;

export function triggerNode(parameters: INode['parameters']): INode {
	counter += 1;
	return {
		id: `omise-trigger-${counter}`,
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: `webhook-${counter}`,
		// one credential per trigger: n8n tells credentials apart by id
		credentials: { omiseApi: { id: `omise-credential-${counter}`, name: 'Omise test' } },
	};
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The parts of an express request n8n's webhook server provides. */
function expressRequest(req: IncomingMessage, rawBody: Buffer) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	let body: unknown = {};
	if (String(req.headers['content-type']).startsWith('application/json') && rawBody.length > 0) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = {};
		}
	}
	return Object.assign(req, {
		body,
		rawBody,
		query: Object.fromEntries(url.searchParams),
		params: {},
		header: (name: string) => req.headers[name.toLowerCase()],
	});
}

/** The parts of an express response webhook nodes use. */
function expressResponse(res: ServerResponse) {
	const shim = Object.assign(res, {
		status(code: number) {
			res.statusCode = code;
			return shim;
		},
		json(value: unknown) {
			if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(value));
			return shim;
		},
		send(value: unknown) {
			if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return shim.json(value);
			res.end(value as string | Buffer | undefined);
			return shim;
		},
	});
	return shim;
}

/** n8n's extractWebhookOnReceivedResponse. */
function onReceivedBody(responseData: unknown, result: IWebhookResponseData): unknown {
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	if (result.webhookResponse !== undefined) return result.webhookResponse;
	return { message: 'Workflow was started' };
}

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const { loader, nodeTypes } = await engine();
	const node = triggerNode(options.parameters);
	const nodes = [node, ...(options.downstream ?? [])];
	const stored = options.workflow ?? newStoredWorkflow();
	const mode = options.mode ?? 'webhook';
	const nodeType = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
	const webhookDescription = (nodeType.description.webhooks as IWebhookDescription[])[0];
	const credentials = { omiseApi: options.credentials };
	const connections = options.connections ?? {};
	const workflowData = { id: stored.id, name: 'trigger workflow', nodes, connections } as IWorkflowBase;

	const calls: TriggerCall[] = [];
	const pending = new Set<Promise<void>>();
	let executions = 0;

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const rawBody = await readRaw(req);
		const request = expressRequest(req, rawBody);
		const response = expressResponse(res);
		let responseBody = '';
		const end = res.end.bind(res);
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) responseBody += chunk.toString();
			return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as ServerResponse['end'];

		const workflow = new Workflow({
			id: stored.id,
			name: workflowData.name,
			nodes,
			connections,
			active: true,
			nodeTypes,
			staticData: stored.load(),
			settings: {},
		});
		const startNode = workflow.getNode(node.name) as INode;
		executions += 1;
		const executionId = `webhook-exec-${executions}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const additionalData = {
			...additionalDataFor(loader, credentials, hooks, executionId),
			httpRequest: request,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/webhook`,
			workflowId: stored.id,
			webhookDescription,
		} as unknown as IWebhookData;
		const responseMode = workflow.expression.getSimpleParameterValue(startNode, webhookDescription.responseMode, mode, {}, undefined, 'onReceived');
		const responseData = workflow.expression.getComplexParameterValue(startNode, webhookDescription.responseData, mode, {}, undefined, 'firstEntryJson');
		const context = new WebhookContext(workflow, startNode, additionalData, mode, webhookData, [], null);

		const call: TriggerCall = { status: 0, responseBody: '', result: undefined, error: undefined, items: undefined, run: undefined };
		calls.push(call);
		// Like n8n, this answers even when the client has gone away (the answer then goes nowhere).
		const reply = (status: number, body: unknown) => {
			if (res.writableEnded) return;
			if (body === undefined) response.status(status).end();
			else response.status(status).json(body);
		};
		try {
			call.result = await nodeType.webhook!.call(context);
		} catch (error) {
			call.error = error as Error;
			reply(500, { code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		const result = call.result;
		const started = result?.workflowData;
		if (result && !started) {
			stored.saveIfChanged(workflow);
			if (!result.noWebhookResponse) reply(200, result.webhookResponse ?? { message: 'Webhook call received' });
		}
		if (started) {
			call.items = started[0];
			const run = runWorkflow({ nodes, connections, start: { node, items: started[0] }, credentials, mode });
			if (responseMode === 'lastNode') {
				call.run = await run;
				stored.saveIfChanged(workflow);
				if (call.run.data.resultData.error) reply(500, { message: 'Error in workflow' });
				else if (responseData === 'noData') reply(200, undefined);
				else throw new Error(`this harness answers lastNode runs only with responseData "noData", not ${JSON.stringify(responseData)}`);
			} else {
				stored.saveIfChanged(workflow);
				if (!result.noWebhookResponse) reply(200, onReceivedBody(responseData, result));
				call.run = await run;
			}
		}
		if (!res.writableEnded) end();
		call.status = res.statusCode;
		call.responseBody = responseBody;
	}

	const server: Server = createServer((req, res) => {
		const task = handle(req, res)
			.catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500);
				res.end(String(error.message));
			})
			.finally(() => pending.delete(task));
		pending.add(task);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}/webhook/${node.webhookId}/webhook`,
		node,
		workflow: stored,
		calls,
		async idle() {
			while (pending.size > 0) await Promise.allSettled([...pending]);
		},
		async close() {
			while (pending.size > 0) await Promise.allSettled([...pending]);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata: IDataObject | undefined;
}

/**
 * Replaces n8n's logger (what `this.logger` returns in a node) with one that
 * records every line. Call the returned restore() when done.
 */
export function captureLogs(): { lines: LogLine[]; restore(): void } {
	// n8n-core ships its own copies of @n8n/di and @n8n/backend-common: use those.
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as { Container: typeof ContainerInstance };
	const { Logger } = fromCore('@n8n/backend-common') as { Logger: typeof LoggerClass };
	const previous = Container.get(Logger);
	const lines: LogLine[] = [];
	const record = (level: LogLine['level']) => (message: string, metadata?: IDataObject) => {
		lines.push({ level, message, metadata });
	};
	const recorder = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => recorder,
	};
	Container.set(Logger, recorder as unknown as LoggerClass);
	return { lines, restore: () => Container.set(Logger, previous) };
}
