import type { INodeProperties } from 'n8n-workflow';

import { registerRow } from '../sending/sendRow';
import { throwOnOmiseError } from './errors';
import { pathIdsStep, urlChoiceStep } from './ids';
import type { Operation, Resource } from './operation';
import { inVersion2 } from './versions';

/*
 * Turns the resources' declarations into the node's properties: the Resource
 * and Operation pickers, each operation's routing with its full list of steps,
 * and every field shown where the operations that list it are. A field that
 * several operations share is one property (n8n evaluates each property of
 * the description for every item, so a copy holding an expression costs once
 * more per copy), unless n8n's display rules cannot express its operations in
 * one: then one property per resource. Each version of the node has its own
 * properties (versions.ts): version 2 shows version 2's variant of a field.
 */

function routingOf(resource: Resource, operation: Operation): INodeProperties['routing'] {
	const where = `${resource.name} → ${operation.name}`;
	const fields = operation.fields ?? [];
	const fillIds = operation.urlChoice ? urlChoiceStep(operation.urlChoice, fields, where) : pathIdsStep(operation.request.url, fields, where);
	return {
		request: operation.request,
		send: {
			// Every request goes through sendRow (the node's requestOperations.pagination).
			paginate: true,
			// registerRow first: n8n calls it synchronously, in row order, while it builds the rows.
			preSend: [registerRow, ...(fillIds ? [fillIds] : []), ...(operation.steps ?? [])],
		},
		output: { postReceive: [throwOnOmiseError, ...(operation.output ?? [])] },
	};
}

function resourceProperty(resources: Resource[]): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'link',
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
	};
}

function operationProperty(resource: Resource): INodeProperties {
	const { defaultOperation } = resource;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		default: defaultOperation,
		options: resource.operations.map((operation) => ({
			name: operation.name,
			value: operation.value,
			action: operation.action,
			...(operation.description ? { description: operation.description } : {}),
			routing: routingOf(resource, operation),
		})),
	};
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The tool description of an operation that has none of its own: what it does and what it returns. */
function defaultToolDescription(resource: Resource, operation: Operation): string {
	const lists = operation.fields?.some((field) => field.name === 'returnAll');
	const returns = lists ? `Returns one result per ${resource.value} found, as Omise's JSON` : `Returns the ${resource.value} as Omise's JSON`;
	return `${sentence(operation.description ?? operation.action)} ${returns} (amounts in the smallest currency unit: 150050 is 1,500.50 THB).`;
}

/**
 * The Omise Tool's Description, one per operation, shown only in tool mode: n8n
 * gives a tool node whose properties have a `toolDescription` none of its own,
 * and tells the model this one (pinned in the n8n contract test).
 */
function toolDescriptionProperties(resources: Resource[]): INodeProperties[] {
	return resources.flatMap((resource) =>
		resource.operations.map((operation): INodeProperties => {
			const text = operation.toolDescription ?? defaultToolDescription(resource, operation);
			return {
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: text,
				required: true,
				typeOptions: { rows: 4 },
				description: 'What the AI model is told about this tool: what it does, its amounts, whether each call creates something, what it returns',
				displayOptions: { show: { '@tool': [true], resource: [resource.value], operation: [operation.value] } },
			};
		}),
	);
}

/** Fields a user opens only when needed: Simplify comes before those that end an operation. */
const isOptional = (field: INodeProperties) => ['collection', 'fixedCollection'].includes(field.type) || field.name === 'idempotencyKey';

/**
 * An operation's fields on a node of `version`: version 2's variants, and its
 * Simplify (on by default there) before the collections and the Idempotency
 * Key that end the operation, where a user sees it, as in n8n's own nodes.
 */
export function fieldsOf(operation: Operation, version: number): INodeProperties[] {
	const fields = operation.fields ?? [];
	if (version < 2) return fields;
	const others = fields.map(inVersion2).filter((field) => field.name !== 'simplify');
	if (others.length === fields.length) return others;
	let place = others.length;
	while (place > 0 && isOptional(others[place - 1])) place -= 1;
	others.splice(place, 0, inVersion2(fields.find((field) => field.name === 'simplify') as INodeProperties));
	return others;
}

/**
 * The fields in editor order: one order in which every operation's fields, on
 * a node of `version`, come as that operation lists them (a topological sort,
 * ties broken by first appearance); an operation that contradicts another
 * stops the node loading.
 */
function fieldsInOrder(resources: Resource[], version: number): { order: INodeProperties[]; users: Map<INodeProperties, Array<[string, string]>> } {
	const users = new Map<INodeProperties, Array<[string, string]>>();
	const after = new Map<INodeProperties, Set<INodeProperties>>();
	const before = new Map<INodeProperties, number>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const fields = fieldsOf(operation, version);
			fields.forEach((field, index) => {
				if (!users.has(field)) {
					users.set(field, []);
					after.set(field, new Set());
				}
				(users.get(field) as Array<[string, string]>).push([resource.value, operation.value]);
				const next = fields[index + 1];
				if (next && !after.get(field)?.has(next)) {
					after.get(field)?.add(next);
					before.set(next, (before.get(next) ?? 0) + 1);
				}
			});
		}
	}
	const firstSeen = [...users.keys()];
	for (const field of firstSeen) before.set(field, before.get(field) ?? 0);
	const order: INodeProperties[] = [];
	while (order.length < firstSeen.length) {
		const field = firstSeen.find((candidate) => !order.includes(candidate) && before.get(candidate) === 0);
		if (!field) throw new Error(`Omise node: two operations list fields in contradicting orders (around ${firstSeen.filter((f) => !order.includes(f)).map((f) => f.name).join(', ')})`);
		order.push(field);
		for (const next of after.get(field) ?? []) before.set(next, (before.get(next) ?? 0) - 1);
	}
	return { order, users };
}

const unique = (values: string[]) => [...new Set(values)];

/** The field shown for exactly the operations that list it: one property, or one per resource. */
function shownWhereUsed(field: INodeProperties, used: Array<[string, string]>, operationsOf: Map<string, string[]>): INodeProperties[] {
	const show = (resources: string[], operations: string[]): INodeProperties => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { resource: resources, operation: operations, ...field.displayOptions?.show } },
	});
	const resources = unique(used.map(([resource]) => resource));
	const operations = unique(used.map(([, operation]) => operation));
	const isUsed = (resource: string, operation: string) => used.some(([r, o]) => r === resource && o === operation);
	const onePropertyFits = resources.every((resource) =>
		operations.every((operation) => !(operationsOf.get(resource) ?? []).includes(operation) || isUsed(resource, operation)),
	);
	if (onePropertyFits) return [show(resources, operations)];
	return resources.map((resource) => show([resource], unique(used.filter(([r]) => r === resource).map(([, operation]) => operation))));
}

/** The properties of a node of `version` for these resources (the shell adds what is not an operation's, e.g. notices). */
export function describeResources(resources: Resource[], version: number): INodeProperties[] {
	const operationsOf = new Map(resources.map((resource) => [resource.value, resource.operations.map((operation) => operation.value)]));
	const { order, users } = fieldsInOrder(resources, version);
	return [
		resourceProperty(resources),
		...resources.map(operationProperty),
		...toolDescriptionProperties(resources),
		...order.flatMap((field) => shownWhereUsed(field, users.get(field) ?? [], operationsOf)),
	];
}
