import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OMISE_API_URL } from '../shared/constants';
import { OMISE_ACTIONS_DESCRIPTION } from '../shared/editorText';
import { OMISE_HEADERS } from '../shared/transport';
import { describeResources } from './common/describe';
import { LATEST_VERSION, NODE_VERSIONS } from './common/versions';
import { LIST_SEARCH } from './methods/listSearch';
import { getSourceTypes } from './resources/charge/paymentMethodTypes';
import { RESOURCES } from './resources';
import { sendRow } from './sending/sendRow';

/**
 * n8n adds Request Options (Batching, Timeout) to every declarative node with
 * its own descriptions, which this node cannot change; this says what they
 * mean here, just above them.
 */
const requestOptionsNotice: INodeProperties = {
	displayName:
		'Request Options below: Items per Batch is how many requests run at once (default 5, at most 10); Timeout is each request\'s wait (default 30 s)',
	name: 'requestOptionsNotice',
	type: 'notice',
	default: '',
};

export class Omise implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omise',
		name: 'omise',
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		group: ['transform'],
		// Version 2 (new nodes): ID fields are resource locators, Simplify is on, see common/versions.ts.
		version: NODE_VERSIONS,
		defaultVersion: LATEST_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: OMISE_ACTIONS_DESCRIPTION,
		defaults: { name: 'Omise' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omiseApi', required: true }],
		requestDefaults: {
			// A constant: the credential's authenticate() points requests at its API Base URL.
			baseURL: OMISE_API_URL,
			headers: { ...OMISE_HEADERS, 'Content-Type': 'application/json' },
			json: true,
			// Omise's error object is turned into the node's error by throwOnOmiseError (common/errors.ts).
			ignoreHttpStatusErrors: true,
		},
		// Every operation's request goes through sendRow (send.paginate is on for all): see sending/sendRow.ts.
		requestOperations: { pagination: sendRow },
		// Resource, Operation and each operation's fields, from resources/ (see common/describe.ts);
		// last, as n8n appends its Request Options after the node's properties, the notice about them.
		properties: [...describeResources(RESOURCES), requestOptionsNotice],
	};

	methods = {
		loadOptions: {
			// Payment Method Type: the source types enabled for the credential's key.
			getSourceTypes,
		},
		// "From list" of each kind of Omise ID (searchCustomers, searchCharges, …): see methods/listSearch.ts.
		listSearch: LIST_SEARCH,
	};
}
