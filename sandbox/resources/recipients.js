'use strict';
// Recipients: the bank accounts transfers pay out to. Each mode has a default
// recipient from the start, the merchant's own bank account (verified, active,
// default: true, as Omise's recorded default recipient shows); a new one is
// inactive and unverified until PATCH /recipients/:id/verify (test mode only;
// in the sandbox verifying also activates it, so that it can be paid).
// The recipient object is API version 2019-05-29's (omise-php's recorded
// recipients): its bank_account has brand (the bank's name), bank_code,
// branch_code, type, last_digits and, as Omise sends it, account_number.
//
// A bank account is Thai/Singaporean/Malaysian style (brand = the bank's code,
// number, name) or Japanese (bank_code, branch_code, type normal|current,
// number, name), as Omise's libraries send them.
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');

/** The merchant's account was opened then (the account object's created_at). */
const ACCOUNT_CREATED_AT = '2026-01-01T00:00:00Z';
const TYPES = ['individual', 'corporation'];
const JAPAN_ACCOUNT_TYPES = ['normal', 'current'];
/** Banks' names by the code sent as bank_account[brand] (Omise answers the name as brand, the code as bank_code). */
const BANK_NAMES = {
	test: 'Test Bank',
	bbl: 'Bangkok Bank',
	kbank: 'Kasikornbank',
	ktb: 'Krungthai Bank',
	scb: 'Siam Commercial Bank',
	bay: 'Bank of Ayudhya (Krungsri)',
	ttb: 'TMBThanachart Bank',
	uob: 'United Overseas Bank',
	cimb: 'CIMB Thai Bank',
	gsb: 'Government Savings Bank',
	dbs: 'DBS Bank',
	ocbc: 'OCBC Bank',
	maybank: 'Maybank',
};

const invalidBankAccount = (message) => new OmiseError(400, 'invalid_bank_account', message);

function findRecipient(ctx, id) {
	const recipient = ctx.store.get('recipient', id, ctx.livemode);
	if (!recipient || recipient.deleted) throw notFound('recipient', id);
	return recipient;
}

function bankAccountView(recipient) {
	const account = recipient.bank_account;
	return {
		object: 'bank_account',
		livemode: recipient.livemode,
		last_digits: account.number.slice(-4),
		account_number: account.number,
		name: account.name,
		type: account.type,
		created_at: account.created_at,
		brand: account.brand,
		bank_code: account.bank_code,
		branch_code: account.branch_code,
	};
}

function recipientView(ctx, recipient) {
	return {
		object: 'recipient',
		id: recipient.id,
		livemode: recipient.livemode,
		location: `/recipients/${recipient.id}`,
		deleted: recipient.deleted,
		bank_account: bankAccountView(recipient),
		active: recipient.active,
		default: recipient.default,
		verified: recipient.verified,
		description: recipient.description,
		email: recipient.email,
		failure_code: recipient.failure_code,
		name: recipient.name,
		tax_id: recipient.tax_id,
		type: recipient.type,
		created_at: recipient.created_at,
		schedule: null,
		metadata: recipient.metadata,
		verified_at: recipient.verified_at,
		activated_at: recipient.activated_at,
	};
}

function requiredText(value, name, fail = badRequest) {
	if (value === undefined || value === null || String(value).trim() === '') throw fail(`${name} is required`);
	if (typeof value !== 'string' && typeof value !== 'number') throw fail(`${name} must be a string`);
	return String(value).trim();
}

/** The bank account of a create (all of it) or of an update (replacing the old one), checked. */
function parseBankAccount(value, now) {
	if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidBankAccount('bank_account is required');
	v.rejectUnknown(value, ['brand', 'bank_code', 'branch_code', 'type', 'number', 'name']);
	const number = requiredText(value.number, 'bank_account[number]', invalidBankAccount);
	if (!/^[A-Za-z0-9]{4,20}$/.test(number)) throw invalidBankAccount('bank_account[number] is invalid');
	const name = requiredText(value.name, 'bank_account[name]', invalidBankAccount);
	if (value.bank_code !== undefined) {
		// Japan: a 4-digit bank code, a 3-digit branch code and the account type.
		const bankCode = requiredText(value.bank_code, 'bank_account[bank_code]', invalidBankAccount);
		if (!/^\d{4}$/.test(bankCode)) throw invalidBankAccount('bank_account[bank_code] must be 4 digits');
		const branchCode = requiredText(value.branch_code, 'bank_account[branch_code]', invalidBankAccount);
		if (!/^\d{3}$/.test(branchCode)) throw invalidBankAccount('bank_account[branch_code] must be 3 digits');
		const type = requiredText(value.type, 'bank_account[type]', invalidBankAccount);
		if (!JAPAN_ACCOUNT_TYPES.includes(type)) throw invalidBankAccount(`bank_account[type] must be one of ${JAPAN_ACCOUNT_TYPES.join(', ')}`);
		return { brand: null, bank_code: bankCode, branch_code: branchCode, type, number, name, created_at: now };
	}
	if (value.branch_code !== undefined || value.type !== undefined) throw invalidBankAccount('bank_account[branch_code] and bank_account[type] are for Japanese bank accounts, with bank_account[bank_code]');
	const brand = requiredText(value.brand, 'bank_account[brand]', invalidBankAccount).toLowerCase();
	if (!/^[a-z0-9_]{2,20}$/.test(brand)) throw invalidBankAccount('bank_account[brand] is not a bank code');
	return { brand: BANK_NAMES[brand] ?? brand, bank_code: brand, branch_code: null, type: null, number, name, created_at: now };
}

