// An ID of the wrong kind is refused before any request: Refund.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Refund operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Refund operation', async () => {
		// Create, Get Many and Get (Charge ID), and the Refund ID of Get
		expect(await checkPathIdsOf(omise, 'refund')).toHaveLength(4);
	});

	test('every ID parameter of a Refund operation is one of the cases above', async () => {
		expect(await idParametersOf('refund')).toEqual(await casesOf('refund', BODY_IDS));
	});
});
