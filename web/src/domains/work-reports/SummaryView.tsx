// The pre-filled part of a report, read-only: what the author logged in the period, each section with
// its count and a link to every record (the reader opens only what they may see).
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatMoment, summarySections, type ReportSummary, type SummaryItem } from './work-reports.ts';

function itemText(item: SummaryItem, arrow: string) {
  return item.fromStage !== undefined ? `${item.title} · ${item.fromStage ?? ''} ${arrow} ${item.toStage ?? ''}` : item.title;
}

export function SummaryView({ summary }: { summary: ReportSummary }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const time = (iso: string) => formatMoment(iso, i18n.language, user.timeZone, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('workReports.summary.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {summarySections.map((section) => (
          <Card key={section} withBorder padding="sm" component="section" aria-label={t(`workReports.summary.${section}`)}>
            <Group justify="space-between" mb={4}>
              <Text fw={600}>{t(`workReports.summary.${section}`)}</Text>
              <Badge variant="filled" color="indigo.9" aria-label={t('workReports.summary.count', { count: summary[section].length })}>
                {summary[section].length}
              </Badge>
            </Group>
            {summary[section].length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('workReports.summary.none')}
              </Text>
            ) : (
              <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {summary[section].map((item) => (
                  <li key={item.id}>
                    <Anchor component={Link} to={`/${item.objectName}/${item.recordId}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {itemText(item, '→') || t('common.untitled')}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {' '}
                      {time(item.at)}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
