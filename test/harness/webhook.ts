// Serves the built Omise Trigger on a real node:http server, the way n8n's
// webhook server does: the request goes into n8n-core's WebhookContext as an
// express-like request (body, rawBody, headers, query, params), the node's
// webhook() runs against it, and when it returns workflowData the run
// continues through WorkflowExecute in mode 'webhook'. n8n's own answers are
// reproduced: {} → 200 "Webhook call received", a started workflow with
// responseMode onReceived → 200 "Workflow was started", a thrown error → 500.
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
} from 'n8n-workflow';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

import { additionalDataFor, buildWorkflow, engine, runWorkflow, TRIGGER_TYPE } from './n8n';

export interface TriggerCall {
	status: number;
	/** What the HTTP client received. */
	responseBody: string;
	/** What webhook() returned (undefined when it threw). */
	result: IWebhookResponseData | undefined;
	error: Error | undefined;
	/** The trigger's output items when it started the workflow. */
	items: INodeExecutionData[] | undefined;
	/** The finished run (trigger + downstream nodes) when the workflow started. */
	run: IRun | undefined;
}

export interface TriggerServerOptions {
	parameters: INode['parameters'];
	credentials: ICredentialDataDecryptedObject;
	/** Nodes after the trigger; connect them with `connections` (trigger name: "Omise Trigger"). */
	downstream?: INode[];
	connections?: IWorkflowBase['connections'];
}

export interface TriggerServer {
	url: string;
	node: INode;
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
		credentials: { omiseApi: { id: 'cred-1', name: 'Omise test' } },
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

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const { loader, nodeTypes } = await engine();
	const node = triggerNode(options.parameters);
	const nodes = [node, ...(options.downstream ?? [])];
	const workflow = buildWorkflow(nodeTypes, nodes, options.connections ?? {});
	const nodeType = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
	const webhookDescription = (nodeType.description.webhooks as IWebhookDescription[])[0];
	const credentials = { omiseApi: options.credentials };
	const workflowData = { id: workflow.id, name: workflow.name, nodes, connections: options.connections ?? {} } as IWorkflowBase;

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

		executions += 1;
		const executionId = `webhook-exec-${executions}`;
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, workflowData);
		const additionalData = {
			...additionalDataFor(loader, credentials, hooks, executionId),
			httpRequest: request,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/webhook`,
			workflowId: workflow.id,
			webhookDescription,
		} as unknown as IWebhookData;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);

		const call: TriggerCall = { status: 0, responseBody: '', result: undefined, error: undefined, items: undefined, run: undefined };
		calls.push(call);
		try {
			call.result = await nodeType.webhook!.call(context);
		} catch (error) {
			call.error = error as Error;
			response.status(500).json({ code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		const started = call.result?.workflowData;
		if (call.result && !call.result.noWebhookResponse) {
			response.status(200).json({ message: started ? 'Workflow was started' : 'Webhook call received' });
		}
		if (!res.writableEnded) end();
		call.status = res.statusCode;
		call.responseBody = responseBody;

		if (started) {
			call.items = started[0];
			call.run = await runWorkflow({
				nodes,
				connections: options.connections,
				start: { node, items: started[0] },
				credentials,
				mode: 'webhook',
			});
		}
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
