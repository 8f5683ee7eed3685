// The 360° timeline of a record: its activities and its field changes, newest first, with quick
// actions to log a call, add a note or create a task about it.
import { Suspense, lazy, useState } from 'react';
import { Button, Card, Group, SegmentedControl, Skeleton, Stack, Text, TextInput, Timeline as MantineTimeline } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../app/api.ts';
import { formatRelative, formatValue } from '../app/format.ts';
import { useLabel, useObjects, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { referencedIds, referenceTargetOf, useTeamNames, useTitlesAcross } from '../app/titles.ts';
import { bookkeepingFields, useStageNames } from '../domains/sales/pipelines.ts';
import { checklistText } from '../domains/collaboration/tasks.ts';
import type { RecordRow } from './useRecordList.ts';

// The collaboration module's note editor (with @mentions) and task form, and what it shows under them.
const Composer = lazy(() => import('../domains/collaboration/Composer.tsx').then((m) => ({ default: m.Composer })));
const TimelineDetails = lazy(() => import('../domains/collaboration/TimelineDetails.tsx'));

interface Entry {
  kind: string;
  at: string;
  [key: string]: unknown;
}

// The owner is a system field, not in the object's field list.
const ownerField: FieldDef = { name: 'ownerId', type: 'owner', label: { en: 'Owner', 'zh-CN': '负责人' } };

export function Timeline({ def, id }: { def: ObjectDef; id: string }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const activities = objects?.get('activities');
  const [type, setType] = useState('call');
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<string | null>(null);
  const timeline = useQuery({
    queryKey: ['timeline', def.name, id],
    queryFn: () => get<{ data: Entry[] }>(`/api/v1/${def.name}/${id}/timeline?limit=100`),
  });
  // The sales module's stage moves carry stage ids: their names are read once per page.
  const moves = (timeline.data?.data ?? [])
    .filter((e) => e.kind === 'stageChange')
    .map((e) => e.stageChange as Record<string, unknown> | undefined);
  const stageNames = useStageNames(moves.flatMap((m) => [m?.fromStageId, m?.toStageId]).filter((v): v is string => typeof v === 'string'));
  // Field changes name linked records (an owner, an account) by their titles, not their ids.
  const fieldOf = (name: string): FieldDef | undefined => (name === 'ownerId' ? ownerField : def.fields.find((f) => f.name === name));
  // So do ids a text field `refersTo` (a team, a record no foreign key reaches).
  const changed = (timeline.data?.data ?? [])
    .filter((e) => e.kind === 'change')
    .flatMap((e) => (e.changes as Array<{ field: string; from: unknown; to: unknown }> | undefined) ?? []);
  const named = changed.flatMap((c) => {
    const field = fieldOf(c.field);
    return [c.from, c.to].flatMap((v) => referencedIds(field, v)).map((ref) => ({ object: referenceTargetOf(field), id: ref }));
  });
  const recordTitles = useTitlesAcross(named.filter((n) => n.object !== 'teams'));
  const teamNames = useTeamNames(named.filter((n) => n.object === 'teams').map((n) => n.id));

  const log = async () => {
    if (!subject.trim()) return;
    setError(null);
    try {
      // Calls are logged here; notes and tasks have their own composer (the collaboration module).
      await request('POST', '/api/v1/activities', {
        type,
        subject: subject.trim(),
        status: 'done',
        startAt: new Date().toISOString(),
        relatedObject: def.name,
        relatedId: id,
      });
      setSubject('');
      await client.invalidateQueries({ queryKey: ['timeline', def.name, id] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
  };

  const describe = (entry: Entry) => {
    if (entry.kind === 'change') {
      const changes = (entry.changes as Array<{ field: string; from: unknown; to: unknown }> | undefined) ?? [];
      const action = String(entry.action ?? 'update');
      if (action !== 'update') return t(`timeline.action.${action}`, { defaultValue: action });
      return changes
        .filter((c) => def.name !== 'opportunities' || !bookkeepingFields.has(c.field))
        .map((c) => {
          const field = fieldOf(c.field);
          const isLink = field?.type === 'lookup' || field?.type === 'owner' || Boolean(field?.refersTo);
          const names = field?.refersTo === 'teams' ? teamNames.data : recordTitles;
          // A task's checklist reads as its progress (2/3 done), not as JSON.
          const isChecklist = def.name === 'activities' && c.field === 'checklist';
          const show = (v: unknown) =>
            (isChecklist
              ? checklistText(v, t)
              : isLink && (typeof v === 'string' || Array.isArray(v))
                ? referencedIds(field, v)
                    .map((ref) => names?.get(ref) ?? '…')
                    .join(t('common.listSeparator'))
                : field
                  ? formatValue(field, v, i18n.language, pick)
                  : String(v ?? '')) || t('timeline.empty');
          return t('timeline.changed', { field: field ? pick(field.label) : c.field, from: show(c.from), to: show(c.to) });
        })
        .join(t('common.listSeparator'));
    }
    const record = (entry[entry.kind] ?? entry.activity) as Record<string, unknown> | undefined;
    if (entry.kind === 'payment') {
      const money = record?.amount as { amount: string; currency: string } | undefined;
      return t('receivables.timeline.payment', {
        amount: money
          ? new Intl.NumberFormat(i18n.language, { style: 'currency', currency: money.currency }).format(Number(money.amount))
          : '',
      });
    }
    if (entry.kind === 'approval') {
      // The approvals module's decisions on this record (submit, approve, reject …) with their comment.
      const decision = t(`approvals.decisions.${String(record?.decision)}`, { defaultValue: String(record?.decision ?? '') });
      return t('approvals.timeline', { decision, comment: record?.comment ? `${t('common.colon')}${String(record.comment)}` : '' });
    }
    if (entry.kind === 'stageChange') {
      const name = (stageId: unknown) => pick(stageNames.data?.get(String(stageId))) || '…';
      return record?.fromStageId
        ? t('sales.timeline.moved', { from: name(record.fromStageId), to: name(record.toStageId) })
        : t('sales.timeline.entered', { to: name(record?.toStageId) });
    }
    const typeField = activities?.fields.find((f) => f.name === 'type');
    const typeLabel = typeField ? formatValue(typeField, record?.type, i18n.language, pick) : '';
    return `${typeLabel}${typeLabel ? t('common.colon') : ''}${String(record?.subject ?? '')}`;
  };

  return (
    <Card withBorder>
      <Text fw={600} mb="sm">
        {t('timeline.title')}
      </Text>
      {activities?.actions.includes('create') && (
        <Stack gap="xs" mb="md">
          <SegmentedControl
            size="xs"
            value={type}
            onChange={setType}
            data={[
              { value: 'call', label: t('timeline.logCall') },
              { value: 'note', label: t('timeline.addNote') },
              { value: 'task', label: t('timeline.createTask') },
            ]}
          />
          {type !== 'call' ? (
            <Suspense fallback={<Skeleton h={80} />}>
              <Composer type={type as 'note' | 'task'} def={def} id={id} />
            </Suspense>
          ) : (
            <Group gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t('timeline.subject')}
                placeholder={t('timeline.subject')}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && log()}
                style={{ flex: 1 }}
                error={error}
              />
              <Button onClick={log}>{t('common.save')}</Button>
            </Group>
          )}
        </Stack>
      )}
      {timeline.isPending && <Skeleton h={120} />}
      {timeline.isError && <Text c="red">{t('common.error')}</Text>}
      {timeline.data?.data.length === 0 && <Text c="dimmed">{t('timeline.none')}</Text>}
      <MantineTimeline bulletSize={12} lineWidth={2}>
        {timeline.data?.data.map((entry, i) => (
          <MantineTimeline.Item
            key={`${entry.at}-${i}`}
            title={entry.kind === 'change' && entry.action === 'update' ? undefined : describe(entry)}
          >
            {entry.kind === 'change' && entry.action === 'update' && <Text size="sm">{describe(entry)}</Text>}
            {entry.kind === 'activity' && ['note', 'task'].includes(String((entry.activity as RecordRow | undefined)?.type)) && (
              <Suspense fallback={null}>
                <TimelineDetails activity={entry.activity as RecordRow} />
              </Suspense>
            )}
            <Text size="xs" c="dimmed">
              {formatRelative(entry.at, i18n.language)}
            </Text>
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
    </Card>
  );
}
