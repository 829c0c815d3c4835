import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeProperties, IVersionedNodeType } from 'n8n-workflow';

import { loadPackage, nodeTypeOf, PACKAGE_ROOT } from './harness/n8n';

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe('the package as n8n sees it', () => {
	test('package.json follows n8n community package rules', () => {
		expect(manifest.name).toBe('n8n-nodes-omise');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		expect(manifest.n8n.credentials).toEqual(['dist/credentials/OmiseApi.credentials.js']);
		expect(manifest.n8n.nodes).toContain('dist/nodes/Omise/Omise.node.js');
	});

	test('PackageDirectoryLoader loads every node and the credential from dist/', async () => {
		const loader = await loadPackage();
		expect(manifest.n8n.nodes).toEqual([
			'dist/nodes/Omise/Omise.node.js',
			'dist/nodes/OmiseTrigger/OmiseTrigger.node.js',
			'dist/nodes/OmisePollTrigger/OmisePollTrigger.node.js',
		]);
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(['omise', 'omisePollTrigger', 'omiseTrigger']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['omiseApi']);
		// the Omise node: one node type per version (n8n's VersionedNodeType), version 2 for new nodes
		const omise = loader.getNode('omise').type as IVersionedNodeType;
		expect([Object.keys(omise.nodeVersions), omise.description.defaultVersion, omise.description.usableAsTool]).toEqual([['1', '2'], 2, true]);
		for (const version of [1, 2]) {
			const { description } = await nodeTypeOf('omise', version);
			expect([description.version, description.usableAsTool, description.credentials?.map((credential) => credential.name)]).toEqual([version, true, ['omiseApi']]);
		}
	});

	test('the User-Agent version is the package version', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const constants = require(join(PACKAGE_ROOT, 'dist', 'nodes', 'shared', 'constants.js'));
		expect(constants.PACKAGE_VERSION).toBe(manifest.version);
	});

	test('the package is in English: no Thai, Japanese or Chinese script in node or credential code (n8n\'s verification guidelines)', () => {
		const offenders: string[] = [];
		for (const file of [...sourceFiles(join(PACKAGE_ROOT, 'nodes')), ...sourceFiles(join(PACKAGE_ROOT, 'credentials'))]) {
			readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
				if (/[\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF\uFF00-\uFFEF]/u.test(line)) offenders.push(`${relative(PACKAGE_ROOT, file)}:${index + 1}: ${line.trim().slice(0, 80)}`);
			});
		}
		expect(offenders).toEqual([]);
	});

	test('node and credential code imports only n8n-workflow, node:crypto and its own files', () => {
		const offenders: string[] = [];
		for (const file of [...sourceFiles(join(PACKAGE_ROOT, 'nodes')), ...sourceFiles(join(PACKAGE_ROOT, 'credentials'))]) {
			const source = readFileSync(file, 'utf8');
			const imports = [...source.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm), ...source.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)];
			for (const match of imports) {
				const target = match[1];
				if (!['n8n-workflow', 'node:crypto'].includes(target) && !target.startsWith('.')) {
					offenders.push(`${relative(PACKAGE_ROOT, file)} imports ${target}`);
				}
			}
		}
		expect(offenders).toEqual([]);
	});

	test('repository, homepage and bugs point at the same GitHub repository (npm provenance checks repository.url)', () => {
		const match = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(manifest.repository?.url ?? '');
		expect(match).not.toBeNull();
		const repository = `https://github.com/${match![1]}`;
		expect(manifest.homepage).toBe(`${repository}#readme`);
		expect(manifest.bugs).toEqual({ url: `${repository}/issues` });
		expect(manifest.author).toEqual({ name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+$/) });
	});

	// What n8n loads (the compiled nodes and credential, their codex .json and
	// icons), README.md and LICENSE (npm always adds a root README*, LICENSE*
	// and package.json, whatever `files` says). No source maps, .d.ts,
	// dist/package.json or index.js. Only the English README: n8n's verification
	// guidelines ask for English only in the package, so the Thai and Japanese
	// guides live in docs/i18n/, where `files` leaves them out.
	test('npm pack ships only dist JS/JSON/SVG, README.md, LICENSE and package.json', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
		const [{ files }] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const paths = files.map((file) => file.path);
		const kind = (path: string): string => {
			if (path === 'package.json' || path === 'LICENSE') return path;
			if (path === 'README.md') return 'README';
			const dist = /^dist\/(?:nodes|credentials)\/.+\.(js|json|svg)$/.exec(path);
			if (dist) return `dist ${dist[1]}`;
			return path;
		};
		expect([...new Set(paths.map(kind))].sort()).toEqual(['LICENSE', 'README', 'dist js', 'dist json', 'dist svg', 'package.json']);
		expect(paths.filter((path) => /readme/i.test(path))).toEqual(['README.md']);
		expect(paths.filter((path) => path.endsWith('.md'))).toEqual(['README.md']);
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(paths).toContain(entry);
		// the only JSON in dist/ is each node's codex file
		expect(paths.filter((path) => path.startsWith('dist/') && path.endsWith('.json')).sort()).toEqual([
			'dist/nodes/Omise/Omise.node.json',
			'dist/nodes/OmisePollTrigger/OmisePollTrigger.node.json',
			'dist/nodes/OmiseTrigger/OmiseTrigger.node.json',
		]);
		expect(paths).toEqual(expect.arrayContaining(['dist/nodes/Omise/omise.svg', 'dist/nodes/Omise/omise.dark.svg']));
		expect(paths.some((path) => path.endsWith('.test.js') || path.startsWith('dist/test'))).toBe(false);
	});
});

