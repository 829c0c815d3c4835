'use strict';
const { SUPPORTED_CURRENCIES } = require('../validate');
const { balanceOf } = require('./transfers');

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
	// In the account currency (THB): total is what the transactions add up to (credits: captured
	// charges; debits: refunds and sent transfers); transferable is total less what transfers not
	// yet sent hold. So the change of total over a period is the sum of that period's transactions.
	router.add('GET', '/balance', (ctx) => {
		const { total, transferable } = balanceOf(ctx.store, ctx.livemode);
		return {
			object: 'balance',
			livemode: ctx.livemode,
			location: '/balance',
			currency: 'THB',
			total,
			transferable,
			reserve: 0,
			on_hold: 0,
			created_at: ctx.store.timestamp(),
		};
	});
}

module.exports = { register };
