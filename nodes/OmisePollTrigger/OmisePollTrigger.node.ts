import type {
	IDataObject,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../shared/constants';
import { isoSeconds } from '../shared/dates';
import { isOmiseObject, omiseErrorOf, preview } from '../shared/errors';
import { isEvent, matchesFilters, paymentLinkId, runKeys, type OmiseEvent } from '../shared/events/filters';
import { readFilters, readParameter } from '../shared/events/parameters';
import { FILTER_PROPERTIES, INCLUDE_LINK_OPTION, RUN_ONCE_PER_PROPERTY } from '../shared/events/properties';
import { RunRecord } from '../shared/events/runRecord';
import { omiseGet } from '../shared/transport';
import { isObject } from '../shared/values';

/**
 * Each poll reads the events created since a minute before the previous poll
 * ended: an event can show up in the list a moment after its created_at, and
 * the run record makes sure a re-read event does not run twice.
 */
const OVERLAP_SECONDS = 60;
/** At most this many pages (of 100 events) per poll; a larger backlog continues at the next poll. */
const MAX_PAGES_PER_POLL = 10;

interface PollState {
	/** Omise's time when the trigger was activated: nothing created before it starts a run. */
	start?: string;
	/** Omise's time up to which every event has been looked at. */
	cursor?: string;
	/** The last poll stopped at MAX_PAGES_PER_POLL: continue exactly at the cursor. */
	backlog?: boolean;
	/** Events created in the second of `start` but before the activation (Omise's times are in seconds). */
	before?: string[];
}

interface EventList {
	data: unknown[];
	to?: string;
}

function seconds(iso: string): number {
	return Math.floor(Date.parse(iso) / 1000);
}

/** Omise serialises events in the account's API version: `created_at`, or `created` before 2019-05-29. */
function createdAt(event: IDataObject): string | undefined {
	const created = event.created_at ?? event.created;
	return typeof created === 'string' ? created : undefined;
}

async function listEvents(context: IPollFunctions, query: Record<string, string | number>): Promise<EventList> {
	const search = new URLSearchParams(Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]));
	const response = await omiseGet(context, `/events?${search.toString()}`);
	throwOnError(context, response, 'list the events');
	const body = response.body as IDataObject;
	return { data: Array.isArray(body.data) ? body.data : [], to: typeof body.to === 'string' ? body.to : undefined };
}

function throwOnError(context: IPollFunctions, response: IN8nHttpFullResponse, what: string): void {
	if (response.statusCode < 400) {
		if (isOmiseObject(response.body)) return;
		throw new NodeApiError(context.getNode(), {}, {
			message: `Could not ${what} from the Omise API: it answered HTTP ${response.statusCode} with something that is not Omise's JSON: ${preview(response.body)}`,
			description: 'Something between n8n and Omise (a proxy, a firewall, a wrong API Base URL in the Omise credential) answered instead, or the answer was cut off. Nothing was remembered: the next poll tries again.',
			httpCode: String(response.statusCode),
		});
	}
	const { code, message } = omiseErrorOf(response);
	throw new NodeApiError(context.getNode(), { object: 'error', code, message, statusCode: response.statusCode }, {
		message: `Could not ${what} from the Omise API: Omise error ${code}: ${message}`,
		httpCode: String(response.statusCode),
	});
}

async function withPaymentLink(context: IPollFunctions, event: OmiseEvent, includeLink: boolean): Promise<IDataObject> {
	const item: IDataObject = { ...event };
	const linkId = paymentLinkId(event.data);
	if (!includeLink || linkId === undefined) return item;
	const response = await omiseGet(context, `/links/${encodeURIComponent(linkId)}`);
	throwOnError(context, response, `fetch payment link ${JSON.stringify(linkId)}`);
	item.payment_link = response.body as IDataObject;
	return item;
}

