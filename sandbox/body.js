'use strict';
// Request body parsing for the sandbox: Omise accepts JSON and form encoding
// (`metadata[key]=value`, `webhook_endpoints[]=url`), so the sandbox does too;
// and multipart/form-data, which uploading a dispute's document requires.
const { createHash } = require('node:crypto');

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

/** A parameter of a header value (`boundary=…`, `name="…"`), unquoted; undefined when absent. */
function headerParameter(value, name) {
	const match = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(value);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}

/**
 * multipart/form-data (RFC 7578): text fields as strings; a file part as
 * `{ filename, content_type, size, sha256 }` with its bytes under the
 * non-enumerable `data` (the request log shows what was received, not the bytes).
 */
function parseMultipart(rawBody, contentType) {
	const boundary = headerParameter(contentType, 'boundary');
	if (!boundary) throw new BodyError('multipart/form-data body has no boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	const invalid = () => new BodyError('request body is not valid multipart/form-data');
	let position = rawBody.indexOf(delimiter);
	if (position < 0) throw invalid();
	const result = {};
	for (;;) {
		position += delimiter.length;
		if (rawBody.subarray(position, position + 2).toString() === '--') return result;
		if (rawBody.subarray(position, position + 2).toString() !== '\r\n') throw invalid();
		const headersEnd = rawBody.indexOf('\r\n\r\n', position + 2);
		if (headersEnd < 0) throw invalid();
		const headers = {};
		for (const line of rawBody.subarray(position + 2, headersEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const next = rawBody.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
		if (next < 0) throw invalid();
		const content = rawBody.subarray(headersEnd + 4, next);
		const disposition = headers['content-disposition'] || '';
		const name = headerParameter(disposition, 'name');
		if (!/^form-data\b/i.test(disposition) || name === undefined) throw invalid();
		const filename = headerParameter(disposition, 'filename');
		if (filename === undefined) {
			result[name] = content.toString('utf8');
		} else {
			const file = {
				filename,
				content_type: headers['content-type'] || 'application/octet-stream',
				size: content.length,
				sha256: createHash('sha256').update(content).digest('hex'),
			};
			Object.defineProperty(file, 'data', { value: Buffer.from(content), enumerable: false });
			result[name] = file;
		}
		position = next + 2;
	}
}

function parseBody(rawBody, contentType) {
	if (/^\s*multipart\/form-data\b/i.test(String(contentType || ''))) return parseMultipart(rawBody, String(contentType));
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

module.exports = { parseBody, parseFormBody, parseMultipart, BodyError };
