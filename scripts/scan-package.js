// `npm run scan`: n8n's community package scanner (@n8n/scan-community-package),
// offline, against what `npm publish` would upload.
//
// The scanner's CLI downloads a published version from the registry (and the
// source its provenance points at) and lints both with n8n's rule set:
//   - the source checkout with SOURCE_FILE_PATTERNS (package.json and
//     {nodes,credentials}/**/*.{js,ts,json});
//   - the unpacked tarball with ['**/*.js', 'package.json'].
// This script runs the same two legs on this working tree without a network:
// the source leg on the repository, the tarball leg on a fresh `npm pack`
// unpacked into a temporary folder. Exits 1 on any violation.
// Run `npm run build` first (`npm test` does).
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

async function main() {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((file) => !existsSync(join(root, file)));
	if (missing.length) throw new Error(`dist/ is incomplete (${missing.join(', ')}): run \`npm run build\` first`);

	// require.resolve (not a bare import) so that NODE_PATH is honoured too.
	const scanner = await import(pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);

	const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-omise-scan-'));
	try {
		const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
		const [{ filename, entryCount, size }] = JSON.parse(output);
		execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
		const unpacked = join(work, 'package');
		console.log(`packed ${filename}: ${entryCount} files, ${size} bytes`);

		const legs = [
			{ name: `source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, dir: root, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: `tarball (${TARBALL_PATTERNS.join(', ')})`, dir: unpacked, patterns: TARBALL_PATTERNS },
		];
		let passed = true;
		for (const leg of legs) {
			const result = await scanner.analyzePackage(leg.dir, leg.patterns);
			console.log(`${result.passed ? 'passed' : 'FAILED'}: ${leg.name}${result.message ? ` — ${result.message}` : ''}`);
			if (result.details) console.log(result.details);
			passed &&= result.passed;
		}
		if (!passed) process.exitCode = 1;
		else console.log(`${manifest.name}@${manifest.version}: no violations of n8n's community package scan`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
