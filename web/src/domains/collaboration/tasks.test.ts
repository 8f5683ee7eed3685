// The collaboration module's pure rules in the web app: which picked people a note still mentions,
// how a checklist reads in a change history, and the user's calendar day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checklistText, localToday, mentionedIn } from './tasks.ts';

const li = { id: 'u-li', name: 'Li Na' };
const wang = { id: 'u-wang', name: '王强' };
const t = (key: string, options: Record<string, unknown>) => `${key}:${String(options.done)}/${String(options.total)}`;

test('a note mentions the picked people still named in its text, each once', () => {
  assert.deepEqual(mentionedIn('请 @Li Na 和 @王强 看一下', [li, wang]), ['u-li', 'u-wang']);
  assert.deepEqual(mentionedIn('请 @王强 看一下', [li, wang, wang]), ['u-wang']);
  // A name typed without picking it is text, not a mention.
  assert.deepEqual(mentionedIn('@Li Na', []), []);
});

test('a checklist reads as its progress', () => {
  assert.equal(checklistText([{ text: 'a', isDone: true }, { text: 'b', isDone: false }], t), 'tasks.checklistProgress:1/2');
  assert.equal(checklistText([], t), '');
  assert.equal(checklistText(null, t), '');
});

test("today is the user's local calendar day", () => {
  assert.equal(localToday(new Date(2030, 0, 5, 23, 59)), '2030-01-05');
  assert.equal(localToday(new Date(2030, 11, 31, 0, 1)), '2030-12-31');
});
