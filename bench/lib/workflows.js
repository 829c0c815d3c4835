'use strict';
// The workflows and the credential the real-n8n bench imports.
//
// Links (one workflow per variant, the same shape around the node under test):
//   Webhook (POST, respond when the last node finishes, with its first item)
//     → Split Out body.rows (one item per row: { title, price, currency })
//     → [node under test: Omise Link → Create | HTTP Request POST /links | nothing (control)]
//     → Summarize: count of `id` (created links) and of `error` (rows that failed)
// so one POST runs N rows and its response says how many items came out.
//
// Trigger (one workflow each, nothing after the trigger):
//   Omise Trigger (credential with a webhook signing secret, Verification Automatic → signature)
//   Webhook (POST, respond immediately)
const IDS = {
	credential: 'BenchOmiseCred01',
	linksControl: 'BenchLinksCtrl01',
	linksOmise: 'BenchLinksOmise1',
	linksHttp: 'BenchLinksHttp01',
	triggerOmise: 'BenchTrigOmise01',
	triggerWebhook: 'BenchTrigHook001',
};

const OMISE_VERSION = '2019-05-29';
const BATCH = { batch: { batchSize: 10, batchInterval: 0 } };
// Omise requires a link's description; every variant (Omise node, HTTP Request, undici) sends this same one.
const BENCH_DESCRIPTION = 'Bench link';
const credentialRef = { omiseApi: { id: IDS.credential, name: 'Omise bench' } };

function credentials({ sandboxUrl, secretKey, webhookSecret }) {
	const now = new Date().toISOString();
	return [
		{
			id: IDS.credential,
			name: 'Omise bench',
			type: 'omiseApi',
			data: { secretKey, webhookSecret, baseUrl: sandboxUrl },
			isManaged: false,
			createdAt: now,
			updatedAt: now,
		},
	];
}

function uuid(n) {
	return `0be0c400-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function workflow(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	nodes.forEach((node, i) => (node.position = [i * 220, 0]));
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, tags: [] };
}

const NODE_UNDER_TEST = {
	omise: (_sandboxUrl, { omiseVersion }) => ({
		id: uuid(13),
		name: 'Omise',
		type: 'n8n-nodes-omise.omise',
		// version 2 (new nodes) has Simplify on by default: each link is also simplified
		typeVersion: omiseVersion,
		onError: 'continueRegularOutput',
		parameters: {
			resource: 'link',
			operation: 'create',
			amount: '={{ $json.price }}',
			amountUnit: 'major',
			currency: '={{ $json.currency }}',
			title: '={{ $json.title }}',
			description: BENCH_DESCRIPTION,
			requestOptions: { batching: BATCH },
		},
		credentials: credentialRef,
	}),
	http: (sandboxUrl, { httpVersion }) => ({
		id: uuid(23),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: httpVersion,
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/links`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'omiseApi',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Omise-Version', value: OMISE_VERSION }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'title', value: '={{ $json.title }}' },
					{ name: 'amount', value: '={{ Math.round($json.price * 100) }}' },
					{ name: 'currency', value: '={{ $json.currency }}' },
					{ name: 'description', value: BENCH_DESCRIPTION },
				],
			},
			options: { batching: BATCH },
		},
		credentials: credentialRef,
	}),
};

