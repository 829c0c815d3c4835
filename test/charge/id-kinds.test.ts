// Every Omise ID a user types is checked against its kind (link_, chrg_, rfnd_,
// evnt_, cust_, card_, schd_, tokn_, src_, recp_) before anything is sent: a
// charge ID typed into Link ID is refused by the node, not sent to come back
// "not found". The last test finds every ID parameter in the node's
// description, so that a new one cannot be added without a case here.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, runOmiseNode } from '../harness/n8n';
import { credentialsFor, startSandbox } from '../harness/sandbox';
import type { Sandbox } from '../harness/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const PATH_IDS: Record<string, { label: string; prefix: string; kind: string }> = {
	linkId: { label: 'Link ID', prefix: 'link', kind: 'link' },
	chargeId: { label: 'Charge ID', prefix: 'chrg', kind: 'charge' },
	refundId: { label: 'Refund ID', prefix: 'rfnd', kind: 'refund' },
	eventId: { label: 'Event ID', prefix: 'evnt', kind: 'event' },
	customerId: { label: 'Customer ID', prefix: 'cust', kind: 'customer' },
	cardId: { label: 'Card ID', prefix: 'card', kind: 'card' },
	scheduleId: { label: 'Schedule ID', prefix: 'schd', kind: 'schedule' },
};

/** resource.operation → the ID parameters its URL holds, as the description shows them. */
async function pathIdOperations(): Promise<Map<string, string[]>> {
	const loader = await loadPackage();
	const properties = (loader.getNode('omise').type.description as INodeTypeDescription).properties;
	const operations = new Map<string, string[]>();
	for (const property of properties) {
		if (!(property.name in PATH_IDS)) continue;
		const show = property.displayOptions?.show ?? {};
		for (const resource of (show.resource ?? []) as string[]) {
			for (const operation of (show.operation ?? []) as string[]) {
				const key = `${resource}.${operation}`;
				operations.set(key, [...(operations.get(key) ?? []), property.name]);
			}
		}
	}
	return operations;
}

const amount = { amount: 5000, currency: 'THB' };
const schedule = {
	resource: 'schedule',
	operation: 'create',
	customer: 'cust_test_1',
	...amount,
	every: 1,
	period: 'month',
	daysOfMonth: '1',
	startDate: '2030-01-01T00:00:00',
	endDate: '2030-12-31',
};

