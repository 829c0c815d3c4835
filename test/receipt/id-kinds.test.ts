// An ID of the wrong kind is refused before any request: Receipt.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Receipt operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Receipt operation', async () => {
		// Get
		expect(await checkPathIdsOf(omise, 'receipt')).toHaveLength(1);
	});

	test('every ID parameter of a Receipt operation is one of the cases above', async () => {
		expect(await idParametersOf('receipt')).toEqual(await casesOf('receipt', BODY_IDS));
	});
});
