// The Omise node as an AI-agent tool ("Omise Tool"): what it sends, and which
// fields n8n's editor lets the model define.
import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { NODE_TYPE, nodeTypeOf, toolVariant } from './harness/n8n';
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

	/** The regular node's and the tool's descriptions, of version 1 and of version 2 (the tool of a new node). */
	async function descriptions(): Promise<Array<{ regular: INodeTypeDescription; tool: INodeTypeDescription }>> {
		const versions = [await nodeTypeOf('omise', 1), await nodeTypeOf('omise', 2)];
		return versions.map((node) => ({ regular: node.description, tool: toolVariant(node).description }));
	}

	test('every free-text field of the tool offers "Let the model define this parameter" (n8n\'s editor rule), in versions 1 and 2', async () => {
		for (const { tool } of await descriptions()) expectEveryFieldDefinable(tool);
	});

	function expectEveryFieldDefinable(tool: INodeTypeDescription) {
		// (Request Options is n8n's own, added to every declarative node.)
		const fields = tool.properties.filter((property) => property.name !== 'requestOptions' && canAppear(property, tool)).flatMap((property) => fieldsOf(property, `parameters.${property.name}`));
		// (toolDescription is what the model is told about the tool, as n8n's own is: not for the model to set.)
		const freeText = fields.filter(([, parameter]) => !['options', 'notice'].includes(parameter.type) && !['resource', 'operation', 'toolDescription'].includes(parameter.name));
		expect(freeText.map(([path]) => path)).toEqual(expect.arrayContaining(['parameters.descriptionText', 'parameters.title', 'parameters.amount', 'parameters.currency', 'parameters.metadata.metadataValues[0].value', 'parameters.additionalFields.description', 'parameters.updateFields.description']));
		expect(freeText.filter(([path, parameter]) => !canBeContentOverride(path, parameter)).map(([path]) => path)).toEqual([]);
		expect(fields.map(([path]) => path)).not.toContain('parameters.description');
	}

	test('the regular node keeps its Description as `description` (saved workflows), without the tool\'s, in versions 1 and 2', async () => {
		for (const { regular, tool } of await descriptions()) expectDescriptionNames(regular, tool);
	});

	function expectDescriptionNames(regular: INodeTypeDescription, tool: INodeTypeDescription) {
		const named = (description: INodeTypeDescription, name: string) => description.properties.filter((property) => property.name === name && canAppear(property, description));
		expect([named(regular, 'description').length, named(regular, 'descriptionText').length]).toEqual([1, 0]);
		expect([named(tool, 'description').length, named(tool, 'descriptionText').length]).toEqual([0, 1]);
		// without the tool's name, n8n's editor would offer no button for it
		expect(canBeContentOverride('parameters.description', named(regular, 'description')[0])).toBe(false);
	}
});

describe('what the model is told (the Omise Tool’s Description)', () => {
	const descriptionOf = async () => toolVariant(await nodeTypeOf('omise')).description;

	/** The tool description n8n gives the model for a tool node of this operation, as n8n-workflow computes it. */
	async function told(resource: string, operation: string): Promise<string> {
		const description = await descriptionOf();
		const node = { id: 't', name: 'Omise Tool', type: `${NODE_TYPE}Tool`, typeVersion: 1, position: [0, 0] as [number, number], parameters: { resource, operation } };
		const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) as INodeParameters;
		return NodeHelpers.getToolDescriptionForNode({ ...node, parameters }, { description } as INodeType);
	}

	test('Link → Create: the major unit with an example, that each call creates and how a key avoids a duplicate, what it returns', async () => {
		const text = await told('link', 'create');
		expect(text).toContain('1500.50 with currency THB is 1,500.50 baht');
		expect(text).toContain('Never multiply by 100');
		expect(text).toContain('Each call creates a new link. To avoid a duplicate, pass Idempotency Key');
		expect(text).toContain('payment_uri is the page to send the customer');
		expect(text).not.toBe('Create a payment link in Omise');
	});

	test('Charge → Create warns against download_uri; Refund → Create says a repeated call refunds again', async () => {
		expect(await told('charge', 'create')).toContain('never give the customer download_uri, which needs the secret key');
		expect(await told('refund', 'create')).toContain('Each call refunds again: pass Idempotency Key');
	});

	test('every operation has one description of its own, shown only in the tool', async () => {
		const description = await descriptionOf();
		const operations = description.properties.filter((property) => property.name === 'operation');
		for (const picker of operations) {
			const resource = picker.displayOptions?.show?.resource?.[0] as string;
			for (const option of picker.options as Array<{ value: string; action: string }>) {
				const text = await told(resource, option.value);
				expect([resource, option.value, text.length > 40, text.endsWith(' in Omise')]).toEqual([resource, option.value, true, false]);
			}
		}
		const own = await nodeTypeOf('omise');
		const regular = NodeHelpers.getNodeParameters(own.description.properties, { resource: 'link', operation: 'create' }, true, false, { type: NODE_TYPE } as never, own.description) as INodeParameters;
		expect(regular.toolDescription).toBeUndefined();
	});
});

describe('refusals as the model reads them (the message alone)', () => {
	const tool = { node: { type: `${NODE_TYPE}Tool` } };

	test('an amount Omise refuses: the message restates Omise\'s limit in the major unit beside what was asked', async () => {
		const { error } = await omise.run({ resource: 'link', operation: 'create', amount: '5', currency: 'THB', title: 'Tiny', descriptionText: 'Too little' }, tool);
		expect(error?.message).toBe(
			'Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits) (You asked for 5.00 THB; Omise\'s minimum for THB is 20.00 THB (its message counts 2000, the smallest unit).)',
		);
	});

	test('a charge Omise refuses for its currency gets the currency hint, not the amount limits', async () => {
		const refusal = JSON.stringify({ object: 'error', location: 'https://www.omise.co/api-errors#invalid-charge', code: 'invalid_charge', message: 'currency is currently not supported' });
		omise.faults.add({ kind: 'garbage', method: 'POST', path: '/charges', status: 400, body: refusal, contentType: 'application/json', times: 1 });
		const { error } = await omise.run({ resource: 'charge', operation: 'create', amount: '100', currency: 'EUR', paymentMethod: 'newSource', sourceType: 'promptpay' }, tool);
		expect(error?.message).toBe(
			'Omise error invalid_charge: currency is currently not supported (Use a currency your Omise account supports, as a 3-letter code (THB, JPY, SGD, MYR, ...).)',
		);
	});

	test('the regular node keeps the hint in the error’s description', async () => {
		const { error } = await omise.run({ resource: 'link', operation: 'create', amount: '5', currency: 'THB', title: 'Tiny', description: 'Too little' });
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(error?.description).toBe('You asked for 5.00 THB; Omise\'s minimum for THB is 20.00 THB (its message counts 2000, the smallest unit).');
	});
});
