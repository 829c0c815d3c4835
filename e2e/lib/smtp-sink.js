'use strict';
// A local SMTP sink for the end-to-end runs: accepts every message on
// 127.0.0.1 (no TLS, no auth) and keeps it in memory, decoded enough to assert
// on: headers, and the text of text/plain parts (quoted-printable or base64).
const { SMTPServer } = require('smtp-server');

function decodeQuotedPrintable(text) {
	const bytes = [];
	const soft = text.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(c, 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

function decodeEncodedWords(value) {
	// RFC 2047 =?utf-8?Q?...?= / =?utf-8?B?...?=
	return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, _charset, enc, data) =>
		enc.toUpperCase() === 'B'
			? Buffer.from(data, 'base64').toString('utf8')
			: decodeQuotedPrintable(data.replace(/_/g, ' ')),
	);
}

function parseHeaders(block) {
	const headers = {};
	for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeEncodedWords(line.slice(i + 1).trim());
	}
	return headers;
}

function splitMessage(raw) {
	const m = /\r?\n\r?\n/.exec(raw);
	if (!m) return { headers: parseHeaders(raw), body: '' };
	return { headers: parseHeaders(raw.slice(0, m.index)), body: raw.slice(m.index + m[0].length) };
}

function decodeBody(headers, body) {
	const enc = (headers['content-transfer-encoding'] || '').toLowerCase();
	if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
	if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	return body;
}

/** Text of all text/* parts, decoded. */
function textParts(headers, body) {
	const type = headers['content-type'] || 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type);
	if (/^multipart\//i.test(type) && boundary) {
		const parts = body.split(`--${boundary[1]}`).slice(1);
		const out = [];
		for (const part of parts) {
			if (part.startsWith('--')) break;
			const p = splitMessage(part.replace(/^\r?\n/, ''));
			out.push(...textParts(p.headers, p.body));
		}
		return out;
	}
	if (/^text\//i.test(type)) return [{ type: type.split(';')[0].toLowerCase(), text: decodeBody(headers, body) }];
	return [];
}

/** Every non-text part (attachments and inline images), with its bytes: { contentType, filename, contentId, disposition, content }. */
function binaryParts(headers, body) {
	const type = headers['content-type'] || 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type);
	if (/^multipart\//i.test(type) && boundary) {
		const out = [];
		for (const part of body.split(`--${boundary[1]}`).slice(1)) {
			if (part.startsWith('--')) break;
			const p = splitMessage(part.replace(/^\r?\n/, ''));
			out.push(...binaryParts(p.headers, p.body));
		}
		return out;
	}
	if (/^text\//i.test(type)) return [];
	const enc = (headers['content-transfer-encoding'] || '').toLowerCase();
	const content = enc === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1');
	const name = /filename="?([^";]+)"?/i.exec(headers['content-disposition'] || '') || /name="?([^";]+)"?/i.exec(type);
	return [{
		contentType: type.split(';')[0].trim().toLowerCase(),
		filename: name ? name[1] : undefined,
		contentId: (headers['content-id'] || '').replace(/[<>]/g, '') || undefined,
		disposition: (headers['content-disposition'] || '').split(';')[0].trim().toLowerCase() || undefined,
		content,
	}];
}

function parseMessage(raw) {
	const { headers, body } = splitMessage(raw);
	const parts = textParts(headers, body);
	const plain = parts.find((p) => p.type === 'text/plain');
	return {
		headers,
		subject: headers.subject || '',
		from: headers.from || '',
		to: headers.to || '',
		text: plain ? plain.text : parts.map((p) => p.text).join('\n'),
		parts,
		attachments: binaryParts(headers, body),
		raw,
	};
}

/** Starts the sink on 127.0.0.1:port (0 = any). Resolves { port, messages, waitForMessages(n, ms), close() }. */
async function startSmtpSink({ port = 0 } = {}) {
	const messages = [];
	const waiters = [];
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		banner: 'n8n-nodes-omise e2e SMTP sink',
		onData(stream, session, callback) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				const message = parseMessage(Buffer.concat(chunks).toString('utf8'));
				message.envelope = {
					from: session.envelope.mailFrom && session.envelope.mailFrom.address,
					to: session.envelope.rcptTo.map((r) => r.address),
				};
				messages.push(message);
				for (const w of [...waiters]) w();
				callback();
			});
		},
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	server.on('error', (e) => console.error('[smtp-sink]', e.message));
	return {
		port: server.server.address().port,
		messages,
		waitForMessages(n, timeoutMs = 30000) {
			if (messages.length >= n) return Promise.resolve(messages);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(check), 1);
					reject(new Error(`timed out after ${timeoutMs} ms waiting for ${n} email(s); got ${messages.length}`));
				}, timeoutMs);
				function check() {
					if (messages.length >= n) {
						clearTimeout(timer);
						waiters.splice(waiters.indexOf(check), 1);
						resolve(messages);
					}
				}
				waiters.push(check);
			});
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startSmtpSink, parseMessage };

if (require.main === module) {
	// `node e2e/lib/smtp-sink.js [port]`: a standalone sink that prints what it receives.
	startSmtpSink({ port: Number(process.argv[2] || 2525) }).then((sink) => {
		console.log(`SMTP sink on 127.0.0.1:${sink.port}`);
		const seen = { n: 0 };
		setInterval(() => {
			while (seen.n < sink.messages.length) {
				const m = sink.messages[seen.n++];
				console.log(`--- mail to ${m.envelope.to.join(', ')}: ${m.subject}\n${m.text}`);
			}
		}, 250);
	});
}
