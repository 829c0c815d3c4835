// An ID of the wrong kind is refused before any request: Event.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Event operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of an Event operation', async () => {
		// Get
		expect(await checkPathIdsOf(omise, 'event')).toHaveLength(1);
	});

	test('every ID parameter of an Event operation is one of the cases above', async () => {
		expect(await idParametersOf('event')).toEqual(await casesOf('event', BODY_IDS));
	});
});
