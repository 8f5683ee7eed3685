// Settings › Navigation: the order of the objects in everyone's menu and which are shown. Items move
// up and down by buttons (focus stays on the moved item, and the move is announced), then are saved.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, request } from '../app/api.ts';
import { useLabel, type Label } from '../app/metadata.ts';
import { Empty, LoadError, Loading } from './datamodel/QueryStatus.tsx';
import { formProblem } from '../app/form-problem.ts';

interface MenuItem {
  object: string;
  labelPlural: Label;
  isHidden: boolean;
}

const NAVIGATION_KEY = ['admin', 'navigation'];

/** The items with the one at `from` moved one place up (-1) or down (+1). */
function moved(items: MenuItem[], from: number, step: -1 | 1): MenuItem[] {
  const to = from + step;
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export default function NavigationScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const menu = useQuery({ queryKey: NAVIGATION_KEY, queryFn: () => get<{ data: MenuItem[] }>('/api/v1/admin/navigation') });
  const [draft, setDraft] = useState<MenuItem[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    buttons.current.get(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  if (menu.isPending) return <Loading rows={8} />;
  if (menu.isError) return <LoadError onRetry={() => void menu.refetch()} />;
  const items = draft ?? menu.data.data;
  const isChanged = draft !== null && JSON.stringify(draft) !== JSON.stringify(menu.data.data);

  const move = (index: number, step: -1 | 1) => {
    const item = items[index]!;
    const next = moved(items, index, step);
    setDraft(next);
    const position = index + step + 1;
    setAnnouncement(t('settingsData.navigation.movedTo', { object: pick(item.labelPlural), position, count: items.length }));
    // Where the item lands at an end, its button for that direction is disabled: focus the other one.
    const isAtEnd = position === 1 || position === items.length;
    setFocusNext(`${item.object}:${isAtEnd ? (step === -1 ? 'down' : 'up') : step === -1 ? 'up' : 'down'}`);
  };
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { data } = await request<{ data: MenuItem[] }>('PUT', '/api/v1/admin/navigation', { items: items.map(({ object, isHidden }) => ({ object, isHidden })) });
      client.setQueryData(NAVIGATION_KEY, data);
      setDraft(null);
      setAnnouncement(t('settingsData.navigation.saved'));
      await client.invalidateQueries({ queryKey: ['navigation'] });
      await client.invalidateQueries({ queryKey: ['audit'] });
    } catch (caught) {
      setMessage(formProblem(caught, t('common.error')).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={3}>{t('settings.sections.navigation')}</Title>
      <Text size="sm" c="dimmed">
        {t('settingsData.navigation.hint')}
      </Text>
      {message && (
        <Alert color="red" role="alert">
          {message}
        </Alert>
      )}
      {items.length === 0 ? (
        <Empty>{t('settingsData.navigation.none')}</Empty>
      ) : (
        <Stack component="ol" gap={4} aria-label={t('settingsData.navigation.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0, maxWidth: 560 }}>
          {items.map((item, index) => {
            const label = pick(item.labelPlural);
            const ref = (direction: string) => (element: HTMLButtonElement | null) => {
              if (element) buttons.current.set(`${item.object}:${direction}`, element);
              else buttons.current.delete(`${item.object}:${direction}`);
            };
            return (
              <Paper key={item.object} component="li" withBorder px="sm" py={6}>
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" c="dimmed" w={24} ta="right" aria-hidden>
                      {index + 1}
                    </Text>
                    <Checkbox
                      label={label}
                      checked={!item.isHidden}
                      onChange={(e) => {
                        const isShown = e.currentTarget.checked;
                        setDraft(items.map((other) => (other.object === item.object ? { ...other, isHidden: !isShown } : other)));
                      }}
                      aria-describedby="navigation-shown-hint"
                    />
                  </Group>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon ref={ref('up')} variant="default" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('settingsData.navigation.moveUp', { object: label })}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      ref={ref('down')}
                      variant="default"
                      onClick={() => move(index, 1)}
                      disabled={index === items.length - 1}
                      aria-label={t('settingsData.navigation.moveDown', { object: label })}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      <Text id="navigation-shown-hint" size="xs" c="dimmed">
        {t('settingsData.navigation.shownHint')}
      </Text>
      <Text size="sm" role="status" aria-live="polite">
        {announcement}
      </Text>
      <Group>
        <Button onClick={() => void save()} loading={isBusy} disabled={!isChanged}>
          {t('common.save')}
        </Button>
        <Button variant="default" onClick={() => setDraft(null)} disabled={!isChanged}>
          {t('settingsData.navigation.discard')}
        </Button>
      </Group>
    </Stack>
  );
}
