'use strict';
// Static check of the example workflows against a real n8n install and the
// built package: every node type and typeVersion exists, every top-level
// parameter is a property of that node, and the Omise resources/operations
// used exist. Catches examples drifting from n8n or from this package,
// including the Google Sheets variant and the AI agent (which needs an OpenAI
// key), which cannot run here. n8n's AI nodes (@n8n/n8n-nodes-langchain) and
// the Omise Tool (the Omise node as an AI-agent tool, type name + "Tool") too.
const fs = require('node:fs');
const path = require('node:path');
const { REPO } = require('./n8n');

function versionsOf(entry) {
	return Array.isArray(entry.version) ? entry.version : [entry.version];
}

function loadBaseNodes(n8nDir, pkg = 'n8n-nodes-base') {
	const file = path.join(n8nDir, 'node_modules', ...pkg.split('/'), 'dist', 'types', 'nodes.json');
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// n8n's node packages whose nodes the examples may use: the type prefix and where its node list is.
const N8N_PACKAGES = { 'n8n-nodes-base.': 'n8n-nodes-base', '@n8n/n8n-nodes-langchain.': '@n8n/n8n-nodes-langchain' };

function loadPackageNodes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const out = {};
	for (const rel of pkg.n8n.nodes) {
		const mod = require(path.join(REPO, rel));
		for (const Cls of Object.values(mod)) {
			const node = new Cls();
			// every version's description (the Omise node is a VersionedNodeType)
			const versions = node.nodeVersions ? Object.values(node.nodeVersions).map((version) => version.description) : [node.description];
			out[`n8n-nodes-omise.${node.description.name}`] = versions;
			// n8n offers a node with usableAsTool as an AI-agent tool under its name + "Tool"
			if (versions.some((description) => description.usableAsTool)) out[`n8n-nodes-omise.${node.description.name}Tool`] = versions;
		}
	}
	return out;
}

function checkExamples(workflows, n8nDir) {
	const n8nNodes = {};
	const n8nNodesOf = (prefix) => (n8nNodes[prefix] ??= loadBaseNodes(n8nDir, N8N_PACKAGES[prefix]));
	const ours = loadPackageNodes();
	const problems = [];
	let nodes = 0;
	for (const wf of workflows) {
		for (const node of wf.nodes) {
			nodes++;
			const where = `${wf.name} → "${node.name}" (${node.type} v${node.typeVersion})`;
			let properties;
			const prefix = Object.keys(N8N_PACKAGES).find((p) => node.type.startsWith(p));
			if (prefix) {
				const name = node.type.slice(prefix.length);
				const entry = n8nNodesOf(prefix).filter((e) => e.name === name).find((e) => versionsOf(e).includes(node.typeVersion));
				if (!entry) {
					problems.push(`${where}: no such node version in this n8n`);
					continue;
				}
				properties = entry.properties;
			} else if (node.type.startsWith('n8n-nodes-omise.')) {
				const versions = ours[node.type];
				if (!versions) {
					problems.push(`${where}: not in the built package`);
					continue;
				}
				const description = versions.find((candidate) => versionsOf(candidate).includes(node.typeVersion));
				if (!description) {
					problems.push(`${where}: the package has versions ${versions.flatMap(versionsOf).join(', ')}`);
					continue;
				}
				// n8n adds Request Options to declarative nodes and Poll Times to polling nodes
				properties = [...description.properties, { name: 'requestOptions' }, ...(description.polling ? [{ name: 'pollTimes' }] : [])];
				for (const key of ['resource', 'operation']) {
					if (node.parameters[key] === undefined) continue;
					const resource = node.parameters.resource;
					const candidates = description.properties.filter(
						(p) => p.name === key && p.options && (key === 'resource' || !p.displayOptions?.show?.resource || p.displayOptions.show.resource.includes(resource)),
					);
					const values = candidates.flatMap((p) => p.options.map((o) => o.value));
					if (!values.includes(node.parameters[key])) problems.push(`${where}: ${key} "${node.parameters[key]}" not offered (${values.join(', ')})`);
				}
			} else {
				problems.push(`${where}: unexpected node package`);
				continue;
			}
			const names = new Set(properties.map((p) => p.name));
			for (const key of Object.keys(node.parameters)) {
				if (!names.has(key)) problems.push(`${where}: unknown parameter "${key}"`);
			}
		}
	}
	return { problems, nodes };
}

module.exports = { checkExamples };
