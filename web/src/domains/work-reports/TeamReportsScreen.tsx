// "Team reports": for a manager, the people below them and, for a day or a week, who has submitted
// (unread ones marked, with their comment counts) and who has not yet.
import { useState } from 'react';
import { Alert, Anchor, Badge, Card, Group, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { localToday, useTeam, type ReportKind } from './work-reports.ts';

export default function TeamReportsScreen() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<ReportKind>('daily');
  const { user } = useSession();
  const [date, setDate] = useState(() => localToday(user.timeZone));
  const team = useTeam(kind, date || localToday(user.timeZone));
  const data = team.data;

  return (
    <Stack>
      <Title order={1}>{t('workReports.team.title')}</Title>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('workReports.kind')}
          value={kind}
          onChange={(value) => setKind(value as ReportKind)}
          data={[
            { value: 'daily', label: t('workReports.daily') },
            { value: 'weekly', label: t('workReports.weekly') },
          ]}
        />
        <TextInput type="date" label={t('workReports.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Group>
      {team.isPending && <Skeleton h={200} />}
      {team.isError && <Alert color="red">{team.error.message}</Alert>}
      {data && data.members.length === 0 && <Text c="dimmed">{t('workReports.team.noTeam')}</Text>}
      {data && data.members.length > 0 && (
        <>
          <Group gap="md" wrap="wrap">
            <Text>{t('workReports.team.period', { start: data.periodStart, end: data.periodEnd })}</Text>
            <Badge color="teal.9" variant="filled">
              {t('workReports.team.submittedCount', { count: data.submittedCount, total: data.members.length })}
            </Badge>
            <Badge color="indigo.9" variant="filled">
              {t('workReports.team.unreadCount', { count: data.unreadCount })}
            </Badge>
          </Group>
          {data.notSubmitted.length > 0 && (
            <Card withBorder padding="sm" component="section" aria-label={t('workReports.team.notSubmitted')}>
              <Text fw={600}>{t('workReports.team.notSubmitted')}</Text>
              <Text>{data.notSubmitted.map((m) => m.name).join(i18n.language === 'en' ? ', ' : '、')}</Text>
            </Card>
          )}
          <Table.ScrollContainer minWidth={480}>
            <Table striped aria-label={t('workReports.team.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workReports.team.person')}</Table.Th>
                  <Table.Th>{t('workReports.team.report')}</Table.Th>
                  <Table.Th>{t('workReports.comments')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.members.map((m) => (
                  <Table.Tr key={m.userId}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>
                      {m.report ? (
                        <Group gap="xs" wrap="nowrap">
                          <Anchor component={Link} to={`/reports/${m.report.id}`} fw={m.report.isRead ? undefined : 700}>
                            {m.report.title}
                          </Anchor>
                          {!m.report.isRead && (
                            <Badge color="red.9" variant="filled" size="sm">
                              {t('workReports.team.unread')}
                            </Badge>
                          )}
                        </Group>
                      ) : (
                        <Text c="red.9" size="sm">
                          {t('workReports.team.missing')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{m.report ? m.report.commentCount : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
