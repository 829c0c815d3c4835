// Date handling without libraries (node code may import only n8n-workflow).

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

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
		let zone = 'UTC';
		try {
			zone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
		} catch {
			zone = 'UTC'; // an unknown zone name falls back to UTC
		}
		instant = wallClock - zoneOffsetMinutes(zone, wallClock) * 60000;
	} else {
		return undefined;
	}
	if (Number.isNaN(instant)) return undefined;
	return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
