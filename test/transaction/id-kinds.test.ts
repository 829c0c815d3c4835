// An ID of the wrong kind is refused before any request: Transaction.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Transaction operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Transaction operation', async () => {
		// Get
		expect(await checkPathIdsOf(omise, 'transaction')).toHaveLength(1);
	});

	test('every ID parameter of a Transaction operation is one of the cases above', async () => {
		expect(await idParametersOf('transaction')).toEqual(await casesOf('transaction', BODY_IDS));
	});
});
