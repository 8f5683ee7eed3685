// UUIDv7 (RFC 9562): time-ordered ids, so new rows land at the end of the primary-key index.
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 256 ids at a time: one call into the crypto library per id was a visible share
// of a large import's time.
const pool = new Uint8Array(16 * 256);
let poolAt = pool.length;
const hexOf = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function randomBytes16(): Uint8Array {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = pool.slice(poolAt, poolAt + 16);
  poolAt += 16;
  return bytes;
}

/** Returns a new UUIDv7 string; ids made in the same millisecond still sort in creation order. */
export function newId(now = Date.now()): string {
  const bytes = randomBytes16();
  if (now <= lastMs) {
    now = lastMs;
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) now = ++lastMs; // 4,096 ids in one millisecond: borrow the next one
  } else {
    sequence = bytes[6]! & 0x07; // random start, with headroom for the counter
  }
  lastMs = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = now & 0xff;
    now = Math.floor(now / 256);
  }
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = '';
  for (const byte of bytes) hex += hexOf[byte]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (any version), so it can be bound as a uuid parameter safely. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
