// An ID of the wrong kind is refused before any request: Customer.
import { casesOf, checkPathIdsOf, idParametersOf, refusedWithoutRequest } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** IDs a create or update sends in the body: [resource.operation.parameter, parameters, message]. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [
	['customer.create.card', { resource: 'customer', operation: 'create', card: 'card_test_1' }, 'Card Token must start with tokn_; got "card_test_1"'],
	[
		'customer.update.updateFields.card',
		{ resource: 'customer', operation: 'update', customerId: 'cust_test_1', updateFields: { card: 'card_test_1' } },
		'Card Token must start with tokn_; got "card_test_1"',
	],
	[
		'customer.update.updateFields.defaultCard',
		{ resource: 'customer', operation: 'update', customerId: 'cust_test_1', updateFields: { defaultCard: 'tokn_test_1' } },
		'Default Card must start with card_; got "tokn_test_1"',
	],
];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Customer operation', async () => {
		// 8 operations by Customer ID, and the Card ID of 3 of them
		expect(await checkPathIdsOf(omise, 'customer')).toHaveLength(11);
	});

	test.each(BODY_IDS)('%s', async (_where, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});

	test('every ID parameter of a Customer operation is one of the cases above', async () => {
		expect(await idParametersOf('customer')).toEqual(await casesOf('customer', BODY_IDS));
	});
});
