'use strict';
// Inline sources of POST /charges (`source: { type, ...extras }`, the secret-key
// flow of Omise's WooCommerce plugin), the QR code documents of offline
// sources, and the capability that says which types the account has.
const { createHash } = require('node:crypto');
const { OmiseError, badRequest } = require('../errors');
const { qrLikePng } = require('../png');

// Types the sandbox account has, by country, with what each needs.
// flow: offline + qr = a scannable QR code the customer pays in their banking app;
// redirect = the customer pays at the charge's authorize_uri.
const SOURCE_TYPES = {
	// Thailand
	promptpay: { flow: 'offline', qr: true, currencies: ['THB'] },
	truemoney: { flow: 'redirect', requires: ['phone_number'], currencies: ['THB'] },
	truemoney_jumpapp: { flow: 'redirect', currencies: ['THB'] },
	mobile_banking_kbank: { flow: 'redirect', currencies: ['THB'] },
	mobile_banking_scb: { flow: 'redirect', currencies: ['THB'] },
	mobile_banking_bay: { flow: 'redirect', currencies: ['THB'] },
	mobile_banking_bbl: { flow: 'redirect', currencies: ['THB'] },
	mobile_banking_ktb: { flow: 'redirect', currencies: ['THB'] },
	rabbit_linepay: { flow: 'redirect', currencies: ['THB'] },
	shopeepay: { flow: 'redirect', currencies: ['THB', 'SGD', 'MYR'] },
	installment_kbank: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 10] },
	installment_bbl: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [4, 6, 8, 9, 10] },
	installment_bay: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 9, 10] },
	installment_scb: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 9, 10] },
	installment_ktc: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 5, 6, 7, 8, 9, 10] },
	installment_first_choice: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 9, 10, 12, 18, 24, 36] },
	installment_ttb: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 10, 12] },
	installment_uob: { flow: 'redirect', requires: ['installment_term'], currencies: ['THB'], terms: [3, 4, 6, 10] },
	wechat_pay: { flow: 'offline', qr: true, currencies: ['THB'] },
	alipay: { flow: 'redirect', currencies: ['THB'] },
	atome: { flow: 'redirect', currencies: ['THB', 'SGD', 'MYR'] },
	// Japan
	econtext: { flow: 'redirect', requires: ['name', 'email', 'phone_number'], currencies: ['JPY'] },
	paypay: { flow: 'redirect', currencies: ['JPY'] },
	// Singapore
	paynow: { flow: 'offline', qr: true, currencies: ['SGD'] },
	grabpay: { flow: 'redirect', currencies: ['SGD', 'MYR'] },
	mobile_banking_ocbc: { flow: 'redirect', currencies: ['SGD'] },
	// Malaysia
	fpx: { flow: 'redirect', requires: ['bank'], currencies: ['MYR'] },
	duitnow_qr: { flow: 'offline', qr: true, currencies: ['MYR'] },
	duitnow_obw: { flow: 'redirect', requires: ['bank'], currencies: ['MYR'] },
	touch_n_go: { flow: 'redirect', currencies: ['MYR'] },
	boost: { flow: 'redirect', currencies: ['MYR'] },
	maybank_qr: { flow: 'offline', qr: true, currencies: ['MYR'] },
};

