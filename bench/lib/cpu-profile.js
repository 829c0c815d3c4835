'use strict';
// Summary of a V8 .cpuprofile (from the inspector's Profiler.stop): where the
// main thread's time went, by function (self and inclusive) and by package.
//   node bench/lib/cpu-profile.js <file.cpuprofile> [top]
const fs = require('node:fs');

function frameKey(callFrame) {
	const url = shortUrl(callFrame.url);
	return `${callFrame.functionName || '(anonymous)'} ${url ? `${url}:${callFrame.lineNumber + 1}` : ''}`.trim();
}

function shortUrl(url) {
	if (!url) return '';
	const i = url.lastIndexOf('/node_modules/');
	return (i >= 0 ? url.slice(i + '/node_modules/'.length) : url).replace(/^file:\/\//, '');
}

/** Which package (or runtime part) a frame belongs to. */
function area(callFrame) {
	const name = callFrame.functionName;
	if (!callFrame.url) {
		if (['(garbage collector)', '(program)', '(idle)', '(root)'].includes(name)) return name;
		return '(native)';
	}
	if (callFrame.url.startsWith('node:')) return 'node: (Node.js internals)';
	const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(callFrame.url.slice(callFrame.url.lastIndexOf('/node_modules/')));
	if (m) return m[1];
	return shortUrl(callFrame.url);
}

function summarise(profile, top = 12) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
	const selfById = new Map();
	let total = 0;
	// The profiler's own start/stop (inspector Session.post on this thread) is not the workload.
	const profilerFrame = (id) => byId.get(id).callFrame.url === 'node:inspector';
	for (let i = 0; i < profile.samples.length; i++) {
		const dt = profile.timeDeltas[i] || 0;
		if (profilerFrame(profile.samples[i])) continue;
		total += dt;
		selfById.set(profile.samples[i], (selfById.get(profile.samples[i]) || 0) + dt);
	}
	const self = new Map();
	const areas = new Map();
	const inclusive = new Map();
	const areaOfKey = new Map();
	for (const [id, us] of selfById) {
		const node = byId.get(id);
		const key = frameKey(node.callFrame);
		self.set(key, (self.get(key) || 0) + us);
		const a = area(node.callFrame);
		areas.set(a, (areas.get(a) || 0) + us);
		// inclusive: every distinct frame on the stack of this sample
		const seen = new Set();
		for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
			const k = frameKey(byId.get(cur).callFrame);
			if (seen.has(k)) continue;
			if (!areaOfKey.has(k)) areaOfKey.set(k, area(byId.get(cur).callFrame));
			seen.add(k);
			inclusive.set(k, (inclusive.get(k) || 0) + us);
		}
	}
	const idle = (areas.get('(idle)') || 0) + (areas.get('(program)') || 0);
	const busy = total - (areas.get('(idle)') || 0);
	const sorted = (map, filter = () => true) => [...map].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top);
	const skip = (k) => !/^\((root|idle|program)\)/.test(k);
	return { totalMs: total / 1000, busyMs: busy / 1000, idleMs: idle / 1000, self: sorted(self, skip), inclusive: sorted(inclusive, (k) => skip(k) && /^(n8n-|@n8n\/)/.test(areaOfKey.get(k) || '')), areas: sorted(areas, (k) => k !== '(idle)') };
}

function format(summary, title) {
	const pct = (us) => `${((us / 1000 / summary.busyMs) * 100).toFixed(1).padStart(5)}%`;
	const lines = [`${title}: ${summary.busyMs.toFixed(0)} ms on the main thread (idle excluded; percentages of that)`];
	lines.push('  by package / area (self time):');
	for (const [k, us] of summary.areas) lines.push(`    ${pct(us)}  ${k}`);
	lines.push('  top functions, self time:');
	for (const [k, us] of summary.self) lines.push(`    ${pct(us)}  ${k}`);
	lines.push('  top n8n / package functions, inclusive time (with the function anywhere on the stack):');
	for (const [k, us] of summary.inclusive) lines.push(`    ${pct(us)}  ${k}`);
	return lines.join('\n');
}

module.exports = { summarise, format };

if (require.main === module) {
	const file = process.argv[2];
	const top = Number(process.argv[3] || 15);
	console.log(format(summarise(JSON.parse(fs.readFileSync(file, 'utf8')), top), file));
}
