'use strict';
const { SUPPORTED_CURRENCIES } = require('../validate');

function register(router) {
	router.add('GET', '/account', (ctx) => ({
		object: 'account',
		id: `acct_${ctx.livemode ? '' : 'test_'}sandbox`,
		livemode: ctx.livemode,
		location: '/account',
		email: 'sandbox@example.test',
		currency: 'thb',
		country: 'TH',
		supported_currencies: SUPPORTED_CURRENCIES,
		api_version: '2019-05-29',
		webhook_uri: null,
		created_at: '2026-01-01T00:00:00Z',
	}));
}

module.exports = { register };
