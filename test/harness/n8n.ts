// Runs this package's built nodes the way n8n does: PackageDirectoryLoader
// reads the `n8n` block of package.json and loads dist/, and n8n-core's
// WorkflowExecute runs the workflow, so declarative nodes go through n8n's own
// RoutingNode and HTTP stack. Nothing of the package is mocked.
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { projectRoot } from './root';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LOOPBACK_ADDITIONAL_DATA, runExecutionDataStartingAt } = require('./engine-run-data') as {
	LOOPBACK_ADDITIONAL_DATA: Partial<IWorkflowExecuteAdditionalData>;
	runExecutionDataStartingAt(node: INode, items: INodeExecutionData[]): object;
};

export const PACKAGE_ROOT = projectRoot();
export const NODE_TYPE = 'n8n-nodes-omise.omise';
export const TRIGGER_TYPE = 'n8n-nodes-omise.omiseTrigger';

const TOOL_BASE = 'omise';

/**
 * The node as n8n's AI Agent sees it ("Omise Tool"): n8n gives a usableAsTool
 * node a copy of its description named <name>Tool (which `@tool` display
 * options test) and runs the same class. Inputs and outputs stay `main` here,
 * so that the engine runs it like any node and the tests see its requests.
 */
export function toolVariant(type: INodeType): INodeType {
	const description = { ...type.description, name: `${type.description.name}Tool`, displayName: `${type.description.displayName} Tool` };
	return Object.create(type, { description: { value: description } }) as INodeType;
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads the built package once per test file, as n8n loads a community package. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		// OMISE_PACKAGE_UNDER_TEST: another build of the package (e.g. an earlier commit's) for before/after figures.
		const loader = new PackageDirectoryLoader(process.env.OMISE_PACKAGE_UNDER_TEST ?? PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

/** One version of a node of the package (the Omise node has versions 1 and 2; the others one). */
export async function nodeTypeOf(name: string, version?: number): Promise<INodeType> {
	return NodeHelpers.getVersionedNodeType((await loadPackage()).getNode(name).type, version);
}

export class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const name = nodeType.replace(/^n8n-nodes-omise\./, '');
		if (name === `${TOOL_BASE}Tool`) return this.getByNameAndVersion(nodeType);
		return this.loader.getNode(name).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const name = nodeType.replace(/^n8n-nodes-omise\./, '');
		if (name === `${TOOL_BASE}Tool`) return toolVariant(NodeHelpers.getVersionedNodeType(this.loader.getNode(TOOL_BASE).type, version));
		return NodeHelpers.getVersionedNodeType(this.loader.getNode(name).type, version);
	}

	getKnownTypes() {
		return {};
	}
}

/** Credentials as n8n's CLI resolves them: generic `authenticate` expressions evaluated against the data. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private credentialType(type: string): ICredentialType {
		return this.loader.getCredential(type).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType(typeName).authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			for (const [key, raw] of Object.entries(values as Record<string, string>)) {
				const value = workflow.expression.getSimpleParameterValue(node, raw, 'internal', { $credentials: credentials }, undefined, '');
				options[target] = { ...(options[target] ?? {}), [key]: value as string };
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`no test credential of type ${type}`);
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}
}

export interface Engine {
	loader: PackageDirectoryLoader;
	nodeTypes: PackageNodeTypes;
}

export async function engine(): Promise<Engine> {
	const loader = await loadPackage();
	return { loader, nodeTypes: new PackageNodeTypes(loader) };
}

let executionCounter = 0;

export interface WorkflowRunOptions {
	nodes: INode[];
	connections?: IWorkflowBase['connections'];
	/** The node the run starts at, and the items it is given. */
	start: { node: INode; items: INodeExecutionData[] };
	credentials: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	settings?: IWorkflowBase['settings'];
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export function buildWorkflow(nodeTypes: INodeTypes, nodes: INode[], connections: IWorkflowBase['connections'] = {}, settings = {}) {
	return new Workflow({ id: 'wf-test', name: 'test workflow', nodes, connections, active: false, settings, nodeTypes });
}

export function additionalDataFor(
	loader: PackageDirectoryLoader,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(loader, credentials),
		executionId,
		...LOOPBACK_ADDITIONAL_DATA,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow through n8n-core's WorkflowExecute and resolves with the finished run. */
export async function runWorkflow(options: WorkflowRunOptions): Promise<IRun> {
	const { loader, nodeTypes } = await engine();
	const workflow = buildWorkflow(nodeTypes, options.nodes, options.connections, options.settings);
	executionCounter += 1;
	const executionId = `exec-${executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name as string,
		active: false,
		nodes: options.nodes,
		connections: options.connections ?? {},
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const finished = new Promise<IRun>((resolvePromise) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolvePromise(run));
	});
	const additionalData = { ...additionalDataFor(loader, options.credentials, hooks, executionId), ...options.additionalData };
	const runExecutionData = runExecutionDataStartingAt(options.start.node, options.start.items) as unknown as IRunExecutionData;
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
	await execution.processRunExecutionData(workflow);
	return await finished;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	error: (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	run: IRun;
}

export function outputOf(run: IRun, nodeName: string): INodeExecutionData[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[0] ?? []) as INodeExecutionData[];
}

let nodeCounter = 0;

export function omiseNode(parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	nodeCounter += 1;
	return {
		id: `omise-node-${nodeCounter}`,
		name: 'Omise',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { omiseApi: { id: 'cred-1', name: 'Omise test' } },
		...extra,
	};
}

/** Runs one Omise node over `items` (one empty item by default). */
export async function runOmiseNode(
	parameters: INode['parameters'],
	credentials: ICredentialDataDecryptedObject,
	options: { items?: INodeExecutionData[]; node?: Partial<INode>; settings?: IWorkflowBase['settings']; additionalData?: Partial<IWorkflowExecuteAdditionalData> } = {},
): Promise<NodeRunResult> {
	const node = omiseNode(parameters, options.node);
	const run = await runWorkflow({
		nodes: [node],
		start: { node, items: options.items ?? [{ json: {} }] },
		credentials: { omiseApi: credentials },
		settings: options.settings,
		additionalData: options.additionalData,
	});
	return { items: outputOf(run, node.name), error: run.data.resultData.error as NodeRunResult['error'], run };
}
