// What the timeline shows under a note or a task beyond its text: the people a note mentions (by their
// current names, from the stored ids), and a task's state, due date and checklist progress.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../../app/format.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { useTitles } from '../../app/titles.ts';
import { checklistOf, isOverdue } from './tasks.ts';
import type { RecordRow } from '../../records/useRecordList.ts';

export default function TimelineDetails({ activity }: { activity: RecordRow }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const { data: objects } = useObjects();
  const mentionIds = Array.isArray(activity.mentionIds) ? (activity.mentionIds as string[]) : [];
  const names = useTitles('users', mentionIds);
  const fieldOf = (name: string) => objects?.get('activities')?.fields.find((f) => f.name === name);
  const show = (name: string, value: unknown) => {
    const field = fieldOf(name);
    return field ? formatValue(field, value, i18n.language, pick) : String(value ?? '');
  };
  const mentioned = mentionIds.map((id) => names.data?.get(id)).filter((name): name is string => Boolean(name));
  const checklist = checklistOf(activity);
  return (
    <Group gap={6} mt={2} wrap="wrap">
      {mentioned.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('tasks.mentioned', { names: mentioned.join(t('common.listSeparator')) })}
        </Text>
      )}
      {activity.type === 'task' && (
        <>
          <Badge size="sm" variant="filled" color={activity.status === 'done' ? 'teal.9' : 'blue.9'}>
            {show('status', activity.status)}
          </Badge>
          {typeof activity.dueDate === 'string' && (
            <Text size="xs" c={activity.status === 'open' && isOverdue(activity.dueDate) ? 'red.9' : 'dimmed'}>
              {t('tasks.due', { date: show('dueDate', activity.dueDate) })}
            </Text>
          )}
          {checklist.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('tasks.checklistProgress', { done: checklist.filter((i) => i.isDone).length, total: checklist.length })}
            </Text>
          )}
        </>
      )}
    </Group>
  );
}
