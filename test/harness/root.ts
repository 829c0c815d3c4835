import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root, found from here whether this runs from test/ (jest) or from build/ (demo, bench). */
export function projectRoot(): string {
	let directory = __dirname;
	while (dirname(directory) !== directory) {
		const manifest = join(directory, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'n8n-nodes-omise') {
			return directory;
		}
		directory = dirname(directory);
	}
	throw new Error('package.json of n8n-nodes-omise not found above ' + __dirname);
}
