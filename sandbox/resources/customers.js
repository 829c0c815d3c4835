'use strict';
// Customers and their saved cards. A card is saved from a test token
// (tokn_test_…, each usable once, as for charges); the card's details are the
// sandbox's test card.
const { OmiseError, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');

function findCustomer(ctx, id) {
	const customer = ctx.store.get('customer', id, ctx.livemode);
	if (!customer || customer.deleted) throw notFound('customer', id);
	return customer;
}

function cardsOf(ctx, customer) {
	return ctx.store.all('card', customer.livemode, (card) => card.customer === customer.id && !card.deleted);
}

function findCard(ctx, customer, id) {
	const card = ctx.store.get('card', id, ctx.livemode);
	if (!card || card.customer !== customer.id || card.deleted) throw notFound('card', id);
	return card;
}

function cardView(ctx, card) {
	return {
		object: 'card',
		id: card.id,
		livemode: card.livemode,
		location: `/customers/${card.customer}/cards/${card.id}`,
		deleted: card.deleted,
		street1: null,
		street2: null,
		city: card.city,
		state: null,
		phone_number: null,
		postal_code: card.postal_code,
		country: 'th',
		financing: 'credit',
		bank: 'Sandbox Bank',
		brand: 'Visa',
		fingerprint: card.fingerprint,
		first_digits: null,
		last_digits: '4242',
		name: card.name,
		expiration_month: card.expiration_month,
		expiration_year: card.expiration_year,
		security_code_check: true,
		tokenization_method: null,
		created_at: card.created_at,
	};
}

function customerView(ctx, customer) {
	const cards = cardsOf(ctx, customer);
	return {
		object: 'customer',
		id: customer.id,
		livemode: customer.livemode,
		location: `/customers/${customer.id}`,
		deleted: customer.deleted,
		default_card: customer.default_card,
		email: customer.email,
		description: customer.description,
		metadata: customer.metadata,
		cards: {
			object: 'list',
			data: cards.map((card) => cardView(ctx, card)),
			limit: 20,
			offset: 0,
			total: cards.length,
			order: 'chronological',
			location: `/customers/${customer.id}/cards`,
		},
		created_at: customer.created_at,
	};
}

// A token becomes a card of the customer; a token works once.
function saveCard(ctx, customer, token) {
	const value = String(token);
	if (!/^tokn_(test_)?\w+$/.test(value)) throw new OmiseError(400, 'invalid_card_token', 'token was not found');
	if (ctx.sandbox.usedTokens.has(value)) throw new OmiseError(400, 'used_token', 'token was already used');
	ctx.sandbox.usedTokens.add(value);
	return ctx.store.insert({
		object: 'card',
		id: ctx.store.newId('card', ctx.livemode),
		livemode: ctx.livemode,
		customer: customer.id,
		deleted: false,
		name: 'SANDBOX TESTER',
		city: null,
		postal_code: null,
		expiration_month: 12,
		expiration_year: new Date(ctx.store.now()).getUTCFullYear() + 3,
		fingerprint: `sandbox${value.split('_').pop()}`,
		created_at: ctx.store.timestamp(),
	});
}

function optionalEmail(value) {
	const email = v.optionalString(value, 'email');
	if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new OmiseError(400, 'bad_request', 'email is invalid');
	return email;
}

function create(ctx) {
	const body = ctx.body;
	v.rejectUnknown(body, ['email', 'description', 'metadata', 'card']);
	const customer = {
		object: 'customer',
		id: ctx.store.newId('customer', ctx.livemode),
		livemode: ctx.livemode,
		email: optionalEmail(body.email) ?? null,
		description: v.optionalString(body.description, 'description') ?? null,
		metadata: v.optionalMetadata(body.metadata) || {},
		default_card: null,
		deleted: false,
		deleted_at: null,
		created_at: ctx.store.timestamp(),
	};
	// The token is checked before the customer exists, so a bad token leaves nothing behind.
	if (body.card !== undefined && ctx.sandbox.usedTokens.has(String(body.card))) throw new OmiseError(400, 'used_token', 'token was already used');
	if (body.card !== undefined && !/^tokn_(test_)?\w+$/.test(String(body.card))) throw new OmiseError(400, 'invalid_card_token', 'token was not found');
	ctx.store.insert(customer);
	if (body.card !== undefined) customer.default_card = saveCard(ctx, customer, body.card).id;
	ctx.store.recordEvent('customer.create', customerView(ctx, customer), ctx.livemode);
	return customerView(ctx, customer);
}

function update(ctx) {
	const customer = findCustomer(ctx, ctx.params.id);
	const body = ctx.body;
	v.rejectUnknown(body, ['email', 'description', 'metadata', 'card', 'default_card']);
	const email = optionalEmail(body.email);
	const description = v.optionalString(body.description, 'description');
	const metadata = v.optionalMetadata(body.metadata);
	if (body.default_card !== undefined) findCard(ctx, customer, String(body.default_card));
	if (email !== undefined) customer.email = email;
	if (description !== undefined) customer.description = description;
	if (metadata !== undefined) customer.metadata = { ...customer.metadata, ...metadata };
	// Assumption: a card attached by an update becomes the default card, unless default_card names another.
	if (body.card !== undefined) customer.default_card = saveCard(ctx, customer, body.card).id;
	if (body.default_card !== undefined) customer.default_card = String(body.default_card);
	ctx.store.recordEvent('customer.update', customerView(ctx, customer), ctx.livemode);
	return customerView(ctx, customer);
}

function destroy(ctx) {
	const customer = findCustomer(ctx, ctx.params.id);
	Object.assign(customer, { deleted: true, deleted_at: ctx.store.timestamp() });
	const view = { ...customerView(ctx, customer), deleted: true };
	ctx.store.recordEvent('customer.destroy', view, ctx.livemode);
	return view;
}

function updateCard(ctx) {
	const customer = findCustomer(ctx, ctx.params.id);
	const card = findCard(ctx, customer, ctx.params.cardId);
	v.rejectUnknown(ctx.body, ['name', 'expiration_month', 'expiration_year', 'city', 'postal_code']);
	const month = ctx.body.expiration_month === undefined ? undefined : v.toInteger(ctx.body.expiration_month);
	const year = ctx.body.expiration_year === undefined ? undefined : v.toInteger(ctx.body.expiration_year);
	if (month !== undefined && !(month >= 1 && month <= 12)) throw new OmiseError(400, 'invalid_card', 'expiration month is not between 1 and 12');
	if (ctx.body.expiration_month !== undefined && month === undefined) throw new OmiseError(400, 'invalid_card', 'expiration month is not a number');
	if (ctx.body.expiration_year !== undefined && year === undefined) throw new OmiseError(400, 'invalid_card', 'expiration year is not a number');
	for (const name of ['name', 'city', 'postal_code']) {
		const value = v.optionalString(ctx.body[name], name);
		if (value !== undefined) card[name] = value;
	}
	if (month !== undefined) card.expiration_month = month;
	if (year !== undefined) card.expiration_year = year;
	ctx.store.recordEvent('card.update', cardView(ctx, card), ctx.livemode);
	return cardView(ctx, card);
}

function destroyCard(ctx) {
	const customer = findCustomer(ctx, ctx.params.id);
	const card = findCard(ctx, customer, ctx.params.cardId);
	card.deleted = true;
	if (customer.default_card === card.id) customer.default_card = (cardsOf(ctx, customer)[0] || { id: null }).id;
	ctx.store.recordEvent('card.destroy', cardView(ctx, card), ctx.livemode);
	return cardView(ctx, card);
}

/**
 * The card a charge of this customer uses: the one named (it must be theirs) or
 * the default one. Undefined for a customer the sandbox does not hold (older
 * tests charge made-up customers).
 */
function customerCard(ctx, customerId, cardId) {
	const customer = ctx.store.get('customer', customerId, ctx.livemode);
	if (!customer) return undefined;
	if (customer.deleted) throw notFound('customer', customerId);
	const id = cardId || customer.default_card;
	if (!id) throw new OmiseError(400, 'invalid_card', 'customer has no card');
	const card = ctx.store.get('card', id, ctx.livemode);
	if (!card || card.customer !== customer.id || card.deleted) throw new OmiseError(400, 'invalid_card', 'card does not belong to customer');
	return cardView(ctx, card);
}

function register(router) {
	router.add('POST', '/customers', create);
	router.add('GET', '/customers', (ctx) =>
		listResponse(ctx.store.all('customer', ctx.livemode, (c) => !c.deleted), ctx.query, '/customers', (c) => customerView(ctx, c), ctx.store.now()),
	);
	router.add('GET', '/customers/:id', (ctx) => customerView(ctx, findCustomer(ctx, ctx.params.id)));
	router.add('PATCH', '/customers/:id', update);
	router.add('DELETE', '/customers/:id', destroy);
	router.add('GET', '/customers/:id/cards', (ctx) => {
		const customer = findCustomer(ctx, ctx.params.id);
		return listResponse(cardsOf(ctx, customer), ctx.query, `/customers/${customer.id}/cards`, (card) => cardView(ctx, card), ctx.store.now());
	});
	router.add('GET', '/customers/:id/cards/:cardId', (ctx) => cardView(ctx, findCard(ctx, findCustomer(ctx, ctx.params.id), ctx.params.cardId)));
	router.add('PATCH', '/customers/:id/cards/:cardId', updateCard);
	router.add('DELETE', '/customers/:id/cards/:cardId', destroyCard);
}

module.exports = { register, customerView, cardView, findCustomer, customerCard };
