// `npm run bench`: speed and memory of the node under n8n's engine against the
// local sandbox. Targets are checked here, never in timed tests. Omise advises
// at most 10 requests in parallel, so 100 creates a second leaves the node far
// from being the bottleneck (measured: 220-250/s on 2 cores); most of the per-item cost is n8n's RoutingNode
// evaluating every parameter of the description for each item.
import '../test/harness/env';
import { runOmiseNode } from '../test/harness/n8n';
import { credentialsFor, startSandbox } from '../test/harness/sandbox';

interface Result {
	name: string;
	value: number;
	unit: string;
	target: number;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
	const results: Result[] = [];
	const sandbox = await startSandbox();
	const credentials = credentialsFor(sandbox);

	// warm-up: n8n-core loads lazily
	await runOmiseNode({ resource: 'link', operation: 'getAll', returnAll: false, limit: 1 } as never, credentials);

	const rows = Array.from({ length: 1000 }, (_, index) => ({ json: { title: `Bench ${index}`, price: `${100 + (index % 50)}.25` } }));
	let started = performance.now();
	const created = await runOmiseNode(
		{
			resource: 'link',
			operation: 'create',
			amount: '={{ $json.price }}',
			amountUnit: 'major',
			currency: 'THB',
			title: '={{ $json.title }}',
			description: 'Bench link',
			requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
		} as never,
		credentials,
		{ items: rows, node: { onError: 'continueRegularOutput' } },
	);
	const createMs = performance.now() - started;
	if (created.items.filter((item) => item.json.payment_uri).length !== rows.length) throw new Error('not every link was created');
	results.push({ name: 'create 1,000 links (batches of 10): links per second', value: Math.round((rows.length / createMs) * 1000), unit: '/s', target: 100 });

	// 10,000 links to page through
	for (let index = 0; index < 9000; index++) {
		await fetch(`${sandbox.url}/links`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${credentials.secretKey}:`).toString('base64')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ amount: 5000, currency: 'thb', title: `Filler ${index}`, description: 'Filler link' }),
		});
	}
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	started = performance.now();
	const all = await runOmiseNode({ resource: 'link', operation: 'getAll', returnAll: true } as never, credentials);
	const listMs = performance.now() - started;
	const heapAfter = process.memoryUsage().heapUsed;
	if (all.items.length !== 10000) throw new Error(`expected 10,000 links, got ${all.items.length}`);
	results.push({ name: 'Return All over 10,000 links (100 pages): seconds', value: Math.round(listMs) / 1000, unit: 's', target: 3 });
	results.push({ name: 'Return All over 10,000 links: heap growth', value: megabytes(heapAfter - heapBefore), unit: 'MB', target: 100 });
	await sandbox.close();

	let failed = false;
	for (const result of results) {
		const higherIsBetter = result.unit === '/s';
		const ok = higherIsBetter ? result.value >= result.target : result.value <= result.target;
		failed ||= !ok;
		console.log(`${ok ? 'ok  ' : 'MISS'} ${result.name}: ${result.value}${result.unit === '/s' ? '' : ' ' + result.unit} (target ${higherIsBetter ? '≥' : '≤'} ${result.target})`);
	}
	console.log(`node ${process.version}, ${require('node:os').cpus().length} cores`);
	if (failed) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