/** Links workflow of one variant: 'control' | 'omise' | 'http' (httpVersion: the HTTP Request node's default version in that n8n). */
function linksWorkflow(variant, sandboxUrl, { httpVersion = 4.2, omiseVersion = 1 } = {}) {
	const id = { control: IDS.linksControl, omise: IDS.linksOmise, http: IDS.linksHttp }[variant];
	const base = 10 * (['control', 'omise', 'http'].indexOf(variant) + 1);
	const nodes = [
		{
			id: uuid(base + 1),
			name: 'Rows',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: uuid(100 + base),
			parameters: { httpMethod: 'POST', path: `omise-bench-links-${variant}`, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: uuid(base + 2),
			name: 'Split rows',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.rows', include: 'noOtherFields', options: {} },
		},
	];
	if (variant !== 'control') nodes.push(NODE_UNDER_TEST[variant](sandboxUrl, { httpVersion, omiseVersion }));
	nodes.push({
		id: uuid(base + 4),
		name: 'Count',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		parameters: {
			fieldsToSummarize: {
				values: [
					{ aggregation: 'count', field: variant === 'control' ? 'title' : 'id' },
					{ aggregation: 'count', field: 'error' },
				],
			},
			options: { continueIfFieldNotFound: true },
		},
	});
	return workflow(id, `Bench links: ${variant}`, nodes);
}

function triggerWorkflows() {
	return [
		workflow(IDS.triggerOmise, 'Bench trigger: Omise Trigger', [
			{
				id: uuid(51),
				name: 'Omise Trigger',
				type: 'n8n-nodes-omise.omiseTrigger',
				typeVersion: 1,
				webhookId: uuid(151),
				parameters: { events: ['*'], onlyPaidCharges: false, onlyLinkCharges: false, mode: 'both', verification: 'auto', options: {} },
				credentials: credentialRef,
			},
		]),
		workflow(IDS.triggerWebhook, 'Bench trigger: Webhook', [
			{
				id: uuid(61),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: uuid(161),
				parameters: { httpMethod: 'POST', path: 'omise-bench-webhook', responseMode: 'onReceived', options: {} },
			},
		]),
	];
}

function urls(n8nUrl) {
	return {
		links: {
			control: `${n8nUrl}/webhook/omise-bench-links-control`,
			omise: `${n8nUrl}/webhook/omise-bench-links-omise`,
			http: `${n8nUrl}/webhook/omise-bench-links-http`,
		},
		trigger: {
			omise: `${n8nUrl}/webhook/${uuid(151)}/webhook`,
			webhook: `${n8nUrl}/webhook/omise-bench-webhook`,
		},
	};
}

/** A charge.complete event as Omise delivers it (API version 2019-05-29), with its own id. */
function chargeCompleteEvent(id, n) {
	const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	const charge = `chrg_test_bench${n.toString(36).padStart(8, '0')}`;
	return {
		object: 'event',
		id,
		livemode: false,
		location: `/events/${id}`,
		webhook_deliveries: [],
		data: {
			object: 'charge',
			id: charge,
			location: `/charges/${charge}`,
			amount: 150050,
			net: 145563,
			fee: 4190,
			fee_vat: 293,
			interest: 0,
			interest_vat: 0,
			funding_amount: 150050,
			refunded_amount: 0,
			transaction_fees: { fee_flat: '0.0', fee_rate: '2.65', vat_rate: '7.0' },
			platform_fee: { fixed: null, amount: null, percentage: null },
			currency: 'THB',
			funding_currency: 'THB',
			ip: null,
			refunds: { object: 'list', data: [], limit: 20, offset: 0, total: 0, location: `/charges/${charge}/refunds`, order: 'chronological', from: '1970-01-01T00:00:00Z', to: created },
			link: 'link_test_bench0001',
			description: 'Hot Latte',
			metadata: { invoice_id: `INV-${n}` },
			card: {
				object: 'card',
				id: `card_test_bench${n}`,
				livemode: false,
				location: null,
				deleted: false,
				street1: null,
				street2: null,
				city: null,
				state: null,
				phone_number: null,
				postal_code: null,
				country: 'us',
				financing: 'credit',
				bank: 'Bank of the Bench',
				brand: 'Visa',
				fingerprint: 'benchFingerprint0000000000000000000000000000=',
				first_digits: null,
				last_digits: '4242',
				name: 'Bench Customer',
				expiration_month: 12,
				expiration_year: 2030,
				security_code_check: true,
				tokenization_method: null,
				created_at: created,
			},
			source: null,
			schedule: null,
			customer: null,
			dispute: null,
			transaction: `trxn_test_bench${n}`,
			failure_code: null,
			failure_message: null,
			status: 'successful',
			authorize_uri: `https://pay.omise.co/payments/bench${n}/authorize`,
			return_uri: 'https://example.com/thanks',
			created_at: created,
			paid_at: created,
			authorized_at: created,
			expires_at: created,
			expired_at: null,
			reversed_at: null,
			zero_interest_installments: false,
			branch: null,
			terminal: null,
			device: null,
			authorized: true,
			capturable: false,
			capture: true,
			disputable: true,
			livemode: false,
			refundable: true,
			partially_refundable: true,
			reversed: false,
			reversible: false,
			voided: false,
			paid: true,
			expired: false,
			can_perform_void: false,
			approval_code: '123456',
		},
		key: 'charge.complete',
		created_at: created,
	};
}

module.exports = { IDS, OMISE_VERSION, BENCH_DESCRIPTION, credentials, linksWorkflow, triggerWorkflows, urls, chargeCompleteEvent };
