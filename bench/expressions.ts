// Expression evaluations per row, operation by operation, in n8n-core's own
// engine (the n8n-core this repository pins): every field of the operation
// holds an expression, as a sheet-driven workflow would have it, and n8n's
// Expression.prototype.renderExpression is counted while the node runs over
// ROWS rows against the sandbox. OMISE_PACKAGE_UNDER_TEST=<another build's
// root> measures another build (e.g. an earlier commit's) for before/after.
//   npm run bench:expressions
import '../test/harness/env';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Expression } = require('n8n-workflow') as { Expression: { prototype: Record<string, (...args: unknown[]) => unknown> } };
import { runOmiseNode } from '../test/harness/n8n';
import { callSandbox, credentialsFor, startSandbox } from '../test/harness/sandbox';

const ROWS = 20;
let evaluations = 0;
const render = Expression.prototype.renderExpression;
Expression.prototype.renderExpression = function (this: unknown, ...args: unknown[]) {
	evaluations += 1;
	return render.apply(this, args);
};

/** `={{ $json.<name> }}` for every field: each row carries the field's value. */
function fromRow(fields: Record<string, unknown>) {
	return Object.fromEntries(Object.keys(fields).map((name) => [name, `={{ $json.${name} }}`]));
}

async function main() {
	const sandbox = await startSandbox();
	const credentials = credentialsFor(sandbox);
	const charge = await callSandbox(sandbox, 'POST', '/charges', { amount: 500000, currency: 'thb', card: 'tokn_test_expr' });
	const customer = await callSandbox(sandbox, 'POST', '/customers', { email: 'a@example.com', card: 'tokn_test_expr2' });
	const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
		['Link → Create', { resource: 'link', operation: 'create', amountUnit: 'major' }, { amount: '150.25', currency: 'THB', title: 'T', description: 'D', multiple: false }],
		['Charge → Create (PromptPay)', { resource: 'charge', operation: 'create', paymentMethod: 'newSource' }, { amount: '150.25', currency: 'THB', sourceType: 'promptpay' }],
		['Refund → Create', { resource: 'refund', operation: 'create', amountUnit: 'smallest' }, { chargeId: charge.id, amount: 100 }],
		['Customer → Create', { resource: 'customer', operation: 'create' }, { email: 'b@example.com', description: 'D' }],
		['Customer → Update', { resource: 'customer', operation: 'update', updateFields: { email: '={{ $json.email }}', description: '={{ $json.description }}' } }, { customerId: customer.id }],
		['Schedule → Create', { resource: 'schedule', operation: 'create', period: 'month' }, { amount: '100', currency: 'THB', customer: customer.id, every: 1, daysOfMonth: '1', endDate: '2030-01-01' }],
		['Charge → Get Many', { resource: 'charge', operation: 'getAll' }, { limit: 2 }],
		['Charge → Search', { resource: 'charge', operation: 'search' }, { query: 'x', limit: 2 }],
		['Charge → Capture', { resource: 'charge', operation: 'capture' }, { chargeId: charge.id, captureAmount: 0 }],
	];
	console.log(`Expression evaluations per row (${ROWS} rows, every field an expression${process.env.OMISE_PACKAGE_UNDER_TEST ? `, build of ${process.env.OMISE_PACKAGE_UNDER_TEST}` : ''}):`);
	for (const [name, fixed, fields] of cases) {
		const rows = Array.from({ length: ROWS }, () => ({ json: { email: 'c@example.com', description: 'D', ...fields } }));
		evaluations = 0;
		const { items } = await runOmiseNode({ ...fixed, ...fromRow(fields) } as never, credentials, { items: rows });
		const errors = items.filter((item) => item.json.error).length;
		console.log(`  ${name.padEnd(30)} ${(evaluations / ROWS).toFixed(1).padStart(5)} for ${Object.keys(fields).length} fields${errors ? ` (${errors} rows failed: ${String(items.find((item) => item.json.error)?.json.error)})` : ''}`);
	}
	await sandbox.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
