// The team calendar: the caller's own events (organised, attended, in cc) by day, week or month, and
// for a manager a team view with their reports' calendars side by side (people down, days across).
// An occurrence opens in a drawer (mark done, edit, remove one); "New event" plans one.
import './calendar.css';
import { useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addDays, dayKey, daysOf, isOnDay, startOfDay, step, type CalendarView } from './calendar-dates.ts';
import { formatDay, formatMonth } from './calendar-format.ts';
import { useOccurrences, useTeam, type Occurrence } from './calendar-api.ts';
import { EventDialog, type EventDraft } from './EventDialog.tsx';
import { EventDrawer } from './EventDrawer.tsx';
import { FeedDialog } from './FeedDialog.tsx';
import { OccurrenceButton } from './OccurrenceButton.tsx';

type Scope = 'mine' | 'team';
const MAX_IN_MONTH_CELL = 3;

/** A new event on a day: the next full hour today, else 09:00, for an hour. */
function draftOn(day: Date): EventDraft {
  const now = new Date();
  const start = dayKey(day) === dayKey(now) ? new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1) : new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9);
  return { startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString() };
}

export default function CalendarScreen() {
  const { t, i18n } = useTranslation();
  // `?date=2031-03-18&view=month` opens the calendar there (links from elsewhere, bookmarks).
  const [params] = useSearchParams();
  const [view, setView] = useState<CalendarView>(() => (['day', 'week', 'month'].includes(params.get('view') ?? '') ? (params.get('view') as CalendarView) : 'week'));
  const [scope, setScope] = useState<Scope>('mine');
  const [anchor, setAnchor] = useState(() => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(params.get('date') ?? '');
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : startOfDay(new Date());
  });
  const [open, setOpen] = useState<Occurrence | null>(null);
  const [draft, setDraft] = useState<EventDraft | null>(null);
  const [isFeedOpen, setFeedOpen] = useState(false);
  const team = useTeam();
  const members = team.data?.data ?? [];
  const isTeam = scope === 'team' && members.length > 0;
  const effectiveView: CalendarView = isTeam && view === 'month' ? 'week' : view;
  const days = useMemo(() => daysOf(effectiveView, anchor), [effectiveView, anchor]);
  const from = days[0]!;
  const to = addDays(days.at(-1)!, 1);
  const occurrences = useOccurrences(from, to, isTeam ? members.map((m) => m.id) : undefined);
  const list = occurrences.data?.data ?? [];
  const today = dayKey(new Date());
  const on = (day: Date, ownerId?: string) => list.filter((o) => isOnDay(o.startAt, o.endAt, day) && (ownerId === undefined || o.ownerId === ownerId));

  const period =
    effectiveView === 'month' ? formatMonth(anchor, i18n.language) : effectiveView === 'day' ? formatDay(anchor, i18n.language) : `${formatDay(days[0]!, i18n.language)} – ${formatDay(days[6]!, i18n.language)}`;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={1} size="h2">
          {t('calendar.title')}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" onClick={() => setFeedOpen(true)}>
            {t('calendar.feed.button')}
          </Button>
          <Button onClick={() => setDraft(draftOn(anchor))}>{t('calendar.newEvent')}</Button>
        </Group>
      </Group>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon variant="default" size="lg" aria-label={t('calendar.previous')} onClick={() => setAnchor(step(effectiveView, anchor, -1))}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button variant="default" onClick={() => setAnchor(startOfDay(new Date()))}>
            {t('calendar.today')}
          </Button>
          <ActionIcon variant="default" size="lg" aria-label={t('calendar.next')} onClick={() => setAnchor(step(effectiveView, anchor, 1))}>
            <IconChevronRight size={18} />
          </ActionIcon>
          <Text fw={600} aria-live="polite">
            {period}
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          {members.length > 0 && (
            <SegmentedControl
              aria-label={t('calendar.scope.whose')}
              value={scope}
              onChange={(v) => setScope(v as Scope)}
              data={[
                { value: 'mine', label: t('calendar.mine') },
                { value: 'team', label: t('calendar.team') },
              ]}
            />
          )}
          <SegmentedControl
            aria-label={t('calendar.views.label')}
            value={effectiveView}
            onChange={(v) => setView(v as CalendarView)}
            data={(['day', 'week', 'month'] as const).filter((v) => !(isTeam && v === 'month')).map((v) => ({ value: v, label: t(`calendar.views.${v}`) }))}
          />
        </Group>
      </Group>
      {occurrences.isError && <Alert color="red">{t('common.error')}</Alert>}
      {occurrences.isPending && <Skeleton h={240} />}
      {occurrences.data && isTeam && (
        <div className="gx-cal-team">
          <table>
            <caption className="sr-only" style={{ position: 'absolute', left: -10000 }}>
              {t('calendar.teamCaption', { period })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('calendar.person')}</th>
                {days.map((day) => (
                  <th scope="col" key={dayKey(day)}>
                    {formatDay(day, i18n.language)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.name}</th>
                  {days.map((day) => (
                    <td key={dayKey(day)}>
                      {on(day, member.id).map((o) => (
                        <OccurrenceButton key={`${o.eventId}-${o.startAt}`} occurrence={o} onOpen={setOpen} />
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {occurrences.data && !isTeam && effectiveView !== 'month' && (
        <div className="gx-cal-days">
          {days.map((day) => {
            const items = on(day);
            return (
              <section key={dayKey(day)} className="gx-cal-day" data-today={dayKey(day) === today} aria-label={formatDay(day, i18n.language)}>
                <Text fw={600} size="sm">
                  {formatDay(day, i18n.language)}
                </Text>
                {items.map((o) => (
                  <OccurrenceButton key={`${o.eventId}-${o.startAt}`} occurrence={o} onOpen={setOpen} />
                ))}
                {items.length === 0 && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('calendar.nothing')}
                  </Text>
                )}
              </section>
            );
          })}
        </div>
      )}
      {occurrences.data && !isTeam && effectiveView === 'month' && (
        <div className="gx-cal-month">
          {days.map((day) => {
            const items = on(day);
            return (
              <section key={dayKey(day)} className="gx-cal-day" data-today={dayKey(day) === today} data-outside={day.getMonth() !== anchor.getMonth()} aria-label={formatDay(day, i18n.language)}>
                <Text fw={600} size="xs">
                  {day.getDate()}
                </Text>
                {items.slice(0, MAX_IN_MONTH_CELL).map((o) => (
                  <OccurrenceButton key={`${o.eventId}-${o.startAt}`} occurrence={o} onOpen={setOpen} showTime={false} />
                ))}
                {items.length > MAX_IN_MONTH_CELL && (
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => {
                      setAnchor(day);
                      setView('day');
                    }}
                  >
                    {t('calendar.more', { count: items.length - MAX_IN_MONTH_CELL })}
                  </Button>
                )}
              </section>
            );
          })}
        </div>
      )}
      <EventDrawer occurrence={open} onClose={() => setOpen(null)} />
      {draft && <EventDialog opened onClose={() => setDraft(null)} draft={draft} />}
      <FeedDialog opened={isFeedOpen} onClose={() => setFeedOpen(false)} />
    </Stack>
  );
}
