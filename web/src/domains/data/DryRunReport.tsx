// What a dry run found, without writing anything: the planned creates, updates, unchanged and skipped
// rows, and each row that would fail, with its reason.
import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { outcomes, type Counts, type DryRun } from './imports.ts';

/** The counts per outcome, as a row of figures. */
export function OutcomeCounts({ counts }: { counts: Partial<Counts> }) {
  const { t } = useTranslation();
  return (
    <Group gap="lg" wrap="wrap" role="list" aria-label={t('imports.countsLabel')}>
      {outcomes.map((outcome) => (
        <Stack key={outcome} gap={0} role="listitem">
          <Text size="xl" fw={700}>
            {counts[outcome] ?? 0}
          </Text>
          <Text size="sm">{t(`imports.outcomes.${outcome}`)}</Text>
        </Stack>
      ))}
    </Group>
  );
}

export function DryRunReport({ result }: { result: DryRun }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-label={t('imports.dryRunResult')} gap="sm">
      <Title order={2} size="h4">
        {t('imports.dryRunResult')}
      </Title>
      <Text size="sm">{t('imports.dryRunNothingWritten')}</Text>
      <OutcomeCounts counts={result.counts} />
      {result.problems.length === 0 ? (
        <Alert color="green">{t('imports.noProblems')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.row')}</Table.Th>
                <Table.Th>{t('imports.outcome')}</Table.Th>
                <Table.Th>{t('imports.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.problems.map((problem) => (
                <Table.Tr key={problem.rowNumber}>
                  <Table.Td>{problem.rowNumber}</Table.Td>
                  <Table.Td>{t(`imports.outcomes.${problem.outcome}`)}</Table.Td>
                  <Table.Td>{problem.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
