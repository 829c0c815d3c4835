// The Omise node as an AI-agent tool ("Omise Tool"): what it sends, and which
// fields n8n's editor lets the model define.
import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, NODE_TYPE, toolVariant } from './harness/n8n';
import { sent, useSandbox } from './harness/operation';
import { MARK, MARK_KEY } from './harness/sandbox';

const omise = useSandbox();

describe('as an AI-agent tool', () => {
	const TOOL_TYPE = `${NODE_TYPE}Tool`;

	test('the tool sends the Description given under its tool name', async () => {
		const { error } = await omise.run(
			{ resource: 'link', operation: 'create', amount: '540.00', currency: 'THB', title: 'Latte', descriptionText: 'Chosen by the model' },
			{ node: { type: TOOL_TYPE } },
		);
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([sent('POST', '/links', { amount: 54000, currency: 'thb', title: 'Latte', description: 'Chosen by the model', multiple: false })]);
	});

	test('the regular node still reads `description`', async () => {
		await omise.run({ resource: 'customer', operation: 'create', description: 'Regular node', email: 'a@example.com' });
		expect(omise.requests[0].body).toEqual({ email: 'a@example.com', description: 'Regular node', metadata: { [MARK_KEY]: MARK } });
	});

	// n8n's editor shows "Let the model define this parameter" (a $fromAI expression) on a
	// tool's field when canBeContentOverride() allows it: packages/frontend/editor-ui/src/
	// features/ndv/parameters/utils/fromAIOverride.utils.ts. Its denied paths are those of
	// n8n 1.123 and 2.41 together (1.x also denies parameters.name).
	const PATH_DENYLIST = ['parameters.name', 'parameters.toolName', 'parameters.description', 'parameters.toolDescription'];
	const PROP_TYPE_DENYLIST = ['options', 'credentialsSelect'];
	const canBeContentOverride = (path: string, parameter: INodeProperties) =>
		!PATH_DENYLIST.includes(path) && !PROP_TYPE_DENYLIST.includes(parameter.type) && !parameter.noDataExpression;

	/** Whether a property can appear in a node of this description: its own show conditions met, except `@tool`, which the description decides. */
	function canAppear(property: INodeProperties, description: INodeTypeDescription): boolean {
		const values: INodeParameters = {};
		for (const [name, allowed] of Object.entries(property.displayOptions?.show ?? {})) {
			if (!name.startsWith('@') && !name.startsWith('/')) values[name] = (allowed as unknown[])[0] as never;
		}
		return NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description, values);
	}

	/** Every field of a property with the path the editor gives it (list entries as [0]). */
	function fieldsOf(property: INodeProperties, path: string): Array<[string, INodeProperties]> {
		if (property.type === 'collection') return (property.options as INodeProperties[]).flatMap((child) => fieldsOf(child, `${path}.${child.name}`));
		if (property.type === 'fixedCollection') {
			const list = property.typeOptions?.multipleValues ? '[0]' : '';
			return (property.options as Array<{ name: string; values: INodeProperties[] }>).flatMap((group) => group.values.flatMap((child) => fieldsOf(child, `${path}.${group.name}${list}.${child.name}`)));
		}
		return [[path, property]];
	}

	async function descriptions() {
		const node = (await loadPackage()).getNode('omise').type as INodeType;
		return { regular: node.description, tool: toolVariant(node).description };
	}

	test('every free-text field of the tool offers "Let the model define this parameter" (n8n\'s editor rule)', async () => {
		const { tool } = await descriptions();
		// (Request Options is n8n's own, added to every declarative node.)
		const fields = tool.properties.filter((property) => property.name !== 'requestOptions' && canAppear(property, tool)).flatMap((property) => fieldsOf(property, `parameters.${property.name}`));
		const freeText = fields.filter(([, parameter]) => !['options', 'notice'].includes(parameter.type) && parameter.name !== 'resource' && parameter.name !== 'operation');
		expect(freeText.map(([path]) => path)).toEqual(expect.arrayContaining(['parameters.descriptionText', 'parameters.title', 'parameters.amount', 'parameters.currency', 'parameters.metadata.metadataValues[0].value', 'parameters.additionalFields.description', 'parameters.updateFields.description']));
		expect(freeText.filter(([path, parameter]) => !canBeContentOverride(path, parameter)).map(([path]) => path)).toEqual([]);
		expect(fields.map(([path]) => path)).not.toContain('parameters.description');
	});

	test('the regular node keeps its Description as `description` (saved workflows), without the tool\'s', async () => {
		const { regular, tool } = await descriptions();
		const named = (description: INodeTypeDescription, name: string) => description.properties.filter((property) => property.name === name && canAppear(property, description));
		expect([named(regular, 'description').length, named(regular, 'descriptionText').length]).toEqual([1, 0]);
		expect([named(tool, 'description').length, named(tool, 'descriptionText').length]).toEqual([0, 1]);
		// without the tool's name, n8n's editor would offer no button for it
		expect(canBeContentOverride('parameters.description', named(regular, 'description')[0])).toBe(false);
	});
});
