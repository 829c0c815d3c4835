// Amounts as people write them: Major Unit by default, and the hints of a refused amount.
import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();

describe('Amount Unit: Major Unit by default', () => {
	test.each([
		['1500.50', 'THB', 150050, 'thb'],
		[1500.5, 'thb', 150050, 'thb'],
		['1500', 'JPY', 1500, 'jpy'],
		[19.99, 'USD', 1999, 'usd'],
	])('Link → Create without Amount Unit: %p %s is sent as %p', async (amount, currency, wire, wireCurrency) => {
		const { items, error } = await omise.run({ resource: 'link', operation: 'create', amount, currency, title: 'Latte', description: 'Hot latte' });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([sent('POST', '/links', { amount: wire, currency: wireCurrency, title: 'Latte', description: 'Hot latte', multiple: false })]);
		expect(items.map((item) => [item.json.amount, item.pairedItem])).toEqual([[wire, { item: 0 }]]);
	});

	test('Smallest Unit, when chosen, is sent as typed', async () => {
		const { items } = await omise.run({ resource: 'link', operation: 'create', amount: 150050, amountUnit: 'smallest', currency: 'THB', title: 'Latte', description: 'Hot latte' });
		expect(omise.requests).toEqual([sent('POST', '/links', { amount: 150050, currency: 'thb', title: 'Latte', description: 'Hot latte', multiple: false })]);
		expect(items[0].json.amount).toBe(150050);
	});

	test.each([
		['major', '10.999', 'In Amount Unit "Major Unit", 1500.50 means 1,500.50 THB'],
		['smallest', '10.5', 'In Amount Unit "Smallest Unit", 150050 means 1,500.50 THB'],
	])('the hint of a refused amount matches the unit chosen (%s)', async (amountUnit, amount, hint) => {
		const { error } = await omise.run({ resource: 'link', operation: 'create', amount, amountUnit, currency: 'THB', title: 'x', description: 'x' });
		expect(error?.description).toContain(hint);
		if (amountUnit === 'major') expect(error?.description).not.toContain('you type 1500.50 instead');
		expect(omise.requests).toEqual([]);
	});

	test.each([
		['major', '5', 'You asked for 5.00 THB; Omise\'s minimum for THB is 20.00 THB (its message counts 2000, the smallest unit).'],
		['smallest', '500', 'You asked for 5.00 THB (500 in the smallest unit); Omise\'s minimum for THB is 20.00 THB (its message counts 2000, the smallest unit). Set Amount Unit to "Major Unit" to type amounts as people write them.'],
	])('Omise\'s invalid_amount is restated in the unit chosen, with what was asked (%s)', async (amountUnit, amount, hint) => {
		const { error } = await omise.run({ resource: 'link', operation: 'create', amount, amountUnit, currency: 'THB', title: 'x', description: 'x' });
		expect(error?.message).toBe('Omise error invalid_amount: amount must be greater than or equal to 2000 (thb subunits)');
		expect(error?.description).toBe(hint);
	});
});