/** The events created since the cursor, oldest first, and where the next poll continues. */
async function newEvents(context: IPollFunctions, state: Required<Pick<PollState, 'start' | 'cursor'>> & PollState) {
	const from = state.backlog ? seconds(state.cursor) : Math.max(seconds(state.cursor) - OVERLAP_SECONDS, seconds(state.start));
	const query: Record<string, string | number> = { from: isoSeconds(from * 1000), order: 'chronological', limit: MAX_PAGE_SIZE };
	const events: unknown[] = [];
	for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
		const list = await listEvents(context, { ...query, offset: page * MAX_PAGE_SIZE });
		// Later pages end where the first one did, so that their offsets stay put.
		if (page === 0 && list.to) query.to = list.to;
		events.push(...list.data);
		if (list.data.length < MAX_PAGE_SIZE) {
			return { events, cursor: list.to ?? (query.to as string | undefined) ?? isoSeconds(Date.now()), backlog: false };
		}
	}
	const last = events[events.length - 1];
	return { events, cursor: (isObject(last) && createdAt(last)) || state.cursor, backlog: true };
}

export class OmisePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omise Poll Trigger',
		name: 'omisePollTrigger',
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["triggerOn"] && $parameter["triggerOn"] !== "events" ? {"chargePaid": "A charge was paid", "disputeOpened": "A dispute was opened", "payoutSent": "A payout was sent"}[$parameter["triggerOn"]] : "Events: " + $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow for each new Omise (Opn Payments) event, read from the Omise API on a schedule: needs no public URL',
		defaults: { name: 'Omise Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omiseApi', required: true }],
		properties: [
			{
				displayName:
					'Reads new events from the Omise API (GET /events) at the Poll Times above, starting from when the workflow is published (n8n 1.x: activated), and starts one run per event. Needs no public URL: use it where Omise cannot reach n8n (desktop, home server, behind NAT), or in the same workflow as an Omise Trigger as a safety net (the two share the record of what has run). Costs one API call per poll, one more per 100 events, and one per Include Payment Link.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...FILTER_PROPERTIES,
			RUN_ONCE_PER_PROPERTY,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [INCLUDE_LINK_OPTION],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = readFilters(this);
		const runOncePer = readParameter<string>(this, 'runOncePer', 'event');
		const { includeLink = false } = readParameter<{ includeLink?: boolean }>(this, 'options', {});

		// "Fetch Test Event" in the editor: the newest matching event, nothing remembered.
		if (this.getMode() === 'manual') {
			const latest = await listEvents(this, { order: 'reverse_chronological', limit: MAX_PAGE_SIZE });
			const event = latest.data.find((candidate): candidate is OmiseEvent => isEvent(candidate) && matchesFilters(candidate, filters));
			if (!event) {
				throw new NodeOperationError(this.getNode(), 'None of the latest 100 Omise events matches the filters', {
					description: 'Make one happen (for example pay a test payment link), then fetch again.',
				});
			}
			return [this.helpers.returnJsonArray(await withPaymentLink(this, event, includeLink))];
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		if (!state.start || !state.cursor) {
			// First poll after activation: start now, in Omise's clock; history is not replayed.
			const latest = await listEvents(this, { order: 'reverse_chronological', limit: MAX_PAGE_SIZE });
			const start = latest.to ?? isoSeconds(Date.now());
			const before = latest.data
				.filter((event): event is OmiseEvent => isEvent(event) && seconds(createdAt(event) ?? '') >= seconds(start))
				.map((event) => event.id);
			Object.assign(state, { start, cursor: start, backlog: false, before });
			return null;
		}

		const found = await newEvents(this, { ...state, start: state.start, cursor: state.cursor });
		const record = new RunRecord(this.getWorkflow().id ?? '', this.getWorkflowStaticData('global'), Math.floor(Date.now() / 1000));
		const items: IDataObject[] = [];
		const recorded = new Set<string>();
		const before = new Set(state.before ?? []);
		for (const event of found.events) {
			if (!isEvent(event) || before.has(event.id) || !matchesFilters(event, filters)) continue;
			const keys = runKeys(event, runOncePer, filters.triggerOn);
			if (keys.some((key) => recorded.has(key)) || record.state(keys) !== 'new') continue;
			items.push(await withPaymentLink(this, event, includeLink));
			for (const key of keys) recorded.add(key);
		}
		// Everything is remembered before the runs start; n8n saves it with the first run.
		record.recordStarted([...recorded]);
		Object.assign(state, { cursor: found.cursor, backlog: found.backlog });
		if (before.size > 0 && seconds(found.cursor) - OVERLAP_SECONDS > seconds(state.start)) state.before = [];
		for (const item of items) this.__emit([this.helpers.returnJsonArray(item)]);
		return null;
	}
}
