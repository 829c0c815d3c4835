import type { INodeProperties } from 'n8n-workflow';

import { OMISE_DASHBOARD_URL } from '../../shared/editorText';
import { listSearchMethodOf, PICKABLE } from '../methods/listSearch';

// Version 2's Omise ID fields are n8n resource locators: From List (a
// searchable list, methods/listSearch.ts), By ID and, where Omise's dashboard
// has a page for the kind, By URL (https://dashboard.omise.co/test/charges/chrg_test_…).
// The ID is read from the saved value by input.ts (locatedValue), for every mode.
// n8n checks a typed value against its mode's regex (anchored by n8n) in the
// editor and before a run; a value from an expression is checked per row.

/** An example of the dashboard's URL of one of a kind, e.g. https://dashboard.omise.co/test/charges/chrg_test_... */
function dashboardUrlExample(kind: string, prefix: string): string | undefined {
	const collection = PICKABLE[kind]?.dashboard;
	return collection ? `${OMISE_DASHBOARD_URL}/test/${collection}/${prefix}_test_...` : undefined;
}

/** What version 2 changes in an ID field of this kind: a resource locator with the modes the kind has. */
export function idLocator(prefix: string, kind: string): Partial<INodeProperties> {
	const example = dashboardUrlExample(kind, prefix);
	const listed = PICKABLE[kind] !== undefined;
	const locator: Partial<INodeProperties> = {
		type: 'resourceLocator',
		default: { mode: listed ? 'list' : 'id', value: '' },
		placeholder: undefined,
		modes: [
			...(listed
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: `Select a ${kind}...`,
							typeOptions: { searchListMethod: listSearchMethodOf(kind), searchable: true },
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${prefix}_test_...`,
				validation: [{ type: 'regex', properties: { regex: `\\s*${prefix}_[A-Za-z0-9_]+\\s*`, errorMessage: `Not a ${kind} ID: it starts with ${prefix}_` } }],
			},
			...(example
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: example,
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: `\\s*https://dashboard\\.omise\\.co/.*\\b${prefix}_[A-Za-z0-9_]+.*`, errorMessage: `Not the Omise dashboard URL of a ${kind}, e.g. ${example}` },
								},
							],
						},
					]
				: []),
		],
	};
	return locator;
}
