// Version 2 of the Omise node (issue 21), run by n8n-core against the sandbox:
// every ID field is a resource locator whose From List, By ID and By URL
// values (every dashboard URL form) reach Omise as the ID; Customer's and
// Charge's card tokens are cardToken (never carried into a card ID field);
// Simplify is on by default; Start and End Date are days. Version 1 stays as
// it was: its tests are every other file, run on version 1 nodes.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { engine } from '../harness/n8n';
import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox();
const V2 = { node: { typeVersion: 2 } };
const list = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
let tokens = 0;
const token = () => `tokn_test_v2pick${++tokens}`;

async function description(version = 2): Promise<INodeTypeDescription> {
	const { nodeTypes } = await engine();
	return nodeTypes.getByNameAndVersion('n8n-nodes-omise.omise', version).description;
}

describe('version 2 in the editor', () => {
	test('new nodes are version 2; version 1 stays loadable', async () => {
		const [v1, v2] = [await description(1), await description(2)];
		expect([v1.version, v2.version, v2.defaultVersion]).toEqual([1, 2, 2]);
	});

	test('every ID field of version 1 is, in version 2, a resource locator of the same name with From List (where Omise lists the kind), By ID and By URL (where the dashboard has a page)', async () => {
		const { properties } = await description(2);
		const idFields = (await description(1)).properties.filter((property) => typeof property.placeholder === 'string' && /^[a-z]+_test_\.\.\.$/.test(property.placeholder));
		const lists = (property: INodeProperties) => (property.modes ?? []).map((mode) => `${mode.name}${mode.typeOptions?.searchListMethod ? `:${mode.typeOptions.searchListMethod}` : ''}`);
		const modes = Object.fromEntries(
			idFields
				.filter((field) => !['tokn', 'src'].includes(String(field.placeholder).split('_')[0]))
				.map((field) => {
					const twin = properties.find((property) => property.name === field.name && property.type === 'resourceLocator');
					return [`${field.name} (${String(field.placeholder).split('_')[0]})`, twin ? lists(twin).join(' ') : 'none'];
				}),
		);
		expect(modes).toEqual({
			'chargeId (chrg)': 'list:searchCharges id url',
			'customerId (cust)': 'list:searchCustomers id url',
			'cardId (card)': 'list:searchCards id',
			'customer (cust)': 'list:searchCustomers id url',
			'card (card)': 'list:searchCards id',
			'disputeId (dspt)': 'list:searchDisputes id url',
			'documentId (docu)': 'list:searchDocuments id',
			'eventId (evnt)': 'list:searchEvents id',
			'linkId (link)': 'list:searchLinks id url',
			'receiptId (rcpt)': 'list:searchReceipts id',
			'recipientId (recp)': 'list:searchRecipients id url',
			'refundId (rfnd)': 'list:searchRefunds id',
			'scheduleId (schd)': 'list:searchSchedules id url',
			'scheduleRecipient (recp)': 'list:searchRecipients id url',
			'recipient (recp)': 'list:searchRecipients id url',
			'transactionId (trxn)': 'list:searchTransactions id',
			'transferId (trsf)': 'list:searchTransfers id url',
		});
		// inside collections: Customer → Update's Default Card, Charge → Create's Destination
		const collectionIds = properties
			.filter((property) => property.type === 'collection')
			.flatMap((property) => ((property.options ?? []) as INodeProperties[]).filter((option) => option.type === 'resourceLocator').map((option) => `${property.name}.${option.name}: ${lists(option).join(' ')}`));
		expect([...new Set(collectionIds)].sort()).toEqual(['additionalFields.destination: list:searchRecipients id url', 'updateFields.defaultCard: list:searchCards id']);
		// what stays text: card tokens and sources, which Omise cannot list (Omise.js makes them in the customer's browser)
		const text = properties.filter((property) => ['tokn_test_...', 'src_test_...'].includes(String(property.placeholder)));
		expect([...new Set(text.map((property) => `${property.name} ${property.type}`))].sort()).toEqual(['cardToken string', 'source string']);
	});

	test('card tokens are named cardToken in version 2: nothing typed as a token is carried into Schedule → Create’s Card', async () => {
		const v2 = (await description(2)).properties;
		const shownFor = (resource: string, operation: string) =>
			v2.filter((property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation));
		const tokenFields = [...shownFor('customer', 'create'), ...shownFor('charge', 'create')].filter((property) => property.placeholder === 'tokn_test_...');
		expect(tokenFields.map((property) => [property.name, property.displayName])).toEqual([['cardToken', 'Card Token'], ['cardToken', 'Card Token']]);
		expect(shownFor('schedule', 'create').find((property) => property.name === 'card')?.type).toBe('resourceLocator');
	});
});

