// The live stream from the server: notifications for the bell, and changes to records this user may
// see, which refresh whatever screen shows them (TanStack Query keys per object and id).
import { useEffect } from 'react';
import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { get, request } from './api.ts';
import { formatRelative } from './format.ts';

interface Notice {
  id: string;
  message: string;
  object: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Opens the event stream while mounted (EventSource reconnects by itself with Last-Event-ID). */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: ['notifications'] });
    });
    source.addEventListener('record', (event) => {
      const { object, id } = JSON.parse((event as MessageEvent<string>).data) as { object: string; id: string };
      void client.invalidateQueries({ queryKey: ['record', object, id] });
      void client.invalidateQueries({ queryKey: ['timeline', object, id] });
      void client.invalidateQueries({ queryKey: ['list', object] });
    });
    source.addEventListener('resync', () => void client.invalidateQueries());
    return () => source.close();
  }, [client]);
}

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const count = useQuery({ queryKey: ['notifications', 'count'], queryFn: () => get<{ count: number }>('/api/v1/notifications/unread-count') });
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => get<{ data: Notice[] }>('/api/v1/notifications?limit=20') });
  const unread = count.data?.count ?? 0;

  const open = async (notice: Notice) => {
    if (!notice.readAt) await request('POST', `/api/v1/notifications/${notice.id}/read`).catch(() => {});
    await client.invalidateQueries({ queryKey: ['notifications'] });
    if (notice.object && notice.recordId) navigate(`/${notice.object}/${notice.recordId}`);
  };
  const readAll = async () => {
    await request('POST', '/api/v1/notifications/read-all');
    await client.invalidateQueries({ queryKey: ['notifications'] });
  };

  return (
    <Menu position="bottom-end" width={340} withinPortal withInitialFocusPlaceholder={false}>
      {/* The count sits beside the button, not in it: the button's name already says it. */}
      <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4}>
        <Menu.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={t('notifications.title', { count: unread })}>
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Menu.Target>
      </Indicator>
      {/* Menu items directly in the menu (no scroll wrapper between): a menu may only hold menu items. */}
      <Menu.Dropdown mah={460} style={{ overflowY: 'auto' }}>
        <Menu.Label>{t('notifications.heading')}</Menu.Label>
        {list.data?.data.length === 0 && <Menu.Label>{t('notifications.none')}</Menu.Label>}
        {list.data?.data.map((notice) => (
          <Menu.Item key={notice.id} onClick={() => open(notice)} style={{ fontWeight: notice.readAt ? 400 : 600 }}>
            <Text size="sm" fw="inherit">
              {notice.message}
            </Text>
            <Text size="xs" c="dimmed">
              {formatRelative(notice.createdAt, i18n.language)}
            </Text>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={readAll}>{t('notifications.readAll')}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
