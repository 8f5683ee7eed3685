// One occurrence, opened from the calendar: when, where, what it is about, who attends and who is in
// cc; "Mark done" with the outcome (logged on the record's timeline), edit, and removing one occurrence.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Drawer, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useTitles, useTitlesAcross } from '../../app/titles.ts';
import { markDone, refreshCalendar, removeOccurrence, useEvent, type Occurrence } from './calendar-api.ts';
import { EventDialog } from './EventDialog.tsx';
import { formatRange } from './calendar-format.ts';

export function EventDrawer({ occurrence, onClose }: { occurrence: Occurrence | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const event = useEvent(occurrence?.eventId ?? null);
  const [outcome, setOutcome] = useState('');
  const [isMarking, setMarking] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const record = event.data;
  const about = useTitlesAcross([{ object: occurrence?.relatedObject, id: occurrence?.relatedId }]);
  const people = useTitles('users', [...(record?.attendeeUserIds ?? []), ...(record?.ccUserIds ?? []), record?.ownerId]);
  const contacts = useTitles('contacts', record?.attendeeContactIds ?? []);
  const names = (ids: string[] | null | undefined, from = people.data) => (ids ?? []).map((id) => from?.get(id) ?? '…').join(t('common.listSeparator'));

  const close = () => {
    setOutcome('');
    setMarking(false);
    setError(null);
    onClose();
  };
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await refreshCalendar(client);
      close();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : t('common.error'));
    }
  };
  const isSeriesOccurrence = Boolean(occurrence?.isRecurring && !occurrence.seriesId && occurrence.occurrenceStart);

  return (
    <Drawer opened={occurrence !== null} onClose={close} position="right" title={occurrence?.subject ?? ''} size="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {occurrence && (
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          <Group gap="xs">
            {/* Filled: a light badge of a dark shade drew its text in its own background colour. */}
            <Badge variant="filled" color="blue.9">
              {t(`calendar.types.${occurrence.type}`)}
            </Badge>
            <Badge variant="filled" color={occurrence.status === 'done' ? 'green.9' : occurrence.status === 'cancelled' ? 'gray.8' : 'cyan.9'}>
              {t(`calendar.status.${occurrence.status}`)}
            </Badge>
            {occurrence.isRecurring && (
              <Badge variant="outline" color="gray.8">
                {t('calendar.repeats')}
              </Badge>
            )}
          </Group>
          <Text>{formatRange(occurrence.startAt, occurrence.endAt, i18n.language)}</Text>
          {occurrence.location && <Text size="sm">{t('calendar.at', { location: occurrence.location })}</Text>}
          {occurrence.relatedId && (
            <Text size="sm">
              {t('calendar.about')}{' '}
              <Anchor component={Link} to={`/${occurrence.relatedObject}/${occurrence.relatedId}`}>
                {about?.get(occurrence.relatedId) || t('common.untitled')}
              </Anchor>
            </Text>
          )}
          {event.isPending && <Skeleton h={60} />}
          {record && (
            <Stack gap={4}>
              <Text size="sm">{t('calendar.organiser', { name: people.data?.get(record.ownerId) ?? '…' })}</Text>
              {(record.attendeeUserIds?.length ?? 0) + (record.attendeeContactIds?.length ?? 0) > 0 && (
                <Text size="sm">{t('calendar.attendees', { names: [names(record.attendeeUserIds), names(record.attendeeContactIds, contacts.data)].filter(Boolean).join(t('common.listSeparator')) })}</Text>
              )}
              {(record.ccUserIds?.length ?? 0) > 0 && <Text size="sm">{t('calendar.ccList', { names: names(record.ccUserIds) })}</Text>}
              {record.description && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {record.description}
                </Text>
              )}
              {record.outcome && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {t('calendar.outcomeWas', { outcome: record.outcome })}
                </Text>
              )}
            </Stack>
          )}
          {occurrence.status === 'planned' && !isMarking && (
            <Group gap="xs" wrap="wrap">
              <Button onClick={() => setMarking(true)}>{t('calendar.markDone')}</Button>
              <Button variant="default" onClick={() => setEditing(true)} disabled={!record}>
                {t('calendar.edit')}
              </Button>
              {isSeriesOccurrence && (
                <Button variant="subtle" color="red.9" onClick={() => act(() => removeOccurrence(occurrence.eventId, occurrence.occurrenceStart!))}>
                  {t('calendar.removeOccurrence')}
                </Button>
              )}
              <Anchor component={Link} to={`/calendarEvents/${occurrence.seriesId ?? occurrence.eventId}`} size="sm">
                {t('calendar.openRecord')}
              </Anchor>
            </Group>
          )}
          {isMarking && (
            <Stack gap="xs">
              <Textarea label={t('calendar.outcome')} description={t('calendar.outcomeHint')} autosize minRows={3} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} data-autofocus />
              <Group gap="xs">
                <Button onClick={() => act(() => markDone(occurrence, outcome))}>{t('calendar.saveDone')}</Button>
                <Button variant="default" onClick={() => setMarking(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          )}
          {isEditing && record && <EventDialog opened onClose={() => { setEditing(false); close(); }} event={record} occurrence={occurrence} />}
        </Stack>
      )}
    </Drawer>
  );
}
