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
	// Paid charges less their refunds, in the account currency (THB); nothing is ever transferred out here.
	router.add('GET', '/balance', (ctx) => {
		const charges = ctx.store.all('charge', ctx.livemode, (charge) => charge.paid && charge.currency === 'thb');
		const total = charges.reduce((sum, charge) => sum + (charge.captured_amount ?? charge.amount) - charge.refunded_amount, 0);
		return {
			object: 'balance',
			livemode: ctx.livemode,
			location: '/balance',
			currency: 'THB',
			total,
			transferable: total,
			reserve: 0,
			on_hold: 0,
			created_at: ctx.store.timestamp(),
		};
	});
}

module.exports = { register };
