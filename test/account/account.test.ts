import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();

describe('Account', () => {
	test.each([
		['get', '/account', { object: 'account', country: 'TH', supported_currencies: expect.arrayContaining(['thb', 'jpy']) }],
		['getBalance', '/balance', { object: 'balance', currency: 'THB', total: expect.any(Number), transferable: expect.any(Number) }],
		['getCapability', '/capability', { object: 'capability', payment_methods: expect.arrayContaining([expect.objectContaining({ name: 'promptpay', currencies: ['THB'] })]) }],
	])('%s sends GET %s', async (operation, path, expected) => {
		const { items, error } = await omise.run({ resource: 'account', operation });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([sent('GET', path)]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject(expected);
	});
});
