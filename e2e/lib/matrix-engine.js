'use strict';
/*
 * n8n's engine, taken from an installed n8n (its n8n-core, n8n-workflow and
 * n8n-nodes-base), with this package loaded as n8n loads a community package:
 * package.json and dist/ copied into a node_modules folder of their own, read
 * by that n8n-core's PackageDirectoryLoader, their `require('n8n-workflow')`
 * resolved to n8n's copy through NODE_PATH (as n8n's CLI does). Workflows run
 * through WorkflowExecute, like test/harness/n8n.ts, plus what the matrix needs
 * from n8n's CLI: credentials, and Execute Workflow's sub-workflows.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LOOPBACK_ADDITIONAL_DATA, runExecutionDataStartingAt } = require('../../test/harness/engine-run-data');
const Module = require('node:module');

const REPO = path.resolve(__dirname, '..', '..');

/** Reads an n8n install: { dir, version, major, n8nDir }. */
function describeInstall(dir) {
	const n8nDir = path.join(dir, 'node_modules', 'n8n');
	const pkgFile = path.join(n8nDir, 'package.json');
	if (!fs.existsSync(pkgFile)) throw new Error(`no n8n in ${dir} (expected ${pkgFile})`);
	const { version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	return { dir, n8nDir, version, major: Number(version.split('.')[0]) };
}

function newestFile(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
	}
	return newest;
}

/** The files the package's `n8n` block lists that are missing under `root`. */
function missingFiles(root) {
	const { n8n = {} } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	return [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])].filter((file) => !fs.existsSync(path.join(root, file)));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * package.json and dist/ of the package at `packageRoot` (default: this
 * repository), copied where n8n would have installed them. A build running
 * meanwhile (dist/ missing or changing) is waited for, up to 5 minutes.
 */
async function stagePackage(packageRoot = REPO) {
	const dist = path.join(packageRoot, 'dist');
	const deadline = Date.now() + 5 * 60_000;
	let said = false;
	for (;;) {
		const complete = fs.existsSync(dist) && missingFiles(packageRoot).length === 0;
		const quiet = complete && Date.now() - newestFile(dist) > 5000;
		if (quiet) {
			const root = fs.mkdtempSync(path.join(os.tmpdir(), 'omise-matrix-'));
			const target = path.join(root, 'node_modules', 'n8n-nodes-omise');
			fs.mkdirSync(target, { recursive: true });
			fs.copyFileSync(path.join(packageRoot, 'package.json'), path.join(target, 'package.json'));
			const built = newestFile(dist);
			fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
			if (missingFiles(target).length === 0 && newestFile(dist) === built) return { root, target, built: new Date(built), from: packageRoot };
			fs.rmSync(root, { recursive: true, force: true });
		}
		if (Date.now() > deadline) {
			throw new Error(`${dist} is not a complete, settled build (${complete ? 'still changing' : `missing: ${fs.existsSync(dist) ? missingFiles(packageRoot).join(', ') : 'dist/'}`}): run \`npm run build\``);
		}
		if (!said) console.log(`waiting for a complete build in ${dist} (a build may be running)…`);
		said = true;
		await sleep(2000);
	}
}

/**
 * Loads n8n from `installDir`. Env for n8n-core is set before it is required
 * (as test/harness/env.ts does). Returns an engine: { version, run(...) , ... }.
 */