test('the packed tarball, unpacked, is a package n8n loads', async () => {
	// unpacked under the project so that `n8n-workflow` resolves from its node_modules, as from n8n's
	const target = join(PACKAGE_ROOT, 'build', 'pack-test');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', target], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
	const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
	execFileSync('tar', ['-xzf', join(target, filename), '-C', target]);
	const loader = new PackageDirectoryLoader(join(target, 'package'));
	await loader.loadAll();
	expect(loader.packageName).toBe('n8n-nodes-omise');
	expect(Object.keys(loader.credentialTypes)).toEqual(['omiseApi']);
	expect(Object.keys(loader.nodeTypes)).toContain('omise');
	expect(loader.getNode('omise').type.description.displayName).toBe('Omise');
});

describe('public parameter names (saved workflows depend on them)', () => {
	const contract: Record<string, string[]> = {
		link: ['linkId', 'amount', 'currency', 'title', 'description', 'multiple', 'returnAll', 'limit', 'updateFields', 'filters', 'query', 'searchFilters', 'amountUnit'],
		charge: ['chargeId', 'amount', 'currency', 'paymentMethod', 'card', 'customer', 'source', 'additionalFields', 'captureAmount', 'returnAll', 'limit', 'updateFields', 'filters', 'query', 'searchFilters'],
		refund: ['chargeId', 'refundId', 'amount', 'refundsOf', 'returnAll', 'limit', 'query', 'searchFilters'],
		event: ['eventId', 'returnAll', 'limit', 'filters'],
		customer: ['customerId', 'cardId', 'email', 'description', 'card', 'metadata', 'updateFields', 'returnAll', 'limit', 'filters', 'query', 'searchFilters'],
		schedule: [
			'scheduleId', 'customer', 'card', 'amount', 'amountUnit', 'currency', 'description', 'every', 'period', 'weekdays', 'monthlyOn', 'daysOfMonth', 'weekdayOfMonth', 'startDate', 'endDate',
			'returnAll', 'limit', 'filters', 'scheduleKind', 'scheduleRecipient',
		],
		transaction: ['transactionId', 'returnAll', 'limit', 'filters', 'simplify'],
		receipt: ['receiptId', 'returnAll', 'limit', 'filters', 'simplify'],
		dispute: ['disputeId', 'documentId', 'status', 'updateFields', 'binaryPropertyName', 'additionalFields', 'returnAll', 'limit', 'filters', 'query', 'searchFilters', 'simplify'],
		recipient: [
			'recipientId', 'recipientName', 'recipientType', 'description', 'email', 'taxId', 'bankCountry', 'bankBrand', 'bankCode', 'branchCode', 'accountType', 'accountNumber', 'accountName',
			'metadata', 'updateFields', 'idempotencyKey', 'returnAll', 'limit', 'filters', 'query', 'searchFilters', 'simplify',
		],
		transfer: ['transferId', 'amount', 'amountUnit', 'recipient', 'failFast', 'metadata', 'idempotencyKey', 'updateFields', 'returnAll', 'limit', 'filters', 'query', 'searchFilters', 'simplify'],
	};
	const operations: Record<string, string[]> = {
		link: ['create', 'delete', 'get', 'getAll', 'getCharges', 'search', 'update'],
		charge: ['capture', 'create', 'createPromptPayQr', 'expire', 'get', 'getAll', 'markAsFailed', 'markAsPaid', 'reverse', 'search', 'update'],
		refund: ['create', 'get', 'getAll', 'search'],
		event: ['get', 'getAll'],
		customer: ['create', 'delete', 'deleteCard', 'get', 'getAll', 'getCard', 'getCards', 'getSchedules', 'search', 'update', 'updateCard'],
		schedule: ['create', 'createTransferSchedule', 'delete', 'get', 'getAll', 'getOccurrences'],
		transaction: ['get', 'getAll'],
		receipt: ['get', 'getAll'],
		dispute: ['accept', 'deleteDocument', 'get', 'getAll', 'getDocument', 'getDocuments', 'search', 'update', 'uploadDocument'],
		recipient: ['create', 'delete', 'get', 'getAll', 'search', 'update', 'verify'],
		transfer: ['create', 'delete', 'get', 'getAll', 'markAsPaid', 'markAsSent', 'search', 'update'],
	};

	// Version 2 renames the card token fields (common/versions.ts); everything else keeps its name.
	const version2: Record<string, string[]> = {
		...contract,
		charge: [...contract.charge, 'cardToken'],
		customer: contract.customer.map((name) => (name === 'card' ? 'cardToken' : name)),
	};
	test.each(Object.keys(contract).flatMap((resource) => [[resource, 1], [resource, 2]] as const))('resource %s keeps its operations and parameter names in version %i', async (resource, version) => {
		const properties = (await nodeTypeOf('omise', version)).description.properties as unknown as Array<{
			name: string;
			displayOptions?: { show?: { resource?: string[] } };
			options?: Array<{ value?: string; name: string }>;
		}>;
		const forResource = properties.filter((property) => property.displayOptions?.show?.resource?.includes(resource));
		const operation = forResource.find((property) => property.name === 'operation');
		expect(operation?.options?.map((option) => option.value).sort()).toEqual(operations[resource]);
		const names = forResource.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining((version === 1 ? contract : version2)[resource]));
		if (version === 1) expect(names).not.toContain('cardToken');
		const resourceOptions = properties.find((property) => property.name === 'resource')?.options?.map((option) => option.value);
		expect(resourceOptions).toContain(resource);
	});

	test('filters keep from, to and order; update fields keep description and metadata', async () => {
		const properties = (await nodeTypeOf('omise', 1)).description.properties as unknown as Array<{ name: string; options?: Array<{ name: string }> }>;
		const filters = properties.find((property) => property.name === 'filters');
		expect(filters?.options?.map((option) => option.name)).toEqual(['from', 'to', 'order']);
		const updateFields = properties.find((property) => property.name === 'updateFields' && JSON.stringify(property).includes('"resource":["charge"]'));
		expect(updateFields?.options?.map((option) => option.name)).toEqual(['description', 'metadata']);
	});
});

