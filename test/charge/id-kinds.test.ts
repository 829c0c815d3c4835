// An ID of the wrong kind, or one that breaks the one rule for an Omise ID, is
// refused before any request: Charge.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { AMOUNT, casesOf, checkPathIdsOf, idParameters, idParametersOf, pathIdOperations, refusedWithoutRequest, TOO_LONG } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** IDs a create or update sends in the body: [resource.operation.parameter, parameters, message]. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [
	['charge.create.card', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'card', card: 'card_test_1' }, 'Card must start with tokn_; got "card_test_1"'],
	['charge.create.customer', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'customer', customer: 'chrg_test_1' }, 'Customer must start with cust_; got "chrg_test_1"'],
	[
		'charge.create.card (of the customer)',
		{ resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'customer', customer: 'cust_test_1', card: 'tokn_test_1' },
		'Card must start with card_; got "tokn_test_1"',
	],
	['charge.create.source', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'source', source: 'chrg_test_1' }, 'Source must start with src_; got "chrg_test_1"'],
	[
		'charge.create.additionalFields.destination',
		{ resource: 'charge', operation: 'create', ...AMOUNT, card: 'tokn_test_1', additionalFields: { destination: 'cust_test_1' } },
		'Destination must be a recipient ID starting with recp_; got "cust_test_1"',
	],
	[
		'charge.createPromptPayQr.additionalFields.destination',
		{ resource: 'charge', operation: 'createPromptPayQr', amount: 100, additionalFields: { destination: 'cust_test_1' } },
		'Destination must be a recipient ID starting with recp_; got "cust_test_1"',
	],
];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Charge operation', async () => {
		// Get, Update, Capture, Reverse, Expire, Mark as Paid, Mark as Failed
		expect(await checkPathIdsOf(omise, 'charge')).toHaveLength(7);
	});

	test.each(BODY_IDS)('%s', async (_where, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});

	test('every ID parameter of a Charge operation is one of the cases above', async () => {
		expect(await idParametersOf('charge')).toEqual(await casesOf('charge', BODY_IDS));
	});
});

describe('one rule for an Omise ID, wherever one is typed: the kind, _, then 1 to 100 letters, digits or _', () => {
	test.each([
		['a card token with a space', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'card', card: 'tokn_test 1' }, 'Card is not an Omise ID: "tokn_test 1". It looks like tokn_test_…'],
		['a customer with a slash', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'customer', customer: 'cust_test/1' }, 'Customer is not an Omise ID: "cust_test/1". It looks like cust_test_…'],
		['a source with nothing after its kind', { resource: 'charge', operation: 'create', ...AMOUNT, paymentMethod: 'source', source: 'src_' }, 'Source is not an Omise ID: "src_". It looks like src_test_…'],
		[
			'a recipient',
			{ resource: 'charge', operation: 'create', ...AMOUNT, card: 'tokn_test_1', additionalFields: { destination: `recp_${TOO_LONG}` } },
			`Destination must be a recipient ID starting with recp_; got "${`recp_${TOO_LONG}`.slice(0, 60)}"`,
		],
	])('%s that breaks it is refused before any request', async (_what, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});
});

describe('every resource', () => {
	test('every resource with an ID parameter has its own id-kinds tests (test/<resource>/id-kinds.test.ts)', async () => {
		const resources = [...new Set((await idParameters()).map((where) => where.split('.')[0]))].sort();
		expect(resources).toEqual(['charge', 'customer', 'dispute', 'event', 'link', 'receipt', 'recipient', 'refund', 'schedule', 'transaction', 'transfer']);
		expect(resources.filter((resource) => !existsSync(join(__dirname, '..', resource, 'id-kinds.test.ts')))).toEqual([]);
		// Link 4, Charge 7, Refund 3 (+ Refund ID of Get), Event 1, Customer 8 (+ Card ID of 3), Schedule 3, Transaction 1, Receipt 1,
		// Dispute 7 (+ Document ID of 2), Recipient 4, Transfer 5.
		expect([...(await pathIdOperations()).values()].flat()).toHaveLength(50);
	});
});