const SOURCE_EXTRAS = ['phone_number', 'name', 'email', 'installment_term', 'zero_interest_installments', 'bank', 'platform_type'];
/** A QR charge the customer does not pay expires after this long unless expires_at says otherwise. */
const QR_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Checks an inline source the way Omise does and makes its source object (without the charge-dependent parts). */
function inlineSource(ctx, source, currency) {
	for (const name of Object.keys(source)) {
		if (name !== 'type' && !SOURCE_EXTRAS.includes(name)) throw badRequest(`source ${name} is not a valid parameter`);
	}
	const type = typeof source.type === 'string' ? source.type : '';
	if (!type) throw new OmiseError(400, 'invalid_source', 'type is required');
	const spec = SOURCE_TYPES[type];
	if (!spec) throw new OmiseError(400, 'invalid_source', `type ${type} is currently not supported`);
	if (!spec.currencies.includes(currency.toUpperCase())) throw new OmiseError(400, 'invalid_source', `currency ${currency} is not supported for ${type}`);
	for (const name of spec.requires || []) {
		if (source[name] === undefined || source[name] === null || source[name] === '') throw new OmiseError(400, 'invalid_source', `${name} is required for ${type}`);
	}
	if (spec.terms && !spec.terms.includes(Number(source.installment_term))) {
		throw new OmiseError(400, 'invalid_source', `installment_term must be one of ${spec.terms.join(', ')} for ${type}`);
	}
	const extras = {};
	for (const name of SOURCE_EXTRAS) if (source[name] !== undefined) extras[name] = source[name];
	return {
		object: 'source',
		id: ctx.store.newId('transaction', ctx.livemode).replace('trxn', 'src'),
		livemode: ctx.livemode,
		type,
		flow: spec.flow,
		...extras,
		qr: spec.qr === true,
	};
}

/** Completes a source for its charge: amount, currency, and for QR types the document to download. */
function attachToCharge(ctx, source, charge) {
	const { qr, ...view } = source;
	Object.assign(view, { location: `/sources/${source.id}`, amount: charge.amount, currency: charge.currency, charge_status: 'pending', scannable_code: null, created_at: charge.created_at });
	if (qr) {
		const documentId = ctx.store.newId('transaction', ctx.livemode).replace('trxn', 'docu');
		const secret = createHash('sha256').update(`${charge.id}/${documentId}`).digest('hex').slice(0, 32);
		charge.document = { id: documentId, secret };
		view.scannable_code = {
			object: 'barcode',
			type: 'qr',
			image: {
				object: 'document',
				livemode: ctx.livemode,
				id: documentId,
				deleted: false,
				filename: 'qrcode.png',
				location: `/charges/${charge.id}/documents/${documentId}`,
				kind: 'qr',
				download_uri: `${ctx.sandbox.publicUrl}/charges/${charge.id}/documents/${documentId}/downloads/${secret}`,
				created_at: charge.created_at,
			},
		};
	}
	return view;
}

/** GET /charges/:id/documents/:documentId/downloads/:secret: the QR image, for the secret key only. */
function download(ctx, charge) {
	const document = charge.document;
	if (!document || document.id !== ctx.params.documentId || document.secret !== ctx.params.secret) {
		throw new OmiseError(404, 'not_found', `document ${ctx.params.documentId} was not found`);
	}
	return { raw: true, status: 200, headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="qrcode.png"' }, body: qrLikePng(`${charge.id} ${charge.amount}`) };
}

function capability() {
	const byName = Object.entries(SOURCE_TYPES).map(([name, spec]) => ({
		object: 'payment_method',
		name,
		currencies: spec.currencies,
		card_brands: null,
		installment_terms: spec.terms || null,
		banks: name === 'fpx' || name === 'duitnow_obw' ? ['affin', 'alliance', 'bank_islam', 'cimb', 'hong_leong', 'maybank2u', 'public_bank', 'rhb'] : [],
		provider: null,
	}));
	return {
		object: 'capability',
		location: '/capability',
		country: 'TH',
		banks: ['bbl', 'kbank', 'ktb', 'scb', 'bay'],
		limits: { charge_amount: { max: 15000000, min: 2000 }, transfer_amount: { max: 5000000000, min: 3000 }, installment_amount: { min: 200000 } },
		payment_methods: [
			{ object: 'payment_method', name: 'card', currencies: ['THB', 'JPY', 'USD', 'EUR', 'GBP', 'SGD'], card_brands: ['JCB', 'Visa', 'MasterCard'], installment_terms: null, banks: [], provider: null },
			...byName,
		],
		tokenization_methods: ['googlepay', 'applepay'],
		zero_interest_installments: false,
	};
}

module.exports = { SOURCE_TYPES, QR_LIFETIME_MS, inlineSource, attachToCharge, download, capability };
