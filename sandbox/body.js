'use strict';
// Request body parsing for the sandbox: Omise accepts JSON and form encoding
// (`metadata[key]=value`, `webhook_endpoints[]=url`), so the sandbox does too.

function setNested(target, path, value) {
	let node = target;
	for (let i = 0; i < path.length - 1; i++) {
		const key = path[i];
		const nextIsArray = path[i + 1] === '';
		if (node[key] === undefined || typeof node[key] !== 'object') node[key] = nextIsArray ? [] : {};
		node = node[key];
	}
	const last = path[path.length - 1];
	if (last === '' && Array.isArray(node)) node.push(value);
	else node[last] = value;
}

function parseFormBody(text) {
	const result = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
		if (!match) {
			result[name] = value;
			continue;
		}
		const path = [match[1]];
		for (const part of match[2].matchAll(/\[([^\]]*)\]/g)) path.push(part[1]);
		setNested(result, path, value);
	}
	return result;
}

class BodyError extends Error {}

function parseBody(rawBody, contentType) {
	const text = rawBody.toString('utf8');
	if (text.trim() === '') return {};
	const type = String(contentType || '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || (type === '' && /^\s*[{[]/.test(text))) {
		try {
			const parsed = JSON.parse(text);
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw new BodyError('request body must be a JSON object');
			}
			return parsed;
		} catch (error) {
			if (error instanceof BodyError) throw error;
			throw new BodyError('request body is not valid JSON');
		}
	}
	return parseFormBody(text);
}

module.exports = { parseBody, parseFormBody, BodyError };
