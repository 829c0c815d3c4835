// The README's first command, `npm install && npm run demo`: the tools are
// compiled as `npm run demo` compiles them (dist/ is built by `npm test`
// before jest), and the demo turns demo/products.csv into payment links
// through n8n's engine against its own sandbox.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { projectRoot } from './harness/root';

jest.setTimeout(120_000);

test('npm run demo: every row of demo/products.csv comes out, as its link or as Omise’s error', () => {
	const root = projectRoot();
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.tools.json')], { cwd: root, stdio: 'pipe' });
	const output = execFileSync(process.execPath, [join(root, 'build/demo/run-demo.js')], { cwd: root, encoding: 'utf8' });
	expect(output).toMatch(/^LATTE-01 +540\.00 THB +→ http:\/\/127\.0\.0\.1:\d+\/pay\/\w+ +\(link_test_\w+\)$/m);
	expect(output).toMatch(/^SAMPLE-05 +5\.00 THB +→ FAILED: Omise error invalid_amount: amount must be greater than or equal to 2000 \(thb subunits\)$/m);
	expect(output).toContain('4 links created, 1 row(s) kept their error');
	expect(output).toContain('The sandbox received 5 API requests: POST /links → 200, POST /links → 200, POST /links → 200, POST /links → 200, POST /links → 400');
});
