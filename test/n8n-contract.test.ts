// The n8n contract suite (test/contract/n8n-contract.js) against this
// repository's pinned n8n-core / n8n-workflow: one test per behaviour of
// RoutingNode / WorkflowExecute that the Omise node's sending mechanism relies
// on. A failure reads "n8n contract broken: <name>: <what changed>, which the
// Omise node's sending mechanism relies on in <file/concern>".
// The same checks run against any n8n install with
//   node test/contract/n8n-contract.js <that n8n's node_modules>
import * as n8nCore from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';

interface ContractResult {
	name: string;
	ok: boolean;
	detail: string;
	notes: string[];
}

interface ContractSuite {
	runContract(modules: { n8nCore: unknown; n8nWorkflow: unknown }): Promise<ContractResult[]>;
	ASSUMPTIONS: Record<string, { name: string; where: string }>;
}

// Plain CommonJS, so that it also runs without TypeScript against other n8n installs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runContract, ASSUMPTIONS } = require('./contract/n8n-contract') as ContractSuite;

// Every check runs once, in the first test that asks (they share one HTTP server).
let results: Promise<ContractResult[]> | undefined;
const contractResults = () => (results ??= runContract({ n8nCore, n8nWorkflow }));

describe('n8n contract: behaviours of n8n-core the Omise node relies on', () => {
	for (const { name } of Object.values(ASSUMPTIONS)) {
		test(name, async () => {
			const result = (await contractResults()).find((candidate) => candidate.name === name);
			if (!result) throw new Error(`n8n contract broken: ${name}: the check did not run`);
			if (!result.ok) throw new Error(result.detail);
		}, 180_000);
	}
});
