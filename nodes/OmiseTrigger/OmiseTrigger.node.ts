import type {
	IDataObject,
	IHookFunctions,
	IN8nHttpFullResponse,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { fromFunction, NodeConnectionTypes, webhookDescriptionFields } from 'n8n-workflow';

import { link, OMISE_DASHBOARD_URL, OMISE_PACKAGE_DESCRIPTION } from '../shared/editorText';
import { isOmiseObject, omiseErrorOf, preview } from '../shared/errors';
import { isEvent, matchesFilters, paymentLinkId, runKeys, type OmiseEvent } from '../shared/events/filters';
import { readFilters, readParameter } from '../shared/events/parameters';
import { FILTER_PROPERTIES, INCLUDE_LINK_OPTION, WEBHOOK_RUN_ONCE_PER_PROPERTY } from '../shared/events/properties';
import { RunRecord, type Answer } from '../shared/events/runRecord';
import { omiseGet } from '../shared/transport';
import { isObject, isOmiseId } from '../shared/values';
import { rereadSigningSecret, signingSecret } from './signingSecret';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './verification';

type VerificationMethod = 'signature' | 'refetch' | 'none';

interface TriggerOptions {
	signatureTolerance?: number;
	includeLink?: boolean;
	respond?: string;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const UTF8_BOM = '\uFEFF';

// n8n reads these from the webhook description for every request. "Answer
// after the run" is n8n's own lastNode mode: n8n answers 200 when the run has
// succeeded and 500 {"message":"Error in workflow"} when it failed. An empty
// responseData makes the immediate answer n8n's {"message":"Workflow was started"}
// (without it n8n 2.x sends the default's name, "firstEntryJson").
// Each function becomes an expression for the editor and for n8n before 2.41
// (so it must not use anything outside itself); n8n 2.41 and later call it
// directly, without an expression evaluation, which costs more than everything
// else the trigger does for a request.
const responseMode = (parameters: INodeParameters) =>
	((parameters.options as IDataObject | undefined) || {}).respond === 'afterRun' ? 'lastNode' : 'onReceived';
const responseData = (parameters: INodeParameters) =>
	((parameters.options as IDataObject | undefined) || {}).respond === 'afterRun' ? 'noData' : '';

function answerFields(): Pick<IWebhookDescription, 'responseMode' | 'responseData'> {
	if (typeof webhookDescriptionFields === 'function' && typeof fromFunction === 'function') {
		return webhookDescriptionFields({ responseMode: fromFunction(responseMode), responseData: fromFunction(responseData) });
	}
	return { responseMode: `={{(${String(responseMode)})($parameter)}}`, responseData: `={{(${String(responseData)})($parameter)}}` };
}

/**
 * The set-up steps, shown at the top of the parameters. n8n renders a notice's
 * text as HTML, but n8n 2.x keeps only <a>, <ul> and <li> (1.x keeps more): so
 * the steps are list items numbered in their text, and nothing else is markup.
 * n8n shows the webhook URLs in a folded "Webhook URLs" section above the
 * parameters, with a Test URL / Production URL switch.
 */
const SETUP_NOTICE = [
	'Omise has no API to register webhooks: set the endpoint up once in the Omise dashboard.',
	'<ul>',
	'<li>1. Copy the Production URL: click Webhook URLs at the top of this panel, then Production URL. Omise needs a public HTTPS address: not the Test URL, localhost or a private address.</li>',
	`<li>2. Paste it as a new endpoint on the Omise dashboard’s Webhooks page: ${link(`${OMISE_DASHBOARD_URL}/test/webhooks`, 'test mode')}, ${link(`${OMISE_DASHBOARD_URL}/live/webhooks`, 'live mode')}.</li>`,
	'<li>3. Copy the webhook signing secret shown there into the Webhook Signing Secret of this Omise credential, one credential per mode (without a secret, each event is re-fetched from the Omise API).</li>',
	'<li>4. Publish the workflow (n8n 2.x; Activate in n8n 1.x): events start runs from then on.</li>',
	'</ul>',
	'No public URL? Use the Omise Poll Trigger instead.',
].join('');

const ALREADY_RUN = 'This Omise event has already started a run of this workflow; it is not started again';

/** Request-controlled text put into a log line: short and quoted. */
function quoted(value: unknown): string {
	return JSON.stringify(String(value).slice(0, 80));
}

function describe(response: IN8nHttpFullResponse): string {
	const { code, message } = omiseErrorOf(response);
	return `${code}: ${message}`;
}

const ANSWERS = {
	400: { code: 'bad_request', level: 'warn' },
	401: { code: 'verification_failed', level: 'warn' },
	409: { code: 'in_progress', level: 'info' },
	500: { code: 'omise_api_error', level: 'error' },
} as const;

/**
 * Answers the request itself (n8n sends nothing more) and logs why. A 401 says
 * only that verification failed: the reason (a missing header, the clock offset,
 * a credential problem) is for the log, not for whoever sent the request.
 */
function answer(
	context: IWebhookFunctions,
	status: keyof typeof ANSWERS,
	message: string,
	logDetail = message,
): IWebhookResponseData {
	const { code, level } = ANSWERS[status];
	const node = context.getNode();
	context.logger[level](`Omise Trigger "${node.name}" answered ${status} ${code}: ${logDetail}`, {
		workflowId: context.getWorkflow().id,
		nodeName: node.name,
	});
	context.getResponseObject().status(status).json({ code, message });
	return { noWebhookResponse: true };
}

function unverified(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	return answer(context, 401, 'The request could not be verified as an Omise webhook delivery', reason);
}

function alreadyRun(context: IWebhookFunctions, id: string): IWebhookResponseData {
	const node = context.getNode();
	context.logger.info(`Omise Trigger "${node.name}": event ${quoted(id)} has already started a run; not started again`, {
		workflowId: context.getWorkflow().id,
		nodeName: node.name,
	});
	return { webhookResponse: { message: ALREADY_RUN } };
}

function parseJson(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	return JSON.parse(text.startsWith(UTF8_BOM) ? text.slice(1) : text);
}

export class OmiseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omise Trigger',
		name: 'omiseTrigger',
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["triggerOn"] && $parameter["triggerOn"] !== "events" ? {"chargePaid": "A charge was paid", "disputeOpened": "A dispute was opened", "payoutSent": "A payout was sent"}[$parameter["triggerOn"]] : "Events: " + $parameter["events"].join(", ") }}',
		// The nodes panel shows this for the one Omise entry it merges the node and the trigger into.
		description: OMISE_PACKAGE_DESCRIPTION,
		defaults: { name: 'Omise Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omiseApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				...answerFields(),
			},
		],
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...FILTER_PROPERTIES,
			WEBHOOK_RUN_ONCE_PER_PROPERTY,
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
						displayName: 'Answer Omise',
						name: 'respond',
						type: 'options',
						default: 'immediately',
						description: 'When Omise gets its HTTP answer',
						options: [
							{
								name: 'Immediately',
								value: 'immediately',
								description:
									'200 as soon as the event is verified and the run has started. Omise does not deliver the event again, even if the run fails.',
							},
							{
								name: 'When the Run Has Finished',
								value: 'afterRun',
								description:
									'200 after a successful run, 500 after a failed one, so that Omise delivers the event again. Keep the workflow short: Omise stops waiting after a while and delivers again.',
							},
						],
					},
					INCLUDE_LINK_OPTION,
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
		const setting = readParameter<string>(this, 'verification', 'auto');
		const options = readParameter<TriggerOptions>(this, 'options', {});
		let method: VerificationMethod = setting === 'refetch' || setting === 'none' ? setting : 'signature';
		let secret = '';
		if (method === 'signature') {
			secret = await signingSecret(this);
			if (!secret) method = 'refetch';
		}

		const rawBody = (this.getRequestObject() as { rawBody?: unknown }).rawBody;
		const bytes = Buffer.isBuffer(rawBody) ? rawBody : undefined;

		if (method === 'signature') {
			if (!bytes) return unverified(this, 'The raw request body is not available, so its signature cannot be checked');
			const headers = this.getHeaderData();
			const check = (key: string) =>
				verifySignature({
					rawBody: bytes,
					signature: headers[SIGNATURE_HEADER],
					timestamp: headers[TIMESTAMP_HEADER],
					secret: key,
					toleranceSeconds: options.signatureTolerance ?? DEFAULT_TOLERANCE_SECONDS,
					nowSeconds: Math.floor(Date.now() / 1000),
				});
			let result = check(secret);
			if (!result.ok && result.keyMismatch) {
				const newer = await rereadSigningSecret(this);
				if (newer !== undefined) result = check(newer);
			}
			if (!result.ok) return unverified(this, result.reason);
		}

		let posted: unknown;
		try {
			posted = bytes ? parseJson(bytes) : this.getBodyData();
		} catch (error) {
			return answer(this, 400, `The request body is not valid JSON (${(error as Error).message})`);
		}

		const filters = readFilters(this);
		const runOncePer = readParameter<string>(this, 'runOncePer', 'event');
		// Test URL deliveries are not remembered: a test event can be sent as often as needed.
		const remembers = runOncePer !== 'delivery' && this.getMode() !== 'manual';
		let record: RunRecord | undefined;
		const runRecord = () =>
			(record ??= new RunRecord(this.getWorkflow().id ?? '', this.getWorkflowStaticData('global'), Math.floor(Date.now() / 1000)));

		let event: unknown = posted;
		if (method === 'refetch') {
			const id = isObject(posted) ? posted.id : undefined;
			if (typeof id !== 'string' || !isOmiseId(id, 'evnt')) {
				return answer(this, 400, 'The request body has no Omise event id (evnt_…), so it is not an Omise event');
			}
			// These save an API call: the filters run again below on Omise's own copy,
			// so nothing unverified starts, and an id that has run starts nothing anyway.
			if (!matchesFilters(posted as IDataObject, filters)) return {};
			const known = remembers ? runRecord().state([id]) : 'new';
			if (known === 'done') return alreadyRun(this, id);
			if (known === 'running') return inProgress(this, id);

			const fetched = await getForDelivery(this, `/events/${encodeURIComponent(id)}`, `re-fetch event ${quoted(id)}`, () =>
				unverified(
					this,
					`Omise does not know event ${quoted(id)} for this credential's secret key: the request did not come from Omise, or the event is from the other mode (a test key sees only test events)`,
				),
			);
			if ('answered' in fetched) return fetched.answered;
			event = fetched.body;
		}

		if (!isEvent(event)) {
			return answer(this, 400, 'The request body is not an Omise event (expected object "event" with id evnt_…, key and data)');
		}
		if (!matchesFilters(event, filters)) return {};

		const keys = runKeys(event, runOncePer, filters.triggerOn);
		const afterRun = options.respond === 'afterRun';
		const known = remembers ? runRecord().state(keys) : 'new';
		if (known === 'done') {
			// A verified delivery: a good moment to store what this process knows has run.
			runRecord().save();
			return alreadyRun(this, event.id);
		}
		if (known === 'running') return inProgress(this, event.id);

		const item: IDataObject = { ...event };
		if (options.includeLink) {
			const link = await fetchLink(this, event);
			if (link === 'failed') return { noWebhookResponse: true };
			if (link) item.payment_link = link;
		}

		if (remembers) {
			// Checked again: another delivery of the event may have started while the link was fetched.
			const state = runRecord().state(keys);
			if (state === 'done') return alreadyRun(this, event.id);
			if (state === 'running') return inProgress(this, event.id);
			if (afterRun) runRecord().recordWhenAnswered(keys, this.getResponseObject() as unknown as Answer);
			else runRecord().recordStarted(keys);
		}

		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}

