// A create whose answer was lost is found exactly or reported as "outcome
// unknown", never paired with another row's or a stranger's object (issue 17).
// The sandbox fails requests the way networks do, makes a stranger's twin of a
// request, runs its clock off n8n's, and creates objects after the node's
// timeout; the package runs in n8n's own engine, nothing of it mocked.
import type { INodeExecutionData } from 'n8n-workflow';

import { runOmiseNode } from '../harness/n8n';
import { callSandbox, credentialsFor, MARK_KEY, markOf, startSandbox } from '../harness/sandbox';
import type { Sandbox } from '../harness/sandbox';

let sandbox: Sandbox;
afterEach(async () => await sandbox?.close());

/** A sheet of customers buying the same plan: same amount and description, each with their own card token. */
const chargeCards = {
	resource: 'charge',
	operation: 'create',
	amount: 990,
	amountUnit: 'major',
	currency: 'THB',
	paymentMethod: 'card',
	card: '={{ $json.token }}',
	additionalFields: { description: 'Gold plan' },
	requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 0 } }, timeout: 700 },
};
const cardRows = (count: number, prefix = 'row') => Array.from({ length: count }, (_, index) => ({ json: { token: `tokn_test_${prefix}${index + 1}` } }));

const charges = () => sandbox.store.all('charge', false) as unknown as Array<{ id: string; metadata: Record<string, string> }>;
/** The request mark each row's create carried (the row is known by its token). */
function marksByRow(rows: number): Array<string | undefined> {
	const creates = sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/charges');
	return Array.from({ length: rows }, (_, row) => {
		const own = creates.filter((request) => request.rawBody.includes(`"tokn_test_row${row + 1}"`));
		const marks = new Set(own.map(markOf));
		if (marks.size > 1) throw new Error(`row ${row + 1} was sent with ${marks.size} marks`);
		return [...marks][0];
	});
}

/** Every row once and paired; an object reported for a row carries that row's mark; every charge made is reported. */
function expectEveryRowOwnOrUnknown(items: INodeExecutionData[], rows: number) {
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: rows }, (_, item) => ({ item })));
	const marks = marksByRow(rows);
	const byId = new Map(charges().map((charge) => [charge.id, charge]));
	const counts = { own: 0, unknown: 0, other: 0 };
	items.forEach((item, row) => {
		if (item.json.id) {
			expect(byId.get(String(item.json.id))?.metadata[MARK_KEY]).toBe(marks[row]);
			counts.own += 1;
		} else if (String(item.json.error).startsWith('Outcome unknown')) {
			// unknown only when no charge of its own existed when it looked
			counts.unknown += 1;
		} else counts.other += 1;
	});
	const reported = items.map((item) => item.json.id).filter(Boolean);
	expect(new Set(reported).size).toBe(reported.length);
	return { counts, reported };
}

describe('identical rows told apart by their request mark', () => {
	test('smallest case: row 1 made then answered 500, row 2 answered 500 before creating → row 1 its own charge, row 2 outcome unknown', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([
			{ kind: '500', path: '/charges', bodyIncludes: '"tokn_test_row1"', process: true },
			{ kind: '500', path: '/charges', bodyIncludes: '"tokn_test_row2"', process: false },
		]);
		const { items, error } = await runOmiseNode(chargeCards as never, credentialsFor(sandbox), { items: cardRows(2), node: { onError: 'continueRegularOutput' } });
		expect(error).toBeUndefined();
		const { counts } = expectEveryRowOwnOrUnknown(items, 2);
		expect(counts).toEqual({ own: 1, unknown: 1, other: 0 });
		expect(items[0].json).toMatchObject({ object: 'charge', amount: 99000, recovered: expect.stringContaining('this charge was found in Omise afterwards') });
		expect(items[1].json.error).toBe(
			`Outcome unknown: Omise may or may not have created this charge. The answer to the create request was lost (Omise answered Omise error internal_error: an internal error occurred), and no charge of this row was found. Search Omise for metadata.${MARK_KEY} = ${marksByRow(2)[1]} before creating it again.`,
		);
		expect(items[1].error?.description).toContain(`Look for a charge whose metadata.${MARK_KEY} = ${marksByRow(2)[1]}`);
		expect(charges()).toHaveLength(1);
	});

	test('60 rows, faults on a third of them: no row carries another row\'s charge, every charge made is reported by its own row', async () => {
		sandbox = await startSandbox({ latencyMs: 5 });
		const fault = (row: number, spec: Record<string, unknown>) => ({ path: '/charges', bodyIncludes: `"tokn_test_row${row}"`, ...spec });
		const faults = [];
		for (let row = 1; row <= 60; row += 1) {
			if (row % 6 === 1) faults.push(fault(row, { kind: '500', process: true }));
			if (row % 6 === 2) faults.push(fault(row, { kind: '500', process: false }));
			if (row % 6 === 3 && row % 4 === 3) faults.push(fault(row, { kind: 'reset' }));
			if (row % 12 === 4) faults.push(fault(row, { kind: 'stall' }));
			if (row % 12 === 10) faults.push(fault(row, { kind: '429', times: 1 }));
		}
		sandbox.faults.set(faults as never);
		const { items, error } = await runOmiseNode(chargeCards as never, credentialsFor(sandbox), { items: cardRows(60), node: { onError: 'continueRegularOutput' } });
		expect(error).toBeUndefined();
		const { counts, reported } = expectEveryRowOwnOrUnknown(items, 60);
		// every charge that exists is its row's, and reported
		expect(reported.sort()).toEqual(charges().map((charge) => charge.id).sort());
		expect(counts.unknown).toBe(10); // the ten 500s before creating
		expect(counts.other).toBe(0);
		expect(counts.own).toBe(50);
	});
});

