// Schedule → Create Transfer Schedule: a payout to a recipient at every run, a
// fixed amount (in the account's currency, read from the balance for the major
// unit). Omise keeps no metadata on it: a lost answer is found by what was sent,
// and an AI agent's repeated call gets the first.
import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({}, { each: true });
const WEEKLY = { every: 1, period: 'week', weekdays: ['friday'], startDate: '2030-01-01', endDate: '2030-06-30' };
const TIMING = { every: 1, period: 'week', on: { weekdays: ['friday'] }, start_date: '2030-01-01', end_date: '2030-06-30' };
const listNewestFirst = sent('GET', '/schedules', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' });
const schedules = () => omise.store.all('schedule', false);

async function payee() {
	const recipient = await omise.call('POST', '/recipients', { name: 'Vendor Co', type: 'corporation', bank_account: { brand: 'kbank', number: '9876543210', name: 'VENDOR CO' } });
	return String(recipient.id);
}
const run = async (parameters: Record<string, unknown>, options = {}) => await omise.run({ resource: 'schedule', operation: 'createTransferSchedule', ...WEEKLY, ...parameters }, options);

describe('Schedule → Create Transfer Schedule', () => {
	test('a fixed amount in the major unit: the account’s currency is read from the balance, then one POST; Simplify says it is a transfer schedule', async () => {
		const recipient = await payee();
		const { items, requests, error } = await run({ scheduleRecipient: recipient, amount: '2500.50', simplify: true });
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('GET', '/balance'), sent('POST', '/schedules', { ...TIMING, transfer: { recipient, amount: 250050 } })]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({ id: schedules()[0].id, kind: 'transfer', amount_major: '2500.50', currency: 'THB', recipient, in_words: 'Every 1 week(s) on friday', status: 'active' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('in the smallest unit nothing is read first; monthly on days of the month', async () => {
		const recipient = await payee();
		const fixed = await run({ scheduleRecipient: recipient, amount: 99000, amountUnit: 'smallest', every: 2, period: 'month', daysOfMonth: '1, 15' });
		expect(fixed.requests).toEqual([sent('POST', '/schedules', { ...TIMING, every: 2, period: 'month', on: { days_of_month: [1, 15] }, transfer: { recipient, amount: 99000 } })]);
		expect(fixed.items[0].json).toMatchObject({ object: 'schedule', transfer: { recipient, amount: 99000 } });
	});

	test.each([
		// (a literally empty required field is n8n's own check; an expression that comes out empty is the node's)
		[{ scheduleRecipient: '={{ $json.nothing }}' }, 'Recipient ID is required to make a transfer schedule: give the recipient (recp_…) it pays'],
		[{ scheduleRecipient: 'recp_test_1', amount: '10.005' }, 'Amount has more decimal places than any currency allows (at most 2); got 10.005'],
		[{ scheduleRecipient: 'recp_test_1', amount: 100, amountUnit: 'smallest', endDate: '={{ $json.nothing }}' }, 'End Date is required: Omise ends every schedule on a date (e.g. a year from now)'],
	])('refuses %p before any request', async (parameters, message) => {
		const { error, requests } = await run(parameters);
		expect(requests).toEqual([]);
		expect(error?.message).toBe(message);
	});

	test('Omise’s error for a recipient it does not know reaches the row', async () => {
		const { error } = await run({ scheduleRecipient: 'recp_test_nobody', amount: 100, amountUnit: 'smallest' });
		expect(error?.message).toBe('Omise error not_found: recipient recp_test_nobody was not found');
	});

	test.each(['reset', 'stall'] as const)('the create reached Omise but its answer was lost (%s): found by what was sent, never sent twice', async (kind) => {
		const recipient = await payee();
		omise.faults.add({ kind, method: 'POST', path: '/schedules', process: true, times: 1 });
		const { items, requests } = await run({ scheduleRecipient: recipient, amount: 100000, amountUnit: 'smallest', requestOptions: { timeout: 700 } }, { node: { onError: 'continueRegularOutput' } });
		expect(requests).toEqual([sent('POST', '/schedules', { ...TIMING, transfer: { recipient, amount: 100000 } }), listNewestFirst]);
		expect(schedules()).toHaveLength(1);
		expect(items).toEqual([
			{ json: expect.objectContaining({ id: schedules()[0].id, recovered: expect.stringMatching(/this transfer schedule was found in Omise afterwards\.$/) }), pairedItem: { item: 0 } },
		]);
	});

	test('as an AI agent’s tool: the same call twice in one agent run makes one schedule', async () => {
		const recipient = await payee();
		const inRun = { node: { type: 'n8n-nodes-omise.omiseTool' }, additionalData: { executionId: 'agent-transfer-schedule-1' } };
		const first = await run({ scheduleRecipient: recipient, amount: 100000, amountUnit: 'smallest' }, inRun);
		const repeat = await run({ scheduleRecipient: recipient, amount: 100000, amountUnit: 'smallest' }, inRun);
		expect([...first.requests, ...repeat.requests]).toEqual([sent('POST', '/schedules', { ...TIMING, transfer: { recipient, amount: 100000 } })]);
		expect(repeat.items[0].json).toMatchObject({ id: first.items[0].json.id, reused: expect.stringContaining('An identical call earlier in this agent run created this transfer schedule') });
		expect(schedules()).toHaveLength(1);
	});
});
