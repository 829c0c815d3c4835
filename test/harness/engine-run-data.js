'use strict';
// What a test needs to run a workflow through n8n-core's WorkflowExecute by
// itself (no n8n server). Plain JS: used by the jest harness, the contract
// suite and e2e/settings-matrix.js (against other n8n installs) alike.

/** An instance's addresses in the execution's additional data: every one on loopback, none ever called. */
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

/** A fresh run's execution data that starts at `node` with `items` on its main input. */
function runExecutionDataStartingAt(node, items) {
	return {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	};
}

module.exports = { LOOPBACK_ADDITIONAL_DATA, runExecutionDataStartingAt };
