// A board of any object by one of its select fields (opportunities by stage): drag a card to another
// column to change that field (a PATCH with If-Match), with each column's count and amount totals.
import { useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Box, Card, Group, ScrollArea, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { DndContext, PointerSensor, KeyboardSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../app/api.ts';
import { formatValue } from '../app/format.ts';
import { can, useLabel, useObjects, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import type { RecordRow } from './useRecordList.ts';
import { nameLabel, usePipelines, useStages } from '../domains/sales/pipelines.ts';

interface Totals {
  data: Array<{ key: string | null; count: number; sums: Record<string, Array<{ amount: string; currency: string }>> }>;
}

function BoardCard({ def, row, amount }: { def: ObjectDef; row: RecordRow; amount?: FieldDef }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const navigate = useNavigate();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: row.id, data: { row } });
  // The whole card can be dragged with a pointer, but the keyboard handle is a button of its own: a
  // focusable card around the title's link would nest one control in another.
  const { onKeyDown, ...pointerListeners } = listeners ?? {};
  const title = String(row[def.titleField] ?? '');
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="sm"
      {...pointerListeners}
      onDoubleClick={() => navigate(`/${def.name}/${row.id}`)}
      style={{ transform: transform ? `translate(${transform.x}px, ${transform.y}px)` : undefined, opacity: isDragging ? 0.6 : 1, cursor: 'grab', touchAction: 'none' }}
    >
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600} component={Link} to={`/${def.name}/${row.id}`} onPointerDown={(e) => e.stopPropagation()}>
          {title}
        </Text>
        <ActionIcon variant="subtle" color="gray" size="sm" {...attributes} onKeyDown={onKeyDown as React.KeyboardEventHandler | undefined} aria-label={t('board.move', { title })}>
          <IconGripVertical size={14} />
        </ActionIcon>
      </Group>
      {amount && row[amount.name] ? <Text size="xs" c="dimmed">{formatValue(amount, row[amount.name], i18n.language, pick)}</Text> : null}
    </Card>
  );
}

function Column({ id, label, title, children }: { id: string; label: string; title: ReactNode; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <Box ref={setNodeRef} w={260} miw={260} p="xs" role="region" aria-label={label}
      style={{ background: isOver ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-gray-0)', borderRadius: 8 }}>
      {title}
      <Stack gap="xs" mt="xs">
        {children}
      </Stack>
    </Box>
  );
}

export function BoardPage() {
  const { object = '' } = useParams();
  const { data: objects } = useObjects();
  const def = objects?.get(object);
  if (!def) return <Skeleton h={400} />;
  return <Board def={def} />;
}

function Board({ def }: { def: ObjectDef }) {
  const { t, i18n } = useTranslation();
  const { data: objects } = useObjects();
  const pick = useLabel();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const selects = def.fields.filter((f) => f.type === 'select');
  // Opportunities may be shown by the stages of one pipeline (the sales module's pipelines).
  const stageField = def.name === 'opportunities' ? def.fields.find((f) => f.name === 'stageId') : undefined;
  const pipelineId = stageField ? params.get('pipeline') : null;
  const pipelines = usePipelines(Boolean(stageField));
  const stages = useStages(pipelineId);
  const field = pipelineId ? stageField : (selects.find((f) => f.name === params.get('by')) ?? selects[0]);
  const columns = pipelineId ? (stages.data?.data ?? []).map((s) => ({ value: s.id, label: nameLabel(s) })) : (field?.options ?? []);
  const scope = pipelineId ? { filter: `pipelineId eq '${pipelineId}'` } : {};
  const amount = def.fields.find((f) => f.type === 'currency');
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const rows = useQuery({
    queryKey: ['board', def.name, field?.name, pipelineId],
    enabled: Boolean(field),
    queryFn: () => get<{ data: RecordRow[] }>(`/api/v1/${def.name}${query({ limit: 500, sort: '-updatedAt', ...scope })}`),
  });
  const totals = useQuery({
    queryKey: ['board-totals', def.name, field?.name, pipelineId],
    enabled: Boolean(field),
    queryFn: () => get<Totals>(`/api/v1/${def.name}/aggregate${query({ groupBy: field!.name, sum: amount?.name, ...scope })}`),
  });
  if (!field) return <Alert>{t('board.noField')}</Alert>;

  const move = async (event: DragEndEvent) => {
    const row = event.active.data.current?.row as RecordRow | undefined;
    const to = event.over?.id as string | undefined;
    if (!row || !to || row[field.name] === to) return;
    setError(null);
    // Shown in its new column at once; put back if the server says no.
    client.setQueryData<{ data: RecordRow[] }>(['board', def.name, field.name, pipelineId], (old) => old && { data: old.data.map((r) => (r.id === row.id ? { ...r, [field.name]: to } : r)) });
    try {
      await request('PATCH', `/api/v1/${def.name}/${row.id}`, { [field.name]: to }, { 'if-match': `"${row.version}"` });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 412 ? t('board.changedMeanwhile') : caught instanceof ApiError ? caught.message : t('common.error'));
    }
    await client.invalidateQueries({ queryKey: ['board', def.name] });
    await client.invalidateQueries({ queryKey: ['board-totals', def.name] });
    await client.invalidateQueries({ queryKey: ['record', def.name, row.id] });
  };

  const columnTotal = (value: string) => {
    const group = totals.data?.data.find((g) => g.key === value);
    const sums = amount ? (group?.sums[amount.name] ?? []) : [];
    return `${t('board.count', { count: group?.count ?? 0 })}${sums.length ? ' · ' : ''}${sums.map((m) => formatValue(amount!, m, i18n.language, pick)).join(' · ')}`;
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {pick(def.labelPlural)}
        </Title>
        <Group gap="xs">
          {stageField && (
            <Select
              aria-label={t('sales.board.pipeline')}
              size="xs"
              placeholder={t('sales.board.standardStages')}
              clearable
              data={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: pick(nameLabel(p)) }))}
              value={pipelineId}
              onChange={(v) => setParams(v ? { pipeline: v } : {})}
            />
          )}
          {!pipelineId && (
            <Select aria-label={t('board.groupBy')} size="xs" data={selects.map((f) => ({ value: f.name, label: pick(f.label) }))} value={field.name} onChange={(v) => v && setParams({ by: v })} />
          )}
          {stageField && can(objects?.get('pipelines'), 'edit') && (
            <Anchor component={Link} to="/sales/pipelines" size="sm">
              {t('sales.board.manage')}
            </Anchor>
          )}
        </Group>
      </Group>
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {rows.isPending ? (
        <Skeleton h={300} />
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <DndContext sensors={sensors} onDragEnd={move}>
            <Group align="flex-start" wrap="nowrap" gap="sm">
              {columns.map((option) => (
                <Column
                  key={option.value}
                  id={option.value}
                  label={pick(option.label)}
                  title={
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text fw={600} size="sm">
                          {pick(option.label)}
                        </Text>
                        <Badge size="xs" variant="light">
                          {totals.data?.data.find((g) => g.key === option.value)?.count ?? 0}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {columnTotal(option.value)}
                      </Text>
                    </Stack>
                  }
                >
                  {rows.data?.data.filter((r) => r[field.name] === option.value).map((row) => <BoardCard key={row.id} def={def} row={row} amount={amount} />)}
                </Column>
              ))}
            </Group>
          </DndContext>
        </ScrollArea>
      )}
    </Stack>
  );
}
