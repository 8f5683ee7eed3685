// A list of tasks to work through: tick one to complete it; each shows its priority, due date (red when
// overdue), what it is about and, where the list holds others' tasks, who it is assigned to.
import { useState } from 'react';
import { Alert, Anchor, Badge, Card, Checkbox, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatValue } from '../../app/format.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { useTitles, useTitlesAcross } from '../../app/titles.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { checklistOf, completeTask, isOverdue, useRefreshTasks, useTaskList, type TaskListKind } from './tasks.ts';

const priorityColors: Record<string, string> = { high: 'red.9', normal: 'blue.9', low: 'gray.8' };

export function TaskList({ kind }: { kind: TaskListKind }) {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const refresh = useRefreshTasks();
  const { data: objects } = useObjects();
  const activities = objects?.get('activities');
  const list = useTaskList(kind);
  const tasks = list.data?.data ?? [];
  const about = useTitlesAcross(
    tasks.map((task) => ({ object: task.relatedObject as string | null, id: task.relatedId as string | null })),
  );
  const owners = useTitles('users', kind === 'overdue' ? tasks.map((task) => task.ownerId as string) : []);
  const [error, setError] = useState<string | null>(null);
  const fieldOf = (name: string) => activities?.fields.find((f) => f.name === name);

  const complete = async (task: RecordRow) => {
    setError(null);
    try {
      await completeTask(task);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
    await refresh(task);
  };

  const show = (name: string, value: unknown) => {
    const field = fieldOf(name);
    return field ? formatValue(field, value, i18n.language, pick) : String(value ?? '');
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t(`tasks.${kind}.title`)}
      </Title>
      <Text c="dimmed" size="sm">
        {t(`tasks.${kind}.intro`)}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {list.isPending && <Skeleton h={160} />}
      {list.isError && <Alert color="red">{t('common.error')}</Alert>}
      {list.data && tasks.length === 0 && <Text c="dimmed">{t(`tasks.${kind}.none`)}</Text>}
      {tasks.map((task) => {
        const checklist = checklistOf(task);
        const relatedTitle = typeof task.relatedId === 'string' ? about?.get(task.relatedId) : undefined;
        return (
          <Card key={task.id} withBorder padding="sm">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Checkbox
                mt={4}
                aria-label={t('tasks.completeNamed', { subject: String(task.subject) })}
                checked={false}
                onChange={() => complete(task)}
              />
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Anchor component={Link} to={`/activities/${task.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {String(task.subject)}
                </Anchor>
                <Group gap="xs" wrap="wrap">
                  {typeof task.priority === 'string' && (
                    <Badge color={priorityColors[task.priority] ?? 'gray.8'} variant="filled">
                      {show('priority', task.priority)}
                    </Badge>
                  )}
                  {typeof task.dueDate === 'string' && (
                    <Text size="sm" c={isOverdue(task.dueDate) ? 'red.9' : undefined} fw={isOverdue(task.dueDate) ? 600 : undefined}>
                      {t('tasks.due', { date: show('dueDate', task.dueDate) })}
                    </Text>
                  )}
                  {checklist.length > 0 && (
                    <Text size="sm" c="dimmed">
                      {t('tasks.checklistProgress', { done: checklist.filter((i) => i.isDone).length, total: checklist.length })}
                    </Text>
                  )}
                  {relatedTitle !== undefined && (
                    <Anchor component={Link} to={`/${String(task.relatedObject)}/${String(task.relatedId)}`} size="sm">
                      {relatedTitle || t('common.untitled')}
                    </Anchor>
                  )}
                  {kind === 'overdue' && owners.data?.get(task.ownerId as string) && (
                    <Text size="sm" c="dimmed">
                      {t('tasks.assignedTo', { name: owners.data.get(task.ownerId as string) })}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
