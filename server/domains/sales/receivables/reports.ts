// The overdue list and the ageing report: figures from `ageing-sql.ts`, with the names of contracts
// and customers read through the engine as the caller, so field security applies to them as anywhere.
import { listRecords, type Caller } from '../../../records/index.ts';
import { Exact } from '../decimal.ts';
import { ageingCells, openInstalments } from './ageing-sql.ts';
import { bucketNames, type AgeingReport, type BucketName, type Buckets, type OverdueRow } from './report-shape.ts';

const money = (text: string) => Exact.of(text).toFixed(2);

/** Titles (or chosen fields) of records the caller may read, by id; others are absent. */
async function readByIds(c: Caller, object: string, ids: Iterable<string>): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 200) {
    const chunk = unique.slice(i, i + 200);
    try {
      const { data } = await listRecords(c, object, { filter: `id in (${chunk.map((id) => `'${id}'`).join(', ')})`, limit: 200 });
      for (const record of data) found.set(String(record.id), record);
    } catch {
      return found; // no read permission on the object: the names stay unknown, the figures remain
    }
  }
  return found;
}

/** The caller's instalments due before `asOf` and not fully paid by then, longest overdue first. */
export async function overdueList(c: Caller, asOf: string, limit: number): Promise<{ asOf: string; data: OverdueRow[] }> {
  const lines = await openInstalments(c, asOf, { isOverdueOnly: true, limit });
  const contracts = await readByIds(c, 'contracts', lines.map((l) => l.contractId));
  const accounts = await readByIds(c, 'accounts', lines.flatMap((l) => (l.accountId ? [l.accountId] : [])));
  const data = lines
    .map((l) => ({
      instalmentId: l.id,
      contractId: l.contractId,
      contractNumber: (contracts.get(l.contractId)?.contractNumber as string | undefined) ?? null,
      contractTitle: (contracts.get(l.contractId)?.title as string | undefined) ?? null,
      accountId: l.accountId,
      accountName: (l.accountId && (accounts.get(l.accountId)?.name as string | undefined)) || null,
      number: l.number,
      dueDate: l.dueDate,
      currency: l.currency,
      amount: money(l.amount),
      outstanding: money(l.outstanding),
      daysOverdue: l.daysPastDue,
    }))
    .toSorted((a, b) => b.daysOverdue - a.daysOverdue || a.contractId.localeCompare(b.contractId) || a.number - b.number);
  return { asOf, data };
}


const shown = (buckets: Record<BucketName, string | Exact>) => Object.fromEntries(bucketNames.map((b) => [b, Exact.of(buckets[b]).toFixed(2)])) as Buckets;

/** Outstanding amounts per customer and currency in ageing buckets on `asOf`, with totals per currency. */
export async function ageingReport(c: Caller, asOf: string): Promise<AgeingReport> {
  const cells = await ageingCells(c, asOf);
  const accounts = await readByIds(c, 'accounts', cells.flatMap((cell) => (cell.accountId ? [cell.accountId] : [])));
  const totals = new Map<string, { buckets: Record<BucketName, Exact>; total: Exact }>();
  for (const cell of cells) {
    const sum = totals.get(cell.currency) ?? { buckets: Object.fromEntries(bucketNames.map((b) => [b, Exact.zero])) as Record<BucketName, Exact>, total: Exact.zero };
    for (const b of bucketNames) sum.buckets[b] = sum.buckets[b].plus(cell.buckets[b]);
    sum.total = sum.total.plus(cell.total);
    totals.set(cell.currency, sum);
  }
  return {
    asOf,
    rows: cells.map((cell) => ({
      accountId: cell.accountId,
      accountName: (cell.accountId && (accounts.get(cell.accountId)?.name as string | undefined)) || null,
      currency: cell.currency,
      buckets: shown(cell.buckets),
      total: money(cell.total),
    })),
    totals: [...totals].map(([currency, sum]) => ({ currency, buckets: shown(sum.buckets), total: sum.total.toFixed(2) })),
  };
}
