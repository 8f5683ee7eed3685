// The menu entry's count of unread announcements.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './bulletin.ts';

/** A small red count beside the bulletin board's menu entry; nothing when all is read. */
export default function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  if (!count) return null;
  return (
    <Badge size="sm" color="red.9" circle={count < 10} aria-label={t('bulletin.unreadCount', { count })}>
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
