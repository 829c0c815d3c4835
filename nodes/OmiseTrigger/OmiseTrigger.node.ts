import type {
	IDataObject,
	IHookFunctions,
	IN8nHttpFullResponse,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { omiseErrorOf } from '../Omise/shared/errors';
import { omiseGet } from '../Omise/shared/transport';
import { EVENT_OPTIONS } from './events';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './verification';

type VerificationMethod = 'signature' | 'refetch' | 'none';

interface Filters {
	events: string[];
	mode: string;
	onlyPaidCharges: boolean;
	onlyLinkCharges: boolean;
}

interface TriggerOptions {
	signatureTolerance?: number;
	includeLink?: boolean;
}

const DEFAULT_TOLERANCE_SECONDS = 300;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEvent(value: unknown): value is IDataObject & { id: string; key: string; data: IDataObject } {
	return (
		isObject(value) &&
		value.object === 'event' &&
		typeof value.id === 'string' &&
		typeof value.key === 'string' &&
		isObject(value.data)
	);
}

/** Request-controlled text put into a response or a log line: short and quoted. */
function quoted(value: unknown): string {
	return JSON.stringify(String(value).slice(0, 80));
}

function matchesFilters(event: IDataObject, filters: Filters): boolean {
	if (!filters.events.includes('*') && !filters.events.includes(String(event.key))) return false;
	if (filters.mode !== 'both' && event.livemode !== (filters.mode === 'live')) return false;
	if (filters.onlyPaidCharges || filters.onlyLinkCharges) {
		const data = event.data;
		if (!isObject(data) || data.object !== 'charge') return false;
		if (filters.onlyPaidCharges && !(data.status === 'successful' && data.paid === true)) return false;
		if (filters.onlyLinkCharges && !(typeof data.link === 'string' && data.link !== '')) return false;
	}
	return true;
}

function describe(response: IN8nHttpFullResponse): string {
	const { code, message } = omiseErrorOf(response);
	return `${code}: ${message}`;
}

/** Answers the request itself (n8n sends nothing more) and logs why. */
function reject(
	context: IWebhookFunctions,
	status: 400 | 401 | 500,
	message: string,
): IWebhookResponseData {
	const code = { 400: 'bad_request', 401: 'verification_failed', 500: 'omise_api_error' }[status];
	const node = context.getNode();
	const log = status === 500 ? context.logger.error : context.logger.warn;
	log.call(context.logger, `Omise Trigger "${node.name}" answered ${status} ${code}: ${message}`, {
		workflowId: context.getWorkflow().id,
		nodeName: node.name,
	});
	context.getResponseObject().status(status).json({ code, message });
	return { noWebhookResponse: true };
}

export class OmiseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omise Trigger',
		name: 'omiseTrigger',
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Omise (Opn Payments) sends a verified webhook event, e.g. a payment link was paid',
		defaults: { name: 'Omise Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omiseApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Omise has no API to register webhooks: set the endpoint up once in the Omise dashboard. Step 1: Activate this workflow and copy the Production URL above. Omise cannot reach Test URLs (/webhook-test/…), localhost or private addresses: the URL must be public HTTPS with a valid certificate. Step 2: Open Webhooks in the Omise dashboard, separately for test mode (dashboard.omise.co/test/webhooks) and live mode (dashboard.omise.co/live/webhooks), and paste the URL as the endpoint. Step 3: Copy the webhook signing secret shown there into the Webhook Signing Secret of the Omise credential (one credential per mode). Without a secret, each event is re-fetched from the Omise API instead.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['*'],
				description:
					'The Omise events that start the workflow. Other events are acknowledged and ignored.',
				options: EVENT_OPTIONS,
			},
			{
				displayName: 'Only Paid Charges',
				name: 'onlyPaidCharges',
				type: 'boolean',
				default: false,
				description:
					'Whether to start only for charges that are paid (status successful and paid true), whichever event carries them: a card charge can be paid at charge.create, a 3-D Secure or offsite one at charge.complete. When on, only charge events start the workflow. A later charge.update of a paid charge passes too: for one run per payment, select the events charge.create, charge.complete and charge.capture.',
			},
			{
				displayName: 'Only Charges From Payment Links',
				name: 'onlyLinkCharges',
				type: 'boolean',
				default: false,
				description:
					'Whether to start only for charges made through a payment link (the charge\'s link is set). When on, only charge events start the workflow.',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				default: 'both',
				description: 'Which Omise mode the events must come from (the event\'s livemode)',
				options: [
					{ name: 'Test and Live', value: 'both' },
					{ name: 'Test Only', value: 'test' },
					{ name: 'Live Only', value: 'live' },
				],
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				default: 'auto',
				description: 'How the trigger makes sure a request really comes from Omise. Failed requests get HTTP 401 and start nothing.',
				options: [
					{
						name: 'Automatic',
						value: 'auto',
						description:
							'Check Omise\'s signature when the credential has a Webhook Signing Secret, otherwise re-fetch the event from the Omise API',
					},
					{
						name: 'Re-Fetch Event From Omise',
						value: 'refetch',
						description:
							'Always look the event up by its ID with the secret key and use Omise\'s copy (one API call per event)',
					},
					{
						name: 'None (Insecure)',
						value: 'none',
						description:
							'Warning: anyone who knows the URL can start the workflow with made-up data, e.g. a fake paid charge. Only for local tests.',
					},
				],
			},
			{
				displayName:
					'Verification is off: anyone who knows this URL can start the workflow with made-up events. Use it only for local tests.',
				name: 'verificationOffNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { verification: ['none'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Payment Link',
						name: 'includeLink',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the payment link of a link charge (one API call) and add it as payment_link, e.g. to quote its title and metadata in an email',
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'signatureTolerance',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'How far Omise-Signature-Timestamp may be from this server\'s clock. Older deliveries are rejected as possible replays.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Omise has no API to register webhook endpoints (they are set in the
			// dashboard, see the notice), so there is nothing to check, create or delete.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const filters: Filters = {
			events: this.getNodeParameter('events', ['*']) as string[],
			mode: this.getNodeParameter('mode', 'both') as string,
			onlyPaidCharges: this.getNodeParameter('onlyPaidCharges', false) as boolean,
			onlyLinkCharges: this.getNodeParameter('onlyLinkCharges', false) as boolean,
		};
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const setting = this.getNodeParameter('verification', 'auto') as string;
		const credentials = await this.getCredentials('omiseApi');
		const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
		let method: VerificationMethod = secret ? 'signature' : 'refetch';
		if (setting === 'refetch' || setting === 'none') method = setting;

		const rawBody = (this.getRequestObject() as { rawBody?: unknown }).rawBody;
		const bytes = Buffer.isBuffer(rawBody) ? rawBody : undefined;

		if (method === 'signature') {
			if (!bytes) return reject(this, 401, 'The raw request body is not available, so its signature cannot be checked');
			const headers = this.getHeaderData();
			const result = verifySignature({
				rawBody: bytes,
				signature: headers[SIGNATURE_HEADER],
				timestamp: headers[TIMESTAMP_HEADER],
				secret,
				toleranceSeconds: options.signatureTolerance ?? DEFAULT_TOLERANCE_SECONDS,
				nowSeconds: Math.floor(Date.now() / 1000),
			});
			if (!result.ok) return reject(this, 401, result.reason);
		}

		let posted: unknown;
		try {
			posted = bytes ? JSON.parse(bytes.toString('utf8')) : this.getBodyData();
		} catch (error) {
			return reject(this, 400, `The request body is not valid JSON (${(error as Error).message})`);
		}

		let event: unknown = posted;
		if (method === 'refetch') {
			const id = isObject(posted) ? posted.id : undefined;
			if (typeof id !== 'string' || id === '') {
				return reject(this, 400, 'The request body has no event id, so it is not an Omise event');
			}
			// Saves an API call for events this trigger would ignore anyway: the
			// filters run again below on Omise's own copy, so nothing unverified starts.
			if (!matchesFilters(posted as IDataObject, filters)) return {};

			let response: IN8nHttpFullResponse;
			try {
				response = await omiseGet(this, `/events/${encodeURIComponent(id)}`);
			} catch (error) {
				return reject(this, 500, `Could not reach the Omise API to re-fetch event ${quoted(id)}: ${(error as Error).message}`);
			}
			if (response.statusCode === 404) {
				return reject(
					this,
					401,
					`Omise does not know event ${quoted(id)} for this credential's secret key: the request did not come from Omise, or the event is from the other mode (a test key sees only test events)`,
				);
			}
			if (response.statusCode >= 400) {
				return reject(this, 500, `Could not re-fetch event ${quoted(id)} from the Omise API: ${describe(response)}`);
			}
			event = response.body;
		}

		if (!isEvent(event)) {
			return reject(this, 400, 'The request body is not an Omise event (expected object "event" with id, key and data)');
		}
		if (!matchesFilters(event, filters)) return {};

		const item: IDataObject = { ...event };
		const linkId = event.data.object === 'charge' ? event.data.link : undefined;
		if (options.includeLink && typeof linkId === 'string' && linkId !== '') {
			let response: IN8nHttpFullResponse;
			try {
				response = await omiseGet(this, `/links/${encodeURIComponent(linkId)}`);
			} catch (error) {
				return reject(this, 500, `Could not reach the Omise API to fetch payment link ${quoted(linkId)}: ${(error as Error).message}`);
			}
			if (response.statusCode >= 400) {
				return reject(this, 500, `Could not fetch payment link ${quoted(linkId)} from the Omise API: ${describe(response)}`);
			}
			item.payment_link = response.body as IDataObject;
		}

		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
