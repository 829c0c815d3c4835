// Date handling without libraries (node code may import only n8n-workflow).

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?:$|[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$)/;

/** The workflow's time zone as Intl knows it; an unknown zone name falls back to UTC. */
function knownZone(timeZone: string): string {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
	} catch {
		return 'UTC';
	}
}

function zoneOffsetMinutes(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - instant) / 60000);
}

/** An instant (ms) as Omise writes times: ISO 8601 in UTC, to the second ("2026-01-31T02:00:00Z"). */
export function isoSeconds(instant: number): string {
	return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * n8n's date picker gives local times without a zone ("2026-01-31T09:00:00");
 * those are read in the workflow's time zone. Values with a zone, Date and
 * Luxon objects keep their instant. Returns undefined for anything else.
 */
export function toUtcIso(value: unknown, timeZone: string): string | undefined {
	let instant: number;
	if (value instanceof Date) {
		instant = value.getTime();
	} else if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		instant = Date.parse(String((value as { toISO: () => string }).toISO()));
	} else if (typeof value === 'string' && HAS_ZONE.test(value.trim())) {
		instant = Date.parse(value.trim());
	} else if (typeof value === 'string' && NAIVE.test(value.trim())) {
		const [, y, mo, d, h = '0', mi = '0', s = '0'] = NAIVE.exec(value.trim()) as RegExpExecArray;
		const wallClock = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
		instant = wallClock - zoneOffsetMinutes(knownZone(timeZone), wallClock) * 60000;
	} else {
		return undefined;
	}
	if (Number.isNaN(instant)) return undefined;
	return isoSeconds(instant);
}

/** A calendar day (YYYY-MM-DD, as a schedule's `start_date` or a search's `filters[created]`) in the workflow's time zone. */
export function toDate(value: unknown, timeZone: string): string | undefined {
	if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return (DATE_ONLY.exec(value.trim()) as RegExpExecArray)[1];
	const iso = toUtcIso(value, timeZone);
	if (!iso) return undefined;
	return new Intl.DateTimeFormat('en-CA', { timeZone: knownZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
