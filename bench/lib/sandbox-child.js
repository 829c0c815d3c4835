'use strict';
// The Omise sandbox in a child process of the bench, so that its CPU mixes
// neither with n8n's nor with the bench's own (the raw-undici runs measure the
// bench process). Driven over IPC:
//   → { id, cmd: 'count', prefix }  ← { id, result: number of links whose title starts with prefix }
//   → { id, cmd: 'clear' }          ← forget the request log (it would grow by 10,000s of entries)
//   → { id, cmd: 'cpu' }            ← this process's CPU ms so far
// Started with fork(); sends { ready: url } once it listens on 127.0.0.1.
const path = require('node:path');
const { createSandbox } = require(path.join(__dirname, '..', '..', 'sandbox', 'server'));

async function main() {
	const sandbox = await createSandbox({ host: '127.0.0.1', port: 0 });
	process.on('message', (message) => {
		const { id, cmd } = message;
		let result;
		try {
			if (cmd === 'count') {
				result = sandbox.store.all('link', false, (link) => typeof link.title === 'string' && link.title.startsWith(message.prefix)).length;
			} else if (cmd === 'clear') {
				sandbox.clearRequests();
				// The sandbox also keeps one link.create event per link; the bench never reads them, so drop them
				// (when the store still looks the way it did when this was written).
				const events = sandbox.store.byKind instanceof Map ? sandbox.store.byKind.get('event') : undefined;
				if (events instanceof Map && sandbox.store.objects instanceof Map) {
					for (const eventId of events.keys()) sandbox.store.objects.delete(eventId);
					events.clear();
				}
				result = true;
			} else if (cmd === 'cpu') {
				const u = process.cpuUsage();
				result = (u.user + u.system) / 1000;
			} else throw new Error(`unknown command ${cmd}`);
			process.send({ id, result });
		} catch (error) {
			process.send({ id, error: error.message });
		}
	});
	process.on('disconnect', () => process.exit(0));
	process.send({ ready: sandbox.url });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
