// Charge → Create PromptPay QR: the payment request Thai merchants make most, in
// one operation (action "Create a PromptPay QR payment request"): the charge in
// baht, and its QR image downloaded by default to send the customer.
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { nodeTypeOf } from '../harness/n8n';
import { sent, useSandbox } from '../harness/operation';
import { MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox();
const run = async (parameters: Record<string, unknown>, items?: Array<{ json: IDataObject }>) =>
	await omise.run({ resource: 'charge', operation: 'createPromptPayQr', ...parameters }, { items });

describe('Charge → Create PromptPay QR', () => {
	test('an amount in baht → one PromptPay charge in satang, and its QR image in binary data (on by default), paired with its row', async () => {
		const { items, error } = await run({ amount: '1500.50', additionalFields: { description: 'Order 1001', metadata: { metadataValues: [{ key: 'order_id', value: '1001' }] } } });
		expect(error).toBeUndefined();
		const charge = items[0].json as { id: string; source: { scannable_code: { image: { download_uri: string } } } };
		const downloadPath = new URL(charge.source.scannable_code.image.download_uri).pathname;
		expect(omise.requests).toEqual([
			sent('POST', '/charges', { amount: 150050, currency: 'thb', source: { type: 'promptpay' }, description: 'Order 1001', metadata: { order_id: '1001', [MARK_KEY]: MARK } }),
			sent('GET', downloadPath),
		]);
		expect(items[0].json).toMatchObject({ object: 'charge', status: 'pending', amount: 150050, currency: 'THB', source: { type: 'promptpay' } });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const image = items[0].binary?.data as IBinaryData;
		expect([image.mimeType, image.fileName]).toEqual(['image/png', `${charge.id}-qrcode.png`]);
	});

	test('rows of a sheet: each its own charge; Download QR Code off sends no download; Simplify says where the QR is', async () => {
		const rows = [{ json: { price: '120' } }, { json: { price: '89.50' } }];
		const { items } = await run({ amount: '={{ $json.price }}', downloadQrCode: false, simplify: true }, rows);
		expect(omise.requests).toEqual([
			sent('POST', '/charges', { amount: 12000, currency: 'thb', source: { type: 'promptpay' }, metadata: { [MARK_KEY]: MARK } }),
			sent('POST', '/charges', { amount: 8950, currency: 'thb', source: { type: 'promptpay' }, metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items.map((item) => [item.json.amount_major, item.json.source_type, item.pairedItem])).toEqual([
			['120.00', 'promptpay', { item: 0 }],
			['89.50', 'promptpay', { item: 1 }],
		]);
		expect(items[0].json.qr_code).toMatch(/^Not downloaded/);
	});

	test('an amount PromptPay cannot take is refused before any request', async () => {
		const { error, requests } = await run({ amount: '10.555' });
		expect(requests).toEqual([]);
		expect(error?.message).toBe('Amount has more than 2 decimal places, which THB does not allow; got 10.555');
	});

	test('the editor: searching the node’s actions for "qr" or "promptpay" finds it', async () => {
		const { description } = await nodeTypeOf('omise', 2);
		const chargeOperations = description.properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'charge');
		const actions = (chargeOperations?.options as Array<{ value: string; action: string }>).map((option) => option.action);
		expect(actions.filter((action) => /qr/i.test(action))).toEqual(['Create a PromptPay QR payment request']);
		expect(actions.filter((action) => /promptpay/i.test(action))).toEqual(['Create a PromptPay QR payment request']);
	});
});
