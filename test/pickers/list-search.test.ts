// "From list" of every kind of Omise ID (methods.listSearch, for the resource
// locators of issue 21), called through n8n-core's LoadOptionsContext against
// the sandbox: the exact request, the labels (amounts in the major unit),
// newest first, Omise's search for typed text, paging, dashboard links.
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameters, INodeType, IWorkflowBase } from 'n8n-workflow';

import { additionalDataFor, buildWorkflow, engine, omiseNode } from '../harness/n8n';
import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({}, { each: true });

/** Calls the node's listSearch method `name` as the editor does, with the node's current parameters. */
async function listSearch(name: string, filter?: string, paginationToken?: string, current: INodeParameters = {}): Promise<INodeListSearchResult> {
	const { loader, nodeTypes } = await engine();
	const node = omiseNode({ resource: 'charge', operation: 'get', ...current });
	const workflow = buildWorkflow(nodeTypes, [node]);
	const hooks = new ExecutionLifecycleHooks('manual', 'list-search', { id: workflow.id, nodes: [node] } as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(loader, { omiseApi: omise.credentials() as never }, hooks, 'list-search');
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.id');
	const nodeType = nodeTypes.getByNameAndVersion(node.type) as INodeType;
	const method = nodeType.methods?.listSearch?.[name];
	if (!method) throw new Error(`no listSearch method ${name}`);
	return await method.call(context as unknown as ILoadOptionsFunctions, filter, paginationToken);
}

const NEWEST_FIRST = { limit: '50', offset: '0', order: 'reverse_chronological' };
const today = () => new Date().toISOString().slice(0, 10);

describe('From list: newest first, labelled as a person knows them', () => {
	test('every kind of Omise ID has a list search', async () => {
		const { nodeTypes } = await engine();
		const nodeType = nodeTypes.getByNameAndVersion('n8n-nodes-omise.omise') as INodeType;
		expect(Object.keys(nodeType.methods?.listSearch ?? {}).sort()).toEqual([
			'searchCards', 'searchCharges', 'searchCustomers', 'searchDisputes', 'searchDocuments', 'searchEvents', 'searchLinks', 'searchReceipts', 'searchRecipients', 'searchRefunds', 'searchSchedules',
			'searchTransactions', 'searchTransfers',
		]);
	});

	test('charges: amount in the major unit, description, status, date; linked to the dashboard', async () => {
		const older = await omise.call('POST', '/charges', { amount: 150050, currency: 'thb', card: 'tokn_test_pick1', description: 'Latte x 30' });
		const newer = await omise.call('POST', '/charges', { amount: 1500, currency: 'jpy', card: 'tokn_test_pick2' });
		const { results, paginationToken } = await listSearch('searchCharges');
		expect(omise.requests).toEqual([sent('GET', '/charges', undefined, NEWEST_FIRST)]);
		expect(results).toEqual([
			{ name: `1500 JPY · successful · ${today()} (${String(newer.id)})`, value: newer.id, url: `https://dashboard.omise.co/test/charges/${String(newer.id)}` },
			{ name: `1500.50 THB · Latte x 30 · successful · ${today()} (${String(older.id)})`, value: older.id, url: `https://dashboard.omise.co/test/charges/${String(older.id)}` },
		]);
		expect(paginationToken).toBeUndefined();
	});

	test('customers by typed email: Omise’s search (scope customer), page by page', async () => {
		const somchai = await omise.call('POST', '/customers', { email: 'somchai@example.com', description: 'Gold member' });
		await omise.call('POST', '/customers', { email: 'malee@example.com' });
		const { results } = await listSearch('searchCustomers', 'somchai');
		expect(omise.requests).toEqual([sent('GET', '/search', undefined, { scope: 'customer', query: 'somchai', page: '1', per_page: '50', order: 'reverse_chronological' })]);
		expect(results).toEqual([
			{ name: `somchai@example.com · Gold member · ${today()} (${String(somchai.id)})`, value: somchai.id, url: `https://dashboard.omise.co/test/customers/${String(somchai.id)}` },
		]);
	});

	test('more than a page: the token is the next offset, and the second page starts there', async () => {
		for (let i = 0; i < 51; i++) await omise.call('POST', '/links', { amount: 2000 + i, currency: 'thb', title: `Item ${i}`, description: 'x' });
		const first = await listSearch('searchLinks');
		const second = await listSearch('searchLinks', undefined, first.paginationToken);
		expect(omise.requests).toEqual([sent('GET', '/links', undefined, NEWEST_FIRST), sent('GET', '/links', undefined, { ...NEWEST_FIRST, offset: '50' })]);
		expect([first.results.length, first.paginationToken, second.results.length, second.paginationToken]).toEqual([50, '50', 1, undefined]);
		expect(first.results[0].name).toBe(`Item 50 · 20.50 THB · ${today()} (${String(first.results[0].value)})`);
		expect(second.results[0].name).toMatch(/^Item 0 · 20\.00 THB · /);
	});

	test('a customer’s cards: the list of the Customer ID the node holds; without one, a clear error', async () => {
		const customer = await omise.call('POST', '/customers', { email: 'card@example.com', card: 'tokn_test_pickcard' });
		const { results } = await listSearch('searchCards', undefined, undefined, { resource: 'customer', operation: 'getCard', customerId: customer.id as string });
		expect(omise.requests).toEqual([sent('GET', `/customers/${String(customer.id)}/cards`, undefined, NEWEST_FIRST)]);
		expect(results).toEqual([{ name: `Visa · •••• 4242 · expires 12/2029 · SANDBOX TESTER (${String(customer.default_card)})`, value: customer.default_card }]);
		await expect(listSearch('searchCards', undefined, undefined, { resource: 'customer', operation: 'getCard' })).rejects.toThrow('Choose the customer first: its list depends on it');
		// version 2: Charge → Create's Customer held as a dashboard URL (with a page after it), read as the run reads it
		omise.clear();
		const byUrl = { __rl: true, mode: 'url', value: `https://dashboard.omise.co/test/customers/${String(customer.id)}/cards?tab=1` };
		const fromUrl = await listSearch('searchCards', undefined, undefined, { resource: 'charge', operation: 'create', paymentMethod: 'customer', customer: byUrl });
		expect(omise.requests).toEqual([sent('GET', `/customers/${String(customer.id)}/cards`, undefined, NEWEST_FIRST)]);
		expect(fromUrl.results.map((item) => item.value)).toEqual([customer.default_card]);
	});

	test('a charge’s refunds, recipients, transfers, disputes, schedules and events', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 1_000_000, currency: 'thb', card: 'tokn_test_pickmore' });
		const refund = await omise.call('POST', `/charges/${String(charge.id)}/refunds`, { amount: 25000 });
		const recipient = await omise.call('POST', '/recipients', { name: 'Vendor Co', type: 'corporation', email: 'ap@vendor.example', bank_account: { brand: 'kbank', number: '9876543210', name: 'VENDOR CO' } });
		const transfer = await omise.call('POST', '/transfers', { amount: 100000 });
		const disputed = await omise.call('POST', '/charges', { amount: 50000, currency: 'thb', card: 'tokn_test_pickdispute' });
		const member = await omise.call('POST', '/customers', { email: 'member@example.com', card: 'tokn_test_pickschedule' });
		const schedule = await omise.call('POST', '/schedules', { every: 1, period: 'month', on: { days_of_month: [1] }, start_date: '2030-01-01', end_date: '2030-12-31', charge: { customer: member.id, amount: 99000, currency: 'thb', description: 'Gold' } });
		const dispute = await fetch(`${omise.url}/__sandbox/charges/${String(disputed.id)}/dispute`, { method: 'POST' }).then(async (response) => (await response.json()) as Record<string, unknown>);
		omise.clear();

		const refunds = await listSearch('searchRefunds', undefined, undefined, { chargeId: charge.id as string });
		const recipients = await listSearch('searchRecipients', 'vendor');
		const transfers = await listSearch('searchTransfers');
		const disputes = await listSearch('searchDisputes');
		const events = await listSearch('searchEvents', 'refund.create');
		const schedules = await listSearch('searchSchedules');
		expect(omise.requests).toEqual([
			sent('GET', `/charges/${String(charge.id)}/refunds`, undefined, NEWEST_FIRST),
			sent('GET', '/search', undefined, { scope: 'recipient', query: 'vendor', page: '1', per_page: '50', order: 'reverse_chronological' }),
			sent('GET', '/transfers', undefined, NEWEST_FIRST),
			sent('GET', '/disputes', undefined, NEWEST_FIRST),
			sent('GET', '/events', undefined, NEWEST_FIRST),
			sent('GET', '/schedules', undefined, NEWEST_FIRST),
		]);
		expect(schedules.results).toEqual([
			{ name: `Every 1 month(s) on day 1 · 990.00 THB · Gold · active (${String(schedule.id)})`, value: schedule.id, url: `https://dashboard.omise.co/test/schedules/${String(schedule.id)}` },
		]);
		expect(refunds.results).toEqual([{ name: `250.00 THB · ${today()} (${String(refund.id)})`, value: refund.id }]);
		expect(recipients.results.map((item) => item.name)).toEqual([`Vendor Co · ap@vendor.example · ${String((recipient.bank_account as Record<string, unknown>).brand)} · •••• 3210 (${String(recipient.id)})`]);
		expect(transfers.results.find((item) => item.value === transfer.id)?.name).toBe(`1000.00 THB · not sent · ${today()} (${String(transfer.id)})`);
		expect(disputes.results).toEqual([
			{ name: `500.00 THB · open · ${String(dispute.reason_message)} · ${today()} (${String(dispute.id)})`, value: dispute.id, url: `https://dashboard.omise.co/test/disputes/${String(dispute.id)}` },
		]);
		// Omise's search has no events: the page read is filtered by the typed text
		expect(events.results.map((item) => item.name)).toEqual([expect.stringMatching(new RegExp(`^refund\\.create · ${String(refund.id)} · `))]);
	});

	test('transactions, receipts, and a dispute’s documents (the Dispute ID the node holds)', async () => {
		const charge = await omise.call('POST', '/charges', { amount: 100000, currency: 'thb', card: 'tokn_test_pickledger' });
		const dispute = await fetch(`${omise.url}/__sandbox/charges/${String(charge.id)}/dispute`, { method: 'POST' }).then(async (response) => (await response.json()) as Record<string, unknown>);
		omise.clear();

		const transactions = await listSearch('searchTransactions');
		const receipts = await listSearch('searchReceipts');
		const documents = await listSearch('searchDocuments', undefined, undefined, { resource: 'dispute', operation: 'getDocument', disputeId: { __rl: true, mode: 'list', value: dispute.id as string } });
		expect(omise.requests).toEqual([
			sent('GET', '/transactions', undefined, NEWEST_FIRST),
			sent('GET', '/receipts', undefined, NEWEST_FIRST),
			sent('GET', `/disputes/${String(dispute.id)}/documents`, undefined, NEWEST_FIRST),
		]);
		expect(transactions.results.map((item) => item.name.replace(/ \(trxn_\w+\)$/, ''))).toEqual([`1000.00 THB · debit · dispute.started.debit · ${today()}`, `960.94 THB · credit · charge.capture · ${today()}`]);
		expect(receipts.results).toEqual([{ name: expect.stringMatching(new RegExp(`^No\\. 1 · 39\\.06 THB · ${today()} \\(rcpt_test_\\d+\\)$`)), value: expect.stringMatching(/^rcpt_test_/) }]);
		expect(documents.results).toEqual([]);
		await expect(listSearch('searchDocuments', undefined, undefined, { resource: 'dispute', operation: 'getDocument' })).rejects.toThrow('Choose the dispute first: its list depends on it');
	});

	test('Omise’s error reaches the editor with its code and message', async () => {
		omise.faults.add({ kind: '500', method: 'GET', path: '/customers', times: 1 });
		await expect(listSearch('searchCustomers')).rejects.toThrow(/^Omise error /);
	});
});
