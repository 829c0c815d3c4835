// What the id-kinds tests of every resource share: which operations take an
// Omise ID in their URL (read from the node's description, so that a new
// operation is checked without a new case), and which parameters hold one.
import type { INodeProperties } from 'n8n-workflow';

import { nodeTypeOf } from './n8n';
import type { OmiseSandbox } from './operation';

export const PATH_IDS: Record<string, { label: string; prefix: string; kind: string }> = {
	linkId: { label: 'Link ID', prefix: 'link', kind: 'link' },
	chargeId: { label: 'Charge ID', prefix: 'chrg', kind: 'charge' },
	refundId: { label: 'Refund ID', prefix: 'rfnd', kind: 'refund' },
	eventId: { label: 'Event ID', prefix: 'evnt', kind: 'event' },
	customerId: { label: 'Customer ID', prefix: 'cust', kind: 'customer' },
	cardId: { label: 'Card ID', prefix: 'card', kind: 'card' },
	scheduleId: { label: 'Schedule ID', prefix: 'schd', kind: 'schedule' },
	transactionId: { label: 'Transaction ID', prefix: 'trxn', kind: 'transaction' },
	receiptId: { label: 'Receipt ID', prefix: 'rcpt', kind: 'receipt' },
	disputeId: { label: 'Dispute ID', prefix: 'dspt', kind: 'dispute' },
	documentId: { label: 'Document ID', prefix: 'docu', kind: 'document' },
	recipientId: { label: 'Recipient ID', prefix: 'recp', kind: 'recipient' },
	transferId: { label: 'Transfer ID', prefix: 'trsf', kind: 'transfer' },
};

export const AMOUNT = { amount: 5000, currency: 'THB' };
export const SCHEDULE = {
	resource: 'schedule',
	operation: 'create',
	customer: 'cust_test_1',
	...AMOUNT,
	every: 1,
	period: 'month',
	daysOfMonth: '1',
	startDate: '2030-01-01T00:00:00',
	endDate: '2030-12-31',
};

/** The longest ID the rule allows after a kind's prefix (100 characters), and one character more. */
export const LONGEST = `test_${'a'.repeat(95)}`;
export const TOO_LONG = `${LONGEST}a`;

/** The properties of version 1 of the node (version 2's ID fields are the same fields as resource locators: test/pickers/version-2.test.ts). */
async function properties(): Promise<INodeProperties[]> {
	return (await nodeTypeOf('omise', 1)).description.properties;
}

/** resource.operation → the ID parameters its URL holds, as the description shows them. */
export async function pathIdOperations(): Promise<Map<string, string[]>> {
	const operations = new Map<string, string[]>();
	for (const property of await properties()) {
		if (!(property.name in PATH_IDS)) continue;
		const show = property.displayOptions?.show ?? {};
		for (const resource of (show.resource ?? []) as string[]) {
			for (const operation of (show.operation ?? []) as string[]) {
				const key = `${resource}.${operation}`;
				operations.set(key, [...(operations.get(key) ?? []), property.name]);
			}
		}
	}
	return operations;
}

/** Every resource.operation.parameter of the node that holds an Omise ID (its placeholder is such as cust_test_...). */
export async function idParameters(): Promise<string[]> {
	const found: string[] = [];
	const visit = (list: INodeProperties[], where: (name: string) => string[]) => {
		for (const property of list) {
			if (typeof property.placeholder === 'string' && /^[a-z]+_test_\.\.\.$/.test(property.placeholder)) found.push(...where(property.name));
			if (property.type === 'collection') {
				visit((property.options ?? []) as INodeProperties[], (name) => where(`${property.name}.${name}`));
			}
		}
	};
	for (const property of await properties()) {
		const show = property.displayOptions?.show ?? {};
		const keys = ((show.resource ?? []) as string[]).flatMap((resource) => ((show.operation ?? []) as string[]).map((operation) => `${resource}.${operation}`));
		visit([property], (name) => keys.map((key) => `${key}.${name}`));
	}
	return [...new Set(found)].sort();
}

/** Runs the operation and expects nothing sent; gives the error's message. */
export async function refusedWithoutRequest(omise: OmiseSandbox, parameters: Record<string, unknown>): Promise<string | undefined> {
	const { error, requests } = await omise.run(parameters);
	expect(requests).toEqual([]);
	return error?.message;
}

/**
 * For every operation of the resource with an ID in its URL, and every such ID:
 * an ID of another kind is refused before any request, naming the field and
 * both kinds. Gives the resource.operation of every check made.
 */
export async function checkPathIdsOf(omise: OmiseSandbox, resourceName: string): Promise<string[]> {
	const checked: string[] = [];
	for (const [key, names] of await pathIdOperations()) {
		const [resource, operation] = key.split('.');
		if (resource !== resourceName) continue;
		for (const name of names) {
			const { label, prefix, kind } = PATH_IDS[name];
			const wrong = prefix === 'chrg' ? 'link_test_1' : 'chrg_test_1';
			const parameters: Record<string, unknown> = { resource, operation };
			for (const other of names) parameters[other] = `${PATH_IDS[other].prefix}_test_1`;
			parameters[name] = wrong;
			const message = await refusedWithoutRequest(omise, parameters);
			const which = wrong.startsWith('link') ? 'a link ID' : 'a charge ID';
			expect(`${key}: ${message}`).toBe(`${key}: ${label} must be a ${kind} ID (${prefix}_…); got "${wrong}", which is ${which}`);
			checked.push(key);
		}
	}
	return checked;
}

/** The resource's ID parameters, in the URL or in the body: what its id-kinds cases must cover. */
export async function idParametersOf(resource: string): Promise<string[]> {
	return (await idParameters()).filter((where) => where.startsWith(`${resource}.`));
}

/** The cases of a resource's id-kinds file, as resource.operation.parameter: its URL IDs and its body cases. */
export async function casesOf(resource: string, bodyCases: Array<[string, ...unknown[]]>): Promise<string[]> {
	const pathCases = [...(await pathIdOperations())].filter(([key]) => key.startsWith(`${resource}.`)).flatMap(([key, names]) => names.map((name) => `${key}.${name}`));
	const body = bodyCases.map(([where]) => where.replace(/ \(.*\)$/, ''));
	return [...new Set([...pathCases, ...body])].sort();
}