/** IDs a create or update sends in the body: [resource.operation.parameter, parameters, message]. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [
	['charge.create.card', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'card', card: 'card_test_1' }, 'Card must start with tokn_; got "card_test_1"'],
	['charge.create.customer', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'customer', customer: 'chrg_test_1' }, 'Customer must start with cust_; got "chrg_test_1"'],
	[
		'charge.create.card (of the customer)',
		{ resource: 'charge', operation: 'create', ...amount, paymentMethod: 'customer', customer: 'cust_test_1', card: 'tokn_test_1' },
		'Card must start with card_; got "tokn_test_1"',
	],
	['charge.create.source', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'source', source: 'chrg_test_1' }, 'Source must start with src_; got "chrg_test_1"'],
	[
		'charge.create.additionalFields.destination',
		{ resource: 'charge', operation: 'create', ...amount, card: 'tokn_test_1', additionalFields: { destination: 'cust_test_1' } },
		'Destination must be a recipient ID starting with recp_; got "cust_test_1"',
	],
	['customer.create.card', { resource: 'customer', operation: 'create', card: 'card_test_1' }, 'Card Token must be an ID starting with tokn_; got "card_test_1"'],
	[
		'customer.update.updateFields.card',
		{ resource: 'customer', operation: 'update', customerId: 'cust_test_1', updateFields: { card: 'card_test_1' } },
		'Card Token must be an ID starting with tokn_; got "card_test_1"',
	],
	[
		'customer.update.updateFields.defaultCard',
		{ resource: 'customer', operation: 'update', customerId: 'cust_test_1', updateFields: { defaultCard: 'tokn_test_1' } },
		'Default Card must be an ID starting with card_; got "tokn_test_1"',
	],
	['schedule.create.customer', { ...schedule, customer: 'card_test_1' }, 'Customer must be an ID starting with cust_; got "card_test_1"'],
	['schedule.create.card', { ...schedule, card: 'cust_test_1' }, 'Card must be an ID starting with card_; got "cust_test_1"'],
];

async function refusedWithoutRequest(parameters: Record<string, unknown>): Promise<string | undefined> {
	const { error } = await runOmiseNode(parameters as never, credentialsFor(sandbox));
	expect(sandbox.requests).toEqual([]);
	return error?.message;
}

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in a URL, for every operation that has one', async () => {
		const operations = await pathIdOperations();
		const messages: string[] = [];
		for (const [key, names] of operations) {
			const [resource, operation] = key.split('.');
			for (const name of names) {
				const { label, prefix, kind } = PATH_IDS[name];
				const wrong = prefix === 'chrg' ? 'link_test_1' : 'chrg_test_1';
				const parameters: Record<string, unknown> = { resource, operation };
				for (const other of names) parameters[other] = `${PATH_IDS[other].prefix}_test_1`;
				parameters[name] = wrong;
				const message = await refusedWithoutRequest(parameters);
				const which = wrong.startsWith('link') ? 'a link ID' : 'a charge ID';
				expect(`${key}: ${message}`).toBe(`${key}: ${label} must be a ${kind} ID (${prefix}_…); got "${wrong}", which is ${which}`);
				messages.push(key);
			}
		}
		// Link 4, Charge 7, Refund 3 (+ Refund ID of Get), Event 1, Customer 8 (+ Card ID of 3), Schedule 3.
		expect(messages).toHaveLength(30);
	});

	test.each(BODY_IDS)('%s', async (_where, parameters, message) => {
		expect(await refusedWithoutRequest(parameters)).toBe(message);
	});

	test('every ID parameter of the node is one of the cases above', async () => {
		const loader = await loadPackage();
		const properties = (loader.getNode('omise').type.description as INodeTypeDescription).properties;
		// A parameter that holds an Omise ID has a placeholder such as cust_test_...
		const found: string[] = [];
		const visit = (list: INodeProperties[], where: (name: string) => string[]) => {
			for (const property of list) {
				if (typeof property.placeholder === 'string' && /^[a-z]+_test_\.\.\.$/.test(property.placeholder)) found.push(...where(property.name));
				if (property.type === 'collection') {
					visit((property.options ?? []) as INodeProperties[], (name) => where(`${property.name}.${name}`));
				}
			}
		};
		for (const property of properties) {
			const show = property.displayOptions?.show ?? {};
			const keys = ((show.resource ?? []) as string[]).flatMap((resource) => ((show.operation ?? []) as string[]).map((operation) => `${resource}.${operation}`));
			visit([property], (name) => keys.map((key) => `${key}.${name}`));
		}
		const pathCases = [...(await pathIdOperations())].flatMap(([key, names]) => names.map((name) => `${key}.${name}`));
		const bodyCases = BODY_IDS.map(([where]) => where.replace(/ \(.*\)$/, ''));
		expect([...new Set(found)].sort()).toEqual([...new Set([...pathCases, ...bodyCases])].sort());
	});
});

describe('one rule for an Omise ID, wherever one is typed: the kind, _, then 1 to 100 letters, digits or _', () => {
	const longest = `test_${'a'.repeat(95)}`; // 100 characters after the kind's prefix
	const tooLong = `${longest}a`;

	test.each([
		['a Link ID', { resource: 'link', operation: 'get', linkId: `link_${tooLong}` }, `Link ID is not an Omise ID: "${`link_${tooLong}`.slice(0, 60)}". It looks like link_test_…`],
		['a card token with a space', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'card', card: 'tokn_test 1' }, 'Card is not an Omise ID: "tokn_test 1". It looks like tokn_test_…'],
		['a customer with a slash', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'customer', customer: 'cust_test/1' }, 'Customer is not an Omise ID: "cust_test/1". It looks like cust_test_…'],
		['a source with nothing after its kind', { resource: 'charge', operation: 'create', ...amount, paymentMethod: 'source', source: 'src_' }, 'Source is not an Omise ID: "src_". It looks like src_test_…'],
		[
			'a recipient',
			{ resource: 'charge', operation: 'create', ...amount, card: 'tokn_test_1', additionalFields: { destination: `recp_${tooLong}` } },
			`Destination must be a recipient ID starting with recp_; got "${`recp_${tooLong}`.slice(0, 60)}"`,
		],
		['a schedule’s customer', { ...schedule, customer: `cust_${tooLong}` }, `Customer must be an ID starting with cust_; got "${`cust_${tooLong}`.slice(0, 60)}"`],
	])('%s that breaks it is refused before any request', async (_what, parameters, message) => {
		expect(await refusedWithoutRequest(parameters)).toBe(message);
	});

	test('the longest ID it allows is sent', async () => {
		await runOmiseNode({ resource: 'link', operation: 'get', linkId: `link_${longest}` } as never, credentialsFor(sandbox));
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /links/link_${longest}`]);
	});
});
