'use strict';
// What an object looks like on the wire for a given Omise-Version: 2019-05-29
// says `created_at` and upper-case currencies; older versions say `created`
// and lower-case currencies (webhook payloads use the account's default).
const LATEST_VERSION = '2019-05-29';

function present(value, version) {
	const latest = !version || version >= LATEST_VERSION;
	const walk = (node) => {
		if (Array.isArray(node)) return node.map(walk);
		if (node === null || typeof node !== 'object') return node;
		const out = {};
		for (const [key, child] of Object.entries(node)) {
			if (key === 'metadata') out[key] = child;
			else if (key === 'created_at' && !latest) out.created = child;
			else if ((key === 'currency' || key === 'funding_currency') && typeof child === 'string') out[key] = latest ? child.toUpperCase() : child.toLowerCase();
			else out[key] = walk(child);
		}
		return out;
	};
	return walk(value);
}

module.exports = { present, LATEST_VERSION };
