// The event form: subject, type, start and end (in the browser's time zone, which the event keeps),
// location, repeat (with an optional number of times), reminder, colleagues and contacts attending,
// and the people in cc (the organiser's manager is put in by the server when the list is left alone).
// Editing an occurrence of a series asks whether the change is for it, the following ones or all.
import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { createEvent, editOccurrence, refreshCalendar, updateEvent, useColleagues, useContacts, type CalendarEvent, type EditScope, type Occurrence } from './calendar-api.ts';
import { fromLocalInput, repeatOf, ruleOf, toLocalInput, type Repeat } from './calendar-dates.ts';

export interface EventDraft {
  startAt: string;
  endAt: string;
  type?: string;
  relatedObject?: string;
  relatedId?: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** A new event from this draft … */
  draft?: EventDraft;
  /** … or the event to change, and the occurrence the change was asked for. */
  event?: CalendarEvent;
  occurrence?: Occurrence;
}

const types = ['meeting', 'visit', 'call', 'other'] as const;
const repeats: Repeat[] = ['none', 'daily', 'weekdays', 'weekly', 'monthly', 'yearly'];
const reminders = ['', '5', '15', '30', '60', '1440'];

export function EventDialog({ opened, onClose, draft, event, occurrence }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const colleagues = useColleagues();
  const [contactWords, setContactWords] = useState('');
  const contacts = useContacts(contactWords);
  const isSeriesOccurrence = Boolean(event?.rrule && occurrence?.occurrenceStart && !occurrence.seriesId);
  const start = occurrence?.startAt ?? event?.startAt ?? draft!.startAt;
  const end = occurrence?.endAt ?? event?.endAt ?? draft!.endAt;
  const [subject, setSubject] = useState(occurrence?.subject ?? event?.subject ?? '');
  const [type, setType] = useState<string>(event?.type ?? draft?.type ?? 'meeting');
  const [startText, setStartText] = useState(toLocalInput(start));
  const [endText, setEndText] = useState(toLocalInput(end));
  const [location, setLocation] = useState(event?.location ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const initialRepeat = repeatOf(event?.rrule);
  const [repeat, setRepeat] = useState<Repeat>(initialRepeat.repeat);
  const [count, setCount] = useState<number | null>(initialRepeat.count);
  const [reminder, setReminder] = useState(event?.reminderMinutes == null ? '' : String(event.reminderMinutes));
  const [attendees, setAttendees] = useState<string[]>(event?.attendeeUserIds ?? []);
  const [contactIds, setContactIds] = useState<string[]>(event?.attendeeContactIds ?? []);
  const [cc, setCc] = useState<string[] | null>(event ? (event.ccUserIds ?? []) : null);
  const [scope, setScope] = useState<EditScope>('this');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const people = (colleagues.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const contactOptions = (contacts.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  const save = async () => {
    const startAt = fromLocalInput(startText);
    const endAt = fromLocalInput(endText);
    const missing: Record<string, string> = {};
    if (!subject.trim()) missing.subject = t('calendar.form.required');
    if (!startAt) missing.startAt = t('calendar.form.required');
    if (!endAt) missing.endAt = t('calendar.form.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const values: Record<string, unknown> = {
      subject: subject.trim(),
      type,
      startAt,
      endAt,
      location: location.trim() || null,
      description: description.trim() || null,
      reminderMinutes: reminder === '' ? null : Number(reminder),
      attendeeUserIds: attendees,
      attendeeContactIds: contactIds,
      ...(cc === null ? {} : { ccUserIds: cc }),
    };
    setSaving(true);
    setFailure(null);
    try {
      if (event && isSeriesOccurrence) {
        await editOccurrence(event.id, occurrence!.occurrenceStart!, scope, values);
      } else if (event) {
        await updateEvent(event, { ...values, rrule: event.recurrenceParentId ? undefined : ruleOf(repeat, count) });
      } else {
        await createEvent({
          ...values,
          rrule: ruleOf(repeat, count),
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          ...(draft?.relatedObject ? { relatedObject: draft.relatedObject, relatedId: draft.relatedId } : {}),
        });
      }
      await refreshCalendar(client);
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setErrors(Object.fromEntries((caught.problem.errors ?? []).map((e) => [e.field, e.message])));
        setFailure(caught.message);
      } else setFailure(t('common.error'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(event ? 'calendar.form.editTitle' : 'calendar.form.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        {failure && <Alert color="red">{failure}</Alert>}
        <TextInput label={t('calendar.form.subject')} withAsterisk value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} data-autofocus />
        <Select label={t('calendar.form.type')} data={types.map((v) => ({ value: v, label: t(`calendar.types.${v}`) }))} value={type} onChange={(v) => setType(v ?? 'meeting')} allowDeselect={false} />
        <Group grow wrap="wrap">
          <TextInput type="datetime-local" label={t('calendar.form.start')} withAsterisk value={startText} onChange={(e) => setStartText(e.currentTarget.value)} error={errors.startAt} miw={200} />
          <TextInput type="datetime-local" label={t('calendar.form.end')} withAsterisk value={endText} onChange={(e) => setEndText(e.currentTarget.value)} error={errors.endAt} miw={200} />
        </Group>
        <TextInput label={t('calendar.form.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} />
        {!isSeriesOccurrence && !event?.recurrenceParentId && (
          <Group grow wrap="wrap" align="flex-start">
            <Select label={t('calendar.form.repeat')} data={repeats.map((v) => ({ value: v, label: t(`calendar.repeat.${v}`) }))} value={repeat} onChange={(v) => setRepeat((v as Repeat) ?? 'none')} allowDeselect={false} error={errors.rrule} miw={200} />
            {repeat !== 'none' && <NumberInput label={t('calendar.form.times')} description={t('calendar.form.timesHint')} min={1} max={500} value={count ?? ''} onChange={(v) => setCount(typeof v === 'number' ? v : null)} miw={200} />}
          </Group>
        )}
        <Select
          label={t('calendar.form.reminder')}
          data={reminders.map((v) => ({ value: v, label: v === '' ? t('calendar.reminder.none') : t('calendar.reminder.before', { count: Number(v) }) }))}
          value={reminder}
          onChange={(v) => setReminder(v ?? '')}
          allowDeselect={false}
          error={errors.reminderMinutes}
        />
        <MultiSelect label={t('calendar.form.attendees')} data={people} value={attendees} onChange={setAttendees} searchable nothingFoundMessage={t('calendar.form.noMatch')} />
        <MultiSelect
          label={t('calendar.form.contacts')}
          data={[...contactOptions, ...contactIds.filter((id) => !contactOptions.some((o) => o.value === id)).map((id) => ({ value: id, label: id }))]}
          value={contactIds}
          onChange={setContactIds}
          searchable
          searchValue={contactWords}
          onSearchChange={setContactWords}
          nothingFoundMessage={t('calendar.form.noMatch')}
        />
        <MultiSelect
          label={t('calendar.form.cc')}
          description={cc === null ? t('calendar.form.ccDefault') : t('calendar.form.ccHint')}
          data={people}
          value={cc ?? []}
          onChange={setCc}
          searchable
          nothingFoundMessage={t('calendar.form.noMatch')}
        />
        <Textarea label={t('calendar.form.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        {isSeriesOccurrence && (
          <Radio.Group label={t('calendar.scope.label')} value={scope} onChange={(v) => setScope(v as EditScope)}>
            <Stack gap={6} mt={6}>
              <Radio value="this" label={t('calendar.scope.this')} />
              <Radio value="following" label={t('calendar.scope.following')} />
              <Radio value="series" label={t('calendar.scope.series')} />
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={isSaving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
