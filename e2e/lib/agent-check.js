'use strict';
// Issue 19 in real n8n: the Idempotency Key and the Omise Tool under n8n's AI Agent.
//   1. a workflow that creates 5 links with Idempotency Key = the row's order_id, run
//      twice with `n8n execute`: the second run creates nothing and returns the first
//      run's links, marked reused, paired with their rows;
//   2. n8n's AI Agent (OpenAI Chat Model → a scripted model, e2e/lib/scripted-model.js)
//      with the Omise Tool (Link → Create, fields from $fromAI): a call repeated in the
//      next turn, and two identical calls in one message, each make exactly one link;
//      the tools list n8n sends the model carries the Omise Tool's own description;
//      and the Omise Tool of examples/ai-agent-payment-link.json, as it is (Idempotency Key
//      from $fromAI('order_reference')), asked twice for one order, makes one link;
//   3. the agent makes a PromptPay charge (Charge → Create, Idempotency Key from $fromAI);
//      after the AI Agent node, Charge → Get with Download QR Code on the charge ID the
//      agent answered with, and Send Email attaching the QR → one email with a valid PNG.
// The agents run in one workflow (one `n8n execute`), one after the other.
const assert = require('node:assert/strict');
const { IDS, readExample } = require('./scenario');
const { checkPng } = require('./png-check');

const KEYED_WORKFLOW_ID = 'OmiseKeyedRerun1';
const AGENT_WORKFLOW_ID = 'OmiseAgentTool01';
const OPENAI_CREDENTIAL = { id: 'OpenAiScripted01', name: 'OpenAI (scripted e2e model)' };
const OMISE_CREDENTIAL = { omiseApi: { id: IDS.omiseCredential, name: 'Omise account' } };
const ORDERS = ['ORD-KEY-1001', 'ORD-KEY-1002', 'ORD-KEY-1003', 'ORD-KEY-1004', 'ORD-KEY-1005'];
const QR_EMAIL = 'agent-buyer@example.com';
const LINK_CREATE_TOOL_TEXT = 'Each call creates a new link. To avoid a duplicate, pass Idempotency Key';
const MAJOR_UNIT_TEXT = '1500.50 with currency THB is 1,500.50 baht';

// What the scripted model asks the tools for (the $fromAI names below).
const RETRY_ARGS = { amount: 1500.5, currency: 'THB', title: 'Agent retry link', description: 'Made by an agent that repeats its call' };
const PARALLEL_ARGS = { amount: 250.75, currency: 'THB', title: 'Agent parallel link', description: 'Made by two identical calls in one message' };
const EXAMPLE_ARGS = { amount: 1500.5, currency: 'THB', title: 'Hot latte subscription', description: 'Order 1042', order_reference: 'ORDER-1042' };
const QR_ARGS = { amount: 350.25, currency: 'THB', order_reference: 'AGENT-QR-0001' };

function openAiCredential(modelUrl) {
	const now = new Date().toISOString();
	return { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name, type: 'openAiApi', isManaged: false, createdAt: now, updatedAt: now, data: { apiKey: 'sk-e2e-scripted-model', organizationId: '', url: modelUrl, header: false } };
}

const uuid = (n) => `a9000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// ── 1. re-run with keys

function keyedWorkflow() {
	return {
		id: KEYED_WORKFLOW_ID,
		name: 'e2e: 5 links with Idempotency Key, run twice',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Create Links', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: uuid(1), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: uuid(2),
				name: 'Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(ORDERS)}.map((order_id, i) => ({ json: { order_id, title: 'Keyed order ' + (i + 1), price: (120 + i) + '.50' } }));` },
			},
			{
				id: uuid(3),
				name: 'Create Links',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'link',
					operation: 'create',
					amount: '={{ $json.price }}',
					amountUnit: 'major',
					currency: 'THB',
					title: '={{ $json.title }}',
					description: '={{ "Order " + $json.order_id }}',
					idempotencyKey: '={{ $json.order_id }}',
				},
				credentials: OMISE_CREDENTIAL,
			},
		],
	};
}

const keyOf = (link) => link.metadata && link.metadata.n8n_idempotency_key;
const keyedLinks = (sandbox) => sandbox.store.all('link', false).filter((link) => ORDERS.includes(keyOf(link)));

