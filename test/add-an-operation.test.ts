// What a newcomer does to add an operation: copy a neighbour's operation file,
// rename it, and register it in its resource's list. Done here on a copy of the
// sources (nothing in the repository changes), compiled with the project's own
// tsconfig, loaded as n8n loads the package, and run through n8n-core against
// the sandbox: the new operation shows in the editor's description with its
// fields, and each row's request is sent and its item paired with its row.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { projectRoot } from './harness/root';
import { basicAuth, callSandbox, credentialsFor, KEYS, startSandbox, summarize } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

jest.setTimeout(120_000);

const root = projectRoot();
const copy = mkdtempSync(join(tmpdir(), 'omise-add-operation-'));
let sandbox: Sandbox;

beforeAll(async () => {
	for (const entry of ['nodes', 'credentials', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(copy, entry), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));

	// 1. Copy the neighbour: Charge → Capture becomes Charge → Capture Again.
	const neighbour = readFileSync(join(copy, 'nodes/Omise/resources/charge/capture.ts'), 'utf8');
	const added = neighbour
		.replace("name: 'Capture',", "name: 'Capture Again',")
		.replace("value: 'capture',", "value: 'captureAgain',")
		.replace("action: 'Capture a charge',", "action: 'Capture a charge again',")
		.replace('export const capture:', 'export const captureAgain:');
	expect(added).not.toBe(neighbour);
	writeFileSync(join(copy, 'nodes/Omise/resources/charge/captureAgain.ts'), added);

	// 2. Register it in one place: its resource's list of operations.
	const indexPath = join(copy, 'nodes/Omise/resources/charge/index.ts');
	const index = readFileSync(indexPath, 'utf8')
		.replace("import { capture } from './capture';", "import { capture } from './capture';\nimport { captureAgain } from './captureAgain';")
		.replace('\t\tcapture,\n', '\t\tcapture,\n\t\tcaptureAgain,\n');
	writeFileSync(indexPath, index);

	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(copy, 'tsconfig.json')], { stdio: 'pipe' });
	for (const icon of ['omise.svg', 'omise.dark.svg']) cpSync(join(root, 'nodes/Omise', icon), join(copy, 'dist/nodes/Omise', icon));
	process.env.OMISE_PACKAGE_UNDER_TEST = copy;
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox?.close();
	delete process.env.OMISE_PACKAGE_UNDER_TEST;
	rmSync(copy, { recursive: true, force: true });
});

test('the copied operation is in the editor with its neighbour’s fields, shown for it alone', async () => {
	const { nodeTypeOf } = await import('./harness/n8n');
	const properties: INodeProperties[] = (await nodeTypeOf('omise')).description.properties;
	const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('charge'));
	expect(operation?.options).toContainEqual(expect.objectContaining({ name: 'Capture Again', value: 'captureAgain', action: 'Capture a charge again' }));
	const shownFor = (name: string) => properties.filter((property) => property.name === name && property.displayOptions?.show?.resource?.includes('charge')).flatMap((property) => property.displayOptions?.show?.operation ?? []);
	expect(shownFor('captureAmount')).toEqual(['capture', 'captureAgain']);
	expect(shownFor('chargeId')).toEqual(expect.arrayContaining(['capture', 'captureAgain', 'get']));
	expect(shownFor('simplify')).toEqual(expect.arrayContaining(['capture', 'captureAgain']));
});

test('each row is sent with its neighbour’s steps and comes out paired with its row', async () => {
	const { runOmiseNode } = await import('./harness/n8n');
	const charges = [];
	for (let i = 0; i < 3; i++) {
		charges.push(await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: `tokn_test_added${i}`, capture: false, authorization_type: 'pre_auth' }));
	}
	sandbox.clearRequests();
	const rows = charges.map((charge, i) => ({ json: { id: charge.id as string, part: 10000 * (i + 1) } }));
	const { items, error } = await runOmiseNode(
		{ resource: 'charge', operation: 'captureAgain', chargeId: '={{ $json.id }}', captureAmount: '={{ $json.part }}', simplify: true },
		credentialsFor(sandbox),
		{ items: rows },
	);
	expect(error).toBeUndefined();
	expect(sandbox.requests.map(summarize)).toEqual(
		charges.map((charge, i) => ({
			method: 'POST',
			path: `/charges/${charge.id as string}/capture`,
			query: {},
			body: { capture_amount: 10000 * (i + 1) },
			authorization: basicAuth(KEYS.testSecretKey),
		})),
	);
	expect(items.map((item) => [item.json.id, item.json.status, item.pairedItem])).toEqual(charges.map((charge, i) => [charge.id, 'successful', { item: i }]));
	// Simplify, a step of the neighbour, ran too.
	expect(Object.keys(items[0].json)).toContain('amount_major');
});
