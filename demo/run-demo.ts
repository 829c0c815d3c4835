// `npm run demo`: spreadsheet rows → Omise payment links, run by n8n's own
// engine (WorkflowExecute + RoutingNode) on the built package, against the
// local Omise sandbox. No keys, no network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import '../test/harness/env';
import { omiseNode, outputOf, runWorkflow } from '../test/harness/n8n';
import { credentialsFor, startSandbox } from '../test/harness/sandbox';

function parseCsv(text: string): Array<Record<string, string>> {
	const [header, ...lines] = text.trim().split(/\r?\n/);
	const names = header.split(',');
	return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [names[index], value])));
}

async function main() {
	const sandbox = await startSandbox({ port: Number(process.env.OMISE_SANDBOX_PORT ?? 0) });
	const rows = parseCsv(readFileSync(join(__dirname, '..', '..', 'demo', 'products.csv'), 'utf8'));
	console.log(`Omise sandbox on ${sandbox.url} (test mode). ${rows.length} rows from demo/products.csv.\n`);

	const createLinks = omiseNode(
		{
			resource: 'link',
			operation: 'create',
			amount: '={{ $json.price }}',
			amountUnit: 'major',
			currency: '={{ $json.currency }}',
			title: '={{ $json.product }}',
			description: '=Order {{ $json.sku }}',
			metadata: { metadataValues: [{ key: 'sku', value: '={{ $json.sku }}' }, { key: 'email', value: '={{ $json.customer_email }}' }] },
			requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 1000 } } },
		},
		{ name: 'Create Payment Links', onError: 'continueRegularOutput' },
	);
	const started = Date.now();
	const run = await runWorkflow({
		nodes: [createLinks],
		start: { node: createLinks, items: rows.map((json) => ({ json })) },
		credentials: { omiseApi: credentialsFor(sandbox) },
	});
	const output = outputOf(run, createLinks.name);

	rows.forEach((row, index) => {
		const link = output[index]?.json ?? {};
		const result = link.payment_uri ? `${link.payment_uri}  (${link.id})` : `FAILED: ${String(link.error)}`;
		console.log(`${row.sku.padEnd(10)} ${`${row.price} ${row.currency}`.padEnd(12)} → ${result}`);
	});
	const created = output.filter((item) => item.json.payment_uri).length;
	console.log(`\n${created} links created, ${rows.length - created} row(s) kept their error, in ${Date.now() - started} ms.`);
	console.log(`The sandbox received ${sandbox.requests.length} API requests: ${sandbox.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`);
	await sandbox.close();
	if (created !== rows.length - 1) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
