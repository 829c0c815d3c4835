// The credential "Test" button, as n8n's CredentialsTester runs a declarative
// credential test: a temporary one-property node whose routing.request is the
// credential's `test.request`, run by n8n-core's RoutingNode; a failure is
// matched against the credential's `rules`.
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	INode,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { additionalDataFor, engine } from './n8n';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const { loader } = await engine();
	const testRequest = loader.getCredential('omiseApi').type.test;
	if (!testRequest) throw new Error('omiseApi has no test request');
	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'omiseApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: testRequest.request } }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => tempType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(tempType),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { omiseApi: { id: 'cred-test', name: 'Omise test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', { nodes: [node], connections: {} } as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(loader, { omiseApi: data }, hooks, 'credential-test');
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	const credentialsDecrypted = { id: 'cred-test', name: 'Omise test', type: 'omiseApi', data };
	try {
		await new RoutingNode(context, tempType, credentialsDecrypted).runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && status === rule.properties.value) {
				return { status: 'Error', message: String(rule.properties.message) };
			}
		}
		return { status: 'Error', message: status ? `Received HTTP status code: ${status}` : String((error as Error).message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
