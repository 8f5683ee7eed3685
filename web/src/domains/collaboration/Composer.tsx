// The timeline's composer for notes and tasks about a record. A note is text with @mentions (the ids
// of the people named go with it); a task has a due date, a priority, an assignee (for those who may
// give records to others) and a checklist, one item per line.
import { Suspense, lazy, useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { can, useLabel, useObjects, type ObjectDef } from '../../app/metadata.ts';
import { useSession } from '../../app/session.tsx';
import { MentionTextarea } from './MentionTextarea.tsx';
import { mentionedIn, refreshTasks, useUserSearch, type UserOption } from './tasks.ts';

const DateField = lazy(() => import('../../records/DateField.tsx'));

interface Props {
  type: 'note' | 'task';
  def: ObjectDef;
  id: string;
}

/** The first error of a failed save, in the reader's words. */
function messageOf(caught: unknown, fallback: string): string {
  return caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : fallback;
}

export function Composer({ type, def, id }: Props) {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const me = useSession();
  const { data: objects } = useObjects();
  const activities = objects?.get('activities');
  const priorityField = activities?.fields.find((f) => f.name === 'priority');
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<UserOption[]>([]);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>('normal');
  const [assignee, setAssignee] = useState<UserOption | null>(null);
  const [assigneeSearch, setAssigneeSearch] = useState('');
  const [checklist, setChecklist] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const canAssign = can(activities, 'changeOwner');
  const people = useUserSearch(type === 'task' && canAssign ? assigneeSearch : null);

  const reset = () => {
    setText('');
    setPicked([]);
    setDueDate(null);
    setChecklist('');
    setAssignee(null);
  };

  const save = async () => {
    if (!text.trim() || isSaving) return;
    setError(null);
    setSaving(true);
    const about = { relatedObject: def.name, relatedId: id };
    const body =
      type === 'note'
        ? { type, subject: text.trim(), status: 'done', startAt: new Date().toISOString(), mentionIds: mentionedIn(text, picked), ...about }
        : {
            type,
            subject: text.trim(),
            status: 'open',
            dueDate,
            priority,
            ...(assignee ? { ownerId: assignee.id } : {}),
            checklist: checklist
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => ({ text: line, isDone: false })),
            ...about,
          };
    try {
      await request('POST', '/api/v1/activities', body);
      reset();
      await refreshTasks(client);
    } catch (caught) {
      setError(messageOf(caught, t('common.error')));
    } finally {
      setSaving(false);
    }
  };

  if (type === 'note') {
    return (
      <Stack gap="xs">
        <MentionTextarea
          label={t('tasks.noteText')}
          value={text}
          onChange={setText}
          onMention={(user) => setPicked((all) => [...all, user])}
          error={error}
        />
        <Group justify="flex-end">
          <Button onClick={save} loading={isSaving}>
            {t('tasks.saveNote')}
          </Button>
        </Group>
      </Stack>
    );
  }

  // The one chosen stays an option while the search shows others.
  const candidates = [{ id: me.user.id, name: me.user.name }, ...(assignee ? [assignee] : []), ...(people.data ?? [])];
  const assigneeOptions = candidates
    .filter((u, i) => candidates.findIndex((v) => v.id === u.id) === i)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Stack gap="xs">
      <TextInput label={t('tasks.subject')} value={text} maxLength={255} onChange={(e) => setText(e.currentTarget.value)} error={error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Suspense fallback={<TextInput label={t('tasks.dueDate')} disabled />}>
          <DateField type="date" label={t('tasks.dueDate')} value={dueDate} onChange={setDueDate} />
        </Suspense>
        <Select
          label={t('tasks.priority')}
          value={priority}
          onChange={setPriority}
          data={(priorityField?.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }))}
          allowDeselect={false}
        />
      </SimpleGrid>
      {canAssign && (
        <Select
          label={t('tasks.assignee')}
          placeholder={me.user.name}
          searchable
          clearable
          value={assignee?.id ?? null}
          onChange={(value) => setAssignee(candidates.find((u) => u.id === value) ?? null)}
          onSearchChange={setAssigneeSearch}
          data={assigneeOptions}
          nothingFoundMessage={t('tasks.noOne')}
        />
      )}
      <Textarea
        label={t('tasks.checklist')}
        description={t('tasks.checklistHint')}
        autosize
        minRows={2}
        value={checklist}
        onChange={(e) => setChecklist(e.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button onClick={save} loading={isSaving}>
          {t('tasks.createTask')}
        </Button>
      </Group>
    </Stack>
  );
}
