// Every `hint` the editor shows stays a short inline nudge: at most 120
// characters, the limit of n8n's `hint-max-length` lint rule
// (@n8n/eslint-plugin-community-nodes), here checked on what n8n loads, so that
// hints built in helper files (which that rule, looking only at *.node.ts,
// does not see) and nested ones (collection options, fixed-collection values)
// count too. Longer text belongs in the property's `description` (its tooltip).
//
// Notices are not held to it: the rule is about `hint`, and a notice is the
// block n8n gives for guidance that needs more room (the trigger's set-up
// steps, the credential's keys notice; editor-text.test.ts checks those).
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from './harness/n8n';

const MAX_HINT_LENGTH = 120;

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

interface Found {
	/** Where the editor shows it: node or credential → property path (display name). */
	where: string;
	kind: 'hint' | 'notice';
	text: string;
}

/** Every hint and notice of a list of properties, nested ones included. */
function texts(entries: readonly Entry[] | undefined, where: string): Found[] {
	const found: Found[] = [];
	for (const entry of entries ?? []) {
		const name = 'name' in entry ? String(entry.name) : '?';
		const label = 'displayName' in entry && typeof entry.displayName === 'string' && (entry as { type?: unknown }).type !== 'notice' ? ` (${entry.displayName})` : '';
		const path = `${where}.${name}${label}`;
		const property = entry as Partial<INodeProperties>;
		if (typeof property.hint === 'string') found.push({ where: path, kind: 'hint', text: property.hint });
		if (property.type === 'notice' && typeof property.displayName === 'string') found.push({ where: path, kind: 'notice', text: property.displayName });
		if (Array.isArray(property.options)) found.push(...texts(property.options as Entry[], path));
		const values = (entry as Partial<INodePropertyCollection>).values;
		if (Array.isArray(values)) found.push(...texts(values, path));
	}
	return found;
}

async function everyText(): Promise<Found[]> {
	const loader = await loadPackage();
	const found: Found[] = [];
	for (const name of Object.keys(loader.nodeTypes).sort()) {
		// (the Omise node: every version's)
		const type = loader.getNode(name).type;
		const versions = 'nodeVersions' in type ? Object.entries(type.nodeVersions).map(([version, node]) => [`${name} v${version}`, node] as const) : [[name, type] as const];
		for (const [where, node] of versions) found.push(...texts((node.description as INodeTypeDescription).properties, where));
	}
	for (const name of Object.keys(loader.credentialTypes).sort()) {
		found.push(...texts(loader.getCredential(name).type.properties, `credential ${name}`));
	}
	return found;
}

describe('editor hints', () => {
	test(`every hint is at most ${MAX_HINT_LENGTH} characters (n8n's hint-max-length)`, async () => {
		const hints = (await everyText()).filter((found) => found.kind === 'hint');
		const tooLong = hints
			.filter((hint) => hint.text.length > MAX_HINT_LENGTH)
			.map((hint) => `${hint.where}: hint of ${hint.text.length} characters: ${hint.text}`);
		expect(tooLong).toEqual([]);
	});

	test('the walk reaches the hints and notices there are (so that the check above checks something)', async () => {
		const found = await everyText();
		const where = (kind: Found['kind']) => found.filter((text) => text.kind === kind).map((text) => text.where);
		expect(where('hint')).toEqual(
			expect.arrayContaining([expect.stringMatching(/^omise v2\.simplify /), expect.stringMatching(/^omise v1\.sourceType /)]),
		);
		expect(where('notice')).toEqual(
			expect.arrayContaining(['omise v2.amountUnitNotice', 'omiseTrigger.notice', 'omisePollTrigger.notice', 'credential omiseApi.keysNotice']),
		);
	});
});
