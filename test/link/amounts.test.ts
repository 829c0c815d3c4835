// Amounts as people write them (Major Unit by default), Simplify, and the
// Omise node as an AI-agent tool.
import type { INodeExecutionData, INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, NODE_TYPE, runOmiseNode, toolVariant } from './harness/n8n';
import { basicAuth, callSandbox, credentialsFor, KEYS, MARK, MARK_KEY, startSandbox, summarize } from './harness/sandbox';
import type { Sandbox } from './harness/sandbox';

let sandbox: Sandbox;
const auth = basicAuth(KEYS.testSecretKey);

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.clearRequests();
	sandbox.faults.set([]);
});

const run = async (parameters: Record<string, unknown>, options: Parameters<typeof runOmiseNode>[2] = {}) =>
	await runOmiseNode(parameters as never, credentialsFor(sandbox), options);

const post = (path: string, body: unknown) => ({ method: 'POST', path, query: {}, body, authorization: auth });

describe('Amount Unit: Major Unit by default', () => {
	test.each([
		['1500.50', 'THB', 150050, 'thb'],
		[1500.5, 'thb', 150050, 'thb'],
		['1500', 'JPY', 1500, 'jpy'],
		[19.99, 'USD', 1999, 'usd'],
	])('Link → Create without Amount Unit: %p %s is sent as %p', async (amount, currency, wire, wireCurrency) => {
		const { items, error } = await run({ resource: 'link', operation: 'create', amount, currency, title: 'Latte', description: 'Hot latte' });
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([post('/links', { amount: wire, currency: wireCurrency, title: 'Latte', description: 'Hot latte', multiple: false })]);
		expect(items.map((item) => [item.json.amount, item.pairedItem])).toEqual([[wire, { item: 0 }]]);
	});

	test('Charge → Create without Amount Unit takes the major unit too', async () => {
		const { error } = await run({ resource: 'charge', operation: 'create', amount: '20.01', currency: 'THB', card: 'tokn_test_major1' });
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([post('/charges', { amount: 2001, currency: 'thb', card: 'tokn_test_major1', metadata: { [MARK_KEY]: MARK } })]);
	});

	test('Smallest Unit, when chosen, is sent as typed', async () => {
		const { items } = await run({ resource: 'link', operation: 'create', amount: 150050, amountUnit: 'smallest', currency: 'THB', title: 'Latte', description: 'Hot latte' });
		expect(sandbox.requests.map(summarize)).toEqual([post('/links', { amount: 150050, currency: 'thb', title: 'Latte', description: 'Hot latte', multiple: false })]);
		expect(items[0].json.amount).toBe(150050);
	});

	test('a refund without Amount Unit is in the major unit: the charge is looked up for its currency', async () => {
		const charge = await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_refund_major' });
		sandbox.clearRequests();
		const { items, error } = await run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: '150.25' });
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([
			{ method: 'GET', path: `/charges/${String(charge.id)}`, query: {}, body: undefined, authorization: auth },
			post(`/charges/${String(charge.id)}/refunds`, { amount: 15025, metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items[0].json).toMatchObject({ object: 'refund', amount: 15025 });
	});

	test.each([
		['major', '10.999', 'In Amount Unit "Major Unit", 1500.50 means 1,500.50 THB'],
		['smallest', '10.5', 'In Amount Unit "Smallest Unit", 150050 means 1,500.50 THB'],
	])('the hint of a refused amount matches the unit chosen (%s)', async (amountUnit, amount, hint) => {
		const { error } = await run({ resource: 'link', operation: 'create', amount, amountUnit, currency: 'THB', title: 'x', description: 'x' });
		expect(error?.description).toContain(hint);
		if (amountUnit === 'major') expect(error?.description).not.toContain('you type 1500.50 instead');
		expect(sandbox.requests).toEqual([]);
	});

	test.each([
		['major', '5', 'Amount here is in the major unit (Amount Unit "Major Unit"): 1000.00 means 1,000.00 THB.'],
		['smallest', '500', 'set Amount Unit to "Major Unit" to type 1000.00 instead'],
	])('the hint of Omise\'s invalid_amount matches the unit chosen (%s)', async (amountUnit, amount, hint) => {
		const { error } = await run({ resource: 'link', operation: 'create', amount, amountUnit, currency: 'THB', title: 'x', description: 'x' });
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(error?.description).toContain('2000 (thb subunits) is 20.00 THB');
		expect(error?.description).toContain(hint);
		if (amountUnit === 'major') expect(error?.description).not.toContain('to type 1000.00 instead');
	});
});

describe('Simplify', () => {
	const createLink = { resource: 'link', operation: 'create', amount: '={{ $json.price }}', currency: '={{ $json.currency }}', title: '={{ $json.title }}', description: 'Order', simplify: true };

	test('Link → Create: the payment page first, the amount as exact text in the major unit, each item paired with its row', async () => {
		const { items, error } = await run(
			{ ...createLink, metadata: { metadataValues: [{ key: 'row', value: '={{ $json.row }}' }] } },
			{ items: [{ json: { title: 'Latte', price: '1500.50', currency: 'THB', row: 2 } }, { json: { title: 'Matcha', price: '1500', currency: 'JPY', row: 3 } }] },
		);
		expect(error).toBeUndefined();
		const links = sandbox.store.all('link', false).slice(-2) as Array<{ id: string; payment_uri?: string }>;
		expect(sandbox.requests.map(summarize)).toEqual([
			post('/links', { amount: 150050, currency: 'thb', title: 'Latte', description: 'Order', multiple: false, metadata: { row: 2 } }),
			post('/links', { amount: 1500, currency: 'jpy', title: 'Matcha', description: 'Order', multiple: false, metadata: { row: 3 } }),
		]);
		expect(items.map((item) => Object.keys(item.json))).toEqual([
			['id', 'payment_uri', 'used', 'amount_major', 'currency', 'title', 'description', 'multiple', 'metadata', 'created_at', 'livemode'],
			['id', 'payment_uri', 'used', 'amount_major', 'currency', 'title', 'description', 'multiple', 'metadata', 'created_at', 'livemode'],
		]);
		expect(items).toEqual([
			{
				json: {
					id: links[0].id,
					payment_uri: expect.stringMatching(new RegExp(`^${sandbox.url}/pay/`)),
					used: false,
					amount_major: '1500.50',
					currency: 'THB',
					title: 'Latte',
					description: 'Order',
					multiple: false,
					metadata: { row: 2 },
					created_at: expect.any(String),
					livemode: false,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					id: links[1].id,
					payment_uri: expect.stringMatching(new RegExp(`^${sandbox.url}/pay/`)),
					used: false,
					amount_major: '1500',
					currency: 'JPY',
					title: 'Matcha',
					description: 'Order',
					multiple: false,
					metadata: { row: 3 },
					created_at: expect.any(String),
					livemode: false,
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	test('off by default: Omise\'s full object, as before', async () => {
		const { items } = await run({ ...createLink, simplify: undefined }, { items: [{ json: { title: 'Latte', price: '1500.50', currency: 'THB' } }] });
		expect(items[0].json).toMatchObject({ object: 'link', amount: 150050, location: expect.any(String) });
		expect(items[0].json.amount_major).toBeUndefined();
	});

	test('Link → Get Many: every link simplified, paired with the row that asked', async () => {
		const listSandbox = await startSandbox();
		try {
			for (const amount of [2000, 150050]) await callSandbox(listSandbox, 'POST', '/links', { amount, currency: 'thb', title: `Link ${amount}`, description: 'x' });
			listSandbox.clearRequests();
			const { items } = await runOmiseNode({ resource: 'link', operation: 'getAll', returnAll: true, simplify: true } as never, credentialsFor(listSandbox));
			expect(listSandbox.requests.map(summarize)).toEqual([{ method: 'GET', path: '/links', query: { limit: '100', offset: '0' }, body: undefined, authorization: auth }]);
			expect(items.map((item) => [item.json.title, item.json.amount_major, item.json.amount, item.pairedItem])).toEqual([
				['Link 2000', '20.00', undefined, { item: 0 }],
				['Link 150050', '1500.50', undefined, { item: 0 }],
			]);
		} finally {
			await listSandbox.close();
		}
	});

	test('Charge → Create with Download QR Code: the QR stays in the binary data, the charge is simplified', async () => {
		const { items, error } = await run({
			resource: 'charge',
			operation: 'create',
			amount: '1234.00',
			currency: 'THB',
			paymentMethod: 'newSource',
			sourceType: 'promptpay',
			downloadQrCode: true,
			additionalFields: { description: 'Invoice 7' },
			simplify: true,
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)[0]).toEqual(post('/charges', { amount: 123400, currency: 'thb', source: { type: 'promptpay' }, description: 'Invoice 7', metadata: { [MARK_KEY]: MARK } }));
		expect(sandbox.requests).toHaveLength(2); // the charge, then its QR image
		const [item] = items as INodeExecutionData[];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.json)).toEqual(['id', 'authorize_uri', 'status', 'paid', 'amount_major', 'currency', 'description', 'metadata', 'paid_at', 'expires_at', 'failure_code', 'failure_message', 'link', 'created_at', 'livemode']);
		expect(item.json).toMatchObject({ status: 'pending', paid: false, amount_major: '1234.00', currency: 'THB', description: 'Invoice 7', livemode: false });
		expect(item.json.id).toMatch(/^chrg_test_/);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: `${String(item.json.id)}-qrcode.png` });
	});

	test('Refund → Create: the refund simplified, its charge as an ID', async () => {
		const charge = await callSandbox(sandbox, 'POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_refund_simple' });
		sandbox.clearRequests();
		const { items } = await run({ resource: 'refund', operation: 'create', chargeId: charge.id, amount: 250, simplify: true });
		// Major Unit: the charge is looked up for its currency, then 250.00 THB is refunded as 25000 satang.
		expect(sandbox.requests.map(summarize)).toEqual([
			{ method: 'GET', path: `/charges/${String(charge.id)}`, query: {}, body: undefined, authorization: auth },
			post(`/charges/${String(charge.id)}/refunds`, { amount: 25000, metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items).toEqual([
			{
				json: { id: expect.stringMatching(/^rfnd_test_/), status: expect.any(String), amount_major: '250.00', currency: 'THB', charge: charge.id, voided: false, metadata: expect.any(Object), created_at: expect.any(String), livemode: false },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a create whose answer was lost, found afterwards, keeps its `recovered` note', async () => {
		sandbox.faults.set([{ kind: '500', path: '/links', bodyIncludes: '"Lost answer"', process: true }]);
		const { items, error } = await run({ ...createLink, title: 'Lost answer' }, { items: [{ json: { price: '99.00', currency: 'THB' } }], node: { onError: 'continueRegularOutput' } });
		expect(error).toBeUndefined();
		const [create, lookUp, ...more] = sandbox.requests.map(summarize);
		expect(create).toEqual(post('/links', { amount: 9900, currency: 'thb', title: 'Lost answer', description: 'Order', multiple: false }));
		expect(lookUp).toMatchObject({ method: 'GET', path: '/links', query: { order: 'reverse_chronological', limit: '100', offset: '0' }, authorization: auth });
		expect(more).toEqual([]);
		const lost = sandbox.store.all('link', false).filter((link) => link.title === 'Lost answer');
		expect(lost).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({ id: lost[0].id, title: 'Lost answer', amount_major: '99.00', recovered: expect.stringContaining('this link was found in Omise afterwards') });
		expect(Object.keys(items[0].json).slice(0, 2)).toEqual(['id', 'payment_uri']);
	});

});

describe('as an AI-agent tool', () => {
	const TOOL_TYPE = `${NODE_TYPE}Tool`;

	test('the tool sends the Description given under its tool name', async () => {
		const { error } = await runOmiseNode(
			{ resource: 'link', operation: 'create', amount: '540.00', currency: 'THB', title: 'Latte', descriptionText: 'Chosen by the model' } as never,
			credentialsFor(sandbox),
			{ node: { type: TOOL_TYPE } },
		);
		expect(error).toBeUndefined();
		expect(sandbox.requests.map(summarize)).toEqual([post('/links', { amount: 54000, currency: 'thb', title: 'Latte', description: 'Chosen by the model', multiple: false })]);
	});

	test('the regular node still reads `description`', async () => {
		await run({ resource: 'customer', operation: 'create', description: 'Regular node', email: 'a@example.com' });
		expect(summarize(sandbox.requests[0]).body).toEqual({ email: 'a@example.com', description: 'Regular node', metadata: { [MARK_KEY]: MARK } });
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
