// An ID of the wrong kind is refused before any request: Recipient.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Recipient operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Recipient operation', async () => {
		// Delete, Get, Update, Verify
		expect(await checkPathIdsOf(omise, 'recipient')).toHaveLength(4);
	});

	test('every ID parameter of a Recipient operation is one of the cases above', async () => {
		expect(await idParametersOf('recipient')).toEqual(await casesOf('recipient', BODY_IDS));
	});
});
