// Recipient: the bank accounts transfers pay out to. Create with the bank
// account fields Omise takes per country (checked before any request), Get,
// Get Many, Update, Delete, Verify (test mode), Search, Simplify; Omise's own
// recorded recipients pass through.
import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox();
const run = async (parameters: Record<string, unknown>, options = {}) => await omise.run({ resource: 'recipient', ...parameters }, options);

const somchai = { recipientName: 'Somchai Prasert', recipientType: 'individual', email: 'somchai@example.com' };
const thai = { bankCountry: 'th', bankBrand: 'bbl', accountNumber: '123-4-56789-0', accountName: 'SOMCHAI PRASERT' };
const japanese = { bankCountry: 'jp', bankCode: '0001', branchCode: '001', accountType: 'current', accountNumber: '0000001', accountName: 'ﾀﾅｶ ﾀﾛｳ' };
/** A field left empty in the row (an expression: n8n itself refuses a required field left empty in the editor). */
const blank = '={{ "" }}';
const makeRecipient = async (name = 'Vendor') =>
	(await omise.call('POST', '/recipients', { name, type: 'corporation', bank_account: { brand: 'kbank', number: '9876543210', name } })) as { id: string };

describe('Recipient → Create: the bank account fields of its country', () => {
	test('Thailand: bank code as brand, the number without dashes, the holder; name, type, email, tax ID, description, metadata', async () => {
		const { items, requests, error } = await run({
			operation: 'create',
			...somchai,
			taxId: '1234567890123',
			description: 'Seller 17',
			...thai,
			metadata: { metadataValues: [{ key: 'seller_id', value: 'S-17' }] },
		});
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			sent('POST', '/recipients', {
				name: 'Somchai Prasert',
				type: 'individual',
				email: 'somchai@example.com',
				tax_id: '1234567890123',
				description: 'Seller 17',
				bank_account: { brand: 'bbl', number: '1234567890', name: 'SOMCHAI PRASERT' },
				metadata: { seller_id: 'S-17', [MARK_KEY]: MARK },
			}),
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			object: 'recipient',
			id: expect.stringMatching(/^recp_test_/),
			name: 'Somchai Prasert',
			verified: false,
			active: false,
			bank_account: { bank_code: 'bbl', brand: 'Bangkok Bank', last_digits: '7890', name: 'SOMCHAI PRASERT' },
			metadata: { seller_id: 'S-17' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Japan: bank code, branch code and account type instead of a brand', async () => {
		const { items, requests } = await run({ operation: 'create', recipientName: 'Tanaka Taro', recipientType: 'individual', ...japanese });
		expect(requests).toEqual([
			sent('POST', '/recipients', {
				name: 'Tanaka Taro',
				type: 'individual',
				bank_account: { bank_code: '0001', branch_code: '001', type: 'current', number: '0000001', name: 'ﾀﾅｶ ﾀﾛｳ' },
				metadata: { [MARK_KEY]: MARK },
			}),
		]);
		expect(items[0].json.bank_account).toMatchObject({ bank_code: '0001', branch_code: '001', type: 'current', last_digits: '0001' });
	});

	test.each([
		['Singapore', 'sg', 'dbs'],
		['Malaysia', 'my', 'maybank'],
	])('%s: the bank code as brand, the number, the holder (a corporation)', async (_country, bankCountry, bankBrand) => {
		const { requests, error } = await run({
			operation: 'create',
			recipientName: 'Acme Pte Ltd',
			recipientType: 'corporation',
			bankCountry,
			bankBrand: bankBrand.toUpperCase(),
			accountNumber: '0123456789',
			accountName: 'ACME PTE LTD',
		});
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			sent('POST', '/recipients', {
				name: 'Acme Pte Ltd',
				type: 'corporation',
				bank_account: { brand: bankBrand, number: '0123456789', name: 'ACME PTE LTD' },
				metadata: { [MARK_KEY]: MARK },
			}),
		]);
	});

	test.each([
		['Thailand without Bank', { ...thai, bankBrand: blank }, 'Bank Account → Bank is required for a Thai bank account (e.g. bbl)'],
		['Singapore without Bank', { ...thai, bankCountry: 'sg', bankBrand: ' ' }, 'Bank Account → Bank is required for a Singaporean bank account (e.g. dbs)'],
		['Malaysia without Account Number', { ...thai, bankCountry: 'my', accountNumber: blank }, 'Bank Account → Account Number is required for a Malaysian bank account (e.g. 1234567890)'],
		['Thailand without Account Holder Name', { ...thai, accountName: blank }, 'Bank Account → Account Holder Name is required for a Thai bank account (e.g. SOMCHAI PRASERT)'],
		['Japan without Bank Code', { ...japanese, bankCode: blank }, 'Bank Account → Bank Code is required for a Japanese bank account (e.g. 0001)'],
		['Japan without Branch Code', { ...japanese, branchCode: blank }, 'Bank Account → Branch Code is required for a Japanese bank account (e.g. 001)'],
		['Japan with a 3-digit Bank Code', { ...japanese, bankCode: '001' }, 'Bank Account → Bank Code must be the bank’s 4 digits (e.g. 0001); got "001"'],
		['Japan with a Branch Code of letters', { ...japanese, branchCode: 'abc' }, 'Bank Account → Branch Code must be the branch’s 3 digits (e.g. 001); got "abc"'],
		['an Account Number with other characters', { ...thai, accountNumber: '12/34' }, 'Bank Account → Account Number must be letters and digits only; got "12/34"'],
		['a Bank that is not a code', { ...thai, bankBrand: 'Bangkok Bank' }, 'Bank Account → Bank must be the bank’s code as Omise names it (e.g. bbl, kbank, scb); got "bangkok bank"'],
		['no Name', { ...thai, recipientName: blank }, 'Name is required'],
		['an Email that is not one', { ...thai, email: 'somchai' }, 'Email is not an email address: "somchai"'],
	])('%s is refused before any request, naming the field', async (_what, fields, message) => {
		const { error, requests } = await run({ operation: 'create', ...somchai, ...fields });
		expect(requests).toEqual([]);
		expect(error?.message).toBe(message);
	});

	test('Simplify: the recipient, and its bank account without the full number Omise sends', async () => {
		const { items } = await run({ operation: 'create', ...somchai, ...thai, simplify: true });
		expect(items[0].json).toEqual({
			id: expect.stringMatching(/^recp_test_/),
			name: 'Somchai Prasert',
			email: 'somchai@example.com',
			type: 'individual',
			verified: false,
			active: false,
			default: false,
			bank_account: { brand: 'Bangkok Bank', bank_code: 'bbl', branch_code: null, type: null, last_digits: '7890', name: 'SOMCHAI PRASERT' },
			description: null,
			tax_id: '',
			failure_code: null,
			metadata: { [MARK_KEY]: expect.any(String) },
			created_at: expect.any(String),
			livemode: false,
		});
		expect(JSON.stringify(items[0].json)).not.toContain('1234567890');
	});

	test('a keyed create run twice: one recipient; the second run returns it, marked reused', async () => {
		const keyed = { operation: 'create', ...somchai, ...thai, recipientName: 'Keyed Seller', idempotencyKey: 'seller-42' };
		const first = await run(keyed);
		const second = await run(keyed);
		expect(first.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(second.requests).toEqual([sent('GET', '/recipients', undefined, { order: 'reverse_chronological', limit: '100', offset: '0' })]);
		expect(second.items[0].json).toMatchObject({ id: first.items[0].json.id, reused: expect.stringContaining('A recipient with this Idempotency Key already existed') });
		expect(omise.store.all('recipient', false).filter((recipient) => recipient.name === 'Keyed Seller')).toHaveLength(1);
	});
});