function inProgress(context: IWebhookFunctions, id: string): IWebhookResponseData {
	return answer(
		context,
		409,
		'A run for this Omise event has not finished yet; deliver it again later',
		`event ${quoted(id)} arrived again while its run has not finished`,
	);
}

/**
 * A GET from the Omise API for a delivery, or the answer given instead: 500
 * when Omise cannot be reached or answers an error (so that Omise delivers the
 * event again), `onNotFound`'s answer to a 404 where one is given.
 */
async function getForDelivery(
	context: IWebhookFunctions,
	path: string,
	what: string,
	onNotFound?: () => IWebhookResponseData,
): Promise<{ body: unknown } | { answered: IWebhookResponseData }> {
	let response: IN8nHttpFullResponse;
	try {
		response = await omiseGet(context, path);
	} catch (error) {
		return { answered: answer(context, 500, 'The Omise API could not be reached; deliver the event again later', `could not reach the Omise API to ${what}: ${(error as Error).message}`) };
	}
	if (response.statusCode === 404 && onNotFound) return { answered: onNotFound() };
	if (response.statusCode >= 400) {
		return { answered: answer(context, 500, 'The Omise API answered with an error; deliver the event again later', `could not ${what} from the Omise API: ${describe(response)}`) };
	}
	if (!isOmiseObject(response.body)) {
		return {
			answered: answer(context, 500, 'The Omise API answered with something that is not its JSON; deliver the event again later', `could not ${what} from the Omise API: HTTP ${response.statusCode} with ${preview(response.body)}`),
		};
	}
	return { body: response.body };
}

/** The payment link of a link charge; 'failed' when the request has been answered with a 500. */
async function fetchLink(context: IWebhookFunctions, event: OmiseEvent): Promise<IDataObject | undefined | 'failed'> {
	const linkId = paymentLinkId(event.data);
	if (linkId === undefined) return undefined;
	const fetched = await getForDelivery(context, `/links/${encodeURIComponent(linkId)}`, `fetch payment link ${quoted(linkId)}`);
	return 'answered' in fetched ? 'failed' : (fetched.body as IDataObject);
}
