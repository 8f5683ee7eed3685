// PGlite's shared buffers sit in its WebAssembly memory and are resident from the start: they are
// kept small so an embedded server stays within its memory target (docs/performance.md, "Memory").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openEmbeddedDatabase } from './embedded.ts';

test('the embedded database runs with 32 MB of shared buffers', async () => {
  const db = await openEmbeddedDatabase();
  try {
    const [row] = await db.rows<{ shared_buffers: string }>(sql`show shared_buffers`);
    assert.equal(row?.shared_buffers, '32MB');
  } finally {
    await db.close();
  }
});