describe('Recipient → Get / Get Many / Update / Delete / Verify / Search', () => {
	test('Get, Update (fields and a new Japanese bank account), Verify, Delete', async () => {
		const recipient = await makeRecipient('Vendor One');
		const got = await run({ operation: 'get', recipientId: recipient.id });
		const updated = await run({
			operation: 'update',
			recipientId: recipient.id,
			updateFields: { name: 'Vendor 1', email: 'v1@example.com', type: 'individual', taxId: '0105555555555', description: 'Renamed', metadata: { metadataValues: [{ key: 'tier', value: 'gold' }] } },
			...japanese,
		});
		const verified = await run({ operation: 'verify', recipientId: recipient.id, simplify: true });
		const deleted = await run({ operation: 'delete', recipientId: recipient.id });
		expect(omise.requests).toEqual([
			sent('GET', `/recipients/${recipient.id}`),
			sent('PATCH', `/recipients/${recipient.id}`, {
				name: 'Vendor 1',
				email: 'v1@example.com',
				type: 'individual',
				tax_id: '0105555555555',
				description: 'Renamed',
				metadata: { tier: 'gold' },
				bank_account: { bank_code: '0001', branch_code: '001', type: 'current', number: '0000001', name: 'ﾀﾅｶ ﾀﾛｳ' },
			}),
			sent('PATCH', `/recipients/${recipient.id}/verify`),
			sent('DELETE', `/recipients/${recipient.id}`),
		]);
		expect(got.items[0].json).toMatchObject({ object: 'recipient', id: recipient.id, name: 'Vendor One', type: 'corporation' });
		expect(updated.items[0].json).toMatchObject({ name: 'Vendor 1', type: 'individual', metadata: { tier: 'gold' }, bank_account: { bank_code: '0001', last_digits: '0001' } });
		expect(verified.items[0].json).toMatchObject({ id: recipient.id, verified: true, active: true });
		expect(deleted.items[0].json).toMatchObject({ object: 'recipient', id: recipient.id, deleted: true });
		// Omise's events of each change, for the webhooks
		const keys = omise.store.all('event', false).filter((event) => (event.dataSnapshot as { id?: string }).id === recipient.id).map((event) => event.key);
		expect(keys).toEqual(['recipient.create', 'recipient.update', 'recipient.verify', 'recipient.activate', 'recipient.destroy']);
	});

	test('Update with nothing to change is refused before any request', async () => {
		const empty = await run({ operation: 'update', recipientId: 'recp_test_1', updateFields: {} });
		const onlyBlank = await run({ operation: 'update', recipientId: 'recp_test_1', updateFields: { name: ' ' } });
		const noBank = await run({ operation: 'update', recipientId: 'recp_test_1', bankCountry: 'th', bankBrand: 'scb', accountNumber: blank, accountName: 'X' });
		expect(empty.error?.message).toBe('Update Fields is empty and New Bank Account keeps the current one: add Name, Email, Type, Tax ID, Description or Metadata, or a new bank account, to change');
		expect(onlyBlank.error?.message).toBe('Update Fields holds only empty values and New Bank Account keeps the current one: add Name, Email, Type, Tax ID, Description or Metadata, or a new bank account, to change');
		expect(noBank.error?.message).toBe('Bank Account → Account Number is required for a Thai bank account (e.g. 1234567890)');
		expect(omise.requests).toEqual([]);
	});

	test('Get Many: the default recipient (your own bank account) first, then yours; Simplify', async () => {
		const recipient = await makeRecipient('Vendor Two');
		const { items, requests } = await run({ operation: 'getAll', limit: 100, simplify: true });
		expect(requests).toEqual([sent('GET', '/recipients', undefined, { limit: '100' })]);
		expect(items[0].json).toMatchObject({ default: true, verified: true, active: true, bank_account: { bank_code: 'test', last_digits: '6789' } });
		expect(items.map((item) => item.json.id)).toContain(recipient.id);
		expect(items.every((item) => !('account_number' in (item.json.bank_account as object)))).toBe(true);
	});

	test('Search: by a metadata value and the Verified filter', async () => {
		await omise.call('POST', '/recipients', { name: 'Meta', type: 'individual', bank_account: { brand: 'scb', number: '1111222233', name: 'META' }, metadata: { seller_id: 'S-99' } });
		const { items, requests } = await run({ operation: 'search', query: 'S-99', searchFilters: { verified: false }, limit: 10 });
		expect(requests).toEqual([sent('GET', '/search', undefined, { scope: 'recipient', query: 'S-99', 'filters[verified]': 'false', per_page: '10', page: '1' })]);
		expect(items.map((item) => item.json.name)).toEqual(['Meta']);
	});

	test('Verify with a live key is refused before any request', async () => {
		const { error, requests } = await run({ operation: 'verify', recipientId: 'recp_test_1' }, { credentials: { secretKey: 'skey_live_sandbox' } });
		expect(requests).toEqual([]);
		expect(error?.message).toBe("Verify works only in test mode, and this credential's secret key is not a test key (skey_test_…)");
	});

	test('Omise\'s errors: an unknown recipient, deleting the default recipient', async () => {
		const unknown = await run({ operation: 'get', recipientId: 'recp_test_nothere' });
		expect(unknown.error?.message).toBe('Omise error not_found: recipient recp_test_nothere was not found');
		const own = (await run({ operation: 'getAll', limit: 1 })).items[0].json;
		const refused = await run({ operation: 'delete', recipientId: own.id });
		expect(refused.error?.message).toBe('Omise error bad_request: the default recipient cannot be deleted');
	});
});

