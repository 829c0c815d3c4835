// Charge → Create with Payment Method "Payment Method Type" (an inline source
// in POST /charges), the QR code as binary data, and the list of types in the editor.
import { inflateSync } from 'node:zlib';

import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { IBinaryData, ILoadOptionsFunctions, INodeExecutionData, INodePropertyOptions, INodeType, IWorkflowBase } from 'n8n-workflow';

import { additionalDataFor, buildWorkflow, engine, omiseNode } from '../harness/n8n';
import { AUTH, sent, useSandbox, withSandbox } from '../harness/operation';
import { KEYS, MARK, MARK_KEY } from '../harness/sandbox';

const omise = useSandbox();

const create = async (parameters: Record<string, unknown>, options?: Parameters<typeof omise.run>[1]) =>
	await omise.run({ resource: 'charge', operation: 'create', paymentMethod: 'newSource', amount: 150050, amountUnit: 'smallest', currency: 'THB', ...parameters }, options);

/** Checks a PNG as a decoder would: signature, every chunk's CRC, IHDR, and IDAT that inflates to the image's size. */
function decodePng(bytes: Buffer) {
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (data: Buffer) => {
		let value = 0xffffffff;
		for (const byte of data) value = crcTable[(value ^ byte) & 0xff] ^ (value >>> 8);
		return (value ^ 0xffffffff) >>> 0;
	};
	const chunks: Array<{ type: string; data: Buffer }> = [];
	for (let offset = 8; offset < bytes.length; ) {
		const length = bytes.readUInt32BE(offset);
		const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
		expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc(typeAndData));
		chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
		offset += 12 + length;
	}
	expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
	const width = chunks[0].data.readUInt32BE(0);
	const height = chunks[0].data.readUInt32BE(4);
	expect(inflateSync(chunks[1].data).length).toBe(height * (width + 1));
	return { width, height };
}

