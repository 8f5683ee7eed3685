// Wall-clock time in an IANA time zone, with nothing but the Intl API the runtime ships (its tz data is
// the operating system's, kept current by it). A recurring event repeats in its organiser's wall time,
// so "every Monday 09:00 Europe/Berlin" stays at 09:00 local across a DST change; these turn such a wall
// time into an instant and back.

/** A calendar date and time of day as a clock on the wall shows it (months 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows the IANA zone name (e.g. Asia/Shanghai). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time an instant shows in a zone, asked of Intl (slow: a few µs). */
function askWallTime(instantMs: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

// Offsets by zone and quarter hour: zones change their offset only on a quarter hour, so every instant
// of a quarter has the same one. Expanding a week of a team's series asks the same few quarters often.
const QUARTER_MS = 900_000;
const offsets = new Map<string, number>();

/** How far a zone's clocks are ahead of UTC at an instant, in ms. */
export function offsetAt(instantMs: number, zone: string): number {
  const quarter = Math.floor(instantMs / QUARTER_MS) * QUARTER_MS;
  const key = `${zone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = asUtc(askWallTime(quarter, zone)) - quarter;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall time an instant shows in a zone. */
export function wallTimeOf(instantMs: number, zone: string): WallTime {
  const d = new Date(Math.floor(instantMs / 1000) * 1000 + offsetAt(instantMs, zone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/**
 * The instant a wall time names in a zone. A time that does not exist (skipped by a spring-forward) is
 * read with the offset before the gap, so 02:30 becomes 03:30, as RFC 5545 §3.3.5 asks; a time that exists
 * twice (fall back) is the first of the two.
 */
export function instantOf(wall: WallTime, zone: string): number {
  const local = asUtc(wall);
  const before = offsetAt(local - 86_400_000, zone);
  const after = offsetAt(local + 86_400_000, zone);
  // Try the earlier offset first: it gives the first of two equal wall times, and the pre-gap reading.
  const candidates = before === after ? [before] : [before, after];
  for (const offset of candidates) {
    const instant = local - offset;
    if (offsetAt(instant, zone) === offset) return instant;
  }
  return local - before;
}
