// A task on its record page: its checklist, ticked item by item (each tick saved at once), items added
// and removed, and the complete command. Saves go one after another with the version each one
// returned, so quick ticks never trip over each other.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import type { ObjectDef } from '../../app/metadata.ts';
import type { RecordRow } from '../../records/useRecordList.ts';
import { checklistOf, completeTask, MAX_ITEM_LENGTH, refreshTasks, saveChecklist, type ChecklistItem } from './tasks.ts';

export default function TaskPanel({ record, canEdit = false }: { def: ObjectDef; record: RecordRow; canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [items, setItems] = useState<ChecklistItem[]>(() => checklistOf(record));
  const [newItem, setNewItem] = useState('');
  const [error, setError] = useState<string | null>(null);
  const version = useRef(record.version);
  const queue = useRef(Promise.resolve());
  const isDone = record.status === 'done';

  // A change made elsewhere (another tab, the list) shows once the record is read again.
  useEffect(() => {
    if (record.version > version.current) {
      version.current = record.version;
      setItems(checklistOf(record));
    }
  }, [record]);

  const save = (next: ChecklistItem[]) => {
    setItems(next);
    setError(null);
    queue.current = queue.current.then(async () => {
      try {
        const saved = await saveChecklist(record.id, version.current, next);
        version.current = saved.version;
      } catch (caught) {
        setError(caught instanceof ApiError ? (caught.problem.errors?.[0]?.message ?? caught.message) : t('common.error'));
      }
      await refreshTasks(client, record);
    });
  };

  const add = () => {
    const text = newItem.trim();
    if (!text) return;
    setNewItem('');
    save([...items, { text, isDone: false }]);
  };

  const complete = async () => {
    setError(null);
    await queue.current;
    try {
      await completeTask({ ...record, version: version.current });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    }
    await refreshTasks(client, record);
  };

  const doneCount = items.filter((i) => i.isDone).length;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text fw={600}>{t('tasks.checklist')}</Text>
        <Group gap="xs">
          {items.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('tasks.checklistProgress', { done: doneCount, total: items.length })}
            </Text>
          )}
          {isDone ? (
            <Badge color="teal.9" variant="filled">
              {typeof record.completedAt === 'string'
                ? t('tasks.completedOn', {
                    date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(record.completedAt)),
                  })
                : t('tasks.completed')}
            </Badge>
          ) : (
            canEdit && <Button onClick={complete}>{t('tasks.complete')}</Button>
          )}
        </Group>
      </Group>
      {error && (
        <Alert color="red" mb="xs">
          {error}
        </Alert>
      )}
      <Stack gap="xs">
        {items.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('tasks.checklistEmpty')}
          </Text>
        )}
        {items.map((item, i) => (
          <Group key={i} justify="space-between" wrap="nowrap">
            <Checkbox
              label={item.text}
              checked={item.isDone}
              disabled={!canEdit}
              onChange={(e) => save(items.map((other, j) => (j === i ? { ...other, isDone: e.currentTarget.checked } : other)))}
              styles={{ label: { overflowWrap: 'anywhere' } }}
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="gray.8"
                aria-label={t('tasks.removeItem', { text: item.text })}
                onClick={() => save(items.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {canEdit && (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              aria-label={t('tasks.newItem')}
              placeholder={t('tasks.newItem')}
              value={newItem}
              maxLength={MAX_ITEM_LENGTH}
              onChange={(e) => setNewItem(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && add()}
              style={{ flex: 1 }}
            />
            <Button variant="default" onClick={add}>
              {t('tasks.addItem')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
