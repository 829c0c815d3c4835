// The README stays a page a merchant reads to the end, and every relative link
// and anchor in the README, the Thai and Japanese guides, CONTRIBUTING.md and
// docs/ points at something that exists (headings are slugged as GitHub does).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const README_MAX_BYTES = 20_500;
const GUIDES = ['docs/i18n/README.th.md', 'docs/i18n/README.ja.md'];

function markdownUnder(directory: string): string[] {
	return readdirSync(join(ROOT, directory)).flatMap((name) => {
		const path = posix.join(directory, name);
		if (statSync(join(ROOT, path)).isDirectory()) return markdownUnder(path);
		return path.endsWith('.md') ? [path] : [];
	});
}

const FILES = ['README.md', 'CONTRIBUTING.md', ...markdownUnder('docs')];

/** The file's lines outside fenced code blocks. */
function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').filter((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return false;
		}
		return !fenced;
	});
}

/** GitHub's heading anchor: rendered text, lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/`/g, '')
		.replace(/\*/g, '')
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();
function anchors(file: string): Set<string> {
	let found = anchorCache.get(file);
	if (!found) {
		found = new Set();
		const seen = new Map<string, number>();
		for (const line of proseLines(readFileSync(join(ROOT, file), 'utf8'))) {
			const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
			if (!heading) continue;
			const base = slug(heading[1]);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			found.add(count === 0 ? base : `${base}-${count}`);
		}
		anchorCache.set(file, found);
	}
	return found;
}

/** Every link and image target in the file's prose (code spans and fenced blocks left out). */
function links(file: string): string[] {
	const prose = proseLines(readFileSync(join(ROOT, file), 'utf8'))
		.join('\n')
		.replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
}

function broken(file: string): string[] {
	const problems: string[] = [];
	for (const target of links(file)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
		const [pathPart, anchor] = target.split('#') as [string, string | undefined];
		const resolved = pathPart === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), decodeURIComponent(pathPart));
		const shown = relative(ROOT, resolved);
		if (relative(ROOT, resolved).startsWith('..')) {
			problems.push(`${file}: ${target} leaves the repository`);
			continue;
		}
		if (!existsSync(resolved)) {
			problems.push(`${file}: ${target} → ${shown} does not exist`);
			continue;
		}
		if (anchor !== undefined && resolved.endsWith('.md') && !anchors(relative(ROOT, resolved)).has(decodeURIComponent(anchor))) {
			problems.push(`${file}: ${target} → no heading #${anchor} in ${shown}`);
		}
	}
	return problems;
}

describe('documentation', () => {
	test(`README.md is at most ${README_MAX_BYTES.toLocaleString('en')} bytes (reference goes to docs/)`, () => {
		expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
	});

	test('the Thai and Japanese guides are in docs/i18n/, linked from the top of README.md, and none is at the root (npm always packs a root README*)', () => {
		for (const guide of GUIDES) expect(existsSync(join(ROOT, guide))).toBe(true);
		const firstLine = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n')[0];
		for (const guide of GUIDES) expect(firstLine).toContain(`](${guide})`);
		expect(readdirSync(ROOT).filter((name) => /^readme/i.test(name))).toEqual(['README.md']);
	});

	test.each(FILES)('every relative link and anchor in %s exists', (file) => {
		expect(broken(file)).toEqual([]);
	});

	test('every page under docs/ is reachable from README.md', () => {
		const reached = new Set<string>(['README.md']);
		const queue = ['README.md'];
		while (queue.length) {
			const file = queue.shift()!;
			for (const target of links(file)) {
				if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
				const pathPart = target.split('#')[0];
				if (!pathPart.endsWith('.md')) continue;
				const next = relative(ROOT, resolve(dirname(join(ROOT, file)), pathPart)).split('\\').join('/');
				if (!reached.has(next) && existsSync(join(ROOT, next))) {
					reached.add(next);
					queue.push(next);
				}
			}
		}
		expect(FILES.filter((file) => !reached.has(file))).toEqual([]);
	});

	test('every picture in docs/ is shown somewhere in the documentation', () => {
		const shown = new Set(
			FILES.flatMap((file) =>
				links(file)
					.filter((target) => target.endsWith('.png'))
					.map((target) => relative(ROOT, resolve(dirname(join(ROOT, file)), target)).split('\\').join('/')),
			),
		);
		const pictures = readdirSync(join(ROOT, 'docs'))
			.filter((name) => name.endsWith('.png'))
			.map((name) => `docs/${name}`);
		expect(pictures.filter((picture) => !shown.has(picture))).toEqual([]);
	});

	test('the anchor slugger matches GitHub on the headings this repository uses', () => {
		expect(slug('Set up the webhook (once per mode)')).toBe('set-up-the-webhook-once-per-mode');
		expect(slug('1. Spreadsheet rows → payment requests (every account)')).toBe('1-spreadsheet-rows--payment-requests-every-account');
		expect(slug('What `npm run test:e2e:queue` proves')).toBe('what-npm-run-teste2equeue-proves');
		expect(slug('認証情報（Omise API）の登録')).toBe('認証情報omise-apiの登録');
		expect(slug('งานที่ 1: แถวในตาราง → คำขอชำระเงิน')).toBe('งานที่-1-แถวในตาราง--คำขอชำระเงิน');
	});
});
