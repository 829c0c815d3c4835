#!/usr/bin/env node
'use strict';
// `npm run sandbox`: start the Omise sandbox on 127.0.0.1 and keep it running.
//   OMISE_SANDBOX_PORT (default 4010), OMISE_SANDBOX_WEBHOOK_URL (optional,
//   comma-separated), OMISE_SANDBOX_WEBHOOK_SECRET (base64, optional)
const { createSandbox, DEFAULT_KEYS } = require('./server');

async function main() {
	const endpoints = (process.env.OMISE_SANDBOX_WEBHOOK_URL || '').split(',').filter(Boolean);
	const sandbox = await createSandbox({
		port: Number(process.env.OMISE_SANDBOX_PORT || 4010),
		webhooks: { endpoints, secret: process.env.OMISE_SANDBOX_WEBHOOK_SECRET || undefined },
	});
	console.log(`Omise sandbox listening on ${sandbox.url}`);
	console.log(`  test secret key: ${DEFAULT_KEYS.testSecretKey}   live secret key: ${DEFAULT_KEYS.liveSecretKey}`);
	console.log(`  webhook endpoints: ${endpoints.length ? endpoints.join(', ') : '(none; POST /__sandbox/webhooks to set)'}`);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