async function loadEngine(installDir, { packageRoot } = {}) {
	const install = describeInstall(installDir);
	const userFolder = process.env.N8N_USER_FOLDER ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'omise-matrix-user-'));
	if (userFolder) process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY ??= 'matrix-encryption-key';
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
	if (install.major === 1) process.env.N8N_EXPRESSION_ENGINE ??= 'legacy';
	// As n8n's CLI does: community packages resolve n8n's own modules through NODE_PATH.
	const nodePath = [path.join(install.n8nDir, 'node_modules'), path.join(installDir, 'node_modules')];
	process.env.NODE_PATH = [...nodePath, ...(process.env.NODE_PATH ? [process.env.NODE_PATH] : [])].join(path.delimiter);
	Module._initPaths();

	const fromN8n = Module.createRequire(path.join(install.n8nDir, 'package.json'));
	const core = fromN8n('n8n-core');
	const workflowLib = fromN8n('n8n-workflow');
	const nodesBaseDir = path.dirname(fromN8n.resolve('n8n-nodes-base/package.json'));

	const staged = await stagePackage(packageRoot);
	const stagedWorkflow = Module.createRequire(path.join(staged.target, 'dist', 'x.js')).resolve('n8n-workflow');
	if (stagedWorkflow !== fromN8n.resolve('n8n-workflow')) {
		throw new Error(`the staged package would load another n8n-workflow: ${stagedWorkflow}`);
	}
	const omiseLoader = new core.PackageDirectoryLoader(staged.target);
	await omiseLoader.loadAll();
	const baseLoader = new core.LazyPackageDirectoryLoader(nodesBaseDir);
	await baseLoader.loadAll();

	const nodeTypes = {
		getByName(type) {
			const [pkg, name] = type.split('.');
			if (pkg === 'n8n-nodes-omise') return omiseLoader.getNode(name).type;
			if (pkg === 'n8n-nodes-base') return baseLoader.getNode(name).type;
			throw new Error(`unknown node type ${type}`);
		},
		getByNameAndVersion(type, version) {
			return workflowLib.NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		},
		getKnownTypes() {
			return {};
		},
	};

	/** Credentials as n8n's CLI resolves them (the credential type's authenticate). */
	class CredentialsHelper extends workflowLib.ICredentialsHelper {
		constructor(data) {
			super();
			this.data = data;
		}
		credentialType(type) {
			return omiseLoader.getCredential(type).type;
		}
		getParentTypes() {
			return [];
		}
		isCredentialUsableByNode() {
			return true;
		}
		async authenticate(credentials, typeName, requestOptions, workflow, node) {
			const authenticate = this.credentialType(typeName).authenticate;
			if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
			if (authenticate?.type !== 'generic') return requestOptions;
			for (const [target, values] of Object.entries(authenticate.properties)) {
				for (const [key, raw] of Object.entries(values)) {
					const value = workflow.expression.getSimpleParameterValue(node, raw, 'internal', { $credentials: credentials }, undefined, '');
					requestOptions[target] = { ...(requestOptions[target] ?? {}), [key]: value };
				}
			}
			return requestOptions;
		}
		async preAuthentication() {
			return undefined;
		}
		async runPreAuthentication() {
			return undefined;
		}
		async getCredentials() {
			throw new Error('getCredentials is not used by the matrix');
		}
		async getDecrypted(_additionalData, _nodeCredentials, type) {
			const found = this.data[type];
			if (!found) throw new Error(`no matrix credential of type ${type}`);
			return { ...found };
		}
		async updateCredentials() {}
		async updateCredentialsOauthTokenData() {}
		getCredentialsProperties(type) {
			return this.credentialType(type).properties;
		}
	}

	let executions = 0;
	const runData = new Map();

	function workflowOf(data) {
		return new workflowLib.Workflow({
			id: data.id ?? 'matrix',
			name: data.name ?? 'matrix',
			nodes: data.nodes,
			connections: data.connections ?? {},
			active: false,
			settings: data.settings ?? {},
			nodeTypes,
		});
	}

	/** Runs a workflow from `start` with `items`; resolves with its IRun. `onSubRun` sees each sub-workflow's IRun. */
	async function execute({ workflowData, start, items, credentials, mode = 'manual', onSubRun }) {
		const workflow = workflowOf(workflowData);
		executions += 1;
		const executionId = `matrix-${executions}`;
		const base = {
			id: workflow.id,
			name: workflow.name,
			active: false,
			nodes: workflowData.nodes,
			connections: workflowData.connections ?? {},
			settings: workflowData.settings ?? {},
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
			activeVersionId: null,
		};
		const hooks = new core.ExecutionLifecycleHooks(mode, executionId, base);
		const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
		const additionalData = {
			hooks,
			credentialsHelper: new CredentialsHelper(credentials),
			executionId,
			...LOOPBACK_ADDITIONAL_DATA,
			userId: 'matrix-user',
			// Execute Workflow (source: parameter) → n8n's CLI runs the sub-workflow from its
			// trigger with the items, mode "integrated", and answers the last node's output or
			// throws the sub-run's error (workflow-execute-additional-data.ts, kept small).
			async executeWorkflow(workflowInfo, _additional, options) {
				const sub = workflowInfo.code;
				if (!sub) throw new Error('the matrix runs only inline sub-workflows (source: parameter)');
				const trigger = sub.nodes.find((n) => n.type === 'n8n-nodes-base.executeWorkflowTrigger');
				const subRun = await execute({
					workflowData: { ...sub, id: sub.id ?? workflow.id },
					start: trigger,
					items: options.inputData ?? [{ json: {} }],
					credentials,
					mode: 'integrated',
					onSubRun,
				});
				onSubRun?.(subRun);
				const subId = subRun.executionId;
				if (subRun.finished === true || subRun.status === 'waiting') {
					const { runData: data, lastNodeExecuted } = subRun.data.resultData;
					const last = lastNodeExecuted ? data[lastNodeExecuted]?.[data[lastNodeExecuted].length - 1] : undefined;
					return { executionId: subId, data: last?.data?.main ?? [null], waitTill: subRun.waitTill };
				}
				// n8n's objectToError: the run's error (a plain copy) made an error of the sub-workflow's node again.
				const error = subRun.data.resultData.error;
				if (error instanceof Error) throw error;
				if (!error || typeof error.message !== 'string') throw new Error('An error occurred');
				const failedNode = error.node?.name ? workflowOf(sub).getNode(error.node.name) : null;
				const rebuilt = failedNode ? new workflowLib.NodeOperationError(failedNode, error, error) : new Error(error.message);
				for (const field of ['description', 'stack']) if (error[field]) rebuilt[field] = error[field];
				Object.assign(rebuilt, { executionId: subId, workflowId: sub.id ?? workflow.id });
				throw rebuilt;
			},
			async getRunExecutionData(id) {
				return runData.get(id)?.data;
			},
		};
		const runExecutionData = runExecutionDataStartingAt(start, items);
		const execution = new core.WorkflowExecute(additionalData, mode, runExecutionData);
		await execution.processRunExecutionData(workflow);
		const run = await finished;
		run.executionId = executionId;
		runData.set(executionId, run);
		return run;
	}

	function nodeVersion(type) {
		const nodeType = nodeTypes.getByName(type);
		const description = nodeType.description;
		const version = description.defaultVersion ?? nodeType.currentVersion ?? description.version;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	function hasVersion(type, version) {
		const nodeType = nodeTypes.getByName(type);
		if (nodeType.nodeVersions) return version in nodeType.nodeVersions;
		const v = nodeType.description.version;
		return Array.isArray(v) ? v.includes(version) : v === version;
	}

	return {
		install,
		staged,
		core,
		workflowLib,
		nodeTypes,
		execute,
		nodeVersion,
		hasVersion,
		cleanup: () => {
			fs.rmSync(staged.root, { recursive: true, force: true });
			if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

module.exports = { loadEngine, describeInstall, REPO };
