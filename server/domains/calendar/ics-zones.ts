// VTIMEZONE components for the feed: a client that does not know IANA zone names (Outlook) learns each
// zone from the feed itself. The zone's offset changes are found with the runtime's zone data (weekly
// steps, then halving to the quarter hour) over the years the feed's events need, and each is written
// as an observance of its own (STANDARD or DAYLIGHT, with the offsets before and after).
import { offsetAt } from './time-zones.ts';

const WEEK_MS = 7 * 86_400_000;
const QUARTER_MS = 900_000;

const two = (n: number) => String(n).padStart(2, '0');

/** An offset as ±HHMM. */
function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${ms < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}${two(minutes % 60)}`;
}

/** The instants in [from, to) at which a zone's offset changes (to the quarter hour). */
export function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  let at = from;
  let offset = offsetAt(at, zone);
  while (at < to) {
    const next = Math.min(at + WEEK_MS, to);
    const nextOffset = offsetAt(next, zone);
    if (nextOffset !== offset) {
      let low = at;
      let high = next;
      while (high - low > QUARTER_MS) {
        const mid = low + Math.floor((high - low) / 2 / QUARTER_MS) * QUARTER_MS;
        if (offsetAt(mid, zone) === offset) low = mid;
        else high = mid;
      }
      changes.push(high);
      offset = nextOffset;
    }
    at = next;
  }
  return changes;
}

/** An instant as the wall time a clock at `offset` shows; an observance starts at the wall time the clocks showed just before it (RFC 5545 §3.6.5). */
function local(ms: number, offset: number): string {
  const d = new Date(Math.floor((ms + offset) / 1000) * 1000);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** The VTIMEZONE lines of a zone, covering [from, to). */
export function zoneLines(zone: string, from: number, to: number): string[] {
  const first = offsetAt(from, zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, 'BEGIN:STANDARD', `DTSTART:${local(from, first)}`, `TZOFFSETFROM:${offsetText(first)}`, `TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD'];
  for (const change of offsetChanges(zone, from, to)) {
    const before = offsetAt(change - 1, zone);
    const after = offsetAt(change, zone);
    // The later offset of a pair is summer time wherever clocks go forward in summer.
    const kind = after > before ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${local(change, before)}`, `TZOFFSETFROM:${offsetText(before)}`, `TZOFFSETTO:${offsetText(after)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
