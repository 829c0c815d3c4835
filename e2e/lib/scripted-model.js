'use strict';
// A tiny OpenAI-compatible chat model for the AI Agent checks: node:http on
// 127.0.0.1, no dependencies. n8n's OpenAI Chat Model node (its credential's
// Base URL pointed here) sends POST <base>/chat/completions; this server
// records every request (so a check can read the `tools` list n8n sent) and
// answers from a script instead of thinking.
//
// The script: scenarios keyed by a tag the prompt carries, `[scenario:<name>]`.
// A scenario is a function of the conversation so far:
//   ({ messages, tools, toolResults, request }) =>
//     { toolCalls: [{ name?, args }] }   // the assistant calls tools (several = parallel calls in one message)
//   | { text }                          // the final answer
// where toolResults are the contents of the `tool` messages n8n sent back, in
// order (parsed as JSON when they are), and `name` defaults to the one tool
// offered. With `stream: true` the same answer goes out as server-sent events
// (chat.completion.chunk), as OpenAI streams it.
const http = require('node:http');

let counter = 0;
const nextId = (prefix) => `${prefix}_${Date.now().toString(36)}${(++counter).toString(36)}`;

function parseMaybeJson(text) {
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The text of a message's content (a string, or OpenAI's list of parts). */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : part.text || '')).join('');
	return '';
}

/** The function tools of a chat-completions request: [{ name, description, parameters }]. */
function toolsOf(body) {
	return (body.tools || []).filter((t) => t.type === 'function').map((t) => t.function);
}

function scenarioOf(messages) {
	for (const m of messages) {
		const match = /\[scenario:([\w-]+)\]/.exec(textOf(m.content));
		if (match) return match[1];
	}
	return undefined;
}

function completionMessage(reply, tools) {
	if (reply.toolCalls) {
		return {
			message: {
				role: 'assistant',
				content: null,
				tool_calls: reply.toolCalls.map((call) => {
					const name = call.name || (tools.length === 1 ? tools[0].name : undefined);
					if (!name) throw new Error(`scripted model: which tool? offered ${tools.map((t) => t.name).join(', ') || 'none'}`);
					return { id: nextId('call'), type: 'function', function: { name, arguments: JSON.stringify(call.args) } };
				}),
			},
			finish_reason: 'tool_calls',
		};
	}
	return { message: { role: 'assistant', content: String(reply.text) }, finish_reason: 'stop' };
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function sendJson(res, status, data) {
	const text = JSON.stringify(data);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** The answer as OpenAI streams it: role, then content or each tool call, then finish_reason, [usage], [DONE]. */
function sendStream(res, { id, created, model, message, finish_reason }, includeUsage) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	const chunk = (delta, finish = null, extra = {}) =>
		res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
	chunk({ role: 'assistant', content: message.content === null ? null : '' });
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) => {
			chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
			chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] });
		});
	} else {
		chunk({ content: message.content });
	}
	chunk({}, finish_reason);
	if (includeUsage) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: USAGE })}\n\n`);
	res.write('data: [DONE]\n\n');
	res.end();
}

/**
 * Starts the model. `scenarios`: { name: (conversation) => reply }. Resolves with
 * { url (the Base URL, …/v1), requests, chatRequests(scenario?), clear(), close() }.
 */
function startScriptedModel(scenarios, { host = '127.0.0.1', port = 0 } = {}) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const body = parseMaybeJson(raw) || {};
			const entry = { method: req.method, path: req.url, headers: req.headers, body, at: Date.now() };
			requests.push(entry);
			try {
				if (req.method === 'GET' && /\/models$/.test(req.url)) {
					return sendJson(res, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'e2e' }] });
				}
				if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url.split('?')[0])) {
					entry.status = 404;
					return sendJson(res, 404, { error: { message: `scripted model: no ${req.method} ${req.url} (only POST …/chat/completions)`, type: 'invalid_request_error' } });
				}
				const messages = body.messages || [];
				const tools = toolsOf(body);
				entry.scenario = scenarioOf(messages);
				const scenario = scenarios[entry.scenario];
				if (!scenario) throw new Error(`scripted model: no scenario "${entry.scenario}" (the prompt carries [scenario:<name>]; known: ${Object.keys(scenarios).join(', ')})`);
				const toolResults = messages.filter((m) => m.role === 'tool').map((m) => parseMaybeJson(textOf(m.content)));
				const reply = scenario({ messages, tools, toolResults, request: body });
				entry.reply = reply;
				const answer = { id: nextId('chatcmpl'), created: Math.floor(Date.now() / 1000), model: body.model || 'scripted-model', ...completionMessage(reply, tools) };
				entry.status = 200;
				if (body.stream) return sendStream(res, answer, body.stream_options && body.stream_options.include_usage);
				return sendJson(res, 200, {
					id: answer.id,
					object: 'chat.completion',
					created: answer.created,
					model: answer.model,
					choices: [{ index: 0, message: answer.message, finish_reason: answer.finish_reason, logprobs: null }],
					usage: USAGE,
				});
			} catch (e) {
				entry.status = 500;
				entry.error = e.message;
				return sendJson(res, 500, { error: { message: e.message, type: 'server_error' } });
			}
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const url = `http://${host}:${server.address().port}/v1`;
			resolve({
				url,
				requests,
				/** The chat-completions requests, of one scenario or all. */
				chatRequests: (scenario) => requests.filter((r) => r.method === 'POST' && /\/chat\/completions/.test(r.path) && (scenario === undefined || r.scenario === scenario)),
				clear: () => requests.splice(0),
				close: () =>
					new Promise((done) => {
						server.closeAllConnections?.();
						server.close(() => done());
					}),
			});
		});
	});
}

module.exports = { startScriptedModel, toolsOf, textOf };
