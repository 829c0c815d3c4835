'use strict';
// What n8n's execution data needs of an instance's addresses when a test runs
// workflows through n8n-core's WorkflowExecute by itself (no n8n server): every
// address on loopback, none ever called. Plain JS: also used by the contract
// suite and e2e/settings-matrix.js against other n8n installs.
const LOOPBACK_ADDITIONAL_DATA = {
	variables: {},
	restApiUrl: 'http://127.0.0.1/rest',
	instanceBaseUrl: 'http://127.0.0.1/',
	formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
	webhookBaseUrl: 'http://127.0.0.1/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
	currentNodeParameters: undefined,
	executionTimeoutTimestamp: undefined,
};

module.exports = { LOOPBACK_ADDITIONAL_DATA };