describe('Charge → Create, Payment Method Type: QR methods', () => {
	test('PromptPay: the source goes inline; the QR code comes back as a PNG in binary "data", downloaded with the secret key', async () => {
		const { items, error, run } = await create({ sourceType: 'promptpay', downloadQrCode: true, sourceDetails: { phoneNumber: '0812345678' } });
		expect(error).toBeUndefined();
		const charge = items[0].json as { id: string; source: { scannable_code: { image: { download_uri: string } } } };
		const downloadPath = new URL(charge.source.scannable_code.image.download_uri).pathname;
		expect(omise.requests).toEqual([
			// PromptPay takes no phone number: the detail is not sent
			sent('POST', '/charges', { amount: 150050, currency: 'thb', source: { type: 'promptpay' }, metadata: { [MARK_KEY]: MARK } }),
			sent('GET', downloadPath),
		]);
		expect(downloadPath).toMatch(new RegExp(`^/charges/${charge.id}/documents/docu_test_\\w+/downloads/\\w+$`));
		expect(omise.raw[1].headers['omise-version']).toBe('2019-05-29');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			object: 'charge',
			status: 'pending',
			paid: false,
			amount: 150050,
			currency: 'THB',
			authorize_uri: null,
			source: { object: 'source', type: 'promptpay', flow: 'offline', scannable_code: { object: 'barcode', type: 'qr', image: { object: 'document', filename: 'qrcode.png' } } },
		});
		expect(Date.parse(String(items[0].json.expires_at)) - Date.parse(String(items[0].json.created_at))).toBe(24 * 3600 * 1000);
		expect(items[0].json.qr_code_error).toBeUndefined();
		const binary = items[0].binary?.data as IBinaryData;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `${charge.id}-qrcode.png`, fileExtension: 'png' });
		const png = Buffer.from(binary.data, 'base64');
		expect(decodePng(png)).toEqual({ width: 264, height: 264 });
		// the key is in no output and nowhere in the saved run
		expect(JSON.stringify(items)).not.toContain(KEYS.testSecretKey);
		expect(JSON.stringify(run)).not.toContain(KEYS.testSecretKey);
	});

	test.each([
		['paynow', 'SGD', 'sgd', 5000],
		['duitnow_qr', 'MYR', 'myr', 5000],
	])('%s: QR under a custom binary field name', async (type, currency, wireCurrency, amount) => {
		const { items } = await create({ sourceType: type, currency, amount, downloadQrCode: true, binaryPropertyName: 'qr' });
		expect(omise.requests[0].body).toEqual({ amount, currency: wireCurrency, source: { type }, metadata: { [MARK_KEY]: MARK } });
		expect(omise.requests).toHaveLength(2);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['qr']);
		expect((items[0].binary?.qr as IBinaryData).mimeType).toBe('image/png');
	});

	test('Download QR Code off (the default): no download, no binary', async () => {
		const { items } = await create({ sourceType: 'promptpay' });
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 150050, currency: 'thb', source: { type: 'promptpay' }, metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.source).toMatchObject({ scannable_code: { type: 'qr' } });
	});

	test('a failed download keeps the charge, with qr_code_error (not an error, not a "maybe")', async () => {
		omise.faults.set([{ kind: '500', method: 'GET', path: '/charges/*' }]);
		const { items, error } = await create({ sourceType: 'promptpay', downloadQrCode: true });
		expect(error).toBeUndefined();
		expect(omise.raw.map((request) => [request.method, request.status])).toEqual([
			['POST', 200],
			['GET', 500],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ object: 'charge', status: 'pending' });
		expect(items[0].json.qr_code_error).toBe('The charge was created, but its QR code could not be downloaded: Omise error internal_error: an internal error occurred');
		expect(items[0].binary).toBeUndefined();
		expect(omise.store.all('charge', false).filter((charge) => charge.id === items[0].json.id)).toHaveLength(1);
	});

	test('a charge recovered after a lost answer also gets its QR code', async () => {
		omise.faults.set([{ kind: 'reset', method: 'POST', path: '/charges', times: 1 }]);
		const before = omise.store.all('charge', false).length;
		const { items, error } = await create({ sourceType: 'promptpay', amount: 123400, downloadQrCode: true });
		expect(error).toBeUndefined();
		expect(omise.store.all('charge', false)).toHaveLength(before + 1);
		expect(omise.raw.map((request) => `${request.method} ${request.path.replace(/\/charges\/chrg_.*/, '/charges/<id>/…')} ${request.status}`)).toEqual([
			'POST /charges reset',
			'GET /charges 200',
			'GET /charges/<id>/… 200',
		]);
		expect(items[0].json.recovered).toContain('this charge was found in Omise afterwards');
		expect(items[0].json).toMatchObject({ amount: 123400, source: { type: 'promptpay' } });
		expect((items[0].binary?.data as IBinaryData).fileName).toBe(`${String(items[0].json.id)}-qrcode.png`);
	});

	test('the QR is downloaded only from the API the credential points at: the key is never sent elsewhere', async () => {
		// an "Omise" whose documents live on another origin
		await withSandbox(
			async (elsewhere) => {
				const { items, error, requests } = await elsewhere.run({
					resource: 'charge',
					operation: 'create',
					paymentMethod: 'newSource',
					sourceType: 'promptpay',
					amount: 5000,
					amountUnit: 'smallest',
					currency: 'THB',
					downloadQrCode: true,
				});
				expect(error).toBeUndefined();
				expect(requests.map((request) => request.method)).toEqual(['POST']);
				expect(elsewhere.raw.map((request) => request.method)).toEqual(['POST']);
				expect(items[0].binary).toBeUndefined();
				expect(items[0].json.qr_code_error).toBe(
					`The charge was created, but its QR code could not be downloaded: its download_uri is not on the Omise API (${elsewhere.url}) but on http://127.0.0.1:9, so it was not requested with the secret key`,
				);
			},
			{ publicUrl: 'http://127.0.0.1:9' },
		);
	});

	test('Simplify with Download QR Code: the QR stays in the binary data, the charge is simplified', async () => {
		const { items, error } = await omise.run({
			resource: 'charge',
			operation: 'create',
			amount: '1234.00',
			currency: 'THB',
			paymentMethod: 'newSource',
			sourceType: 'promptpay',
			downloadQrCode: true,
			additionalFields: { description: 'Invoice 7' },
			simplify: true,
		});
		expect(error).toBeUndefined();
		expect(omise.requests[0]).toEqual(sent('POST', '/charges', { amount: 123400, currency: 'thb', source: { type: 'promptpay' }, description: 'Invoice 7', metadata: { [MARK_KEY]: MARK } }));
		expect(omise.requests).toHaveLength(2); // the charge, then its QR image
		const [item] = items as INodeExecutionData[];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.json)).toEqual(['id', 'authorize_uri', 'qr_code', 'source_type', 'status', 'paid', 'amount_major', 'fee_major', 'fee_vat_major', 'net_major', 'currency', 'description', 'metadata', 'paid_at', 'expires_at', 'failure_code', 'failure_message', 'link', 'created_at', 'livemode']);
		expect(item.json).toMatchObject({ status: 'pending', paid: false, amount_major: '1234.00', currency: 'THB', description: 'Invoice 7', livemode: false, source_type: 'promptpay' });
		// Omise's fee (3.65 %), its VAT (7 %) and what is left, in the major unit: 123400 → 4504 + 315 → 118581
		expect(item.json).toMatchObject({ fee_major: '45.04', fee_vat_major: '3.15', net_major: '1185.81' });
		expect(item.json.qr_code).toBe('The QR image is in the item\'s binary field "data": send that file to the customer.');
		expect(item.json.id).toMatch(/^chrg_test_/);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: `${String(item.json.id)}-qrcode.png` });
	});
});

