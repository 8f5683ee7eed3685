// The feed writer's parts: escaping, folding at 75 octets without splitting a character, and the
// VTIMEZONE of a zone with its offset changes at the right instants and wall times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine } from './ics-write.ts';
import { offsetChanges, zoneLines } from './ics-zones.ts';

test('text is escaped and long lines are folded at 75 octets, never inside a character', () => {
  assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
  const folded = foldLine(`SUMMARY:${'拜访客户'.repeat(20)}`);
  const lines = folded.split('\r\n');
  assert.ok(lines.length > 1);
  for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75);
  assert.equal(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), `SUMMARY:${'拜访客户'.repeat(20)}`);
});

test('a VTIMEZONE holds each offset change with the wall time before it', () => {
  const from = Date.parse('2031-01-01T00:00:00Z');
  const to = Date.parse('2032-01-01T00:00:00Z');
  assert.deepEqual(offsetChanges('Europe/Berlin', from, to).map((ms) => new Date(ms).toISOString()), ['2031-03-30T01:00:00.000Z', '2031-10-26T01:00:00.000Z']);
  assert.deepEqual(offsetChanges('Asia/Shanghai', from, to), []);
  const lines = zoneLines('Europe/Berlin', from, to);
  assert.deepEqual(lines.slice(7), [
    'BEGIN:DAYLIGHT', 'DTSTART:20310330T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'DTSTART:20311026T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
    'END:VTIMEZONE',
  ]);
  assert.deepEqual(zoneLines('America/St_Johns', from, to).filter((l) => l.startsWith('TZOFFSETTO')), ['TZOFFSETTO:-0330', 'TZOFFSETTO:-0230', 'TZOFFSETTO:-0330']);
});