async function runKeyed(n8n, tail, nodeRun) {
	const r = await n8n.execute(KEYED_WORKFLOW_ID);
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\n${tail(r.stdout, 60)}\n${tail(r.stderr, 30)}`);
	const { task } = nodeRun(r.stdout, 'Create Links');
	return task.data.main[0];
}

function checkRowsAndLinks(items, links, run) {
	assert.equal(items.length, ORDERS.length, `run ${run}: one item per row`);
	items.forEach((item, index) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		assert.equal(paired && paired.item, index, `run ${run}: item ${index} is paired with row ${index}`);
		const link = links.find((l) => keyOf(l) === ORDERS[index]);
		assert.ok(link, `run ${run}: a link carries ${ORDERS[index]}`);
		assert.equal(item.json.id, link.id, `run ${run}: row ${index} (${ORDERS[index]}) reports the link carrying its key`);
		assert.equal(item.json.title, `Keyed order ${index + 1}`);
	});
}

async function checkKeyedRerun(n8n, sandbox, tail, nodeRun) {
	assert.equal(keyedLinks(sandbox).length, 0, 'no keyed link before run 1');
	sandbox.clearRequests();
	const first = await runKeyed(n8n, tail, nodeRun);
	const afterFirst = keyedLinks(sandbox);
	assert.equal(afterFirst.length, ORDERS.length, 'run 1: 5 links carrying the keys');
	assert.equal(sandbox.requestsTo('POST', '/links').length, ORDERS.length, 'run 1: 5 creates');
	checkRowsAndLinks(first, afterFirst, 1);
	assert.deepEqual(first.filter((item) => item.json.reused).map((item) => item.json.id), [], 'run 1: nothing reused');
	sandbox.clearRequests();
	const second = await runKeyed(n8n, tail, nodeRun);
	const afterSecond = keyedLinks(sandbox);
	assert.equal(afterSecond.length, ORDERS.length, 'run 2: still exactly 5 links carrying the keys');
	assert.equal(sandbox.requestsTo('POST', '/links').length, 0, 'run 2: no create reached Omise');
	checkRowsAndLinks(second, afterSecond, 2);
	for (const item of second) assert.match(String(item.json.reused), /already existed/, `run 2: ${item.json.id} is marked reused`);
	assert.deepEqual(second.map((item) => item.json.id), first.map((item) => item.json.id), 'run 2 returns run 1\'s links, in row order');
	const lookups = sandbox.requests.map((q) => `${q.method} ${q.path.split('?')[0]}`);
	return `run 1: ${ORDERS.length} links created; run 2: 0 created, ${second.length} items reused (same ids, paired), requests ${[...new Set(lookups)].join(', ')}`;
}

// ── 2 and 3. the AI Agent with the scripted model

/** The scripted model's answers (e2e/lib/scripted-model.js), by the [scenario:…] tag of the agent's prompt. */
const SCENARIOS = {
	// a call, the same call again (a retry in the next turn), then the answer
	retry: ({ toolResults }) => (toolResults.length < 2 ? { toolCalls: [{ args: RETRY_ARGS }] } : { text: `Done: ${idsIn(toolResults).join(', ')}` }),
	// two identical calls in one message, then the answer
	parallel: ({ toolResults }) => (toolResults.length === 0 ? { toolCalls: [{ args: PARALLEL_ARGS }, { args: PARALLEL_ARGS }] } : { text: `Done: ${idsIn(toolResults).join(', ')}` }),
	// the example's tool: the same order asked for twice (the key makes the second return the first)
	example: ({ toolResults }) => (toolResults.length < 2 ? { toolCalls: [{ args: EXAMPLE_ARGS }] } : { text: `Pay here: ${idsIn(toolResults).join(', ')}` }),
	// a PromptPay charge, then an answer quoting its ID
	qr: ({ toolResults }) => (toolResults.length === 0 ? { toolCalls: [{ args: QR_ARGS }] } : { text: `The PromptPay charge is ${idsIn(toolResults)[0]}; the QR code follows by email.` }),
};

function idsIn(toolResults) {
	return toolResults.map((r) => {
		const m = /"id"\s*:\s*"((?:link|chrg)_[\w]+)"/.exec(typeof r === 'string' ? r : JSON.stringify(r));
		return m ? m[1] : '(no id)';
	});
}

const fromAI = (key, description, type) => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

function agentNodes({ n, name, scenario, prompt, tool, x }) {
	const agent = `Agent ${name}`;
	const model = `Model ${name}`;
	const toolName = `Omise ${name}`;
	return {
		agent,
		nodes: [
			{
				id: uuid(100 + n * 10),
				name: agent,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [x, 0],
				parameters: { promptType: 'define', text: `[scenario:${scenario}] ${prompt}`, options: { systemMessage: 'You create Omise payments with the tools you have.' } },
			},
			{
				id: uuid(101 + n * 10),
				name: model,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [x - 80, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: { maxRetries: 0 } },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{ id: uuid(102 + n * 10), name: toolName, type: 'n8n-nodes-omise.omiseTool', typeVersion: 1, position: [x + 80, 220], parameters: tool, credentials: OMISE_CREDENTIAL },
		],
		connections: {
			[model]: { ai_languageModel: [[{ node: agent, type: 'ai_languageModel', index: 0 }]] },
			[toolName]: { ai_tool: [[{ node: agent, type: 'ai_tool', index: 0 }]] },
		},
		toolName,
	};
}

const LINK_TOOL = {
	resource: 'link',
	operation: 'create',
	amount: fromAI('amount', 'Amount in the major unit, e.g. 150.50', 'number'),
	currency: fromAI('currency', 'Three-letter currency code, e.g. THB', 'string'),
	title: fromAI('title', 'Title shown on the payment page', 'string'),
	descriptionText: fromAI('description', 'What the customer pays for, shown on the payment page', 'string'),
};

const CHARGE_TOOL = {
	resource: 'charge',
	operation: 'create',
	amount: fromAI('amount', 'Amount in the major unit, e.g. 150.50', 'number'),
	currency: fromAI('currency', 'Three-letter currency code, e.g. THB', 'string'),
	paymentMethod: 'newSource',
	sourceType: 'promptpay',
	idempotencyKey: fromAI('order_reference', 'Your order reference; the same reference returns the same charge', 'string'),
};

/** The Omise Tool of examples/ai-agent-payment-link.json, its parameters as they are. */
function exampleTool() {
	const example = readExample('ai-agent-payment-link.json');
	return example.nodes.find((node) => node.type === 'n8n-nodes-omise.omiseTool').parameters;
}

function agentWorkflow() {
	const parts = [
		agentNodes({ n: 4, name: 'Example', scenario: 'example', prompt: 'I want to pay for order 1042: a hot latte subscription, 1,500.50 baht.', tool: exampleTool(), x: 220 }),
		agentNodes({ n: 1, name: 'Retry', scenario: 'retry', prompt: 'Make a payment link of 1,500.50 baht.', tool: LINK_TOOL, x: 520 }),
		agentNodes({ n: 2, name: 'Parallel', scenario: 'parallel', prompt: 'Make a payment link of 250.75 baht.', tool: LINK_TOOL, x: 820 }),
		agentNodes({ n: 3, name: 'QR', scenario: 'qr', prompt: 'Ask for 350.25 baht by PromptPay for order AGENT-QR-0001.', tool: CHARGE_TOOL, x: 1120 }),
	];
	const chain = ['Start', ...parts.map((p) => p.agent), 'Get QR Code', 'Email QR Code'];
	const connections = Object.assign({}, ...parts.map((p) => p.connections));
	chain.slice(0, -1).forEach((node, i) => (connections[node] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }));
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'e2e: AI Agent with the Omise Tool (scripted model)',
		active: false,
		settings: { executionOrder: 'v1' },
		connections,
		nodes: [
			{ id: uuid(10), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...parts.flatMap((p) => p.nodes),
			{
				id: uuid(20),
				name: 'Get QR Code',
				type: 'n8n-nodes-omise.omise',
				typeVersion: 1,
				position: [1400, 0],
				parameters: { resource: 'charge', operation: 'get', chargeId: '={{ $json.output.match(/chrg_\\w+/)[0] }}', downloadQrCode: true, binaryPropertyName: 'data' },
				credentials: OMISE_CREDENTIAL,
			},
			{
				id: uuid(21),
				name: 'Email QR Code',
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				position: [1620, 0],
				webhookId: uuid(22),
				parameters: {
					fromEmail: 'Omise payments <payments@example.com>',
					toEmail: QR_EMAIL,
					subject: '=Please pay {{ $json.amount / 100 }} {{ $json.currency }} by PromptPay',
					emailFormat: 'text',
					text: '=Scan the attached PromptPay QR code. Payment reference: {{ $json.id }}. Valid until {{ $json.expires_at }}.',
					options: { attachments: 'data', appendAttribution: false },
				},
				credentials: { smtp: { id: IDS.smtpCredential, name: 'SMTP account' } },
			},
		],
		parts,
	};
}

function agentWorkflows() {
	const { parts, ...workflow } = agentWorkflow();
	return [keyedWorkflow(), workflow];
}

/** The tool results n8n sent the model, per scenario (the last request holds them all). */
function lastRequest(model, scenario) {
	const list = model.chatRequests(scenario);
	assert.ok(list.length > 0, `the model was asked in scenario ${scenario}`);
	return list[list.length - 1];
}

/** The `tool` messages' contents, as text. */
function toolTexts(request) {
	return request.body.messages.filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

async function checkAgent(n8n, sandbox, sink, model, tail, nodeRun) {
	model.clear();
	sandbox.clearRequests();
	sink.messages.length = 0;
	const linksBefore = new Set(sandbox.store.all('link', false).map((l) => l.id));
	const chargesBefore = new Set(sandbox.store.all('charge', false).map((c) => c.id));
	const r = await n8n.execute(AGENT_WORKFLOW_ID);
	const output = `${r.stdout}\n${r.stderr}`;
	const modelLog = () => model.requests.map((q) => `${q.method} ${q.path} [${q.scenario}] → ${q.status}${q.error ? ' ' + q.error : ''}`).join('\n  ');
	if (r.code !== 0) throw new Error(`n8n execute exited ${r.code}\nmodel requests:\n  ${modelLog()}\n${tail(r.stdout, 80)}\n${tail(r.stderr, 30)}`);
	const newLinks = sandbox.store.all('link', false).filter((l) => !linksBefore.has(l.id));
	const lines = [];

	// (c) the tools list: the Omise Tool, with its own description
	const first = model.chatRequests('retry')[0];
	assert.ok(first, `the model was called (requests: ${modelLog()})`);
	const tools = (first.body.tools || []).map((t) => t.function);
	assert.equal(tools.length, 1, `one tool offered: ${JSON.stringify(tools.map((t) => t.name))}`);
	const [tool] = tools;
	assert.ok(tool.description.includes(LINK_CREATE_TOOL_TEXT), `the tool description n8n sent is ours: ${tool.description}`);
	assert.ok(tool.description.includes(MAJOR_UNIT_TEXT), `the description says the amount is in the major unit: ${tool.description}`);
	assert.deepEqual(Object.keys(tool.parameters.properties || {}).sort(), ['amount', 'currency', 'description', 'title'], `the $fromAI fields are the tool's parameters: ${JSON.stringify(tool.parameters)}`);
	assert.equal(tool.parameters.properties.amount.type, 'number');
	const streamed = model.chatRequests().filter((q) => q.body.stream).length;
	lines.push(`tools list: ${tool.name}: "${tool.description}"`);

	// (a) a call repeated in the next turn
	const retryLinks = newLinks.filter((l) => l.title === RETRY_ARGS.title);
	assert.equal(retryLinks.length, 1, `retry: exactly one link (got ${retryLinks.map((l) => l.id).join(', ')})`);
	assert.equal(retryLinks[0].amount, 150050, 'retry: 1,500.50 THB in satang');
	const retryResults = toolTexts(lastRequest(model, 'retry'));
	assert.equal(retryResults.length, 2, `retry: two tool results went back to the model (${retryResults.length})`);
	assert.ok(retryResults[0].includes(retryLinks[0].id) && !retryResults[0].includes('"reused"'), `retry: the first result is the new link: ${retryResults[0].slice(0, 300)}`);
	assert.ok(retryResults[1].includes(retryLinks[0].id) && retryResults[1].includes('reused'), `retry: the second result is the same link, with reused: ${retryResults[1].slice(0, 400)}`);
	assert.equal(model.chatRequests('retry').length, 3, 'retry: 3 model turns (call, repeat, answer)');
	lines.push(`retry: 1 link ${retryLinks[0].id}, 2nd result reused`);

	// (b) two identical calls in one message
	const parallelLinks = newLinks.filter((l) => l.title === PARALLEL_ARGS.title);
	assert.equal(parallelLinks.length, 1, `parallel: exactly one link (got ${parallelLinks.map((l) => l.id).join(', ')})`);
	const parallelResults = toolTexts(lastRequest(model, 'parallel'));
	assert.equal(parallelResults.length, 2, `parallel: two tool results (${parallelResults.length})`);
	assert.ok(parallelResults.every((t) => t.includes(parallelLinks[0].id)), 'parallel: both results are the one link');
	assert.equal(parallelResults.filter((t) => t.includes('reused')).length, 1, `parallel: one of the two results is marked reused:\n${parallelResults.map((t) => t.slice(0, 300)).join('\n')}`);
	lines.push(`parallel: 1 link ${parallelLinks[0].id}, one of 2 results reused`);

	// the example's Omise Tool: the order asked for twice, one link carrying the order reference
	const exampleTools = (model.chatRequests('example')[0].body.tools || []).map((t) => t.function);
	assert.deepEqual(Object.keys(exampleTools[0].parameters.properties || {}).sort(), ['amount', 'currency', 'description', 'order_reference', 'title'], 'the example tool\'s $fromAI fields');
	const exampleLinks = newLinks.filter((l) => l.metadata && l.metadata.n8n_idempotency_key === EXAMPLE_ARGS.order_reference);
	assert.equal(exampleLinks.length, 1, `example: exactly one link carrying ${EXAMPLE_ARGS.order_reference} (got ${exampleLinks.length})`);
	assert.equal(exampleLinks[0].amount, 150050);
	const exampleResults = toolTexts(lastRequest(model, 'example'));
	assert.equal(exampleResults.length, 2);
	assert.ok(exampleResults.every((t) => t.includes(exampleLinks[0].id)), 'example: both results are the one link');
	assert.ok(!exampleResults[0].includes('reused') && /already existed/.test(exampleResults[1]), `example: the second result is marked reused by the key:\n${exampleResults[1].slice(0, 400)}`);
	lines.push(`example's tool: 1 link ${exampleLinks[0].id} with key ${EXAMPLE_ARGS.order_reference}, 2nd call reused by the key`);
	assert.equal(newLinks.length, 3, `no other links: ${newLinks.map((l) => l.title).join(', ')}`);

	// 3. the QR charge made by the agent, emailed by the workflow
	const charges = sandbox.store.all('charge', false).filter((c) => !chargesBefore.has(c.id));
	assert.equal(charges.length, 1, `qr: one charge (got ${charges.length})`);
	const [charge] = charges;
	assert.deepEqual([charge.amount, charge.currency.toLowerCase(), charge.source && charge.source.type], [35025, 'thb', 'promptpay'], 'qr: 350.25 THB by PromptPay');
	assert.equal(charge.metadata.n8n_idempotency_key, QR_ARGS.order_reference, 'qr: the charge carries the agent\'s Idempotency Key');
	const { task: agentTask } = nodeRun(r.stdout, 'Agent QR');
	assert.ok(String(agentTask.data.main[0][0].json.output).includes(charge.id), 'qr: the agent answered with the charge ID');
	const downloads = sandbox.requestsTo('GET', `/charges/${charge.id}`).filter((q) => q.path.includes('/documents/'));
	assert.equal(downloads.length, 1, 'qr: Charge → Get downloaded the QR once');
	const [mail] = await sink.waitForMessages(1, 30000);
	assert.deepEqual(mail.envelope.to, [QR_EMAIL]);
	assert.ok(mail.text.includes(charge.id), `qr: the email quotes ${charge.id}`);
	const images = mail.attachments.filter((a) => a.contentType === 'image/png');
	assert.equal(images.length, 1, `qr: one PNG attached (parts: ${mail.attachments.map((a) => a.contentType).join(', ')})`);
	const { width, height } = checkPng(images[0].content);
	assert.equal(sink.messages.length, 1, 'qr: exactly one email');
	sink.messages.length = 0;
	lines.push(`qr: charge ${charge.id} (key ${QR_ARGS.order_reference}) → 1 email, ${images[0].filename} ${width}×${height} PNG`);
	lines.push(`${model.chatRequests().length} model requests${streamed ? `, ${streamed} streamed` : ', none streamed'}`);
	void output;
	return lines.join('; ');
}

module.exports = { agentWorkflows, openAiCredential, checkKeyedRerun, checkAgent, SCENARIOS, KEYED_WORKFLOW_ID, AGENT_WORKFLOW_ID, LINK_CREATE_TOOL_TEXT };