test('Simplify without Download QR Code: the item says the QR was not downloaded and how to get it', async () => {
	const { items } = await omise.run({ resource: 'charge', operation: 'create', amount: '100', currency: 'THB', paymentMethod: 'newSource', sourceType: 'promptpay', simplify: true });
	expect(items[0].binary).toBeUndefined();
	expect(items[0].json).toMatchObject({
		source_type: 'promptpay',
		qr_code: "Not downloaded: Omise's QR image URL needs your secret key, so the customer cannot open it. Turn on Download QR Code and send the image from the binary data.",
	});
	expect(items[0].json.expires_at).toEqual(expect.any(String));
});

test('Charge → Get with Download QR Code: the QR of a charge made earlier (by an agent, or from the trigger) comes as a PNG in binary data', async () => {
	const charge = await omise.call('POST', '/charges', { amount: 10000, currency: 'thb', source: { type: 'promptpay' } });
	const { items, requests } = await omise.run({ resource: 'charge', operation: 'get', chargeId: charge.id, downloadQrCode: true, binaryPropertyName: 'qr', simplify: true });
	expect(requests.map((request) => `${request.method} ${request.path.replace(/downloads\/.*/, 'downloads/…')}`)).toEqual([`GET /charges/${String(charge.id)}`, expect.stringMatching(/^GET \/charges\/chrg_test_\w+\/documents\/\w+\/downloads\/…$/)]);
	expect(requests.every((request) => request.authorization === AUTH)).toBe(true);
	expect(items[0].binary?.qr).toMatchObject({ mimeType: 'image/png', fileName: `${String(charge.id)}-qrcode.png` });
	expect(items[0].json).toMatchObject({ id: charge.id, source_type: 'promptpay', qr_code: 'The QR image is in the item\'s binary field "qr": send that file to the customer.' });
});

