import type { IBinaryData, IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { multipartBody, safeFileName } from '../../../shared/multipart';
import { describeValue, inputError } from '../../common/input';
import type { Operation } from '../../common/operation';
import { checked, comparedAs, createsObject, prepareBeforeSending } from '../../sending/steps';
import { disputeId, documentsPath } from './ids';

/** Omise refuses a document over 10 MB (its Document API). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** What a dispute's document may show, as Omise's Document API names the kinds. */
const KINDS: Array<{ name: string; value: string }> = [
	{ name: 'Cardholder Details', value: 'cardholder_details' },
	{ name: 'Details of Purchase', value: 'details_of_purchase' },
	{ name: 'Proof of Acceptance', value: 'proof_of_acceptance' },
	{ name: 'Proof of Receipt', value: 'proof_of_receipt' },
];

const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to be uploaded',
	description: 'The binary field of the input item that holds the document: a PNG, JPG or PDF of at most 10 MB (e.g. from Read/Write Files from Disk, HTTP Request or an email attachment)',
};

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'details_of_purchase',
			description: 'What the document shows, as Omise classifies dispute evidence',
			options: KINDS,
		},
	],
};

/** The item's binary file under Input Binary Field; a missing one is the row's error, naming the field and the item's binary fields. */
function fileOf(context: IExecuteSingleFunctions, property: string): IBinaryData {
	try {
		return context.helpers.assertBinaryData(property);
	} catch (error) {
		const present = Object.keys(context.getInputData().binary ?? {});
		throw inputError(
			context,
			`Input Binary Field: the item has no binary file "${property}" to upload`,
			`${present.length > 0 ? `Its binary fields: ${present.join(', ')}.` : 'It has no binary data at all.'} Set Input Binary Field to the field that holds the document, or put the file in the item first (e.g. with Read/Write Files from Disk or HTTP Request). (n8n: ${(error as Error).message})`,
		);
	}
}

/** The file's name as Omise will show it: the binary's own, else "document" with its extension. */
function fileNameOf(file: IBinaryData): string {
	const name = String(file.fileName ?? '').trim();
	if (name !== '') return safeFileName(name);
	return file.fileExtension ? `document.${safeFileName(file.fileExtension)}` : 'document';
}

/**
 * Step of Upload Document: the file is checked now (a missing field is the
 * row's error, nothing sent) and read in the row's turn to send, so that a
 * batch holds only its own files. The body is the multipart form Omise's
 * document upload takes: `file`, and `kind` when given. A lost answer is
 * looked up among the dispute's documents by the file's name.
 */
const sendDocument = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const rawProperty = this.getNodeParameter('binaryPropertyName', 'data') as unknown;
	const property = typeof rawProperty === 'string' ? rawProperty.trim() : '';
	if (property === '') throw inputError(this, 'Input Binary Field is required: the name of the item\'s binary field that holds the document, e.g. data');
	const file = fileOf(this, property);
	const filename = fileNameOf(file);
	const kind = (this.getNodeParameter('additionalFields', {}) as IDataObject).kind;
	if (kind !== undefined && !KINDS.some((choice) => choice.value === kind)) {
		throw inputError(this, `Kind must be one of ${KINDS.map((choice) => choice.value).join(', ')}; got ${describeValue(kind)}`);
	}
	comparedAs(requestOptions, { filename });
	prepareBeforeSending(requestOptions, async (context, options) => {
		const data = await context.helpers.getBinaryDataBuffer(property);
		if (data.length > MAX_DOCUMENT_BYTES) {
			throw inputError(context, `The file "${filename}" is ${(data.length / 1024 / 1024).toFixed(1)} MB; Omise accepts documents of at most 10 MB. Nothing was sent`, 'Make the file smaller (e.g. a compressed PDF or a smaller image) and upload it again.');
		}
		const { body, contentType } = multipartBody(kind === undefined ? {} : { kind: kind as string }, [{ name: 'file', filename, contentType: file.mimeType || 'application/octet-stream', data }]);
		options.body = body;
		// A new headers object: n8n gives every row the node's default headers object itself.
		options.headers = { ...options.headers, 'Content-Type': contentType };
	});
	return requestOptions;
});

export const uploadDocument: Operation = {
	name: 'Upload Document',
	value: 'uploadDocument',
	action: 'Upload a document to a dispute',
	description: 'Add evidence (a PNG, JPG or PDF of at most 10 MB from the item\'s binary data) to an open dispute, before you answer it',
	toolDescription:
		'Uploads the file in the input item\'s binary field as evidence to an open dispute (dspt_...): a PNG, JPG or PDF of at most 10 MB. Only an open dispute takes documents: upload them before answering with Update. Each call uploads another document. Returns the document (docu_...).',
	request: { method: 'POST', url: documentsPath },
	fields: [disputeId, binaryPropertyField, additionalFields],
	steps: [createsObject('document'), sendDocument],
};
