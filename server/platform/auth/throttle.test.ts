// Sign-in throttling in the database on a controllable clock: an account locks after its failures
// (429 + Retry-After, even for the right password), unlocks when the block is over, and a success
// resets its counter; an IP address locks after its own, larger number of failures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from '../../testing.ts';
import { listAuditEvents } from '../audit/audit.ts';
import { accountThrottleKey, blockedFor, countWithinLimit, pruneCounters, recordFailure } from './throttle.ts';
import { assertProblem, createUser, fakeClock, MINUTE, send } from './test-support.ts';

const clock = fakeClock('2030-07-01T10:00:00Z');
let t: TestContext;
let ipCounter = 0;
/** Each test signs in from its own address, so per-IP counts do not mix. */
const newIp = () => `192.0.2.${++ipCounter}`;

before(async () => {
  t = await startTestApp({
    now: clock.now,
    settings: { auth: { loginMaxFailures: 5, loginMaxFailuresPerIp: 8, loginWindowMinutes: 15 } },
  });
});
after(() => t.close());

const login = (email: string, password: string, remoteAddress: string) =>
  send(t, 'POST', '/api/v1/auth/login', { body: { email, password }, remoteAddress });

test('five failures lock the account for the window: 429 with Retry-After, even with the right password', async () => {
  const user = await createUser(t);
  const ip = newIp();
  for (let i = 1; i <= 4; i++) assertProblem(await login(user.email, `wrong password ${i}`, ip), 401);
  const locking = await login(user.email, 'wrong password 5', ip);
  assertProblem(locking, 429);
  assert.equal(locking.headers['retry-after'], String(15 * 60));
  clock.advance(5 * MINUTE);
  const locked = await login(user.email, user.password, newIp()); // from anywhere
  assertProblem(locked, 429);
  assert.equal(locked.headers['retry-after'], String(10 * 60));
  assert.ok((await listAuditEvents(t.db, 30)).some((e) => e.action === 'auth.lockout' && e.target === `user:${user.id}`));
  clock.advance(10 * MINUTE);
  assert.equal((await login(user.email, user.password, newIp())).status, 200, 'unlocked when the block is over');
});

test('a successful sign-in resets the account counter; failures spread over more than the window do not lock', async () => {
  const user = await createUser(t);
  for (let i = 0; i < 4; i++) assertProblem(await login(user.email, 'wrong password', newIp()), 401);
  assert.equal((await login(user.email, user.password, newIp())).status, 200);
  for (let i = 0; i < 4; i++) assertProblem(await login(user.email, 'wrong password', newIp()), 401);
  assert.equal((await login(user.email, user.password, newIp())).status, 200, 'the counter had been reset');
  for (let i = 0; i < 4; i++) assertProblem(await login(user.email, 'wrong password', newIp()), 401);
  clock.advance(16 * MINUTE);
  assertProblem(await login(user.email, 'wrong password', newIp()), 401); // a new window: 1 failure
  assert.equal((await login(user.email, user.password, newIp())).status, 200);
});

test('unknown e-mail addresses count too, and one IP address locks after its own limit across accounts', async () => {
  const ip = newIp();
  for (let i = 1; i <= 7; i++) assertProblem(await login(`nobody${i}@example.com`, 'whatever password', ip), 401);
  const locking = await login('nobody8@example.com', 'whatever password', ip);
  assertProblem(locking, 429);
  const user = await createUser(t);
  const fromLockedIp = await login(user.email, user.password, ip);
  assertProblem(fromLockedIp, 429);
  assert.ok(Number(fromLockedIp.headers['retry-after']) > 0);
  assert.equal((await login(user.email, user.password, newIp())).status, 200, 'other addresses are not affected');
  assert.ok((await listAuditEvents(t.db, 40)).some((e) => e.action === 'auth.lockout' && e.target === `ip:${ip}`));
});

test('the counters hold across processes: they live in the database, and old ones are pruned', async () => {
  const key = accountThrottleKey(`shared${process.pid}@example.com`);
  const rule = { max: 3, windowMs: 15 * MINUTE, blockMs: 15 * MINUTE };
  const now = clock.now();
  // Two "processes" sharing one database see the same count.
  assert.equal(await recordFailure(t.db, key, rule, now), 0);
  assert.equal(await recordFailure(t.db, key, rule, now), 0);
  assert.equal(await recordFailure(t.db, key, rule, now), 15 * 60);
  assert.equal(await blockedFor(t.db, key, new Date(now.getTime() + 14 * MINUTE)), 60);
  assert.equal(await blockedFor(t.db, key, new Date(now.getTime() + 15 * MINUTE)), 0);
  assert.equal(await countWithinLimit(t.db, 'quota-test', 2, MINUTE, now), true);
  assert.equal(await countWithinLimit(t.db, 'quota-test', 2, MINUTE, now), true);
  assert.equal(await countWithinLimit(t.db, 'quota-test', 2, MINUTE, now), false);
  assert.equal(await countWithinLimit(t.db, 'quota-test', 2, MINUTE, new Date(now.getTime() + MINUTE)), true);
  await pruneCounters(t.db, new Date(now.getTime() + 2 * 24 * 60 * MINUTE));
  assert.equal(await blockedFor(t.db, key, now), 0, 'pruned');
});
