import { runOmiseNode } from './harness/n8n';
import { credentialsFor, startSandbox } from './harness/sandbox';

test('smoke', async () => {
	const sandbox = await startSandbox();
	const result = await runOmiseNode(
		{ resource: 'link', operation: 'create', amount: 150050, currency: 'THB', title: 'Hot Latte', metadata: { metadataValues: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } },
		credentialsFor(sandbox),
	);
	console.log(JSON.stringify(result.items).slice(0, 500), result.error && result.error.message);
	console.log(JSON.stringify(sandbox.requests.map((r) => ({ m: r.method, p: r.path, q: r.query, b: r.body, h: r.headers, a: r.auth }))));
	const bad = await runOmiseNode({ resource: 'link', operation: 'create', amount: 15, currency: 'THB', title: 'Hot Latte' }, credentialsFor(sandbox));
	console.log(bad.error?.message, bad.error?.description, bad.error?.httpCode);
	const all = await runOmiseNode({ resource: 'link', operation: 'getAll', returnAll: true }, credentialsFor(sandbox));
	console.log(all.items.length, all.error?.message);
	await sandbox.close();
});
