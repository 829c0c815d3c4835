// n8n's own rule set for community packages (the config @n8n/node-cli ships:
// @n8n/eslint-plugin-community-nodes + eslint-plugin-n8n-nodes-base), applied
// to the published code and to package.json.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{ ignores: ['dist/**', 'node_modules/**', 'sandbox/**', 'scripts/**', 'demo/**', 'bench/**', 'e2e/**', 'examples/**', 'test/**', '*.js', '*.mjs'] },
];
