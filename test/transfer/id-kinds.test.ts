// An ID of the wrong kind is refused before any request: Transfer.
import { casesOf, checkPathIdsOf, idParametersOf, refusedWithoutRequest, TOO_LONG } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** IDs a create sends in the body: [resource.operation.parameter, parameters, message]. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [
	['transfer.create.recipient', { resource: 'transfer', operation: 'create', amount: 100, recipient: 'cust_test_1' }, 'Recipient ID must start with recp_; got "cust_test_1"'],
	[
		'transfer.create.recipient (too long)',
		{ resource: 'transfer', operation: 'create', amount: 100, recipient: `recp_${TOO_LONG}` },
		`Recipient ID is not an Omise ID: "${`recp_${TOO_LONG}`.slice(0, 60)}". It looks like recp_test_…`,
	],
];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Transfer operation', async () => {
		// Delete, Get, Mark as Paid, Mark as Sent, Update
		expect(await checkPathIdsOf(omise, 'transfer')).toHaveLength(5);
	});

	test.each(BODY_IDS)('%s', async (_where, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});

	test('every ID parameter of a Transfer operation is one of the cases above', async () => {
		expect(await idParametersOf('transfer')).toEqual(await casesOf('transfer', BODY_IDS));
	});
});
