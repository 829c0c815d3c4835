import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox();
const run = async (parameters: Record<string, unknown>) => await omise.run({ resource: 'link', ...parameters });
const makeLink = async (overrides: Record<string, unknown> = {}) =>
	await omise.call('POST', '/links', { amount: 10000, currency: 'thb', title: 'Fixture', description: 'Fixture link', ...overrides });

describe('Link → Get / Update / Delete', () => {
	test('Get sends GET /links/:id and outputs the link', async () => {
		const link = await makeLink();
		const { items } = await run({ operation: 'get', linkId: link.id });
		expect(omise.requests).toEqual([sent('GET', `/links/${link.id}`)]);
		expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ id: link.id, object: 'link', title: 'Fixture' })]);
	});

	test.each([
		['../account', 'Link ID is not an Omise ID: "../account". It looks like link_test_…'],
		['.', 'Link ID is not an Omise ID: ".". It looks like link_test_…'],
		['..', 'Link ID is not an Omise ID: "..". It looks like link_test_…'],
		['chrg_test_5abc', 'Link ID must be a link ID (link_…); got "chrg_test_5abc", which is a charge ID'],
		['  ', 'Link ID is required (an Omise ID such as link_test_…)'],
	])('a Link ID of %j is refused before any request: it could change the path or is the wrong kind', async (linkId, message) => {
		const { error } = await run({ operation: 'get', linkId });
		expect(omise.requests).toEqual([]);
		expect(error?.message).toBe(message);
	});

	test('an empty Link ID is refused before any request', async () => {
		const { error } = await run({ operation: 'get', linkId: ' ' });
		expect(error?.message).toBe('Link ID is required (an Omise ID such as link_test_…)');
		expect(omise.requests).toEqual([]);
	});

	test('Update sends PATCH /links/:id with description and metadata only', async () => {
		const link = await makeLink({ metadata: { keep: 'me' } });
		const { items } = await run({
			operation: 'update',
			linkId: link.id,
			updateFields: { description: 'Now with oat milk', metadata: { metadataValues: [{ key: 'status', value: 'sent' }] } },
		});
		expect(omise.requests).toEqual([
			sent('PATCH', `/links/${link.id}`, { description: 'Now with oat milk', metadata: { status: 'sent' } }),
		]);
		expect(items[0].json).toMatchObject({ id: link.id, description: 'Now with oat milk', metadata: { keep: 'me', status: 'sent' } });
	});

	test('Update with nothing in Update Fields is refused before any request', async () => {
		const link = await makeLink();
		const { error } = await run({ operation: 'update', linkId: link.id, updateFields: {} });
		expect(error?.message).toBe('Update Fields is empty: add Description or Metadata to change');
		expect(omise.requests).toEqual([]);
	});

	test('Delete sends DELETE /links/:id and outputs the deleted link', async () => {
		const link = await makeLink();
		const { items } = await run({ operation: 'delete', linkId: link.id });
		expect(omise.requests).toEqual([sent('DELETE', `/links/${link.id}`)]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: link.id, deleted: true });
		expect(items[0].json.deleted_at).toEqual(expect.any(String));
	});
});
