// Expression evaluations per row, operation by operation, in n8n-core's own
// engine (the n8n-core this repository pins): every field of the operation
// holds an expression, as a sheet-driven workflow would have it, and n8n's
// Expression.prototype.renderExpression is counted while the node runs over
// ROWS rows against the sandbox. OMISE_PACKAGE_UNDER_TEST=<another build's
// root> measures another build (e.g. an earlier commit's) for before/after.
// Each operation runs on version 1 and on version 2 of the node (whose ID
// fields are resource locators holding the expression in By ID mode).
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

const ID_FIELDS = ['chargeId', 'customerId', 'customer'];

/** `={{ $json.<name> }}` for every field: each row carries the field's value; on version 2, an ID field's in a resource locator. */
function fromRow(fields: Record<string, unknown>, typeVersion: number) {
	return Object.fromEntries(
		Object.keys(fields).map((name) => {
			const expression = `={{ $json.${name} }}`;
			return [name, typeVersion >= 2 && ID_FIELDS.includes(name) ? { __rl: true, mode: 'id', value: expression } : expression];
		}),
	);
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
	console.log(`  ${'operation'.padEnd(30)} ${'v1'.padStart(5)} ${'v2'.padStart(5)}`);
	for (const [name, fixed, fields] of cases) {
		const rows = Array.from({ length: ROWS }, () => ({ json: { email: 'c@example.com', description: 'D', ...fields } }));
		const counts: string[] = [];
		const failures: string[] = [];
		for (const typeVersion of [1, 2]) {
			evaluations = 0;
			const { items } = await runOmiseNode({ ...fixed, ...fromRow(fields, typeVersion) } as never, credentials, { items: rows, node: { typeVersion } });
			const failed = items.find((item) => item.json.error);
			if (failed) failures.push(`v${typeVersion}: ${items.filter((item) => item.json.error).length} rows failed: ${String(failed.json.error)}`);
			counts.push((evaluations / ROWS).toFixed(1).padStart(5));
		}
		console.log(`  ${name.padEnd(30)} ${counts.join(' ')} for ${Object.keys(fields).length} fields${failures.length ? ` (${failures.join('; ')})` : ''}`);
	}
	await sandbox.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