// Omise's own recorded recipients pass through Get Many and Get, with Simplify off and on:
// omise-php tests/fixtures/api.omise.co/recipients-get.json and recipients/recp_test_62e6vi6h2cnhukcqr13-get.json
// (API 2019-05-29: account_number, bank_code, metadata) and omise-go testdata/fixtures/api.omise.co/recipients/
// recp_test_50894vc13y8z4v51iuc-get.json (an older version: brand only).
const PHP_RECIPIENT = {
	object: 'recipient',
	id: 'recp_test_62e6vi6h2cnhukcqr13',
	livemode: false,
	location: '/recipients/recp_test_62e6vi6h2cnhukcqr13',
	deleted: false,
	bank_account: {
		object: 'bank_account',
		livemode: false,
		last_digits: '6789',
		account_number: '123456789',
		name: 'DEFAULT BANK ACCOUNT',
		type: null,
		created_at: '2025-01-13T02:42:11Z',
		brand: 'Test Bank',
		bank_code: 'test',
		branch_code: null,
	},
	active: true,
	default: true,
	verified: true,
	description: 'Default recipient',
	email: 'rossukhon.l@opn.ooo',
	failure_code: null,
	name: 'rossukhon.l@opn.ooo',
	tax_id: '',
	type: 'individual',
	created_at: '2025-01-13T02:42:11Z',
	schedule: null,
	metadata: {},
	verified_at: '2025-01-13T02:42:11Z',
	activated_at: '2025-01-13T02:42:11Z',
};
const PHP_LIST = {
	object: 'list',
	data: [PHP_RECIPIENT],
	limit: 20,
	offset: 0,
	total: 1,
	location: '/recipients',
	order: 'chronological',
	from: '1970-01-01T00:00:00Z',
	to: '2025-03-20T10:15:40Z',
};
const GO_RECIPIENT = {
	object: 'recipient',
	id: 'recp_test_50894vc13y8z4v51iuc',
	livemode: false,
	location: '/recipients/recp_test_50894vc13y8z4v51iuc',
	verified: true,
	active: true,
	name: 'john.doe@example.com',
	email: 'john.doe@example.com',
	description: 'Default recipient',
	type: 'individual',
	tax_id: '',
	bank_account: { object: 'bank_account', brand: 'test', last_digits: '6789', name: 'JOHN DOE', created_at: '2015-06-02T09:26:59Z' },
	failure_code: null,
	created_at: '2015-06-02T09:26:59Z',
};

