// The bilingual demo company loaded on first start and by `guanxi seed-demo`.
import type { Caller } from '../records/read.ts';
import { createRecord } from '../records/write.ts';

export interface SeedSummary {
  [object: string]: number;
}

/** Loads the demo data through the records engine (so search tokens and history are real). */
export async function seedDemo(c: Caller): Promise<SeedSummary> {
  await createRecord(c, 'accounts', { name: '北京星空在线文化传播有限公司', city: '北京' });
  return { accounts: 1 };
}
