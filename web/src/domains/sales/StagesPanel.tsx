// An opportunity's stages on its record page: the time it spent in each stage (the current one up to
// now), a badge when it is stale, and a move to another stage of its pipeline that asks for what
// the stage requires (a loss reason …) when the server says it is missing.
import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../../app/api.ts';
import { useLabel, type ObjectDef } from '../../app/metadata.ts';
import { FieldInput } from '../../records/FieldInput.tsx';
import type { RecordRow } from '../../records/useRecordList.ts';
import { nameLabel, useStages, type StageHistory } from './pipelines.ts';


/** A duration in days and hours, in the screen's language. */
function useDuration() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const hours = Math.floor(seconds / 3600);
    const [days, rest] = [Math.floor(hours / 24), hours % 24];
    if (days > 0) return t('sales.stages.daysHours', { days, hours: rest });
    return hours > 0 ? t('sales.stages.hours', { count: hours }) : t('sales.stages.lessThanHour');
  };
}

export function StagesPanel({ def, record, canEdit: mayEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const duration = useDuration();
  const id = record.id;
  const history = useQuery({ queryKey: ['opportunityStages', id, record.version], queryFn: () => get<StageHistory>(`/api/v1/opportunities/${id}/stages`) });
  const stages = useStages(record.pipelineId as string | null);
  const [target, setTarget] = useState<string | null>(null);
  const [missing, setMissing] = useState<Array<{ field: string; message: string }>>([]);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);

  const move = async () => {
    if (!target) return;
    setError(null);
    try {
      await request('PATCH', `/api/v1/opportunities/${id}`, { stageId: target, ...values }, { 'if-match': `"${record.version}"` });
      setTarget(null);
      setMissing([]);
      setValues({});
      await client.invalidateQueries({ queryKey: ['record', def.name, id] });
      await client.invalidateQueries({ queryKey: ['timeline', def.name, id] });
    } catch (caught) {
      const errors = caught instanceof ApiError ? (caught.problem.errors ?? []) : [];
      // The fields the stage requires come back as field errors: ask for them right here.
      const asked = errors.filter((e) => def.fields.some((f) => f.name === e.field && !f.isReadOnly));
      if (asked.length) setMissing(asked);
      else setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('sales.stages.title')}</Text>
        {record.isStale === true && (
          <Badge color="red.9" variant="filled">
            {t('sales.stages.stale')}
          </Badge>
        )}
      </Group>
      {history.isPending ? (
        <Skeleton h={80} />
      ) : (
        <Table striped withRowBorders={false} aria-label={t('sales.stages.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sales.stages.stage')}</Table.Th>
              <Table.Th>{t('sales.stages.timeInStage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data?.totals.map((s) => (
              <Table.Tr key={s.stageId}>
                <Table.Td>
                  {pick(s.label)}
                  {s.stageId === history.data?.stageId ? ` · ${t('sales.stages.current')}` : ''}
                </Table.Td>
                <Table.Td>{duration(s.seconds)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayEdit && stages.data && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={t('sales.stages.moveTo')}
              style={{ flex: 1 }}
              data={stages.data.data.filter((s) => s.id !== record.stageId).map((s) => ({ value: s.id, label: pick(nameLabel(s)) }))}
              value={target}
              onChange={(v) => {
                setTarget(v);
                setMissing([]);
              }}
            />
            <Button onClick={move} disabled={!target}>
              {t('sales.stages.move')}
            </Button>
          </Group>
          {missing.length > 0 && <Text size="sm">{t('sales.stages.needs')}</Text>}
          {missing.map((m) => {
            const field = def.fields.find((f) => f.name === m.field)!;
            return <FieldInput key={m.field} field={field} value={values[m.field] ?? null} error={m.message} onChange={(v) => setValues((old) => ({ ...old, [m.field]: v }))} />;
          })}
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

export default StagesPanel;
