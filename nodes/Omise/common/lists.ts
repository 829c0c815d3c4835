import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/constants';
import { toUtcIso } from '../../shared/dates';
import type { PreSend } from '../sending/steps';
import { checked, returnsAll } from '../sending/steps';
import { describeValue, inputError, query } from './input';
import type { Operation } from './operation';
import { simplify, simplifyField } from './simplify';

// Return All, Limit and Filters of every Get Many (and of every Search, whose
// step turns them into Omise's search parameters).

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const filtersField: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: "Only objects created at or after this time (a time without a zone is read in the workflow's time zone)",
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'Only objects created at or before this time',
		},
		{
			displayName: 'Order',
			name: 'order',
			type: 'options',
			default: 'chronological',
			options: [
				{ name: 'Oldest First', value: 'chronological' },
				{ name: 'Newest First', value: 'reverse_chronological' },
			],
		},
	],
};

export const listFields: INodeProperties[] = [returnAllField, limitField, filtersField];

/** Limit: a whole number Omise accepts. */
function checkedLimit(context: IExecuteSingleFunctions, value: unknown): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
		throw inputError(context, `Limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${describeValue(value)}`, 'To get more than 100, turn on Return All.');
	}
	return limit;
}

/**
 * Step of every list: Return All (the sending mechanism pages), else Limit;
 * Filters → From/To as UTC ISO 8601 (a time without a zone is read in the
 * workflow's time zone), Order.
 */
export const sendList = checked(async function (this: IExecuteSingleFunctions, requestOptions) {
	const qs = query(requestOptions);
	if (this.getNodeParameter('returnAll', false) === true) returnsAll(requestOptions);
	else qs.limit = checkedLimit(this, this.getNodeParameter('limit', 50));
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	for (const name of ['from', 'to'] as const) {
		const value = filters[name];
		if (value === undefined || value === '' || value === null) continue;
		const iso = toUtcIso(value, this.getTimezone());
		if (!iso) {
			throw inputError(
				this,
				`Filters → ${name === 'from' ? 'From' : 'To'} is not a date and time: ${describeValue(value)}`,
				'Use an ISO 8601 date such as 2026-01-31T00:00:00, or pick one in the date picker.',
			);
		}
		qs[name] = iso;
	}
	if (filters.order) qs.order = filters.order;
	return requestOptions;
});

/** One output item per object of an Omise list (`data`), keeping the pairing. */
export async function splitListData(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.flatMap((item) => {
		const data = (item.json as IDataObject).data;
		return (Array.isArray(data) ? (data as IDataObject[]) : []).map((json) => ({ json, pairedItem: item.pairedItem }));
	});
}

/**
 * A list whose URL an options field chooses: each of the field's values and
 * the URL it lists (without IDs), e.g. Dispute → Get Many's Status: Open → /disputes/open.
 */
export interface UrlChoice {
	field: INodeProperties;
	urls: Record<string, string>;
}

/** Step: the chosen value's URL replaces the request's; a value that is not one of them (an expression's) is the row's error. */
function chooseUrl({ field, urls }: UrlChoice): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const value = this.getNodeParameter(field.name, field.default) as unknown;
		if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(urls, value)) {
			throw inputError(this, `${field.displayName} must be one of ${Object.keys(urls).join(', ')}; got ${describeValue(value)}`);
		}
		requestOptions.url = urls[value];
		return requestOptions;
	});
}

/**
 * A Get Many of `url`: the IDs its URL holds (or the field that chooses its
 * URL), the list fields and (where the objects have a simple form) Simplify;
 * one item per object.
 */
export function listOperation(
	url: string,
	options: { ids?: INodeProperties[]; urlChoice?: UrlChoice; simplify?: boolean } = {},
): Pick<Operation, 'request' | 'fields' | 'steps' | 'output'> {
	const { urlChoice } = options;
	return {
		request: { method: 'GET', url },
		fields: [...(options.ids ?? []), ...(urlChoice ? [urlChoice.field] : []), ...listFields, ...(options.simplify ? [simplifyField] : [])],
		steps: [...(urlChoice ? [chooseUrl(urlChoice)] : []), sendList, ...(options.simplify ? [simplify] : [])],
		output: [splitListData],
	};
}
