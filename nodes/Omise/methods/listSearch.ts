import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toMajorUnitText } from '../../shared/amounts';
import { OMISE_DASHBOARD_URL } from '../../shared/editorText';
import { omiseErrorOf } from '../../shared/errors';
import { omiseGet } from '../../shared/transport';
import { idInDashboardUrl, isObject, isOmiseId } from '../../shared/values';

// The editor's "From list" of each kind of Omise ID (n8n's resource locator,
// methods.listSearch): newest first, a page at a time, each labelled with what
// a person recognises it by (amounts in the major unit), and linked to its page
// in Omise's dashboard. Typed text searches Omise where it has a search scope.

const PAGE_SIZE = 50;

interface Pickable {
	/** Omise's list of them: a path, or one made from another ID the node holds (a customer's cards). */
	list: string | ((context: ILoadOptionsFunctions) => string);
	/** Omise's search scope, for typed text; without one, the page read is filtered by its labels. */
	scope?: string;
	/** The dashboard's collection, whose pages are `…/test/<collection>/<id>`: for each one's link, and By URL. None where the dashboard has no page for it. */
	dashboard?: string;
	label: (object: IDataObject) => string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const day = (object: IDataObject) => String(object.created_at ?? object.created ?? '').slice(0, 10);
const joined = (...parts: Array<string | undefined>) => parts.filter((part) => part !== undefined && part !== '').join(' · ');

/** "1500.50 THB": an amount as people write it. */
function money(amount: unknown, currency: unknown): string | undefined {
	const code = String(currency ?? '');
	const major = toMajorUnitText(amount, code);
	return major === undefined ? undefined : `${major} ${code.toUpperCase()}`;
}

/**
 * An ID of the kind `prefix` the node already holds (in the first of `names` that has one), for
 * the lists that belong to it: its value, or a resource locator's (an ID, or a dashboard URL's,
 * read as the run reads it). An expression is not evaluated here.
 */
function heldId(context: ILoadOptionsFunctions, names: string[], label: string, prefix: string): string {
	for (const name of names) {
		const raw = context.getCurrentNodeParameter(name) as unknown;
		const value = isObject(raw) ? raw.value : raw;
		if (typeof value !== 'string' || value.startsWith('=')) continue;
		const id = isObject(raw) && raw.mode === 'url' ? idInDashboardUrl(value, prefix) : value.trim();
		if (isOmiseId(id, prefix)) return encodeURIComponent(id as string);
	}
	throw new NodeOperationError(context.getNode(), `Choose the ${label} first: its list depends on it`);
}

const inDashboard = (collection: string, object: IDataObject) => `${OMISE_DASHBOARD_URL}/${object.livemode === true ? 'live' : 'test'}/${collection}/${String(object.id)}`;

export const PICKABLE: Record<string, Pickable> = {
	card: {
		list: (context) => `/customers/${heldId(context, ['customerId', 'customer'], 'customer', 'cust')}/cards`,
		label: (card) => joined(text(card.brand), card.last_digits ? `•••• ${String(card.last_digits)}` : undefined, card.expiration_month ? `expires ${String(card.expiration_month)}/${String(card.expiration_year)}` : undefined, text(card.name)),
	},
	charge: {
		list: '/charges',
		scope: 'charge',
		dashboard: 'charges',
		label: (charge) => joined(money(charge.amount, charge.currency), text(charge.description), String(charge.status ?? ''), day(charge)),
	},
	customer: {
		list: '/customers',
		scope: 'customer',
		dashboard: 'customers',
		label: (customer) => joined(text(customer.email) ?? '(no email)', text(customer.description), day(customer)),
	},
	dispute: {
		list: '/disputes',
		scope: 'dispute',
		dashboard: 'disputes',
		label: (dispute) => joined(money(dispute.amount, dispute.currency), String(dispute.status ?? ''), text(dispute.reason_message) ?? text(dispute.reason_code), day(dispute)),
	},
	document: {
		list: (context) => `/disputes/${heldId(context, ['disputeId'], 'dispute', 'dspt')}/documents`,
		label: (document) => joined(text(document.filename), day(document)),
	},
	event: {
		list: '/events',
		label: (event) => joined(String(event.key ?? ''), isObject(event.data) ? String(event.data.id ?? '') : undefined, String(event.created_at ?? event.created ?? '')),
	},
	link: {
		list: '/links',
		scope: 'link',
		dashboard: 'links',
		label: (link) => joined(text(link.title), money(link.amount, link.currency), link.used === true ? 'used' : undefined, day(link)),
	},
	recipient: {
		list: '/recipients',
		scope: 'recipient',
		dashboard: 'recipients',
		label: (recipient) => {
			const bank = isObject(recipient.bank_account) ? recipient.bank_account : {};
			return joined(text(recipient.name), text(recipient.email), joined(text(bank.brand) ?? text(bank.bank_code), bank.last_digits ? `•••• ${String(bank.last_digits)}` : undefined));
		},
	},
	refund: {
		list: (context) => `/charges/${heldId(context, ['chargeId'], 'charge', 'chrg')}/refunds`,
		label: (refund) => joined(money(refund.amount, refund.currency), refund.voided === true ? 'voided' : undefined, day(refund)),
	},
	schedule: {
		list: '/schedules',
		dashboard: 'schedules',
		label: (schedule) => {
			const made = isObject(schedule.charge) ? schedule.charge : isObject(schedule.transfer) ? schedule.transfer : {};
			return joined(text(schedule.in_words), money(made.amount, made.currency), text(made.description), String(schedule.status ?? ''));
		},
	},
	receipt: {
		list: '/receipts',
		label: (receipt) => joined(receipt.number ? `No. ${String(receipt.number)}` : undefined, money(receipt.total, receipt.currency), String(receipt.date ?? '').slice(0, 10) || day(receipt)),
	},
	transaction: {
		list: '/transactions',
		label: (transaction) => joined(money(transaction.amount, transaction.currency), text(transaction.direction) ?? text(transaction.type), text(transaction.key), day(transaction)),
	},
	transfer: {
		list: '/transfers',
		scope: 'transfer',
		dashboard: 'transfers',
		label: (transfer) => joined(money(transfer.amount, transfer.currency), transfer.paid === true ? 'paid' : transfer.sent === true ? 'sent' : 'not sent', day(transfer)),
	},
};

async function omiseList(context: ILoadOptionsFunctions, path: string, qs: IDataObject): Promise<IDataObject> {
	const response = await omiseGet(context, path, qs, 15_000);
	if (response.statusCode >= 400) {
		const { code, message } = omiseErrorOf(response);
		throw new NodeOperationError(context.getNode(), `Omise error ${code}: ${message}`);
	}
	if (!isObject(response.body) || !Array.isArray(response.body.data)) {
		throw new NodeOperationError(context.getNode(), `Omise's answer to GET ${path} is not a list`);
	}
	return response.body;
}

function itemOf(pickable: Pickable, object: IDataObject): INodeListSearchItems {
	const id = String(object.id);
	const label = pickable.label(object);
	return { name: label ? `${label} (${id})` : id, value: id, ...(pickable.dashboard ? { url: inDashboard(pickable.dashboard, object) } : {}) };
}

/**
 * One page of a kind's list: Omise's list newest first by offset, or, with a
 * filter and a search scope, Omise's search by page; without a scope the page
 * is filtered by the typed text. The token is the next offset or page.
 */
export async function searchPickable(context: ILoadOptionsFunctions, pickable: Pickable, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const typed = filter?.trim();
	const position = Number(paginationToken ?? '') || 0;
	if (typed && pickable.scope) {
		const page = Math.max(position, 1);
		const found = await omiseList(context, '/search', { scope: pickable.scope, query: typed, page, per_page: PAGE_SIZE, order: 'reverse_chronological' });
		const more = Number(found.total_pages ?? 0) > page;
		return { results: (found.data as IDataObject[]).map((object) => itemOf(pickable, object)), ...(more ? { paginationToken: String(page + 1) } : {}) };
	}
	const path = typeof pickable.list === 'function' ? pickable.list(context) : pickable.list;
	const listed = await omiseList(context, path, { limit: PAGE_SIZE, offset: position, order: 'reverse_chronological' });
	const objects = listed.data as IDataObject[];
	const more = position + objects.length < Number(listed.total ?? 0) && objects.length > 0;
	const items = objects.map((object) => itemOf(pickable, object));
	const shown = typed ? items.filter((item) => item.name.toLowerCase().includes(typed.toLowerCase())) : items;
	return { results: shown, ...(more ? { paginationToken: String(position + objects.length) } : {}) };
}

type ListSearchMethod = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** The listSearch method of a kind: searchCharges for charge. */
export const listSearchMethodOf = (kind: string) => `search${kind[0].toUpperCase()}${kind.slice(1)}s`;

/** methods.listSearch of the node: searchCards, searchCharges, searchCustomers, … one per kind. */
export const LIST_SEARCH: Record<string, ListSearchMethod> = Object.fromEntries(
	Object.entries(PICKABLE).map(([kind, pickable]) => [
		listSearchMethodOf(kind),
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await searchPickable(this, pickable, filter, paginationToken);
		},
	]),
);
