// Text the editor shows in more than one node or in the credential.

// What the package does, as n8n's nodes panel shows it.
//
// n8n's nodes panel merges a trigger into the regular node of the same name
// without "Trigger" (omiseTrigger into omise): one "Omise" entry, with the
// node's actions and the trigger's events, whose description n8n takes from
// the trigger ("default to trigger description", in the editor's
// useActionsGeneration). So the trigger carries the description of the whole
// package, for someone looking for an action as well as for a trigger.

/** The Omise node's own description (also what an AI agent reads when it uses the node as a tool). */
export const OMISE_ACTIONS_DESCRIPTION =
	'Ask for payments by PromptPay QR and other local methods, create payment links, customers and recurring charge schedules, search and manage charges, refunds, disputes and payouts, and reconcile the balance with the Omise (Opn Payments) API';

/** The Omise Trigger's description: the merged "Omise" entry of the nodes panel. */
export const OMISE_PACKAGE_DESCRIPTION = `${OMISE_ACTIONS_DESCRIPTION}, and start workflows when Omise sends a verified webhook event`;

export const OMISE_DASHBOARD_URL = 'https://dashboard.omise.co';

/** A link in a notice, opened in a new tab (n8n 2.x keeps only <a>, <ul> and <li> of a notice's HTML). */
export function link(url: string, text: string): string {
	return `<a href="${url}" target="_blank">${text}</a>`;
}
