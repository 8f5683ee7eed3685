// The receivables hooks: money on instalments and payments is in the contract's currency, a payment
// never takes more than is still due (on its instalment and on the contract), and every write that
// moves money recomputes the contract's figures in the same transaction.
import type { FieldError, ObjectHooks, RecordValues, WrittenRecord } from '../../../records/index.ts';
import { Exact } from '../decimal.ts';
import { dayOf, lockContract, planLines, recomputeContract } from './totals.ts';

/** An amount as the API accepts it (decimal text, number or `{amount, currency}`), split up. */
function moneyOf(value: unknown): { amount: Exact; currency?: string } | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') {
    const money = value as { amount: string | number; currency?: string };
    return { amount: Exact.of(money.amount), currency: money.currency };
  }
  return { amount: Exact.of(value as string | number) };
}

const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/** Gives an amount written without a currency the contract's; one in another currency is refused by `checkMoney`. */
async function inContractCurrency({ caller, changes, proposed }: { caller: WrittenRecord['caller']; changes: RecordValues; proposed: RecordValues }): Promise<RecordValues | void> {
  if (!('amount' in changes) || typeof proposed.contractId !== 'string') return;
  const money = moneyOf(changes.amount);
  const contract = await lockContract(caller.db, proposed.contractId);
  if (!money || money.currency || !contract) return;
  return { amount: { amount: money.amount.toFixed(4), currency: contract.currency } };
}

/** Refuses an amount that is not positive or not in the contract's currency. */
async function checkMoney(caller: WrittenRecord['caller'], proposed: RecordValues): Promise<FieldError[]> {
  const money = moneyOf(proposed.amount);
  const contract = await lockContract(caller.db, String(proposed.contractId));
  if (!money || !contract) return [];
  if (money.amount.isNegative() || money.amount.isZero()) return [fieldError('amount', 'not_positive', 'Enter an amount above zero.')];
  if (money.currency && money.currency !== contract.currency) {
    return [fieldError('amount', 'currency_mismatch', `Enter the amount in the contract's currency (${contract.currency}).`)];
  }
  return [];
}

/** Recomputes the contract the record belongs to, and the one it left when it moved. */
const recompute = async ({ caller, record, before }: WrittenRecord) => {
  const contractIds = new Set([record?.contractId, before?.contractId].filter((id): id is string => typeof id === 'string'));
  for (const contractId of contractIds) await recomputeContract(caller.db, contractId, dayOf(new Date()));
};

/** Contracts start with nothing received; their value may not fall below what was received. */
export const contractHooks: ObjectHooks = {
  beforeWrite: ({ action, changes }) => {
    if (action !== 'create') return;
    const value = moneyOf(changes.value);
    const currency = value?.currency ?? 'CNY';
    return { receivedAmount: { amount: '0.0000', currency }, outstandingAmount: { amount: value?.amount.toFixed(4) ?? '0.0000', currency } };
  },
  validate: ({ action, before, proposed }) => {
    const errors: FieldError[] = [];
    if (proposed.startDate && proposed.endDate && String(proposed.endDate) < String(proposed.startDate)) {
      errors.push(fieldError('endDate', 'before_start', 'The end date cannot be before the start date.'));
    }
    const days = proposed.renewalReminderDays;
    if (typeof days === 'number' && (days < 0 || days > 3650 || !Number.isInteger(days))) {
      errors.push(fieldError('renewalReminderDays', 'out_of_range', 'Enter a whole number of days from 0 to 3650.'));
    }
    const value = moneyOf(proposed.value);
    const received = moneyOf(before?.receivedAmount);
    if (action === 'update' && value && received && !received.amount.isZero()) {
      if (value.currency && value.currency !== received.currency) errors.push(fieldError('value', 'currency_mismatch', 'Payments were received in another currency.'));
      else if (value.amount.minus(received.amount).isNegative()) errors.push(fieldError('value', 'below_received', 'The value cannot be less than what was received.'));
    }
    return errors;
  },
  afterWrite: async ({ caller, action, id, before, record }) => {
    if (action === 'update' && JSON.stringify(before?.value) !== JSON.stringify(record?.value)) await recomputeContract(caller.db, id, dayOf(new Date()));
  },
};

/** Instalments: money in the contract's currency; paid amount and status derived. */
export const instalmentHooks: ObjectHooks = {
  beforeWrite: async (event) => {
    const derived = (await inContractCurrency(event)) ?? {};
    if (event.action === 'create') Object.assign(derived, { status: 'open' });
    return derived;
  },
  validate: async ({ caller, action, id, proposed }) => {
    const errors = await checkMoney(caller, proposed);
    const money = moneyOf(proposed.amount);
    if (errors.length || action !== 'update' || !money) return errors;
    // Never plan less than was already paid against this very instalment.
    const line = (await planLines(caller.db, String(proposed.contractId))).lines.find((l) => l.id === id);
    if (line && money.amount.minus(line.direct).isNegative()) return [fieldError('amount', 'below_received', 'The amount cannot be less than what was paid on it.')];
    return [];
  },
  afterWrite: recompute,
};

/** Payments: in the contract's currency, against an instalment of the same contract, never more than is due. */
export const paymentHooks: ObjectHooks = {
  beforeWrite: inContractCurrency,
  validate: async ({ caller, id, proposed }) => {
    const errors = await checkMoney(caller, proposed);
    if (errors.length) return errors;
    const contract = await lockContract(caller.db, String(proposed.contractId));
    const money = moneyOf(proposed.amount);
    if (!contract || !money) return [];
    const { lines, received } = await planLines(caller.db, String(proposed.contractId), id);
    if (proposed.instalmentId) {
      const line = lines.find((l) => l.id === proposed.instalmentId);
      if (!line) return [fieldError('instalmentId', 'other_contract', 'Choose an instalment of this contract.')];
      const due = line.amount.minus(line.direct);
      if (due.minus(money.amount).isNegative()) {
        return [{ ...fieldError('amount', 'overpayment', `At most ${due.toFixed(2)} is still due on this instalment.`), params: { due: due.toFixed(2) } }];
      }
    }
    const due = contract.value.minus(received);
    if (due.minus(money.amount).isNegative()) {
      return [{ ...fieldError('amount', 'overpayment', `At most ${due.toFixed(2)} is still due on this contract.`), params: { due: due.toFixed(2) } }];
    }
    return [];
  },
  afterWrite: recompute,
};