describe('Omise\'s recorded recipients pass through', () => {
	const answer = (path: string, body: unknown) =>
		omise.faults.add({ kind: 'garbage', method: 'GET', path, status: 200, body: JSON.stringify(body), contentType: 'application/json', times: 1 });

	test('Get Many and Get, Simplify off: Omise\'s objects as they are', async () => {
		answer('/recipients', PHP_LIST);
		const list = await run({ operation: 'getAll', limit: 20 });
		expect(list.error).toBeUndefined();
		expect(list.items.map((item) => item.json)).toEqual([PHP_RECIPIENT]);
		answer('/recipients/recp_test_50894vc13y8z4v51iuc', GO_RECIPIENT);
		const one = await run({ operation: 'get', recipientId: 'recp_test_50894vc13y8z4v51iuc' });
		expect(one.items.map((item) => item.json)).toEqual([GO_RECIPIENT]);
	});

	test('Get Many and Get, Simplify on: no account_number, whatever the version', async () => {
		answer('/recipients', PHP_LIST);
		const list = await run({ operation: 'getAll', limit: 20, simplify: true });
		expect(list.items.map((item) => item.json)).toEqual([
			{
				id: 'recp_test_62e6vi6h2cnhukcqr13',
				name: 'rossukhon.l@opn.ooo',
				email: 'rossukhon.l@opn.ooo',
				type: 'individual',
				verified: true,
				active: true,
				default: true,
				bank_account: { brand: 'Test Bank', bank_code: 'test', branch_code: null, type: null, last_digits: '6789', name: 'DEFAULT BANK ACCOUNT' },
				description: 'Default recipient',
				tax_id: '',
				failure_code: null,
				metadata: {},
				created_at: '2025-01-13T02:42:11Z',
				livemode: false,
			},
		]);
		answer('/recipients/recp_test_62e6vi6h2cnhukcqr13', PHP_RECIPIENT);
		const php = await run({ operation: 'get', recipientId: 'recp_test_62e6vi6h2cnhukcqr13', simplify: true });
		expect(JSON.stringify(php.items[0].json)).not.toContain('123456789');
		answer('/recipients/recp_test_50894vc13y8z4v51iuc', GO_RECIPIENT);
		const go = await run({ operation: 'get', recipientId: 'recp_test_50894vc13y8z4v51iuc', simplify: true });
		expect(go.items[0].json).toMatchObject({ id: 'recp_test_50894vc13y8z4v51iuc', bank_account: { brand: 'test', last_digits: '6789', name: 'JOHN DOE' } });
	});
});
