import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { isOmiseId } from '../../shared/values';
import type { UrlChoice } from './operation';
import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import { describeValue, inputError, locatedValue } from './input';
import { idLocator } from './locator';
import { changedInVersion2 } from './versions';

// The IDs an operation's URL holds (`/charges/:chargeId/refunds`): a field
// made by idField, listed among the operation's fields, fills its `:name`.

interface IdKind {
	label: string;
	prefix: string;
	kind: string;
}

const ID_KINDS = new WeakMap<INodeProperties, IdKind>();

/** What an ID typed in the wrong field is, by its prefix, for the error message (Omise's ID prefixes). */
const KIND_OF_PREFIX: Record<string, string> = {
	link: 'a link ID',
	chrg: 'a charge ID',
	rfnd: 'a refund ID',
	evnt: 'an event ID',
	cust: 'a customer ID',
	card: 'a card ID',
	tokn: 'a card token',
	src: 'a source ID',
	schd: 'a schedule ID',
	recp: 'a recipient ID',
	trsf: 'a transfer ID',
	dspt: 'a dispute ID',
	docu: 'a document ID',
	trxn: 'a transaction ID',
	rcpt: 'a receipt ID',
};

/**
 * A required Omise ID that the operation's URL holds as `:name`, e.g. idField('chargeId', 'Charge ID', 'chrg', 'charge');
 * `displayOptions` where a field of the operation decides whether the URL holds it (see UrlChoice).
 */
export function idField(name: string, label: string, prefix: string, kind: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	const field: INodeProperties = {
		...(displayOptions ? { displayOptions } : {}),
		displayName: label,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `${prefix}_test_...`,
		description: `The ID of the ${kind}, starting with ${prefix}_`,
	};
	ID_KINDS.set(field, { label, prefix, kind });
	// Version 2: a resource locator (From List, By ID, By URL); the same name and the same checks.
	return changedInVersion2(field, idLocator(prefix, kind));
}

function pathId(context: IExecuteSingleFunctions, name: string, { label, prefix, kind }: IdKind): string {
	const value = locatedValue(context, context.getNodeParameter(name, ''), label, prefix);
	const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
	const example = `${prefix}_test_…`;
	if (id === undefined) throw inputError(context, `${label} must be text, an Omise ID such as ${example}; got ${describeValue(value)}`);
	if (id === '') throw inputError(context, `${label} is required (an Omise ID such as ${example})`);
	if (!isOmiseId(id)) throw inputError(context, `${label} is not an Omise ID: "${id.slice(0, 60)}". It looks like ${example}`);
	if (!isOmiseId(id, prefix)) {
		const other = KIND_OF_PREFIX[id.slice(0, id.indexOf('_'))];
		throw inputError(context, `${label} must be a ${kind} ID (${prefix}_…); got "${id.slice(0, 60)}"${other ? `, which is ${other}` : ''}`);
	}
	return encodeURIComponent(id);
}

/**
 * The step that fills the `:name` segments of `url` with the operation's ID
 * fields, each read once, checked (present, of the right kind, a single path
 * segment) and URL-encoded: `.`, `..` or a charge ID typed into Link ID never
 * reach Omise. Undefined when the URL holds no ID.
 */
export function pathIdsStep(url: string, fields: INodeProperties[], where: string): PreSend | undefined {
	const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
	if (names.length === 0) return undefined;
	const kinds = new Map(names.map((name) => {
		const field = fields.find((candidate) => candidate.name === name && ID_KINDS.has(candidate));
		if (!field) throw new Error(`${where}: its URL ${url} holds :${name}, but none of its fields is an idField named ${name}`);
		return [name, ID_KINDS.get(field) as IdKind];
	}));
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		requestOptions.url = url.replace(/:([A-Za-z]+)/g, (_, name: string) => pathId(this, name, kinds.get(name) as IdKind));
		return requestOptions;
	});
}

/**
 * The step of an operation whose URL a field picks (UrlChoice): each URL's IDs
 * are checked against the operation's fields when the node loads, and at run
 * time the chosen URL is filled as pathIdsStep fills one.
 */
export function urlChoiceStep({ field, urls }: UrlChoice, fields: INodeProperties[], where: string): PreSend {
	const fillers = new Map(Object.entries(urls).map(([value, url]) => [value, pathIdsStep(url, fields, where)]));
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const value = this.getNodeParameter(field.name, field.default) as unknown;
		const url = typeof value === 'string' && Object.prototype.hasOwnProperty.call(urls, value) ? urls[value] : undefined;
		if (url === undefined) {
			throw inputError(this, `${field.displayName} must be one of ${Object.keys(urls).join(', ')}; got ${describeValue(value)}`);
		}
		const fill = fillers.get(value as string);
		if (fill) return await fill.call(this, requestOptions);
		requestOptions.url = url;
		return requestOptions;
	});
}
