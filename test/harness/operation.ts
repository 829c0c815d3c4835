// One helper for "run this operation through n8n-core against the sandbox and
// give me the requests and the items". It builds on n8n.ts (the built package
// run by n8n-core's WorkflowExecute, nothing mocked) and sandbox.ts.
//
//   const omise = useSandbox();   // started in beforeAll, closed in afterAll, requests and faults cleared in beforeEach
//   const { items, error, requests } = await omise.run({ resource: 'refund', operation: 'create', chargeId, amount: 100 });
//   expect(requests).toEqual([sent('GET', `/charges/${chargeId}`), sent('POST', `/charges/${chargeId}/refunds`, { ... })]);
import type { ICredentialDataDecryptedObject, INode, INodeExecutionData, IWorkflowBase, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { runOmiseNode, type NodeRunResult } from './n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, startSandbox, summarize, type Sandbox, type SandboxRequest } from './sandbox';
import type { SandboxOptions } from '../../sandbox/server';

/** A request as summarize() shows it. */
export type SentRequest = ReturnType<typeof summarize>;

export interface RunOptions {
	/** The items the node is given (one empty item by default). */
	items?: INodeExecutionData[];
	/** Node settings (onError, retryOnFail, type, …). */
	node?: Partial<INode>;
	/** Workflow settings (timezone, …). */
	settings?: IWorkflowBase['settings'];
	/** Overrides of the credential's data (secretKey, …). */
	credentials?: ICredentialDataDecryptedObject;
	/** What n8n gives the run (e.g. its executionId: an AI agent's tool calls share their execution's). */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export interface OperationResult extends NodeRunResult {
	/** The API requests this run sent that reached the sandbox, as summarize() gives them. */
	requests: SentRequest[];
}

/** The authorization header of a request made with the test secret key. */
export const AUTH = basicAuth(KEYS.testSecretKey);

/** What a test expects of one request: the test key's Basic authorization, no query and no body unless given. */
export function sent(method: string, path: string, body?: unknown, query: Record<string, string> = {}): SentRequest {
	return { method, path, query, body, authorization: AUTH };
}

/** A sandbox and the Omise node run against it. */
export class OmiseSandbox {
	private current: Sandbox | undefined;

	constructor(private readonly options: SandboxOptions = {}) {}

	async start(options: SandboxOptions = this.options): Promise<this> {
		this.current = await startSandbox(options);
		return this;
	}

	async close(): Promise<void> {
		await this.current?.close();
		this.current = undefined;
	}

	/** Closes the sandbox and starts a new one (e.g. with latency). */
	async restart(options: SandboxOptions = this.options): Promise<this> {
		await this.close();
		return await this.start(options);
	}

	/** The sandbox itself: its store, faults, maxInFlight, … */
	get sandbox(): Sandbox {
		if (!this.current) throw new Error('the sandbox is not started: call useSandbox() at the top of the file or of a describe');
		return this.current;
	}

	get url(): string {
		return this.sandbox.url;
	}

	/** The raw requests that reached the sandbox since it was last cleared (headers, status, timings). */
	get raw(): SandboxRequest[] {
		return this.sandbox.requests;
	}

	/** The requests since it was last cleared, as summarize() gives them. */
	get requests(): SentRequest[] {
		return this.sandbox.requests.map(summarize);
	}

	get store(): Sandbox['store'] {
		return this.sandbox.store;
	}

	get faults(): Sandbox['faults'] {
		return this.sandbox.faults;
	}

	/** The most requests the sandbox had in flight at once. */
	get maxInFlight(): number {
		return this.sandbox.maxInFlight;
	}

	clear(): void {
		this.sandbox.clearRequests();
	}

	credentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
		return credentialsFor(this.sandbox, overrides);
	}

	/** Runs one Omise node with these parameters through n8n-core's WorkflowExecute. */
	async run(parameters: Record<string, unknown>, options: RunOptions = {}): Promise<OperationResult> {
		const before = this.sandbox.requests.length;
		const result = await runOmiseNode(parameters as INode['parameters'], this.credentials(options.credentials), {
			items: options.items,
			node: options.node,
			settings: options.settings,
			additionalData: options.additionalData,
		});
		return { ...result, requests: this.sandbox.requests.slice(before).map(summarize) };
	}

	/** Calls the sandbox API directly to make a fixture, then clears the requests, so the test sees only its own. */
	async call(method: string, path: string, body?: unknown, secretKey?: string): Promise<Record<string, unknown>> {
		const json = await callSandbox(this.sandbox, method, path, body, secretKey);
		this.sandbox.clearRequests();
		return json;
	}

	/** Pays a payment link as its customer would (the sandbox's control route), then clears the requests. */
	async payLink(linkId: string): Promise<Response> {
		const response = await fetch(`${this.sandbox.url}/__sandbox/links/${linkId}/pay`, { method: 'POST' });
		this.sandbox.clearRequests();
		return response;
	}
}

/**
 * A sandbox for the tests of this file (or of the describe it is called in):
 * started in beforeAll (or beforeEach with `each: true`), closed after, its
 * requests and faults cleared before every test.
 */
export function useSandbox(options: SandboxOptions = {}, { each = false }: { each?: boolean } = {}): OmiseSandbox {
	const omise = new OmiseSandbox(options);
	if (each) {
		beforeEach(async () => await omise.start());
		afterEach(async () => await omise.close());
	} else {
		beforeAll(async () => await omise.start());
		afterAll(async () => await omise.close());
		beforeEach(() => {
			omise.clear();
			omise.faults.set([]);
		});
	}
	return omise;
}

/** A sandbox of the test's own (e.g. filled with hundreds of objects), closed when `body` ends. */
export async function withSandbox<T>(body: (omise: OmiseSandbox) => Promise<T>, options: SandboxOptions = {}): Promise<T> {
	const omise = await new OmiseSandbox(options).start();
	try {
		return await body(omise);
	} finally {
		await omise.close();
	}
}
