// Two contracts of the demo company with their payment plans, in Chinese and in English: one has an
// overdue, partly paid instalment (so the overdue list and the ageing report have something to show),
// the other ends within its reminder days.
import { createRecord, type Caller } from '../../../records/index.ts';

const DAY_MS = 86_400_000;

interface DemoCustomer {
  id: string;
  ownerId: string;
  isChinese: boolean;
}

/** Seeds the demo contracts, plans and payments for a Chinese and an English customer, dated around `now`. */
export async function seedReceivablesDemo(c: Caller, customers: DemoCustomer[], now: Date): Promise<void> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dateAt = (days: number) => new Date(today + days * DAY_MS).toISOString().slice(0, 10);
  const chinese = customers.find((x) => x.isChinese);
  const english = customers.find((x) => !x.isChinese);
  const contract = async (customer: DemoCustomer | undefined, values: Record<string, unknown>, plan: Array<[number, string, string | null]>) => {
    if (!customer) return;
    const currency = (values.value as { currency: string }).currency;
    const { id } = await createRecord(c, 'contracts', { accountId: customer.id, ownerId: customer.ownerId, status: 'active', ...values });
    for (const [n, [due, amount, paid]] of plan.entries()) {
      const instalment = await createRecord(c, 'paymentPlans', { contractId: id, number: n + 1, dueDate: dateAt(due), amount: { amount, currency }, ownerId: customer.ownerId });
      if (paid) {
        await createRecord(c, 'payments', {
          contractId: id,
          instalmentId: instalment.id,
          paymentDate: dateAt(due + 3),
          amount: { amount: paid, currency },
          method: 'bankTransfer',
          reference: `${currency}-${dateAt(due + 3).replaceAll('-', '')}-${n + 1}`,
          ownerId: customer.ownerId,
        });
      }
    }
  };
  await contract(
    chinese,
    { title: '年度软件服务合同', value: { amount: '360000', currency: 'CNY' }, signedDate: dateAt(-125), startDate: dateAt(-120), endDate: dateAt(245), renewalReminderDays: 60, notes: '首付款到账后开通全部模块。' },
    [[-90, '120000', '120000'], [-40, '120000', '50000'], [50, '120000', null]],
  );
  await contract(
    english,
    { title: 'Support and maintenance 2026', value: { amount: '48000', currency: 'USD' }, signedDate: dateAt(-350), startDate: dateAt(-345), endDate: dateAt(20), renewalReminderDays: 30, isAutoRenew: true },
    [[-10, '24000', '24000'], [80, '24000', null]],
  );
}
