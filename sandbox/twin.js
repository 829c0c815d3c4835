'use strict';
// The body of a twin request (fault option `twin`, see faults.js): the same
// request made by someone else, who neither tags it the way the node does nor
// holds the node's card token.
const { randomBytes } = require('node:crypto');
const { parseBody } = require('./body');

// The node's own metadata keys, which a request from the dashboard or another workflow lacks.
const NODE_METADATA = /^n8n_/;

function withoutNodeMetadata(metadata) {
	if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return metadata;
	return Object.fromEntries(Object.entries(metadata).filter(([key]) => !NODE_METADATA.test(key)));
}

// A token can be used once, so the twin's card is a fresh token of the same mode.
function freshToken(token, usedTokens) {
	const prefix = token.startsWith('tokn_test_') ? 'tokn_test_twin' : 'tokn_twin';
	let fresh;
	do fresh = `${prefix}${randomBytes(6).toString('hex')}`;
	while (usedTokens.has(fresh));
	return fresh;
}

function twinOf(body, usedTokens) {
	const twin = structuredClone(body);
	if ('metadata' in twin) twin.metadata = withoutNodeMetadata(twin.metadata);
	if (twin.charge && typeof twin.charge === 'object' && 'metadata' in twin.charge) twin.charge.metadata = withoutNodeMetadata(twin.charge.metadata);
	if (typeof twin.card === 'string' && twin.card.startsWith('tokn_')) twin.card = freshToken(twin.card, usedTokens);
	return twin;
}

/**
 * The raw body and headers of the twin of a request. A body the sandbox cannot
 * parse is copied as it is (the twin fails the same way); any other is sent as JSON.
 */
function twinRequest(rawBody, headers, usedTokens) {
	let body;
	try {
		body = parseBody(rawBody, headers['content-type']);
	} catch {
		return { rawBody, headers };
	}
	const twinHeaders = { ...headers, 'content-type': 'application/json' };
	delete twinHeaders['content-length'];
	return { rawBody: Buffer.from(JSON.stringify(twinOf(body, usedTokens))), headers: twinHeaders };
}

module.exports = { twinRequest, twinOf };
