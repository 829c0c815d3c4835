import type { IDataObject } from 'n8n-workflow';

import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY, markOf } from '../harness/sandbox';

const omise = useSandbox();
let tokenCounter = 0;
const run = async (parameters: Record<string, unknown>, items?: Array<{ json: IDataObject }>) => await omise.run({ resource: 'schedule', ...parameters }, { items });
const makeCustomer = async () =>
	(await omise.call('POST', '/customers', { email: 'member@example.com', card: `tokn_test_sched${++tokenCounter}` })) as { id: string; default_card: string };

const monthly = (customer: string) => ({
	operation: 'create',
	customer,
	amount: '990.00',
	amountUnit: 'major',
	currency: 'THB',
	description: 'Gold membership',
	every: 1,
	period: 'month',
	daysOfMonth: '15, 1',
	startDate: '2030-01-01T00:00:00',
	endDate: '2030-12-31',
});

describe('Schedule → Create', () => {
	test('monthly on days of the month: amount in major units with the schedule currency, body in Omise’s shape', async () => {
		const customer = await makeCustomer();
		const { items, error } = await run(monthly(customer.id));
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([
			sent('POST', '/schedules', {
				every: 1,
				period: 'month',
				on: { days_of_month: [1, 15] },
				start_date: '2030-01-01',
				end_date: '2030-12-31',
				charge: { customer: customer.id, amount: 99000, currency: 'thb', description: 'Gold membership', metadata: { [MARK_KEY]: MARK } },
			}),
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			object: 'schedule',
			status: 'active',
			every: 1,
			period: 'month',
			on: { days_of_month: [1, 15] },
			start_on: '2030-01-01',
			end_on: '2030-12-31',
			charge: { customer: customer.id, amount: 99000, currency: 'THB', description: 'Gold membership', metadata: { [MARK_KEY]: markOf(omise.raw[0]) } },
			next_occurrences_on: expect.arrayContaining(['2030-01-01', '2030-01-15', '2030-02-01']),
		});
	});

	test('Simplify: the amount, currency and description of the charge it makes, the amount as text in the major unit', async () => {
		const customer = await makeCustomer();
		const { items, error } = await run({ ...monthly(customer.id), simplify: true });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([
			sent('POST', '/schedules', {
				every: 1,
				period: 'month',
				on: { days_of_month: [1, 15] },
				start_date: '2030-01-01',
				end_date: '2030-12-31',
				charge: { customer: customer.id, amount: 99000, currency: 'thb', description: 'Gold membership', metadata: { [MARK_KEY]: MARK } },
			}),
		]);
		expect(items).toEqual([
			{
				json: {
					id: expect.stringMatching(/^schd_test_/),
					status: 'active',
					kind: 'charge',
					amount_major: '990.00',
					currency: 'THB',
					description: 'Gold membership',
					customer: customer.id,
					in_words: expect.any(String),
					next_occurrences_on: expect.arrayContaining(['2030-01-01', '2030-01-15']),
					start_on: '2030-01-01',
					end_on: '2030-12-31',
					created_at: expect.any(String),
					livemode: false,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('weekly on weekdays, monthly on a weekday of the month with a named card, daily in JPY', async () => {
		const customer = await makeCustomer();
		const base = { operation: 'create', customer: customer.id, amount: 150000, amountUnit: 'smallest', currency: 'THB', startDate: '2030-03-01', endDate: '2030-06-30' };
		const weekly = await run({ ...base, every: 2, period: 'week', weekdays: ['friday', 'monday'] });
		const lastFriday = await run({ ...base, card: customer.default_card, period: 'month', monthlyOn: 'weekdayOfMonth', weekdayOfMonth: 'last_friday' });
		const daily = await run({ ...base, amount: '500', amountUnit: 'major', currency: 'JPY', period: 'day' });
		expect([weekly.error, lastFriday.error, daily.error]).toEqual([undefined, undefined, undefined]);
		const charge = { customer: customer.id, amount: 150000, currency: 'thb', metadata: { [MARK_KEY]: MARK } };
		const dates = { start_date: '2030-03-01', end_date: '2030-06-30' };
		expect(omise.requests).toEqual([
			sent('POST', '/schedules', { every: 2, period: 'week', on: { weekdays: ['monday', 'friday'] }, ...dates, charge }),
			sent('POST', '/schedules', { every: 1, period: 'month', on: { weekday_of_month: 'last_friday' }, ...dates, charge: { customer: customer.id, card: customer.default_card, amount: 150000, currency: 'thb', metadata: { [MARK_KEY]: MARK } } }),
			sent('POST', '/schedules', { every: 1, period: 'day', ...dates, charge: { customer: customer.id, amount: 500, currency: 'jpy', metadata: { [MARK_KEY]: MARK } } }),
		]);
		expect(weekly.items[0].json).toMatchObject({ period: 'week', on: { weekdays: ['monday', 'friday'] } });
		expect((lastFriday.items[0].json.next_occurrences_on as string[]).slice(0, 2)).toEqual(['2030-03-29', '2030-04-26']);
		expect(daily.items[0].json).toMatchObject({ period: 'day', charge: { amount: 500, currency: 'JPY' } });
	});

	test.each([
		[{ daysOfMonth: '1, 31' }, 'Days of Month must be days from 1 to 28 separated by commas; got "31"'],
		[{ endDate: '2029-12-31' }, 'End Date (2029-12-31) is before Start Date (2030-01-01)'],
		[{ endDate: '={{ $json.end }}' }, 'End Date is required: Omise ends every schedule on a date (e.g. a year from now)'],
		[{ period: 'week', weekdays: '={{ [] }}' }, 'Weekdays is required when the period is Week: pick at least one day'],
		[{ customer: 'card_test_1' }, 'Customer must start with cust_; got "card_test_1"'],
		[{ amount: '10.5', currency: 'JPY' }, 'Amount must be a whole number for JPY, which has no minor unit; got 10.5'],
		[{ every: 0 }, 'Every must be a whole number of at least 1; got 0'],
	])('refuses %p before any request', async (parameters, message) => {
		const { error } = await run({ ...monthly('cust_test_x'), ...parameters }, [{ json: { end: '' } }]);
		expect(error?.message).toBe(message);
		expect(omise.requests).toEqual([]);
	});

	test('a create whose answer is lost is found by the look-up (on, charge object and dates match)', async () => {
		const customer = await makeCustomer();
		await run(monthly(customer.id)); // an older schedule with other dates must not be taken
		await omise.call('POST', '/__sandbox/faults', { faults: [{ kind: 'reset', method: 'POST', path: '/schedules', times: 1 }] });
		try {
			const { items, error } = await run({ ...monthly(customer.id), daysOfMonth: '5' });
			expect(error).toBeUndefined();
			expect(omise.raw.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(omise.raw[1]).toMatchObject({ method: 'GET', path: '/schedules', query: expect.objectContaining({ order: 'reverse_chronological' }) });
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ on: { days_of_month: [5] }, recovered: expect.stringContaining('this schedule was found in Omise') });
		} finally {
			await omise.call('POST', '/__sandbox/faults', { faults: [] });
		}
	});
});

describe('Schedule → Get / Get Many / Get Occurrences / Delete, Customer → Get Schedules', () => {
	test('the life of a schedule', async () => {
		const customer = await makeCustomer();
		const created = await omise.call('POST', '/schedules', {
			every: 1,
			period: 'month',
			on: { days_of_month: [1] },
			start_date: '2030-01-01',
			end_date: '2030-12-31',
			charge: { customer: customer.id, amount: 99000, currency: 'thb', description: 'Gold' },
		});
		const scheduleId = created.id as string;
		await omise.call('POST', `/__sandbox/schedules/${scheduleId}/occur`);
		await omise.call('POST', `/__sandbox/schedules/${scheduleId}/occur`);

		const got = await run({ operation: 'get', scheduleId });
		const all = await run({ operation: 'getAll', returnAll: true });
		const ofCustomer = await omise.run({ resource: 'customer', operation: 'getSchedules', customerId: customer.id, limit: 10 });
		const occurrences = await run({ operation: 'getOccurrences', scheduleId, returnAll: true });
		const deleted = await run({ operation: 'delete', scheduleId });
		expect(omise.requests).toEqual([
			sent('GET', `/schedules/${scheduleId}`),
			sent('GET', '/schedules', undefined, { limit: '100', offset: '0' }),
			sent('GET', `/customers/${customer.id}/schedules`, undefined, { limit: '10' }),
			sent('GET', `/schedules/${scheduleId}/occurrences`, undefined, { limit: '100', offset: '0' }),
			sent('DELETE', `/schedules/${scheduleId}`),
		]);
		expect(got.items[0].json).toMatchObject({ id: scheduleId, status: 'active', occurrences: { total: 2 } });
		expect(all.items.map((item) => item.json.id)).toContain(scheduleId);
		expect(ofCustomer.items.map((item) => item.json.id)).toEqual([scheduleId]);
		expect(occurrences.items.map((item) => [item.json.object, item.json.schedule, item.json.scheduled_on, item.json.status])).toEqual([
			['occurrence', scheduleId, '2030-01-01', 'successful'],
			['occurrence', scheduleId, '2030-02-01', 'successful'],
		]);
		const charge = await omise.call('GET', `/charges/${String(occurrences.items[0].json.result)}`);
		expect(charge).toMatchObject({ amount: 99000, customer: customer.id, description: 'Gold', paid: true });
		expect(deleted.items[0].json).toMatchObject({ id: scheduleId, deleted: true, status: 'deleted', next_occurrences_on: [] });
	});

	test('a Schedule ID of the wrong kind is refused before any request', async () => {
		const { error } = await run({ operation: 'getOccurrences', scheduleId: 'cust_test_1' });
		expect(error?.message).toBe('Schedule ID must be a schedule ID (schd_…); got "cust_test_1", which is a customer ID');
		expect(omise.requests).toEqual([]);
	});
});

describe('Schedule → Get Many by kind: charge schedules, transfer schedules, or both', () => {
	const period = { every: 1, period: 'month', on: { days_of_month: [1] }, start_date: '2030-01-01', end_date: '2030-12-31' };

	test('Kind picks Omise’s list (GET /schedules, /charges/schedules, /transfers/schedules); Simplify says which kind, with a transfer’s amount, currency and recipient', async () => {
		const payee = await omise.call('POST', '/recipients', { name: 'Somchai Payee', type: 'individual', bank_account: { brand: 'bbl', number: '1234567890', name: 'Somchai Payee' } });
		const recipientId = String(payee.id);
		const customer = await makeCustomer();
		const charges = await omise.call('POST', '/schedules', { ...period, charge: { customer: customer.id, amount: 99000, currency: 'thb', description: 'Gold' } });
		const payouts = await omise.call('POST', '/schedules', { ...period, transfer: { recipient: recipientId, amount: 250050 } });
		const share = await omise.call('POST', '/schedules', { ...period, transfer: { recipient: recipientId, percentage_of_balance: 12.5 } });

		const list = async (scheduleKind?: string) => (await run({ operation: 'getAll', ...(scheduleKind ? { scheduleKind } : {}), returnAll: true, simplify: true })).items.map((item) => item.json);
		const all = await list();
		const chargeSchedules = await list('charge');
		const transferSchedules = await list('transfer');
		expect(omise.requests).toEqual([
			sent('GET', '/schedules', undefined, { limit: '100', offset: '0' }),
			sent('GET', '/charges/schedules', undefined, { limit: '100', offset: '0' }),
			sent('GET', '/transfers/schedules', undefined, { limit: '100', offset: '0' }),
		]);
		const ours = [charges.id, payouts.id, share.id];
		expect(all.filter((schedule) => ours.includes(schedule.id)).map((schedule) => [schedule.id, schedule.kind])).toEqual([
			[charges.id, 'charge'],
			[payouts.id, 'transfer'],
			[share.id, 'transfer'],
		]);
		expect(chargeSchedules.every((schedule) => schedule.kind === 'charge')).toBe(true);
		expect(chargeSchedules.map((schedule) => schedule.id)).toContain(charges.id);
		expect(transferSchedules).toEqual([
			expect.objectContaining({ id: payouts.id, kind: 'transfer', amount_major: '2500.50', currency: 'THB', recipient: recipientId, in_words: 'Every 1 month(s) on day 1' }),
			expect.objectContaining({ id: share.id, kind: 'transfer', percentage_of_balance: 12.5, currency: 'THB', recipient: recipientId }),
		]);
		expect(transferSchedules[1]).not.toHaveProperty('amount_major');
	});

	test('a Kind that is not one of Omise’s lists is refused before any request', async () => {
		const { error, requests } = await run({ operation: 'getAll', scheduleKind: 'refund', limit: 5 });
		expect(requests).toEqual([]);
		expect(error?.message).toBe('Kind must be one of all, charge, transfer; got "refund"');
	});

	// Omise's recorded transfer schedules (omise-go testdata/fixtures/api.omise.co/transfers/schedules-get.json) pass through.
	const RECORDED = {
		object: 'list', from: '1970-01-01T07:00:00+07:00', to: '2017-05-16T14:32:24+07:00', offset: 0, limit: 20, total: 1, order: 'chronological', location: '/schedules',
		data: [
			{
				object: 'schedule', id: 'schd_57zhl296uxc7yiun6xx', livemode: true, location: '/schedules/schd_57zhl296uxc7yiun6xx', status: 'active', every: 3, period: 'week',
				on: { weekdays: ['monday', 'saturday'] }, in_words: 'Every 3 week(s) on Monday and Saturday', start_date: '2017-05-16', end_date: '2018-05-15',
				transfer: { recipient: 'rcpt_57zhl296uxc7yiun6xx', amount: 100000, currency: 'thb' },
				occurrences: { object: 'list', offset: 0, limit: 20, total: 0, order: null, location: '/schedules/schd_57zhl296uxc7yiun6xx/occurrences', data: [] },
				next_occurrences: ['2017-05-20', '2017-06-05'], created_at: '2017-05-16T07:23:11Z',
			},
		],
	};
	test.each([false, true])('Omise’s recorded transfer schedules pass through (Simplify %s)', async (simplify) => {
		omise.faults.add({ kind: 'garbage', method: 'GET', path: '/transfers/schedules', status: 200, body: JSON.stringify(RECORDED), contentType: 'application/json', times: 1 });
		const { items, error } = await run({ operation: 'getAll', scheduleKind: 'transfer', limit: 20, simplify });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			simplify
				? { id: 'schd_57zhl296uxc7yiun6xx', status: 'active', kind: 'transfer', amount_major: '1000.00', currency: 'thb', recipient: 'rcpt_57zhl296uxc7yiun6xx', in_words: 'Every 3 week(s) on Monday and Saturday', created_at: '2017-05-16T07:23:11Z', livemode: true }
				: RECORDED.data[0],
		]);
	});
});