describe('a stranger\'s twin (the dashboard, another workflow) made with the row\'s exact fields', () => {
	test('charges: never claimed; the row\'s own charge is found when it exists, otherwise the row is outcome unknown', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([
			{ kind: '500', path: '/charges', bodyIncludes: '"tokn_test_row1"', process: false, twin: true },
			{ kind: '500', path: '/charges', bodyIncludes: '"tokn_test_row2"', process: true, twin: true },
		]);
		const { items } = await runOmiseNode(chargeCards as never, credentialsFor(sandbox), { items: cardRows(2), node: { onError: 'continueRegularOutput' } });
		expect(sandbox.twins).toHaveLength(2);
		expect(items[0].json.error).toMatch(/^Outcome unknown: .*no charge of this row was found\. Search Omise for metadata\.n8n_request_id = [0-9a-f-]{36} before creating it again\.$/);
		expect(items[1].json).toMatchObject({ object: 'charge', metadata: { [MARK_KEY]: marksByRow(2)[1] } });
		expect(sandbox.twins).not.toContain(items[1].json.id);
		expect(charges()).toHaveLength(3);
	});

	test('links (no request mark): with both the row\'s own link and a twin, the row is outcome unknown and both are named', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([{ kind: '500', path: '/links', process: true, twin: true }]);
		const { items } = await runOmiseNode(
			{ resource: 'link', operation: 'create', amount: 540, amountUnit: 'major', currency: 'THB', title: 'Gold plan', description: 'Monthly' } as never,
			credentialsFor(sandbox),
			{ node: { onError: 'continueRegularOutput' } },
		);
		const links = sandbox.store.all('link', false).map((link) => String(link.id));
		expect(links).toHaveLength(2);
		expect(items[0].json.error).toMatch(/^Outcome unknown: .*2 matching link\(s\) could not be told apart\. Candidates: link_test_\w+, link_test_\w+\.$/);
		// named in the message itself: the error output and an AI agent get the message alone
		for (const id of links) expect(items[0].json.error).toContain(id);
		for (const id of links) expect(items[0].error?.description).toContain(id);
	});
});

describe('Omise\'s clock is not n8n\'s', () => {
	for (const offsetMs of [-90_000, 90_000]) {
		test(`Omise ${offsetMs < 0 ? 'behind' : 'ahead'} by 90 s: a charge and a link whose answers were lost are still found`, async () => {
			sandbox = await startSandbox({ clockOffsetMs: offsetMs });
			sandbox.faults.set([{ kind: '500', method: 'POST', path: '*', process: true }]);
			const charge = await runOmiseNode(chargeCards as never, credentialsFor(sandbox), { items: cardRows(1), node: { onError: 'continueRegularOutput' } });
			expect(charge.items[0].json).toMatchObject({ object: 'charge', recovered: expect.any(String) });
			const link = await runOmiseNode(
				{ resource: 'link', operation: 'create', amount: 540, amountUnit: 'major', currency: 'THB', title: 'Clock', description: 'Skew' } as never,
				credentialsFor(sandbox),
				{ node: { onError: 'continueRegularOutput' } },
			);
			expect(link.items[0].json).toMatchObject({ object: 'link', title: 'Clock', recovered: expect.any(String) });
			// the look-up pages newest first, without a `from` on n8n's clock
			const lookups = sandbox.requests.filter((request) => request.method === 'GET');
			expect(lookups.map((request) => [request.path, request.query])).toEqual([
				['/charges', { order: 'reverse_chronological', limit: '100', offset: '0' }],
				['/links', { order: 'reverse_chronological', limit: '100', offset: '0' }],
			]);
		});
	}
});