describe('version 2 at run time', () => {
	const fixtures: Record<string, string> = {};
	beforeAll(async () => {
		const customer = await omise.call('POST', '/customers', { email: 'v2@example.com', card: token() });
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: token() });
		const disputed = await omise.call('POST', '/charges', { amount: 50000, currency: 'thb', card: token() });
		const dispute = (await fetch(`${omise.url}/__sandbox/charges/${String(disputed.id)}/dispute`, { method: 'POST' }).then(async (response) => await response.json())) as Record<string, unknown>;
		const link = await omise.call('POST', '/links', { amount: 20000, currency: 'thb', title: 'Tote bag', description: 'Canvas' });
		const recipient = await omise.call('POST', '/recipients', { name: 'Vendor Co', type: 'corporation', bank_account: { brand: 'kbank', number: '9876543210', name: 'VENDOR CO' } });
		const schedule = await omise.call('POST', '/schedules', { every: 1, period: 'month', on: { days_of_month: [1] }, start_date: '2030-01-01', end_date: '2030-12-31', charge: { customer: customer.id, amount: 99000, currency: 'thb' } });
		const transfer = await omise.call('POST', '/transfers', { amount: 10000 });
		Object.assign(fixtures, {
			charges: charge.id, customers: customer.id, card: customer.default_card, disputes: dispute.id, links: link.id, recipients: recipient.id, schedules: schedule.id, transfers: transfer.id,
		});
		omise.clear();
	});

	const KINDS: Array<[string, string, string]> = [
		['charges', 'charge', 'chargeId'],
		['customers', 'customer', 'customerId'],
		['disputes', 'dispute', 'disputeId'],
		['links', 'link', 'linkId'],
		['recipients', 'recipient', 'recipientId'],
		['schedules', 'schedule', 'scheduleId'],
		['transfers', 'transfer', 'transferId'],
	];
	const URL_FORMS: Array<[string, (collection: string, id: string) => string]> = [
		['test mode page', (collection, id) => `https://dashboard.omise.co/test/${collection}/${id}`],
		['live mode page', (collection, id) => `https://dashboard.omise.co/live/${collection}/${id}`],
		['dashboard v2 page', (collection, id) => `https://dashboard.omise.co/v2/test/${collection}/${id}`],
		['with a query, a fragment and spaces around', (collection, id) => `  https://dashboard.omise.co/test/${collection}/${id}?tab=history#top `],
		['a page under it', (collection, id) => `https://dashboard.omise.co/test/${collection}/${id}/events`],
	];
	const cases = KINDS.flatMap(([collection, resource, field]) => URL_FORMS.map(([form, url]) => [collection, form, resource, field, url] as const));

	test.each(cases)('%s → Get By URL, %s: the ID in the URL is read', async (collection, _form, resource, field, url) => {
		const id = fixtures[collection];
		const { items, requests, error } = await omise.run({ resource, operation: 'get', [field]: byUrl(url(collection, id)), simplify: false }, V2);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('GET', `/${collection}/${id}`)]);
		expect(items).toEqual([{ json: expect.objectContaining({ id }), pairedItem: { item: 0 } }]);
	});

	test.each([
		['From List', list],
		['By ID (spaces around)', (value: string) => byId(` ${value} `)],
	])('Refund → Create with the Charge ID %s', async (_mode, locator) => {
		const charge = fixtures.charges;
		const { items, requests, error } = await omise.run({ resource: 'refund', operation: 'create', chargeId: locator(charge), amount: 100, amountUnit: 'smallest' }, V2);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('POST', `/charges/${charge}/refunds`, { amount: 100, metadata: { [MARK_KEY]: MARK } })]);
		expect(items).toEqual([{ json: expect.objectContaining({ id: expect.stringMatching(/^rfnd_test_/), charge, amount_major: '1.00' }), pairedItem: { item: 0 } }]);
	});

	test('an expression in a locator is evaluated per row', async () => {
		const { items, requests, error } = await omise.run(
			{ resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.customer }}' } },
			{ ...V2, items: [{ json: { customer: fixtures.customers } }] },
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('GET', `/customers/${fixtures.customers}`)]);
		expect(items.map((item) => item.json.id)).toEqual([fixtures.customers]);
	});

	const expression = (mode: string, value: string) => ({ __rl: true, mode, value: `={{ ${JSON.stringify(value)} }}` });
	test.each([
		[expression('url', 'https://example.com/chrg_test_5xuy4w91xqz7d1w9u0t'), 'Charge ID: "https://example.com/chrg_test_5xuy4w91xqz7d1w9u0t" is not an Omise dashboard URL holding an ID; paste the address of its page, e.g. https://dashboard.omise.co/test/…/chrg_test_…'],
		[expression('url', 'https://dashboard.omise.co/test/charges'), 'Charge ID: "https://dashboard.omise.co/test/charges" is not an Omise dashboard URL holding an ID; paste the address of its page, e.g. https://dashboard.omise.co/test/…/chrg_test_…'],
		[expression('url', 'https://dashboard.omise.co/test/links/link_test_5xuy4w91xqz7d1w9u0t'), 'Charge ID must be a charge ID (chrg_…); got "link_test_5xuy4w91xqz7d1w9u0t", which is a link ID'],
		[expression('id', 'cust_test_5xuy4w91xqz7d1w9u0t'), 'Charge ID must be a charge ID (chrg_…); got "cust_test_5xuy4w91xqz7d1w9u0t", which is a customer ID'],
		[expression('list', ''), 'Charge ID is required (an Omise ID such as chrg_test_…)'],
	])('a wrong value from an expression is the row’s error before any request: %j', async (chargeId, message) => {
		const { run, requests, error } = await omise.run({ resource: 'charge', operation: 'get', chargeId }, { node: { typeVersion: 2, onError: 'continueErrorOutput' } });
		expect(error).toBeUndefined();
		expect(requests).toEqual([]);
		const [success, failed] = run.data.resultData.runData.Omise[0].data?.main ?? [];
		expect(success).toEqual([]);
		expect(failed?.map((item) => [item.json.error, item.pairedItem])).toEqual([[message, { item: 0 }]]);
	});

	test.each([
		[byUrl('https://example.com/test/charges/chrg_test_5xuy4w91xqz7d1w9u0t'), 'Not the Omise dashboard URL of a charge, e.g. https://dashboard.omise.co/test/charges/chrg_test_...'],
		[byId('cust_test_5xuy4w91xqz7d1w9u0t'), 'Not a charge ID: it starts with chrg_'],
	])('a wrong typed value: n8n marks the field and runs nothing (its check of the mode): %j', async (chargeId, message) => {
		await expect(omise.run({ resource: 'charge', operation: 'get', chargeId }, V2)).rejects.toThrow(message);
		expect(omise.requests).toEqual([]);
	});

	test('Charge → Create of a saved customer: Customer By URL, Card From List', async () => {
		const { customers: customer, card } = fixtures;
		const { items, requests, error } = await omise.run(
			{ resource: 'charge', operation: 'create', amount: '250.00', currency: 'THB', paymentMethod: 'customer', customer: byUrl(`https://dashboard.omise.co/test/customers/${customer}`), card: list(card), simplify: false },
			V2,
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('POST', '/charges', { amount: 25000, currency: 'thb', customer, card, metadata: { [MARK_KEY]: MARK } })]);
		expect(items).toEqual([{ json: expect.objectContaining({ object: 'charge', customer, amount: 25000 }), pairedItem: { item: 0 } }]);
	});

	test('Charge → Create and Customer → Create take the card token as cardToken', async () => {
		const chargeToken = token();
		const customerToken = token();
		const charged = await omise.run({ resource: 'charge', operation: 'create', amount: '100.00', currency: 'THB', paymentMethod: 'card', cardToken: chargeToken, simplify: false }, V2);
		const saved = await omise.run({ resource: 'customer', operation: 'create', email: 'token@example.com', cardToken: customerToken, simplify: false }, V2);
		expect([charged.error, saved.error]).toEqual([undefined, undefined]);
		expect(charged.requests).toEqual([sent('POST', '/charges', { amount: 10000, currency: 'thb', card: chargeToken, metadata: { [MARK_KEY]: MARK } })]);
		expect(saved.requests).toEqual([sent('POST', '/customers', { email: 'token@example.com', card: customerToken, metadata: { [MARK_KEY]: MARK } })]);
		expect(charged.items[0].json).toMatchObject({ object: 'charge', amount: 10000, card: { object: 'card' } });
		expect(saved.items[0].json).toMatchObject({ object: 'customer', email: 'token@example.com', cards: { total: 1 } });
	});

	test('Schedule → Create: Customer and Card as locators, Start and End Date as days', async () => {
		const { customers: customer, card } = fixtures;
		const { items, requests, error } = await omise.run(
			{
				resource: 'schedule', operation: 'create', customer: list(customer), card: byId(card), amount: '990.00', currency: 'THB',
				every: 1, period: 'month', daysOfMonth: '1', startDate: '2030-01-01', endDate: '2030-12-31', simplify: false,
			},
			V2,
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			sent('POST', '/schedules', {
				every: 1, period: 'month', on: { days_of_month: [1] }, start_date: '2030-01-01', end_date: '2030-12-31',
				charge: { customer, card, amount: 99000, currency: 'thb', metadata: { [MARK_KEY]: MARK } },
			}),
		]);
		expect(items[0].json).toMatchObject({ object: 'schedule', start_on: '2030-01-01', end_on: '2030-12-31', charge: { customer, card } });
	});

	test('Transfer → Create and Create Transfer Schedule: the recipient By URL', async () => {
		const recipient = fixtures.recipients;
		const url = `https://dashboard.omise.co/test/recipients/${recipient}`;
		const transfer = await omise.run({ resource: 'transfer', operation: 'create', amount: 5000, amountUnit: 'smallest', recipient: byUrl(url), simplify: false }, V2);
		const schedule = await omise.run(
			{ resource: 'schedule', operation: 'createTransferSchedule', scheduleRecipient: byUrl(url), amount: 5000, amountUnit: 'smallest', every: 1, period: 'week', weekdays: ['friday'], startDate: '2030-01-01', endDate: '2030-06-30', simplify: false },
			V2,
		);
		expect([transfer.error, schedule.error]).toEqual([undefined, undefined]);
		expect(transfer.requests).toEqual([sent('POST', '/transfers', { amount: 5000, recipient, metadata: { [MARK_KEY]: MARK } })]);
		expect(schedule.requests).toEqual([sent('POST', '/schedules', { every: 1, period: 'week', on: { weekdays: ['friday'] }, start_date: '2030-01-01', end_date: '2030-06-30', transfer: { recipient, amount: 5000 } })]);
		expect(transfer.items[0].json).toMatchObject({ object: 'transfer', recipient, amount: 5000 });
		expect(schedule.items[0].json).toMatchObject({ object: 'schedule', transfer: { recipient, amount: 5000 } });
	});

	test('IDs inside a collection are locators too: Customer → Update’s Default Card From List, Charge → Create’s Destination By URL', async () => {
		const { customers: customer, card, recipients: recipient } = fixtures;
		const updated = await omise.run({ resource: 'customer', operation: 'update', customerId: byId(customer), updateFields: { defaultCard: list(card) }, simplify: false }, V2);
		const charged = await omise.run(
			{
				resource: 'charge', operation: 'create', amount: '30.00', currency: 'THB', paymentMethod: 'customer', customer: list(customer),
				additionalFields: { destination: byUrl(`https://dashboard.omise.co/test/recipients/${recipient}`) }, simplify: false,
			},
			V2,
		);
		expect([updated.error, charged.error]).toEqual([undefined, undefined]);
		expect(updated.requests).toEqual([sent('PATCH', `/customers/${customer}`, { default_card: card })]);
		expect(charged.requests).toEqual([sent('POST', '/charges', { amount: 3000, currency: 'thb', customer, destination: recipient, metadata: { [MARK_KEY]: MARK } })]);
		expect(updated.items[0].json).toMatchObject({ object: 'customer', id: customer, default_card: card });
		expect(charged.items[0].json).toMatchObject({ object: 'charge', customer, amount: 3000 });
	});

	test('as the AI Agent\'s Omise Tool (version 2): an ID in a locator, Simplify on', async () => {
		const charge = fixtures.charges;
		const { items, requests, error } = await omise.run(
			{ resource: 'charge', operation: 'get', chargeId: { __rl: true, mode: 'id', value: '={{ $json.charge }}' } },
			{ node: { type: 'n8n-nodes-omise.omiseTool', typeVersion: 2 }, items: [{ json: { charge } }] },
		);
		expect(error).toBeUndefined();
		expect(requests).toEqual([sent('GET', `/charges/${charge}`)]);
		expect(items).toEqual([{ json: expect.objectContaining({ id: charge, amount_major: '1000.00' }), pairedItem: { item: 0 } }]);
	});

	test('Simplify is on by default in version 2 and off in version 1', async () => {
		const charge = fixtures.charges;
		const v1 = await omise.run({ resource: 'charge', operation: 'get', chargeId: charge }, { node: { typeVersion: 1 } });
		const v1Simplified = await omise.run({ resource: 'charge', operation: 'get', chargeId: charge, simplify: true }, { node: { typeVersion: 1 } });
		const v2 = await omise.run({ resource: 'charge', operation: 'get', chargeId: list(charge) }, V2);
		expect([v1.requests, v2.requests]).toEqual([[sent('GET', `/charges/${charge}`)], [sent('GET', `/charges/${charge}`)]]);
		expect(v1.items[0].json).toMatchObject({ object: 'charge', refunds: { object: 'list' } });
		expect(v2.items).toEqual(v1Simplified.items);
		expect(v2.items[0].json).toMatchObject({ id: charge, amount_major: '1000.00' });
	});
});
