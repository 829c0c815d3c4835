import type { IGetNodeParameterOptions } from 'n8n-workflow';

import { isObject } from '../values';
import type { Filters } from './filters';

interface ParameterContext {
	getNodeParameter(name: string, fallback?: unknown, options?: IGetNodeParameterOptions): unknown;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (isObject(value)) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * A parameter as saved, resolved by n8n only when it holds an expression.
 * A trigger runs for every request, and every resolved read goes through n8n's
 * expression engine (on n8n 2.x an isolate), even for a plain value.
 */
export function readParameter<T>(context: ParameterContext, name: string, fallback: T): T {
	const raw = context.getNodeParameter(name, fallback, { rawExpressions: true });
	return (hasExpression(raw) ? context.getNodeParameter(name, fallback) : raw) as T;
}

export function readFilters(context: ParameterContext): Filters {
	return {
		triggerOn: readParameter(context, 'triggerOn', 'events'),
		events: readParameter<string[]>(context, 'events', ['*']),
		mode: readParameter(context, 'mode', 'both'),
		onlyPaidCharges: readParameter(context, 'onlyPaidCharges', false),
		onlyLinkCharges: readParameter(context, 'onlyLinkCharges', false),
	};
}
