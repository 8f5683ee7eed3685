// The calendar on a record's page (an account, contact, opportunity or lead): its planned events and
// "Plan an event" about it — a visit by default — which puts the organiser's manager in cc.
import { useState } from 'react';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { formatRange } from './calendar-format.ts';
import type { CalendarEvent } from './calendar-api.ts';
import { EventDialog, type EventDraft } from './EventDialog.tsx';

export default function RecordEventsPanel({ def, record }: { def: ObjectDef; record: RecordRow }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<EventDraft | null>(null);
  const events = useQuery({
    queryKey: ['list', 'calendarEvents', 'about', record.id],
    queryFn: () =>
      get<{ data: CalendarEvent[] }>(`/api/v1/calendarEvents${query({ filter: `relatedId eq '${record.id}' and status eq 'planned'`, sort: 'startAt', fields: 'subject,type,startAt,endAt,status,rrule', limit: 20 })}`),
  });
  const plan = () => {
    const start = new Date();
    start.setHours(start.getHours() + 24, 0, 0, 0);
    setDraft({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString(), type: 'visit', relatedObject: def.name, relatedId: record.id });
  };
  const planned = events.data?.data ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{t('calendar.panel.title')}</Text>
        <Button size="xs" onClick={plan}>
          {t('calendar.panel.plan')}
        </Button>
      </Group>
      <Stack gap={4}>
        {events.data && planned.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('calendar.panel.none')}
          </Text>
        )}
        {planned.map((e) => (
          <Text size="sm" key={e.id}>
            {t(`calendar.types.${e.type}`)} · {e.subject} · {formatRange(e.startAt, e.endAt, i18n.language)}
          </Text>
        ))}
      </Stack>
      {draft && <EventDialog opened onClose={() => setDraft(null)} draft={draft} />}
    </Card>
  );
}
