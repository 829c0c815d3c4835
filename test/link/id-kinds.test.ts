// An ID of the wrong kind, or one that breaks the one rule for an Omise ID, is
// refused before any request: Link.
import { casesOf, checkPathIdsOf, idParametersOf, LONGEST, refusedWithoutRequest, TOO_LONG } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Link operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Link operation', async () => {
		// Get, Update, Delete, Get Charges
		expect(await checkPathIdsOf(omise, 'link')).toHaveLength(4);
	});

	test('every ID parameter of a Link operation is one of the cases above', async () => {
		expect(await idParametersOf('link')).toEqual(await casesOf('link', BODY_IDS));
	});
});

describe('one rule for an Omise ID, wherever one is typed: the kind, _, then 1 to 100 letters, digits or _', () => {
	test.each([
		['a Link ID', { resource: 'link', operation: 'get', linkId: `link_${TOO_LONG}` }, `Link ID is not an Omise ID: "${`link_${TOO_LONG}`.slice(0, 60)}". It looks like link_test_…`],
	])('%s that breaks it is refused before any request', async (_what, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});

	test('the longest ID it allows is sent', async () => {
		const { requests } = await omise.run({ resource: 'link', operation: 'get', linkId: `link_${LONGEST}` });
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /links/link_${LONGEST}`]);
	});
});