describe('version 1 of the Omise node stays as it was (saved workflows run it)', () => {
	// test/fixtures/omise-node-v1-properties.json: the node's properties as built at d2345b3, the
	// last commit before version 2 (as JSON: the routing functions of the operations are not in it).
	const frozen = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'omise-node-v1-properties.json'), 'utf8')) as INodeProperties[];
	async function version1(): Promise<INodeProperties[]> {
		return JSON.parse(JSON.stringify((await nodeTypeOf('omise', 1)).description.properties)) as INodeProperties[];
	}
	const shownFor = (properties: INodeProperties[], resource: string, operation: string) =>
		properties
			.filter((property) => {
				const show = property.displayOptions?.show ?? {};
				return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
			})
			.map((property) => JSON.stringify(property));

	test('every property of version 1 is still there, unchanged (names, types, defaults, options, display rules, texts)', async () => {
		const now = new Set((await version1()).map((property) => JSON.stringify(property)));
		expect(frozen.filter((property) => !now.has(JSON.stringify(property))).map((property) => property.name)).toEqual([]);
	});

	test('every operation of version 1 shows the same fields in the same order', async () => {
		// (properties added since, such as n8n's own Request Options, are left out of the comparison)
		const known = new Set(frozen.map((property) => JSON.stringify(property)));
		const now = (await version1()).filter((property) => known.has(JSON.stringify(property)));
		const operations = frozen.filter((property) => property.name === 'operation').flatMap((property) => (property.options as Array<{ value: string }>).map(({ value }) => [(property.displayOptions?.show?.resource as string[])[0], value]));
		expect(operations).toHaveLength(72);
		const differ = operations.filter(([resource, operation]) => JSON.stringify(shownFor(now, resource, operation)) !== JSON.stringify(shownFor(frozen, resource, operation)));
		expect(differ).toEqual([]);
	});
});

test('no file in the repository holds a merge-conflict marker', () => {
	const files = execFileSync('git', ['ls-files', '-z'], { cwd: PACKAGE_ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((file) => /\.(ts|js|mjs|json|md|yml|csv|sh)$/.test(file) && file !== 'package-lock.json')
		.filter((file) => existsSync(join(PACKAGE_ROOT, file))); // tracked but deleted in the working tree
	const marked = files.filter((file) => /^(<{7}|>{7}) /m.test(readFileSync(join(PACKAGE_ROOT, file), 'utf8')));
	expect(marked).toEqual([]);
});
