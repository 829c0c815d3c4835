import type { INodeProperties, INodeType, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import { OMISE_API_URL } from '../shared/constants';
import { OMISE_ACTIONS_DESCRIPTION } from '../shared/editorText';
import { OMISE_HEADERS } from '../shared/transport';
import { describeResources } from './common/describe';
import { LATEST_VERSION } from './common/versions';
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

const baseDescription: INodeTypeBaseDescription = {
	displayName: 'Omise',
	name: 'omise',
	icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
	group: ['transform'],
	description: OMISE_ACTIONS_DESCRIPTION,
	defaultVersion: LATEST_VERSION,
	usableAsTool: true,
};

/** The description of one version of the node: the same resources, operations and sending, and that version's properties. */
function descriptionOf(version: number): INodeTypeDescription {
	return {
		...baseDescription,
		version,
		defaults: { name: 'Omise' },
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
		properties: [...describeResources(RESOURCES, version), requestOptionsNotice],
	};
}

const methods = {
	loadOptions: {
		// Payment Method Type: the source types enabled for the credential's key.
		getSourceTypes,
	},
	// "From list" of each kind of Omise ID (searchCustomers, searchCharges, …): see methods/listSearch.ts.
	listSearch: LIST_SEARCH,
};

// Each version is its own node type (n8n's VersionedNodeType), with its own
// properties, so that a property of one version costs a node of the other
// nothing: n8n evaluates a node's expression once per property of its name.
// (Icon, subtitle and usableAsTool are written out in each for n8n's lint, which reads them there.)

/** Version 1: Omise IDs as text, Simplify off. Saved workflows keep it. */
class OmiseV1 implements INodeType {
	description: INodeTypeDescription = {
		...descriptionOf(1),
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	methods = methods;
}

/** Version 2: Omise IDs as resource locators, card tokens as cardToken, Simplify on (common/versions.ts). */
class OmiseV2 implements INodeType {
	description: INodeTypeDescription = {
		...descriptionOf(2),
		icon: { light: 'file:omise.svg', dark: 'file:omise.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	methods = methods;
}

/** The Omise node: version 2 for new nodes (resource locators, Simplify on); version 1 for the workflows saved with it. */
export class Omise extends VersionedNodeType {
	constructor() {
		super({ 1: new OmiseV1(), 2: new OmiseV2() }, baseDescription);
	}
}
