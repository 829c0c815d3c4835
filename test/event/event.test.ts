// Event → Get / Get Many: the event log the sandbox writes as objects change.
import { sent, useSandbox } from '../harness/operation';

// a sandbox of this file's own: the event log starts empty
const events = useSandbox();

describe('Event', () => {
	test('Get and Get Many read the event log written by charge changes', async () => {
		const charge = await events.call('POST', '/charges', { amount: 5000, currency: 'thb', card: 'tokn_test_ev', capture: false });
		await events.call('POST', `/charges/${charge.id}/capture`);
		await events.call('POST', `/charges/${charge.id}/refunds`, { amount: 1000 });
		const all = await events.run({ resource: 'event', operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.key)).toEqual(['charge.create', 'charge.capture', 'refund.create', 'charge.update']);
		const one = await events.run({ resource: 'event', operation: 'get', eventId: all.items[1].json.id });
		expect(one.items[0].json).toMatchObject({ object: 'event', key: 'charge.capture', livemode: false, data: { id: charge.id, paid: true } });
		const limited = await events.run({ resource: 'event', operation: 'getAll', returnAll: false, limit: 2, filters: { to: '2999-01-01T00:00:00Z' } });
		expect(limited.items).toHaveLength(2);
		expect(events.requests).toEqual([
			sent('GET', '/events', undefined, { limit: '100', offset: '0' }),
			sent('GET', `/events/${all.items[1].json.id}`),
			sent('GET', '/events', undefined, { limit: '2', to: '2999-01-01T00:00:00Z' }),
		]);
	});
});
