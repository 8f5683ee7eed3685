// The order's way to its contract: "Create contract" on a confirmed or fulfilled order (a small dialog
// with the dates and the number of monthly instalments), "Open contract" once it has one.
import { useState } from 'react';
import { Button, NumberInput, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query, request } from '../../app/api.ts';
import { useFormAction } from '../../app/form-problem.ts';
import { can, useObjects } from '../../app/metadata.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import type { RecordRow } from '../../records/useRecordList.ts';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Opens the order's live contract, or makes one from a confirmed order. */
export function OrderContractButton({ order }: { order: RecordRow }) {
  const { t } = useTranslation();
  const objects = useObjects();
  const [isOpen, setOpen] = useState(false);
  const orderId = String(order.id);
  const contracts = useQuery({
    queryKey: ['list', 'contracts', 'order', orderId],
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/contracts${query({ filter: `orderId eq '${orderId}' and status ne 'terminated'`, fields: 'contractNumber', limit: 1 })}`),
    enabled: can(objects.data?.get('contracts'), 'read'),
  });
  const contract = contracts.data?.data[0];
  if (contract) {
    return (
      <Button component={Link} variant="light" to={`/contracts/${String(contract.id)}`}>
        {t('quotes.contract.open', { number: contract.contractNumber })}
      </Button>
    );
  }
  const mayCreate = can(objects.data?.get('contracts'), 'create') && ['confirmed', 'fulfilled'].includes(String(order.status));
  if (!mayCreate || !contracts.isSuccess) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('quotes.contract.create')}</Button>
      {isOpen && <CreateContractDialog orderId={orderId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The dates and plan of the new contract; on success, the contract's page. */
function CreateContractDialog({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [signedDate, setSignedDate] = useState(todayUtc);
  const [startDate, setStartDate] = useState(todayUtc);
  const [endDate, setEndDate] = useState('');
  const [instalments, setInstalments] = useState<number | string>('');
  const form = useFormAction(async () => {
    const body = { signedDate, startDate, ...(endDate ? { endDate } : {}), ...(instalments === '' ? {} : { instalments: Number(instalments) }) };
    const made = await request<RecordRow>('POST', `/api/v1/orders/${orderId}/contract`, body);
    // Back on the order, "Open contract" replaces "Create contract" at once.
    await queryClient.invalidateQueries({ queryKey: ['list', 'contracts'] });
    navigate(`/contracts/${String(made.data.id)}`);
  });
  const error = (field: string) => form.problem?.fields[field];
  return (
    <FormDialog title={t('quotes.contract.title')} form={form} submitLabel={t('quotes.contract.submit')} onClose={onClose}>
      <TextInput type="date" label={t('quotes.contract.signedDate')} value={signedDate} onChange={(e) => setSignedDate(e.currentTarget.value)} error={error('signedDate')} />
      <TextInput type="date" label={t('quotes.contract.startDate')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={error('startDate')} />
      <TextInput type="date" label={t('quotes.contract.endDate')} value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={error('endDate')} />
      <NumberInput
        label={t('quotes.contract.instalments')}
        description={t('quotes.contract.instalmentsHint')}
        min={1}
        max={24}
        allowDecimal={false}
        allowNegative={false}
        value={instalments}
        onChange={setInstalments}
        error={error('instalments')}
        data-autofocus
      />
    </FormDialog>
  );
}
