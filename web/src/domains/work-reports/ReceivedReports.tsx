// The reports sent to me (as manager or in copy), unread ones marked, with their authors.
import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTitles } from '../../app/titles.ts';
import { useReceived } from './work-reports.ts';

export function ReceivedReports({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const received = useReceived(userId);
  const authors = useTitles('users', (received.data ?? []).map((r) => r.report.ownerId as string));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('workReports.received.title')}
      </Title>
      {received.data?.length === 0 && <Text c="dimmed">{t('workReports.received.none')}</Text>}
      <Stack gap={4} component="ul" aria-label={t('workReports.received.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {received.data?.map(({ report, isRead }) => (
          <li key={report.id}>
            <Group gap="xs">
              <Anchor component={Link} to={`/reports/${report.id}`} fw={isRead ? undefined : 700}>
                {String(report.title)}
              </Anchor>
              <Text size="sm" c="dimmed">
                {authors.data?.get(report.ownerId as string) ?? ''}
              </Text>
              {!isRead && (
                <Badge color="red.9" variant="filled" size="sm">
                  {t('workReports.team.unread')}
                </Badge>
              )}
            </Group>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