function optionalEmail(value) {
	const email = v.optionalString(value, 'email');
	if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw badRequest('email is invalid');
	return email;
}

function optionalType(value) {
	if (value === undefined) return undefined;
	if (!TYPES.includes(String(value))) throw badRequest(`type must be one of ${TYPES.join(', ')}`);
	return String(value);
}

function create(ctx) {
	const body = ctx.body;
	v.rejectUnknown(body, ['name', 'email', 'description', 'type', 'tax_id', 'bank_account', 'metadata']);
	const name = requiredText(body.name, 'name');
	if (body.type === undefined) throw badRequest('type is required');
	const now = ctx.store.timestamp();
	const recipient = {
		object: 'recipient',
		id: ctx.store.newId('recipient', ctx.livemode),
		livemode: ctx.livemode,
		name,
		email: optionalEmail(body.email) ?? null,
		description: v.optionalString(body.description, 'description') ?? null,
		type: optionalType(body.type),
		tax_id: v.optionalString(body.tax_id, 'tax_id') ?? '',
		bank_account: parseBankAccount(body.bank_account, now),
		metadata: v.optionalMetadata(body.metadata) || {},
		active: false,
		verified: false,
		default: false,
		deleted: false,
		failure_code: null,
		verified_at: null,
		activated_at: null,
		created_at: now,
	};
	ctx.store.insert(recipient);
	ctx.store.recordEvent('recipient.create', recipientView(ctx, recipient), ctx.livemode);
	return recipientView(ctx, recipient);
}

function update(ctx) {
	const recipient = findRecipient(ctx, ctx.params.id);
	const body = ctx.body;
	v.rejectUnknown(body, ['name', 'email', 'description', 'type', 'tax_id', 'bank_account', 'metadata']);
	const changes = {
		name: body.name === undefined ? undefined : requiredText(body.name, 'name'),
		email: optionalEmail(body.email),
		description: v.optionalString(body.description, 'description'),
		type: optionalType(body.type),
		tax_id: v.optionalString(body.tax_id, 'tax_id'),
		bank_account: body.bank_account === undefined ? undefined : parseBankAccount(body.bank_account, ctx.store.timestamp()),
	};
	const metadata = v.optionalMetadata(body.metadata);
	for (const [name, value] of Object.entries(changes)) if (value !== undefined) recipient[name] = value;
	if (metadata !== undefined) recipient.metadata = { ...recipient.metadata, ...metadata };
	// A new bank account must be verified again (Omise verifies every recipient's account).
	if (changes.bank_account && !recipient.default) Object.assign(recipient, { verified: false, verified_at: null });
	ctx.store.recordEvent('recipient.update', recipientView(ctx, recipient), ctx.livemode);
	return recipientView(ctx, recipient);
}

function destroy(ctx) {
	const recipient = findRecipient(ctx, ctx.params.id);
	if (recipient.default) throw badRequest('the default recipient cannot be deleted');
	recipient.deleted = true;
	const view = recipientView(ctx, recipient);
	ctx.store.recordEvent('recipient.destroy', view, ctx.livemode);
	return view;
}

/** Test mode: Omise's verification of the bank account, done at once (and, in the sandbox, the activation too). */
function verify(ctx) {
	if (ctx.livemode) throw new OmiseError(403, 'forbidden', 'verify is only available in test mode');
	const recipient = findRecipient(ctx, ctx.params.id);
	const now = ctx.store.timestamp();
	if (!recipient.verified) {
		Object.assign(recipient, { verified: true, verified_at: now, failure_code: null });
		ctx.store.recordEvent('recipient.verify', recipientView(ctx, recipient), ctx.livemode);
	}
	if (!recipient.active) {
		Object.assign(recipient, { active: true, activated_at: now });
		ctx.store.recordEvent('recipient.activate', recipientView(ctx, recipient), ctx.livemode);
	}
	return recipientView(ctx, recipient);
}

/** The default recipient of a mode: the merchant's own bank account, there from the account's opening. */
function defaultRecipient(store, livemode) {
	return store.all('recipient', livemode, (recipient) => recipient.default)[0];
}

/** Gives each mode its default recipient. */
function install(store) {
	for (const livemode of [false, true]) {
		store.insert({
			object: 'recipient',
			id: store.newId('recipient', livemode),
			livemode,
			name: 'sandbox@example.test',
			email: 'sandbox@example.test',
			description: 'Default recipient',
			type: 'individual',
			tax_id: '',
			bank_account: { brand: 'Test Bank', bank_code: 'test', branch_code: null, type: null, number: '123456789', name: 'DEFAULT BANK ACCOUNT', created_at: ACCOUNT_CREATED_AT },
			metadata: {},
			active: true,
			verified: true,
			default: true,
			deleted: false,
			failure_code: null,
			verified_at: ACCOUNT_CREATED_AT,
			activated_at: ACCOUNT_CREATED_AT,
			created_at: ACCOUNT_CREATED_AT,
		});
	}
}

function register(router) {
	router.add('POST', '/recipients', create);
	router.add('GET', '/recipients', (ctx) =>
		listResponse(ctx.store.all('recipient', ctx.livemode, (r) => !r.deleted), ctx.query, '/recipients', (r) => recipientView(ctx, r), ctx.store.now()),
	);
	router.add('GET', '/recipients/:id', (ctx) => recipientView(ctx, findRecipient(ctx, ctx.params.id)));
	router.add('PATCH', '/recipients/:id', update);
	router.add('DELETE', '/recipients/:id', destroy);
	router.add('PATCH', '/recipients/:id/verify', verify);
}

module.exports = { register, install, recipientView, bankAccountView, findRecipient, defaultRecipient };
