// Global search over every object, in Chinese and English, grouped by object; arrows and Enter open a
// record, Esc closes. Before anything is typed it offers the records viewed lately.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, query } from './api.ts';
import { useLabel, useObjects } from './metadata.ts';
import { useRecent } from './recent.ts';
import { useSession } from './session.tsx';

interface Hit {
  object: string;
  id: string;
  title: string | null;
}

export function SearchPalette({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const pick = useLabel();
  const navigate = useNavigate();
  const { data: objects } = useObjects();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 200);
  const [active, setActive] = useState(0);
  const hits = useQuery({
    queryKey: ['search', debounced],
    enabled: debounced.length > 0,
    queryFn: () => get<{ data: Hit[] }>(`/api/v1/search${query({ q: debounced, limit: 30 })}`),
  });
  const me = useSession();
  const recent = useRecent(me.user.id).filter((r) => objects?.has(r.object));
  const isRecent = text.trim() === '';
  const list: Hit[] = isRecent ? recent : (hits.data?.data ?? []);
  useEffect(() => setActive(0), [debounced]);

  const open = (hit: Hit) => {
    onClose();
    setText('');
    navigate(`/${hit.object}/${hit.id}`);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, list.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && list[active]) open(list[active]);
    else return;
    event.preventDefault();
  };
  const groups = [...new Set(list.map((h) => h.object))];

  return (
    <Modal opened={isOpen} onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('search.title')} size="lg">
      <TextInput
        data-autofocus
        aria-label={t('search.placeholder')}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        rightSection={hits.isFetching ? <Loader size="xs" /> : null}
      />
      <Stack gap={4} mt="sm" role="listbox" aria-label={t('search.results')}>
        {debounced && !hits.isFetching && list.length === 0 && (
          <Text c="dimmed" size="sm" py="sm">
            {t('search.empty')}
          </Text>
        )}
        {hits.isError && <Text c="red">{t('common.error')}</Text>}
        {isRecent && list.length > 0 && (
          <Text size="xs" c="dimmed" fw={600}>
            {t('lists.recent.title')}
          </Text>
        )}
        {groups.map((object) => (
          <div key={object}>
            <Text size="xs" c="dimmed" fw={600} mt="xs">
              {pick(objects?.get(object)?.labelPlural)}
            </Text>
            {list
              .filter((h) => h.object === object)
              .map((hit) => {
                const index = list.indexOf(hit);
                return (
                  <UnstyledButton
                    key={hit.id}
                    role="option"
                    aria-selected={index === active}
                    onClick={() => open(hit)}
                    onMouseEnter={() => setActive(index)}
                    w="100%"
                    px="sm"
                    py={6}
                    style={{ borderRadius: 6, background: index === active ? 'var(--mantine-color-blue-light)' : undefined }}
                  >
                    {hit.title ?? t('common.untitled')}
                  </UnstyledButton>
                );
              })}
          </div>
        ))}
      </Stack>
    </Modal>
  );
}
