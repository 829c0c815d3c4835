// The Omise side of the settings matrix of issue 17 (e2e/lib/matrix-cases.js),
// run through this harness's runWorkflow: the cases that need nothing of
// n8n-nodes-base (no Loop Over Items, no Execute Workflow). n8n's No
// Operation node ("Start", "After", "Errors" of the matrix's workflows) is
// replaced by a pass-through node type of the same behaviour, registered in
// the package loader of the test file.
import type { IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription, IRun } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { join } from 'node:path';

import { loadPackage, runWorkflow } from './n8n';
import { projectRoot } from './root';
import type { Sandbox, SandboxRequest } from './sandbox';
import { startSandbox } from './sandbox';

export interface MatrixCase {
	id: string;
	op: string;
	setting: string;
	count: number;
	layout: 'plain' | 'loop' | 'sub';
}

export interface MatrixSummary {
	requests: string[];
	nodes: Record<string, unknown[]>;
	error: { node: string | null; message: string } | null;
	subErrors?: unknown[];
}

export interface MatrixComparison {
	ok: boolean;
	verdict: string;
	deliberate: number[];
	details: string[];
}

interface BuiltWorkflow {
	nodes: INode[];
	connections: Record<string, unknown>;
	start: INode;
	items: INodeExecutionData[];
}

/** What test code uses of e2e/lib/matrix-cases.js (plain CommonJS, shared with e2e/settings-matrix.js). */
interface MatrixCases {
	SANDBOX_OPTIONS: { now: () => Date };
	DELIBERATE: Record<string, string>;
	allCases(): MatrixCase[];
	buildWorkflow(testCase: MatrixCase, side: 'omise' | 'http', env: { sandboxUrl: string; existingIds: string[]; types: { start: string; noOp: string } }): BuiltWorkflow;
	prepareSandbox(sandbox: Sandbox): Promise<string[]>;
	credentialsFor(sandbox: Sandbox): Record<string, string>;
	snapshot(sandbox: Sandbox): Set<string>;
	normalizer(sandbox: Sandbox, existingIds: string[], before: Set<string>): (value: unknown) => unknown;
	summarize(testCase: MatrixCase, runs: { run: IRun; requests: SandboxRequest[]; walk: (value: unknown) => unknown }): MatrixSummary;
	compact(summary: MatrixSummary): MatrixSummary;
	compare(testCase: MatrixCase, omise: MatrixSummary, http: MatrixSummary): MatrixComparison;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const matrix = require(join(projectRoot(), 'e2e', 'lib', 'matrix-cases.js')) as MatrixCases;

const PASS_THROUGH = 'matrixPassThrough';
export const PASS_THROUGH_TYPE = `n8n-nodes-omise.${PASS_THROUGH}`;

/** As n8n's No Operation node: its input items are its output. */
class MatrixPassThrough implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Matrix Pass-Through',
		name: PASS_THROUGH,
		group: ['transform'],
		version: 1,
		description: 'Hands its input items on, as n8n’s No Operation node',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** The cases the harness can run: those without Loop Over Items or a sub-workflow. */
export function engineCases(): MatrixCase[] {
	return matrix.allCases().filter((testCase) => testCase.layout === 'plain');
}

export interface MatrixRunner {
	sandbox: Sandbox;
	/** The Omise node's summary of a case (compacted as the recorded table is). */
	run(testCase: MatrixCase): Promise<MatrixSummary>;
	close(): Promise<void>;
}

/** A sandbox prepared as the e2e matrix prepares its own, and the pass-through node type registered. */
export async function matrixRunner(): Promise<MatrixRunner> {
	const loader = await loadPackage();
	loader.nodeTypes[PASS_THROUGH] ??= { type: new MatrixPassThrough(), sourcePath: __filename };
	const sandbox = await startSandbox(matrix.SANDBOX_OPTIONS);
	const existingIds = await matrix.prepareSandbox(sandbox);
	return {
		sandbox,
		async run(testCase) {
			const built = matrix.buildWorkflow(testCase, 'omise', {
				sandboxUrl: sandbox.url,
				existingIds,
				types: { start: PASS_THROUGH_TYPE, noOp: PASS_THROUGH_TYPE },
			});
			const before = matrix.snapshot(sandbox);
			const run = await runWorkflow({
				nodes: built.nodes,
				connections: built.connections as never,
				start: { node: built.start, items: built.items },
				credentials: { omiseApi: matrix.credentialsFor(sandbox) },
			});
			const walk = matrix.normalizer(sandbox, existingIds, before);
			return matrix.compact(matrix.summarize(testCase, { run, requests: [...sandbox.requests], walk }));
		},
		close: async () => await sandbox.close(),
	};
}
