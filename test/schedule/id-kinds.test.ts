// An ID of the wrong kind, or one that breaks the one rule for an Omise ID, is
// refused before any request: Schedule.
import { casesOf, checkPathIdsOf, idParametersOf, refusedWithoutRequest, SCHEDULE, TOO_LONG } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** IDs a create or update sends in the body: [resource.operation.parameter, parameters, message]. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [
	['schedule.create.customer', { ...SCHEDULE, customer: 'card_test_1' }, 'Customer must start with cust_; got "card_test_1"'],
	['schedule.create.card', { ...SCHEDULE, card: 'cust_test_1' }, 'Card must start with card_; got "cust_test_1"'],
	[
		'schedule.createTransferSchedule.scheduleRecipient',
		{ ...SCHEDULE, operation: 'createTransferSchedule', scheduleRecipient: 'cust_test_1', amountUnit: 'smallest' },
		'Recipient ID must start with recp_; got "cust_test_1"',
	],
];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Schedule operation', async () => {
		// Get, Get Occurrences, Delete
		expect(await checkPathIdsOf(omise, 'schedule')).toHaveLength(3);
	});

	test.each(BODY_IDS)('%s', async (_where, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});

	test('every ID parameter of a Schedule operation is one of the cases above', async () => {
		expect(await idParametersOf('schedule')).toEqual(await casesOf('schedule', BODY_IDS));
	});
});

describe('one rule for an Omise ID, wherever one is typed: the kind, _, then 1 to 100 letters, digits or _', () => {
	test.each([
		['a schedule’s customer', { ...SCHEDULE, customer: `cust_${TOO_LONG}` }, `Customer is not an Omise ID: "${`cust_${TOO_LONG}`.slice(0, 60)}". It looks like cust_test_…`],
	])('%s that breaks it is refused before any request', async (_what, parameters, message) => {
		expect(await refusedWithoutRequest(omise, parameters)).toBe(message);
	});
});
