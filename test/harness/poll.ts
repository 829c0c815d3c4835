// Runs the built Omise Poll Trigger the way an active n8n workflow does
// (n8n 2.x classic polling, which is the default; 1.x is the same):
//   - activation creates one Workflow object that lives as long as the
//     workflow is active, so node static data (the poll's cursor) stays in
//     memory between polls;
//   - n8n-core's own PollTriggerExecutor runs each poll with a PollContext;
//     the poll at activation is the "testing" one, then each scheduled poll;
//   - every emit starts a run through WorkflowExecute in mode 'trigger', and n8n
//     stores the static data at each emit and after activation;
//   - "Fetch Test Event" in the editor runs the workflow in mode 'manual' from
//     the poll node, and WorkflowExecute calls poll() for the node's output.
import type { Container as ContainerInstance } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext, PollTriggerExecutor } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createRequire } from 'node:module';

import { additionalDataFor, engine, outputOf, runWorkflow } from './n8n';
import { newStoredWorkflow, type StoredWorkflow } from './webhook';

export const POLL_TRIGGER_TYPE = 'n8n-nodes-omise.omisePollTrigger';
export const POLL_TRIGGER_NAME = 'Omise Poll Trigger';

export interface PollTriggerOptions {
	parameters: INode['parameters'];
	credentials: ICredentialDataDecryptedObject;
	downstream?: INode[];
	connections?: IWorkflowBase['connections'];
	/** The workflow this trigger belongs to (default: a new one); share it with a webhook trigger's server. */
	workflow?: StoredWorkflow;
}

export interface PollResult {
	/** One entry per run the poll started: the trigger's items. */
	emitted: INodeExecutionData[][];
	/** The finished runs, in the order they were started. */
	runs: IRun[];
	/** What the poll threw (n8n reports it as a failed execution). */
	error: Error | undefined;
}

export interface PollTrigger {
	node: INode;
	workflow: StoredWorkflow;
	/** The poll n8n runs when the workflow is activated (or n8n starts with it active). */
	activate(): Promise<PollResult>;
	/** A scheduled poll. */
	poll(): Promise<PollResult>;
	/** "Fetch Test Event": the node's output, or the run's error. */
	fetchTestEvent(): Promise<{ items: INodeExecutionData[]; error: Error | undefined }>;
}

let counter = 0;

export async function startPollTrigger(options: PollTriggerOptions): Promise<PollTrigger> {
	const { loader, nodeTypes } = await engine();
	counter += 1;
	const node: INode = {
		id: `omise-poll-trigger-${counter}`,
		name: POLL_TRIGGER_NAME,
		type: POLL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...options.parameters },
		credentials: { omiseApi: { id: 'cred-1', name: 'Omise test' } },
	};
	const nodes = [node, ...(options.downstream ?? [])];
	const connections = options.connections ?? {};
	const stored = options.workflow ?? newStoredWorkflow();
	const credentials = { omiseApi: options.credentials };
	const workflowData = { id: stored.id, name: 'poll workflow', nodes, connections } as IWorkflowBase;
	// Activation: one Workflow for as long as the workflow is active.
	const workflow = new Workflow({ id: stored.id, name: workflowData.name, nodes, connections, active: true, nodeTypes, staticData: stored.load(), settings: {} });
	const activeNode = workflow.getNode(node.name) as INode;
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as { Container: typeof ContainerInstance };
	const executor = Container.get(PollTriggerExecutor);
	let polls = 0;

	async function runPoll(testingTrigger: boolean): Promise<PollResult> {
		polls += 1;
		const result: PollResult = { emitted: [], runs: [], error: undefined };
		const started: Array<Promise<IRun>> = [];
		const hooks = new ExecutionLifecycleHooks('trigger', `poll-${polls}`, workflowData);
		const additionalData = additionalDataFor(loader, credentials, hooks, `poll-${polls}`) as IWorkflowExecuteAdditionalData;
		const emit = (data: INodeExecutionData[][]) => {
			stored.saveIfChanged(workflow);
			result.emitted.push(data[0]);
			started.push(runWorkflow({ nodes, connections, start: { node, items: data[0] }, credentials, mode: 'trigger' }));
		};
		const emitError = (error: Error) => {
			result.error = error;
		};
		const context = new PollContext(workflow, activeNode, additionalData, 'trigger', 'activate', emit, emitError);
		try {
			await executor.create(workflow, activeNode, context, () => true)(testingTrigger);
		} catch (error) {
			// the activation poll throws instead of reporting (n8n then refuses to activate)
			result.error = error as Error;
		}
		if (testingTrigger && !result.error) stored.saveIfChanged(workflow);
		result.runs = await Promise.all(started);
		return result;
	}

	return {
		node,
		workflow: stored,
		activate: async () => await runPoll(true),
		poll: async () => await runPoll(false),
		async fetchTestEvent() {
			const run = await runWorkflow({ nodes: [node], start: { node, items: [] }, credentials, mode: 'manual' });
			return { items: outputOf(run, node.name), error: run.data.resultData.error as Error | undefined };
		},
	};
}
