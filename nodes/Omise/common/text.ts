import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import type { TextOptions } from './input';
import { body, checkedText } from './input';

/**
 * Parameters that the AI-agent tool (n8n's "Omise Tool", the node's type name +
 * "Tool") has under another name. n8n's editor offers "Let the model define
 * this parameter" on every field of a tool except at a few paths it keeps for
 * its own tools, `parameters.description` among them, so the tool's Description
 * is `descriptionText`; the node itself keeps `description`.
 */
export const TOOL_PARAMETER_NAMES = { description: 'descriptionText' } as const;

/** Whether the node runs as n8n's AI-agent tool ("Omise Tool"). */
export function isTool(context: IExecuteSingleFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** One Description for Link, Customer, Schedule and Recipient → Create (a schedule's goes on each charge it makes), under another name in the AI-agent tool. */
export const descriptionFields: INodeProperties[] = [false, true].map((tool) => ({
	displayName: 'Description',
	name: tool ? TOOL_PARAMETER_NAMES.description : 'description',
	type: 'string',
	default: '',
	typeOptions: { rows: 2 },
	description: 'At most 1000 characters. Required for a link (Omise’s API requires it; it is shown on the payment page); optional for a customer, schedule or recipient, sent only when not empty (a schedule’s is the description of every charge it makes).',
	displayOptions: { show: { '@tool': [tool] } },
}));

/** Step: reads a text field once, checks it and sends it as `property` when not empty. */
export function sendText(parameterName: string, label: string, options: TextOptions = {}, property = parameterName): PreSend {
	const toolName = (TOOL_PARAMETER_NAMES as Record<string, string>)[parameterName] ?? parameterName;
	return checked(async function (this: IExecuteSingleFunctions, requestOptions) {
		const value = checkedText(this, this.getNodeParameter(isTool(this) ? toolName : parameterName, ''), label, options);
		if (value !== undefined) body(requestOptions)[property] = value;
		return requestOptions;
	});
}
