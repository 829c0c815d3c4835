'use strict';
// Webhook delivery: every event the sandbox logs is POSTed to the configured
// endpoints, signed as Omise signs deliveries: header Omise-Signature holds
// hex HMAC-SHA256 over "<timestamp>.<raw body>" keyed with the base64-decoded
// signing secret (two comma-separated signatures while a secret is rolled),
// and Omise-Signature-Timestamp holds the Unix time in seconds.
const { createHmac } = require('node:crypto');
const { present } = require('./present');
const { eventView } = require('./resources/events');

function sign(secretBase64, timestamp, rawBody) {
	return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(`${timestamp}.${rawBody}`).digest('hex');
}

function signatureHeaders(secrets, rawBody, timestamp = Math.floor(Date.now() / 1000)) {
	return {
		'Omise-Signature': secrets.map((secret) => sign(secret, timestamp, rawBody)).join(','),
		'Omise-Signature-Timestamp': String(timestamp),
	};
}

class WebhookDelivery {
	/**
	 * @param {object} sandbox
	 * @param {{ endpoints?: string[], secret?: string, previousSecret?: string, version?: string }} config
	 *   version: the account's default API version, used to serialise payloads.
	 */
	constructor(sandbox, config) {
		this.sandbox = sandbox;
		this.deliveries = [];
		this.pending = new Set();
		this.configure(config);
	}

	configure({ endpoints = [], secret, previousSecret, version = '2019-05-29' } = {}) {
		this.config = { endpoints: [...endpoints], secret, previousSecret, version };
	}

	deliver(event, chargeEndpoints = []) {
		const targets = chargeEndpoints.length > 0 ? chargeEndpoints : this.config.endpoints;
		for (const url of targets) {
			const task = this.post(url, event).finally(() => this.pending.delete(task));
			this.pending.add(task);
		}
	}

	async post(url, event) {
		const rawBody = JSON.stringify(present(eventView(event), this.config.version));
		const headers = { 'Content-Type': 'application/json', 'User-Agent': 'OmiseSandbox-Webhook/1.0' };
		const secrets = [this.config.secret, this.config.previousSecret].filter(Boolean);
		if (secrets.length > 0) Object.assign(headers, signatureHeaders(secrets, rawBody));
		await this.send({ url, eventId: event.id, key: event.key, body: rawBody, headers });
	}

	/**
	 * Posts an earlier delivery again, byte for byte with the same signature and
	 * timestamp: what a network retry or a replay looks like to the receiver.
	 */
	async resend(delivery) {
		const { url, eventId, key, body, headers } = delivery;
		await this.send({ url, eventId, key, body, headers, resentFrom: this.deliveries.indexOf(delivery) });
	}

	async send({ url, eventId, key, body: rawBody, headers, resentFrom }) {
		const delivery = { url, eventId, key, status: undefined, error: undefined, body: rawBody, headers, ...(resentFrom === undefined ? {} : { resentFrom }) };
		this.deliveries.push(delivery);
		try {
			const response = await fetch(url, { method: 'POST', headers, body: rawBody, signal: AbortSignal.timeout(10000) });
			delivery.status = response.status;
			delivery.response = await response.text();
		} catch (error) {
			delivery.error = String((error && error.cause && error.cause.code) || (error && error.message) || error);
		}
	}

	async idle() {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}
}

module.exports = { WebhookDelivery, sign, signatureHeaders };
