'use strict';
// Charge schedules of a customer and transfer schedules of a recipient, with their occurrences. The sandbox does not
// run schedules by itself: POST /__sandbox/schedules/:id/occur makes the next
// occurrence (and its charge) now.
const { OmiseError, badRequest, notFound } = require('../errors');
const { listResponse } = require('../lists');
const v = require('../validate');
const { findCustomer, customerCard } = require('./customers');

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKS = ['first', 'second', 'third', 'fourth', 'last'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function findSchedule(ctx, id) {
	const schedule = ctx.store.get('schedule', id, ctx.livemode);
	if (!schedule) throw notFound('schedule', id);
	return schedule;
}

const invalid = (message) => new OmiseError(400, 'invalid_schedule', message);

function parseDate(value, name) {
	if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw invalid(`${name} is not a valid date (YYYY-MM-DD)`);
	return value;
}

function parseOn(period, on) {
	if (period === 'day') return {};
	if (on === undefined || on === null || typeof on !== 'object' || Array.isArray(on)) throw invalid(`on is required for period ${period}`);
	if (period === 'week') {
		v.rejectUnknown(on, ['weekdays']);
		const days = [].concat(on.weekdays || []).map(String);
		if (days.length === 0 || days.some((day) => !WEEKDAYS.includes(day))) throw invalid('on[weekdays] must list weekday names');
		return { weekdays: days };
	}
	v.rejectUnknown(on, ['days_of_month', 'weekday_of_month']);
	if ((on.days_of_month === undefined) === (on.weekday_of_month === undefined)) throw invalid('on must have either days_of_month or weekday_of_month');
	if (on.days_of_month !== undefined) {
		const days = [].concat(on.days_of_month).map(v.toInteger);
		if (days.length === 0 || days.some((day) => !(day >= 1 && day <= 28))) throw invalid('on[days_of_month] must be days from 1 to 28');
		return { days_of_month: days };
	}
	const [week, day, extra] = String(on.weekday_of_month).split('_');
	if (extra !== undefined || !WEEKS.includes(week) || !WEEKDAYS.includes(day)) throw invalid('on[weekday_of_month] is not valid, e.g. last_friday');
	return { weekday_of_month: String(on.weekday_of_month) };
}

const utc = (date) => new Date(`${date}T00:00:00Z`);
const isoDate = (date) => date.toISOString().slice(0, 10);

function occursOn(schedule, date) {
	const start = utc(schedule.start_on);
	if (schedule.period === 'day') return Math.round((date - start) / 86400000) % schedule.every === 0;
	const weekday = WEEKDAYS[date.getUTCDay()];
	if (schedule.period === 'week') return schedule.on.weekdays.includes(weekday) && Math.floor((date - start) / (7 * 86400000)) % schedule.every === 0;
	const months = (date.getUTCFullYear() - start.getUTCFullYear()) * 12 + date.getUTCMonth() - start.getUTCMonth();
	if (months % schedule.every !== 0) return false;
	if (schedule.on.days_of_month) return schedule.on.days_of_month.includes(date.getUTCDate());
	const [week, day] = schedule.on.weekday_of_month.split('_');
	if (weekday !== day) return false;
	const nth = Math.floor((date.getUTCDate() - 1) / 7);
	const lastWeek = date.getUTCDate() + 7 > new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
	return week === 'last' ? lastWeek : WEEKS.indexOf(week) === nth;
}

/** The next dates (at most `count`) on or after `from` that the schedule charges on. */
function nextDates(schedule, from, count = 30) {
	const dates = [];
	const end = utc(schedule.end_on);
	for (let date = utc(from > schedule.start_on ? from : schedule.start_on); date <= end && dates.length < count; date = new Date(date.getTime() + 86400000)) {
		if (occursOn(schedule, date)) dates.push(isoDate(date));
		if (date - utc(from) > 5 * 366 * 86400000) break; // bounded
	}
	return dates;
}

function inWords(schedule) {
	const unit = `${schedule.every} ${schedule.period}(s)`;
	if (schedule.period === 'week') return `Every ${unit} on ${schedule.on.weekdays.join(', ')}`;
	if (schedule.period === 'month') return `Every ${unit} on ${schedule.on.days_of_month ? `day ${schedule.on.days_of_month.join(', ')}` : `the ${schedule.on.weekday_of_month.replace('_', ' ')}`}`;
	return `Every ${unit}`;
}

function occurrenceView(occurrence) {
	return {
		object: 'occurrence',
		id: occurrence.id,
		livemode: occurrence.livemode,
		location: `/occurrences/${occurrence.id}`,
		schedule: occurrence.schedule,
		schedule_date: occurrence.scheduled_on,
		scheduled_on: occurrence.scheduled_on,
		retry_date: null,
		retry_on: null,
		processed_at: occurrence.processed_at,
		status: occurrence.status,
		message: occurrence.message,
		result: occurrence.result,
		created_at: occurrence.created_at,
	};
}

function scheduleView(ctx, schedule) {
	const occurrences = ctx.store.all('occurrence', schedule.livemode, (o) => o.schedule === schedule.id);
	const today = ctx.store.timestamp().slice(0, 10);
	return {
		object: 'schedule',
		id: schedule.id,
		livemode: schedule.livemode,
		location: `/schedules/${schedule.id}`,
		status: schedule.status,
		deleted: schedule.deleted,
		active: schedule.status === 'active',
		every: schedule.every,
		period: schedule.period,
		on: schedule.on,
		in_words: inWords(schedule),
		start_on: schedule.start_on,
		end_on: schedule.end_on,
		ended_at: schedule.ended_at,
		// What it makes: Omise's recorded schedules (omise-go fixtures) carry one of the two.
		...(schedule.charge ? { charge: schedule.charge } : { transfer: schedule.transfer }),
		occurrences: {
			object: 'list',
			data: occurrences.map(occurrenceView),
			limit: 20,
			offset: 0,
			total: occurrences.length,
			order: 'chronological',
			location: `/schedules/${schedule.id}/occurrences`,
		},
		next_occurrences_on: schedule.status === 'active' ? nextDates(schedule, today) : [],
		created_at: schedule.created_at,
	};
}

function scheduledCharge(ctx, charge) {
	v.rejectUnknown(charge, ['customer', 'card', 'amount', 'currency', 'description', 'metadata']);
	if (!charge.customer) throw invalid('charge[customer] is required');
	const customer = findCustomer(ctx, String(charge.customer));
	const card = customerCard(ctx, customer.id, charge.card === undefined ? undefined : String(charge.card));
	const currency = v.requireCurrency(charge.currency);
	return {
		amount: v.requireAmount(charge.amount, currency, 'invalid_amount'),
		currency,
		description: v.optionalString(charge.description, 'charge[description]') ?? null,
		customer: customer.id,
		card: charge.card === undefined ? null : card.id,
		metadata: v.optionalMetadata(charge.metadata) || {},
	};
}

/** A transfer schedule pays a recipient a fixed amount or a percentage of the balance (Omise's schedules API). */
function scheduledTransfer(ctx, transfer) {
	v.rejectUnknown(transfer, ['recipient', 'amount', 'percentage_of_balance']);
	if (!transfer.recipient) throw invalid('transfer[recipient] is required');
	const recipient = ctx.store.get('recipient', String(transfer.recipient), ctx.livemode);
	if (!recipient || recipient.deleted) throw notFound('recipient', String(transfer.recipient));
	if ((transfer.amount === undefined) === (transfer.percentage_of_balance === undefined)) throw invalid('transfer needs either amount or percentage_of_balance');
	const currency = 'thb'; // the sandbox account's
	if (transfer.amount !== undefined) return { recipient: recipient.id, amount: v.requireAmount(transfer.amount, currency, 'invalid_amount'), currency };
	const percentage = Number(transfer.percentage_of_balance);
	if (!(percentage > 0 && percentage <= 100)) throw invalid('transfer[percentage_of_balance] must be more than 0 and at most 100');
	return { recipient: recipient.id, percentage_of_balance: percentage, currency };
}

function create(ctx) {
	const body = ctx.body;
	v.rejectUnknown(body, ['every', 'period', 'on', 'start_date', 'end_date', 'charge', 'transfer']);
	const every = v.toInteger(body.every);
	if (!(every >= 1)) throw invalid('every must be a positive integer');
	const period = String(body.period);
	if (!['day', 'week', 'month'].includes(period)) throw invalid('period must be one of day, week or month');
	const on = parseOn(period, body.on);
	const today = ctx.store.timestamp().slice(0, 10);
	const startOn = body.start_date === undefined ? today : parseDate(body.start_date, 'start_date');
	if (body.end_date === undefined) throw invalid('end_date is required');
	const endOn = parseDate(body.end_date, 'end_date');
	if (endOn < startOn) throw invalid('end_date must be after start_date');
	if (startOn < today) throw invalid('start_date must not be in the past');
	const isObject = (value) => value && typeof value === 'object' && !Array.isArray(value);
	if (isObject(body.charge) === isObject(body.transfer)) throw invalid('either charge or transfer is required');
	const made = isObject(body.charge) ? { charge: scheduledCharge(ctx, body.charge) } : { transfer: scheduledTransfer(ctx, body.transfer) };
	const schedule = ctx.store.insert({
		object: 'schedule',
		id: ctx.store.newId('schedule', ctx.livemode),
		livemode: ctx.livemode,
		status: 'active',
		deleted: false,
		every,
		period,
		on,
		start_on: startOn,
		end_on: endOn,
		ended_at: null,
		...made,
		created_at: ctx.store.timestamp(),
	});
	if (nextDates(schedule, startOn, 1).length === 0) {
		ctx.store.objects.delete(schedule.id);
		ctx.store.byKind.get('schedule').delete(schedule.id);
		throw invalid('the schedule has no occurrence between start_date and end_date');
	}
	ctx.store.recordEvent('schedule.create', scheduleView(ctx, schedule), ctx.livemode);
	return scheduleView(ctx, schedule);
}

function destroy(ctx) {
	const schedule = findSchedule(ctx, ctx.params.id);
	if (!schedule.deleted) {
		Object.assign(schedule, { deleted: true, status: 'deleted', ended_at: ctx.store.timestamp() });
		ctx.store.recordEvent('schedule.destroy', scheduleView(ctx, schedule), ctx.livemode);
	}
	return scheduleView(ctx, schedule);
}

/** Sandbox control: the schedule's next occurrence happens now (its charge is made on the customer's card). */
function occur(sandbox, schedule) {
	const { createCharge } = require('./charges');
	const ctx = { sandbox, store: sandbox.store, views: sandbox.views, livemode: schedule.livemode };
	if (schedule.status !== 'active') throw badRequest(`schedule is ${schedule.status}`);
	const done = ctx.store.all('occurrence', schedule.livemode, (o) => o.schedule === schedule.id).map((o) => o.scheduled_on);
	const date = nextDates(schedule, schedule.start_on, done.length + 1).find((d) => !done.includes(d));
	if (!date) throw badRequest('schedule has no more occurrences');
	if (!schedule.charge) throw badRequest('the sandbox runs charge schedules only');
	const { amount, currency, description, customer, card, metadata } = schedule.charge;
	const occurrence = { object: 'occurrence', id: ctx.store.newId('occurrence', ctx.livemode), livemode: ctx.livemode, schedule: schedule.id, scheduled_on: date, created_at: ctx.store.timestamp() };
	try {
		const charge = createCharge(ctx, { amount, currency, customer, ...(card ? { card } : {}), ...(description ? { description } : {}), metadata });
		Object.assign(occurrence, { status: 'successful', result: charge.id, message: null, processed_at: ctx.store.timestamp() });
	} catch (error) {
		if (!(error instanceof OmiseError)) throw error;
		Object.assign(occurrence, { status: 'failed', result: null, message: error.message, processed_at: ctx.store.timestamp() });
	}
	ctx.store.insert(occurrence);
	return occurrenceView(occurrence);
}

function register(router) {
	router.add('POST', '/schedules', create);
	router.add('GET', '/schedules', (ctx) =>
		listResponse(ctx.store.all('schedule', ctx.livemode), ctx.query, '/schedules', (s) => scheduleView(ctx, s), ctx.store.now()),
	);
	// Each kind on its own (Omise's GET /charges/schedules and /transfers/schedules).
	for (const kind of ['charge', 'transfer']) {
		router.add('GET', `/${kind}s/schedules`, (ctx) =>
			listResponse(ctx.store.all('schedule', ctx.livemode, (s) => Boolean(s[kind])), ctx.query, `/${kind}s/schedules`, (s) => scheduleView(ctx, s), ctx.store.now()),
		);
	}
	router.add('GET', '/schedules/:id', (ctx) => scheduleView(ctx, findSchedule(ctx, ctx.params.id)));
	router.add('DELETE', '/schedules/:id', destroy);
	router.add('GET', '/schedules/:id/occurrences', (ctx) => {
		const schedule = findSchedule(ctx, ctx.params.id);
		const occurrences = ctx.store.all('occurrence', ctx.livemode, (o) => o.schedule === schedule.id);
		return listResponse(occurrences, ctx.query, `/schedules/${schedule.id}/occurrences`, occurrenceView, ctx.store.now());
	});
	router.add('GET', '/customers/:id/schedules', (ctx) => {
		const customer = findCustomer(ctx, ctx.params.id);
		const schedules = ctx.store.all('schedule', ctx.livemode, (s) => s.charge?.customer === customer.id);
		return listResponse(schedules, ctx.query, `/customers/${customer.id}/schedules`, (s) => scheduleView(ctx, s), ctx.store.now());
	});
	router.add('GET', '/occurrences/:id', (ctx) => {
		const occurrence = ctx.store.get('occurrence', ctx.params.id, ctx.livemode);
		if (!occurrence) throw notFound('occurrence', ctx.params.id);
		return occurrenceView(occurrence);
	});
}

module.exports = { register, scheduleView, findSchedule, occur };