describe('On Error = Stop', () => {
	test('rows whose charges are made after the node\'s timeout and its looks are named in the node\'s error, with their marks', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([
			{ kind: 'stall', path: '/charges', bodyIncludes: '"tokn_test_row2"', processAfterMs: 6000 },
			{ kind: 'stall', path: '/charges', bodyIncludes: '"tokn_test_row3"', processAfterMs: 6000 },
		]);
		const { items, error } = await runOmiseNode({ ...chargeCards, requestOptions: { timeout: 800 } } as never, credentialsFor(sandbox), { items: cardRows(4) });
		expect(items).toEqual([]);
		const marks = marksByRow(4);
		expect(error?.message).toMatch(/^Outcome unknown: Omise may or may not have created this charge/);
		const description = String(error?.description);
		expect(description).toContain(`metadata.${MARK_KEY} = ${marks[1]}`);
		expect(description).toContain('This is the error of row 2.');
		expect(description).toMatch(/Before the node stopped, 2 row\(s\) had already been done in Omise \(they are not in the output\): row 1: chrg_test_\w+; row 4: chrg_test_\w+\./);
		expect(description).toContain(`Outcome unknown for row 3: Omise may or may not have created its charge (no answer within the timeout of 0.8 s). Sent at`);
		expect(description).toContain(`metadata.${MARK_KEY} = ${marks[2]}`);
		// both charges do exist once Omise gets to them: the marks find them
		await new Promise((resolve) => setTimeout(resolve, 6500 - (Date.now() - sandbox.requests[0].startedAt)));
		const made = charges().map((charge) => charge.metadata[MARK_KEY]);
		expect(made).toEqual(expect.arrayContaining([marks[1], marks[2]]));
	}, 20_000);
});

describe('a create whose metadata is full', () => {
	test('50 metadata keys of the user\'s (Omise keeps at most 50): no mark is added, and a lost answer is found by the fields', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([{ kind: '500', path: '/charges', process: true }]);
		const metadataValues = Array.from({ length: 50 }, (_, index) => ({ key: `k${index}`, value: `v${index}` }));
		const { items } = await runOmiseNode({ ...chargeCards, additionalFields: { description: 'Full', metadata: { metadataValues } } } as never, credentialsFor(sandbox), {
			items: cardRows(1),
			node: { onError: 'continueRegularOutput' },
		});
		const sent = JSON.parse(sandbox.requests[0].rawBody) as { metadata: Record<string, string> };
		expect(Object.keys(sent.metadata)).toHaveLength(50);
		expect(sent.metadata[MARK_KEY]).toBeUndefined();
		expect(items[0].json).toMatchObject({ object: 'charge', description: 'Full', recovered: expect.any(String) });
	});
});

describe('a look-up that cannot reach Omise', () => {
	test('says so, instead of saying nothing was found', async () => {
		sandbox = await startSandbox();
		sandbox.faults.set([
			{ kind: '500', path: '/charges', process: true },
			{ kind: '500', method: 'GET', path: '/charges' },
		]);
		const { items } = await runOmiseNode(chargeCards as never, credentialsFor(sandbox), { items: cardRows(1), node: { onError: 'continueRegularOutput' } });
		expect(items[0].json.error).toBe(
			`Outcome unknown: Omise may or may not have created this charge. The answer to the create request was lost (Omise answered Omise error internal_error: an internal error occurred), and Omise could not be asked whether it exists (the look-up failed too). Search Omise for metadata.${MARK_KEY} = ${marksByRow(1)[0]} before creating it again.`,
		);
		expect(items[0].error?.description).toContain(`metadata.${MARK_KEY} = ${marksByRow(1)[0]}`);
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /charges', 'GET /charges']);
		expect(charges()).toHaveLength(1); // it does exist: the mark in the error finds it
	});
});

describe('On Error = Stop and a look-up that finds the row\'s object', () => {
	test('a charge found by a later look, after another row stopped the node, is named among the rows done, not as unknown', async () => {
		sandbox = await startSandbox({ latencyMs: 20 });
		await callSandbox(sandbox, 'POST', '/charges', { amount: 2000, currency: 'thb', card: 'tokn_test_row1' }); // row 1's token is used up
		sandbox.clearRequests();
		// row 2's answer never comes and its charge is made only after its first look: the second look finds it
		sandbox.faults.set([{ kind: 'stall', path: '/charges', bodyIncludes: '"tokn_test_row2"', processAfterMs: 700 }]);
		const { error } = await runOmiseNode({ ...chargeCards, requestOptions: { timeout: 400 } } as never, credentialsFor(sandbox), { items: cardRows(2) });
		expect(error?.message).toBe('Omise error used_token: token was already used');
		const made = charges().find((charge) => charge.metadata[MARK_KEY] === marksByRow(2)[1]);
		expect(made).toBeDefined();
		expect(error?.description).toContain(`Before the node stopped, 1 row(s) had already been done in Omise (they are not in the output): row 2: ${made?.id}.`);
		expect(error?.description).not.toContain('Outcome unknown for row 2');
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /charges', 'POST /charges', 'GET /charges', 'GET /charges']);
	});
});
