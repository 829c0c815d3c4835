'use strict';
const { randomBytes } = require('node:crypto');
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');

function findLink(ctx, id) {
	const link = ctx.store.get('link', id, ctx.livemode);
	if (!link) throw notFound('link', id);
	return link;
}

function linkView(ctx, link) {
	const charges = ctx.store.all('charge', link.livemode, (charge) => charge.link === link.id);
	return {
		object: 'link',
		id: link.id,
		livemode: link.livemode,
		location: `/links/${link.id}`,
		amount: link.amount,
		currency: link.currency,
		used: link.used,
		used_at: link.used_at,
		multiple: link.multiple,
		title: link.title,
		description: link.description,
		metadata: link.metadata,
		charges: {
			object: 'list',
			data: charges.map((charge) => ctx.views.charge(ctx, charge)),
			limit: 20,
			offset: 0,
			total: charges.length,
			order: 'chronological',
			location: `/links/${link.id}/charges`,
		},
		payment_uri: `${ctx.sandbox.publicUrl}/pay/${link.payment_code}`,
		deleted: link.deleted,
		deleted_at: link.deleted_at,
		created_at: link.created_at,
	};
}

function create(ctx) {
	const body = ctx.body;
	v.rejectUnknown(body, ['amount', 'currency', 'title', 'description', 'multiple', 'metadata']);
	const currency = v.requireCurrency(body.currency);
	const link = ctx.store.insert({
		object: 'link',
		id: ctx.store.newId('link', ctx.livemode),
		livemode: ctx.livemode,
		amount: v.requireAmount(body.amount, currency),
		currency,
		title: v.requireString(body.title, 'title', 200),
		description: v.requireString(body.description, 'description', 1000),
		multiple: v.optionalBoolean(body.multiple, 'multiple', false),
		metadata: v.optionalMetadata(body.metadata) || {},
		used: false,
		used_at: null,
		deleted: false,
		deleted_at: null,
		payment_code: randomBytes(4).toString('hex').toUpperCase(),
		created_at: ctx.store.timestamp(),
	});
	ctx.store.recordEvent('link.create', linkView(ctx, link), ctx.livemode);
	return linkView(ctx, link);
}

function update(ctx) {
	const link = findLink(ctx, ctx.params.id);
	for (const fixed of ['amount', 'currency', 'title', 'multiple']) {
		if (ctx.body[fixed] !== undefined) throw badRequest(`${fixed} cannot be updated, create a new link instead`);
	}
	v.rejectUnknown(ctx.body, ['description', 'metadata']);
	if (link.deleted) throw new OmiseError(400, 'invalid_link', 'link has been deleted');
	const description = v.optionalString(ctx.body.description, 'description', 1000);
	const metadata = v.optionalMetadata(ctx.body.metadata);
	if (description !== undefined) link.description = description;
	if (metadata !== undefined) link.metadata = { ...link.metadata, ...metadata };
	ctx.store.recordEvent('link.update', linkView(ctx, link), ctx.livemode);
	return linkView(ctx, link);
}

function destroy(ctx) {
	const link = findLink(ctx, ctx.params.id);
	if (!link.deleted) {
		link.deleted = true;
		link.deleted_at = ctx.store.timestamp();
		ctx.store.recordEvent('link.destroy', linkView(ctx, link), ctx.livemode);
	}
	return linkView(ctx, link);
}

function register(router) {
	router.add('POST', '/links', create);
	router.add('GET', '/links', (ctx) =>
		listResponse(ctx.store.all('link', ctx.livemode), ctx.query, '/links', (link) => linkView(ctx, link), ctx.store.now()),
	);
	router.add('GET', '/links/:id', (ctx) => linkView(ctx, findLink(ctx, ctx.params.id)));
	router.add('PATCH', '/links/:id', update);
	router.add('DELETE', '/links/:id', destroy);
	router.add('GET', '/links/:id/charges', (ctx) => {
		const link = findLink(ctx, ctx.params.id);
		const charges = ctx.store.all('charge', ctx.livemode, (charge) => charge.link === link.id);
		return listResponse(charges, ctx.query, `/links/${link.id}/charges`, (charge) => ctx.views.charge(ctx, charge), ctx.store.now());
	});
}

module.exports = { register, linkView, findLink };
