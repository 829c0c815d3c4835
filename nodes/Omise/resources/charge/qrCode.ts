import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { OMISE_API_URL } from '../../../shared/constants';
import { OMISE_HEADERS } from '../../../shared/transport';
import { isObject } from '../../../shared/values';
import { inputError } from '../../common/input';
import { afterSuccess, checked } from '../../sending/steps';

// Download QR Code of Charge → Create: the QR image of a charge whose source has
// a scannable code (PromptPay, PayNow, DuitNow QR, ...) goes into the item's
// binary data. Its download_uri needs the secret key, so a customer cannot
// open it: the workflow downloads it and sends the file on.

const DOWNLOAD_TIMEOUT_MS = 30_000;
const MIME_BY_EXTENSION: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', pdf: 'application/pdf' };

/** The charge's QR document (`source.scannable_code.image`), if it has one. */
function qrDocument(charge: IDataObject): IDataObject | undefined {
	const source = charge.source;
	const code = isObject(source) ? source.scannable_code : undefined;
	const image = isObject(code) ? code.image : undefined;
	return isObject(image) && typeof image.download_uri === 'string' ? image : undefined;
}

/** An error text without anything of the credential in it. */
function clean(message: string, secret: string): string {
	return secret ? message.split(secret).join('***') : message;
}

async function download(context: IExecuteSingleFunctions, charge: IDataObject, image: IDataObject, property: string): Promise<INodeExecutionData['binary']> {
	const credentials = await context.getCredentials<{ baseUrl?: string; secretKey?: string }>('omiseApi');
	const secret = String(credentials.secretKey ?? '');
	const apiOrigin = new URL(String(credentials.baseUrl || OMISE_API_URL)).origin;
	const uri = new URL(String(image.download_uri));
	// The secret key is sent only to the API the credential points at.
	if (uri.origin !== apiOrigin) throw new NodeOperationError(context.getNode(), `its download_uri is not on the Omise API (${apiOrigin}) but on ${uri.origin}, so it was not requested with the secret key`);
	let response: IN8nHttpFullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, 'omiseApi', {
			method: 'GET',
			url: `${uri.pathname}${uri.search}`,
			headers: OMISE_HEADERS,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
		} as IHttpRequestOptions)) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), clean(`the request failed: ${(error as Error).message}`, secret));
	}
	const bytes = Buffer.from(response.body as ArrayBuffer);
	if (response.statusCode >= 300) {
		let detail = `HTTP ${response.statusCode}`;
		try {
			const omise = JSON.parse(bytes.toString('utf8')) as IDataObject;
			if (omise.code) detail = `Omise error ${String(omise.code)}: ${String(omise.message ?? '')}`;
		} catch {
			// not Omise's error object
		}
		throw new NodeOperationError(context.getNode(), clean(detail, secret));
	}
	const omiseName = typeof image.filename === 'string' && image.filename.trim() !== '' ? image.filename.trim() : 'qrcode.png';
	const extension = (omiseName.split('.').pop() ?? '').toLowerCase();
	const header = String(response.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const mimeType = header && header !== 'application/octet-stream' ? header : (MIME_BY_EXTENSION[extension] ?? 'application/octet-stream');
	const fileName = `${String(charge.id ?? 'charge')}-${omiseName}`;
	return { [property]: await context.helpers.prepareBinaryData(bytes, fileName, mimeType) };
}

const SOURCE_CHARGES = { paymentMethod: ['newSource', 'source'] };

/** Download QR Code and Put Output In Field, for a charge of a source. */
export const qrCodeFields: INodeProperties[] = [
	{
		displayName: 'Download QR Code',
		name: 'downloadQrCode',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the QR code of a QR method (PromptPay, PayNow, DuitNow QR, ...) into the item\'s binary data, to email or message it to the customer: Omise\'s QR image URL needs your secret key, so the customer cannot open it. Redirect methods have no QR code: share their authorize_uri instead. A failed download keeps the charge and sets qr_code_error.',
		displayOptions: { show: SOURCE_CHARGES },
	},
	{
		displayName: 'PromptPay and the other QR methods: turn on Download QR Code, or the customer gets no image (Omise\'s QR URL needs your secret key)',
		name: 'qrCodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { paymentMethod: ['newSource'], downloadQrCode: [false] } },
	},
	{
		displayName: 'Put Output In Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the binary field to put the QR image in; the file is named after the charge and Omise’s file name, e.g. chrg_test_…-qrcode.png',
		displayOptions: { show: { ...SOURCE_CHARGES, downloadQrCode: [true] } },
	},
];

/** Download QR Code and Put Output In Field of Charge → Get: the QR image of a charge made earlier (e.g. by an AI agent, or reported by the Omise Trigger). */
export const existingChargeQrCodeFields: INodeProperties[] = [
	{
		displayName: 'Download QR Code',
		name: 'downloadQrCode',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the charge\'s QR code (PromptPay, PayNow, DuitNow QR, ...) into the item\'s binary data, to email or message it to the customer: Omise\'s QR image URL needs your secret key. A charge without one is returned as it is.',
	},
	{
		displayName: 'Put Output In Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the binary field to put the QR image in; the file is named after the charge and Omise’s file name, e.g. chrg_test_…-qrcode.png',
		displayOptions: { show: { downloadQrCode: [true] } },
	},
];

/**
 * Step of Download QR Code: when on, the row's charge (created, found by the
 * look-up after a lost answer, or read) gets its QR image under Put Output In
 * Field. A failed download never fails the row (the charge exists): the item
 * keeps the charge and says why in `qr_code_error`.
 */
function qrCodeStep({ ofCreate, whenPaymentMethodIsASource }: { ofCreate: boolean; whenPaymentMethodIsASource: boolean }) {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (whenPaymentMethodIsASource && !SOURCE_CHARGES.paymentMethod.includes(this.getNodeParameter('paymentMethod', 'card') as string)) return requestOptions;
		if (this.getNodeParameter('downloadQrCode', false) !== true) return requestOptions;
		const rawProperty = this.getNodeParameter('binaryPropertyName', 'data') as unknown;
		const property = typeof rawProperty === 'string' ? rawProperty.trim() : '';
		if (property === '') throw inputError(this, 'Put Output In Field is required when Download QR Code is on: the name of the binary field for the QR image, e.g. data');
		afterSuccess(requestOptions, async (context, items) =>
			await Promise.all(
				items.map(async (item) => {
					const image = qrDocument(item.json);
					if (!image) return item;
					try {
						return { ...item, binary: { ...item.binary, ...(await download(context, item.json, image, property)) } };
					} catch (error) {
						const charge = ofCreate ? 'The charge was created' : 'The charge is as shown';
						return { ...item, json: { ...item.json, qr_code_error: `${charge}, but its QR code could not be downloaded: ${(error as Error).message}` } };
					}
				}),
			),
		);
		return requestOptions;
	});
}

export const downloadQrCode = qrCodeStep({ ofCreate: true, whenPaymentMethodIsASource: true });
export const downloadQrCodeOfCharge = qrCodeStep({ ofCreate: false, whenPaymentMethodIsASource: false });
/** Of Charge → Create PromptPay QR, whose charge always has a QR code. */
export const downloadQrCodeOfPromptPay = qrCodeStep({ ofCreate: true, whenPaymentMethodIsASource: false });