describe('Charge → Create, Payment Method Type: redirect methods and their details', () => {
	test('mobile banking: authorize_uri is the page to send the customer to; nothing to download', async () => {
		const { items } = await create({ sourceType: 'mobile_banking_kbank', downloadQrCode: true, additionalFields: { returnUri: 'https://shop.example.com/paid' } });
		expect(omise.requests).toEqual([
			sent('POST', '/charges', { amount: 150050, currency: 'thb', source: { type: 'mobile_banking_kbank' }, return_uri: 'https://shop.example.com/paid', metadata: { [MARK_KEY]: MARK } }),
		]);
		expect(items[0].json).toMatchObject({ status: 'pending', source: { type: 'mobile_banking_kbank', flow: 'redirect', scannable_code: null } });
		expect(items[0].json.authorize_uri).toEqual(expect.stringContaining(`/__sandbox/authorize/${String(items[0].json.id)}`));
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.qr_code_error).toBeUndefined();
	});

	test.each([
		['TrueMoney: phone number', { sourceType: 'truemoney', sourceDetails: { phoneNumber: ' 0812345678 ', email: 'x@example.com' } }, { type: 'truemoney', phone_number: '0812345678' }, 'thb', 150050],
		[
			'installments: term and zero interest',
			{ sourceType: 'installment_kbank', sourceDetails: { installmentTerm: 6, zeroInterestInstallments: true } },
			{ type: 'installment_kbank', installment_term: 6, zero_interest_installments: true },
			'thb',
			500000,
		],
		[
			'konbini (Econtext): name, email, phone',
			{ sourceType: 'econtext', currency: 'JPY', sourceDetails: { name: 'Taro Yamada', email: 'taro@example.jp', phoneNumber: '09012345678' } },
			{ type: 'econtext', name: 'Taro Yamada', email: 'taro@example.jp', phone_number: '09012345678' },
			'jpy',
			5000,
		],
		['FPX: bank', { sourceType: 'fpx', currency: 'MYR', sourceDetails: { bank: 'cimb' } }, { type: 'fpx', bank: 'cimb' }, 'myr', 5000],
	])('%s', async (_label, parameters, source, currency, amount) => {
		const { items, error } = await create({ amount, ...parameters });
		expect(error).toBeUndefined();
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount, currency, source, metadata: { [MARK_KEY]: MARK } })]);
		expect(items[0].json).toMatchObject({ status: 'pending', source: { ...source, flow: 'redirect' } });
		expect(items[0].json.authorize_uri).toEqual(expect.stringContaining('/__sandbox/authorize/'));
	});

	test('a type the node does not know, by expression: sent with every detail filled in; Omise\'s answer is shown', async () => {
		const { error } = await create(
			{ sourceType: '={{ $json.method }}', sourceDetails: { phoneNumber: '0812345678', bank: 'x' } },
			{ items: [{ json: { method: 'future_wallet' } }] },
		);
		expect(omise.requests).toEqual([sent('POST', '/charges', { amount: 150050, currency: 'thb', source: { type: 'future_wallet', phone_number: '0812345678', bank: 'x' }, metadata: { [MARK_KEY]: MARK } })]);
		expect(error?.message).toBe('Omise error invalid_source: type future_wallet is currently not supported');
	});

	test.each([
		[{ sourceType: 'truemoney' }, 'Source Details → Phone Number is required for TrueMoney Wallet (truemoney)'],
		[{ sourceType: 'econtext', currency: 'JPY', sourceDetails: { name: 'Taro', email: 'taro@example.jp', phoneNumber: '090' } }, 'Source Details → Phone Number must be digits (optionally +, spaces or dashes), e.g. 0812345678; got "090"'],
		[{ sourceType: 'econtext', currency: 'JPY', sourceDetails: { name: 'Taro', phoneNumber: '09012345678', email: 'taro' } }, 'Source Details → Email is not an email address: "taro"'],
		[{ sourceType: 'installment_bbl', sourceDetails: { installmentTerm: 2.5 } }, 'Source Details → Installment Term must be a whole number of months, e.g. 3, 6 or 10; got 2.5'],
		[{ sourceType: 'fpx', currency: 'MYR' }, 'Source Details → Bank is required for FPX (Online Banking) (fpx)'],
		[{ sourceType: 'Prompt Pay' }, 'Payment Method Type is not an Omise source type: "Prompt Pay". Types are lower-case words joined by _, e.g. promptpay, mobile_banking_kbank'],
		[{ sourceType: '={{ $json.nothing }}' }, 'Payment Method Type is required when Payment Method is Payment Method Type: an Omise source type such as promptpay'],
		[{ sourceType: 'promptpay', downloadQrCode: true, binaryPropertyName: ' ' }, 'Put Output In Field is required when Download QR Code is on: the name of the binary field for the QR image, e.g. data'],
	])('refuses %p before any request', async (parameters, message) => {
		const { error } = await create(parameters);
		expect(error?.message).toBe(message);
		expect(omise.requests).toEqual([]);
	});
});

describe('Payment Method Type list in the editor (loadOptions)', () => {
	async function loadSourceTypes(credentials: Record<string, unknown>): Promise<INodePropertyOptions[]> {
		const { loader, nodeTypes } = await engine();
		const node = omiseNode({ resource: 'charge', operation: 'create', paymentMethod: 'newSource' });
		const workflow = buildWorkflow(nodeTypes, [node]);
		const hooks = new ExecutionLifecycleHooks('manual', 'load-options', { id: workflow.id, nodes: [node] } as unknown as IWorkflowBase);
		const context = new LoadOptionsContext(workflow, node, additionalDataFor(loader, { omiseApi: credentials as never }, hooks, 'load-options'), 'parameters.sourceType');
		const nodeType = nodeTypes.getByNameAndVersion(node.type) as INodeType;
		return await nodeType.methods!.loadOptions!.getSourceTypes.call(context as unknown as ILoadOptionsFunctions);
	}

	test('lists the types the key has (GET /capability), without card, with their countries', async () => {
		const options = await loadSourceTypes(omise.credentials());
		expect(omise.requests).toEqual([sent('GET', '/capability')]);
		const values = options.map((option) => option.value);
		expect(values).toContain('promptpay');
		expect(values).not.toContain('card');
		expect(options.find((option) => option.value === 'promptpay')).toEqual({
			name: 'PromptPay (Thailand)',
			value: 'promptpay',
			description: 'promptpay: customer scans a QR code; THB',
		});
		expect(options.find((option) => option.value === 'truemoney')?.description).toBe('truemoney: customer pays at authorize_uri; needs Phone Number; THB');
	});

	test('falls back to the static list when the capability cannot be read', async () => {
		const options = await loadSourceTypes(omise.credentials({ secretKey: 'skey_test_wrong' }));
		expect(options.length).toBeGreaterThan(25);
		expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(['promptpay', 'paynow', 'duitnow_qr', 'econtext', 'fpx', 'installment_kbank']));
	});
});
