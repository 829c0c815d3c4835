// Receipt → Get / Get Many: Omise's daily fee receipt. The sandbox makes one per
// day of captured charges: their fees (3.65 %), the VAT on them (7 %), the total.
import { sent, useSandbox } from '../harness/operation';

const omise = useSandbox({}, { each: true });

describe('Receipt', () => {
	test('Get Many with Simplify: the day’s fees, VAT and total in the major unit; Get by its ID', async () => {
		for (const [amount, token] of [[100000, 'tokn_test_r1'], [5000, 'tokn_test_r2']] as const) await omise.call('POST', '/charges', { amount, currency: 'thb', card: token });
		const list = await omise.run({ resource: 'receipt', operation: 'getAll', limit: 5, simplify: true });
		expect(list.requests).toEqual([sent('GET', '/receipts', undefined, { limit: '5' })]);
		expect(list.items.map((item) => item.json)).toEqual([
			{
				id: expect.stringMatching(/^rcpt_test_\d{8}$/),
				number: '1',
				date: expect.any(String),
				charge_fee_major: '38.33', // 3650 + 183 satang
				voided_fee_major: '0.00',
				transfer_fee_major: '0.00',
				subtotal_major: '38.33',
				vat_major: '2.69', // 256 + 13
				wht_major: '0.00',
				total_major: '41.02',
				currency: 'THB',
				credit_note: false,
				livemode: false,
			},
		]);
		const id = String(list.items[0].json.id);
		const one = await omise.run({ resource: 'receipt', operation: 'get', receiptId: id });
		expect(one.requests).toEqual([sent('GET', `/receipts/${id}`)]);
		expect(one.items[0].json).toMatchObject({ object: 'receipt', id, charge_fee: 3833, vat: 269, total: 4102 });
	});

	// Omise's own recorded response: omise-go testdata/fixtures/api.omise.co/receipts-get.json.
	const RECORDED = {
		object: 'list', from: '2017-07-01T00:00:00Z', to: '2017-07-31T23:59:59Z', offset: 0, limit: 20, total: 1, order: 'chronological', location: '/receipts',
		data: [{
			object: 'receipt', id: 'rcpt_test_12345', number: '1', location: '/receipts/rcpt_test_12345', date: '2017-07-13T16:59:59Z',
			customer_name: 'John Doe', customer_address: 'Crystal Design Center 1448/17 J209-210 Ladprao 87 Klongchan\nBangkapi\nBangkok 10240', customer_tax_id: 'Tax ID 1234',
			customer_email: 'john@omise.co', customer_statement_name: 'John', company_name: 'Omise Company Limited',
			company_address: 'Crystal Design Center (CDC)\n1448/4 J2 Bldg. Ladprao 87\nKlongchan, Bangkapi, Bangkok 10240', company_tax_id: '0105556091152',
			charge_fee: 3650, voided_fee: 0, transfer_fee: 0, subtotal: 3650, vat: 256, wht: 0, total: 3906, credit_note: false, currency: 'thb',
		}],
	};
	test.each([false, true])('Omise\'s recorded receipts pass through Get Many (Simplify %s)', async (simplify) => {
		omise.faults.add({ kind: 'garbage', method: 'GET', path: '/receipts', status: 200, body: JSON.stringify(RECORDED), contentType: 'application/json', times: 1 });
		const { items, error } = await omise.run({ resource: 'receipt', operation: 'getAll', limit: 20, simplify });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(simplify ? [items[0].json.subtotal_major, items[0].json.vat_major, items[0].json.total_major] : [items[0].json.subtotal, items[0].json.vat, items[0].json.total]).toEqual(
			simplify ? ['36.50', '2.56', '39.06'] : [3650, 256, 3906],
		);
	});
});
