'use strict';
const { notFound } = require('../errors');
const { listResponse } = require('../lists');

function eventView(event) {
	return {
		object: 'event',
		id: event.id,
		livemode: event.livemode,
		location: `/events/${event.id}`,
		key: event.key,
		created_at: event.created_at,
		data: event.dataSnapshot,
		webhook_deliveries: [],
	};
}

function register(router) {
	router.add('GET', '/events', (ctx) =>
		listResponse(ctx.store.all('event', ctx.livemode), ctx.query, '/events', eventView, ctx.store.now()),
	);
	router.add('GET', '/events/:id', (ctx) => {
		const event = ctx.store.get('event', ctx.params.id, ctx.livemode);
		if (!event) throw notFound('event', ctx.params.id);
		return eventView(event);
	});
}

module.exports = { register, eventView };
