// The "Record payment" and "Add instalment" dialogs of a contract: plain forms over the generic
// records API; the server's field errors (an overpayment, a wrong currency) show under their fields.
import { useState } from 'react';
import { Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../app/api.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import type { RecordRow } from '../../records/useRecordList.ts';
import { todayUtc, type Money } from './receivables-api.ts';

const methods = ['bankTransfer', 'acceptanceBill', 'cheque', 'cash', 'card', 'other'] as const;

/** Records a payment received on a contract, against one of its instalments or the whole contract. */
export function RecordPaymentDialog({ contract, instalments, onClose, onSaved }: { contract: RecordRow; instalments: RecordRow[]; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const currency = (contract.value as Money | null)?.currency ?? 'CNY';
  const open = instalments.filter((i) => i.status !== 'paid');
  const [instalmentId, setInstalmentId] = useState<string | null>(open[0] ? String(open[0].id) : null);
  const [paymentDate, setPaymentDate] = useState(todayUtc);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<string>('bankTransfer');
  const [reference, setReference] = useState('');
  const form = useFormAction(async () => {
    await request('POST', '/api/v1/payments', {
      contractId: contract.id,
      instalmentId,
      paymentDate,
      amount: { amount: amount.trim(), currency },
      method,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
    await onSaved();
    onClose();
  });
  const error = (field: string) => form.problem?.fields[field];
  return (
    <FormDialog title={t('receivables.payment.title')} form={form} submitLabel={t('receivables.payment.save')} onClose={onClose}>
      <Select
        label={t('receivables.instalment')}
        data={[
          { value: '', label: t('receivables.payment.wholeContract') },
          ...open.map((i) => ({ value: String(i.id), label: t('receivables.instalmentLabel', { number: i.number, date: i.dueDate }) })),
        ]}
        value={instalmentId ?? ''}
        onChange={(v) => setInstalmentId(v || null)}
        allowDeselect={false}
        error={error('instalmentId')}
      />
      <TextInput type="date" label={t('receivables.payment.date')} withAsterisk value={paymentDate} onChange={(e) => setPaymentDate(e.currentTarget.value)} error={error('paymentDate')} />
      <TextInput label={t('receivables.payment.amount', { currency })} withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={error('amount')} data-autofocus />
      <Select
        label={t('receivables.payment.method')}
        data={methods.map((m) => ({ value: m, label: t(`receivables.methods.${m}`) }))}
        value={method}
        onChange={(v) => setMethod(v ?? 'bankTransfer')}
        allowDeselect={false}
        error={error('method')}
      />
      <TextInput label={t('receivables.payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={error('reference')} maxLength={100} />
    </FormDialog>
  );
}

/** Adds an instalment to a contract's payment plan. */
export function AddInstalmentDialog({ contract, next, onClose, onSaved }: { contract: RecordRow; next: number; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const currency = (contract.value as Money | null)?.currency ?? 'CNY';
  const [dueDate, setDueDate] = useState(todayUtc);
  const [amount, setAmount] = useState('');
  const form = useFormAction(async () => {
    await request('POST', '/api/v1/paymentPlans', { contractId: contract.id, number: next, dueDate, amount: { amount: amount.trim(), currency } });
    await onSaved();
    onClose();
  });
  const error = (field: string) => form.problem?.fields[field];
  return (
    <FormDialog title={t('receivables.plan.addTitle', { number: next })} form={form} submitLabel={t('receivables.plan.add')} onClose={onClose}>
      <TextInput type="date" label={t('receivables.dueDate')} withAsterisk value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={error('dueDate')} />
      <TextInput label={t('receivables.payment.amount', { currency })} withAsterisk inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={error('amount')} data-autofocus />
    </FormDialog>
  );
}
