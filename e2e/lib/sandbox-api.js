'use strict';
// A call to the sandbox's Omise API with the test secret key, for the e2e
// checks that make their fixtures directly (customers, charges, disputes).
const { DEFAULT_KEYS } = require('../../sandbox/server');

/** The JSON Omise (the sandbox) answers; an error status throws with the answer. */
async function omiseApi(sandbox, method, path, body) {
	const res = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: `Basic ${Buffer.from(`${DEFAULT_KEYS.testSecretKey}:`).toString('base64')}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
	return json;
}

module.exports = { omiseApi };
