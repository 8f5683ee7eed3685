// A dry run a job is doing for a large file: a progress bar the screen refreshes, or why it stopped.
import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DryRun } from './imports.ts';

/** Progress of a background dry run (status running), or its failure. */
export function DryRunProgress({ dryRun }: { dryRun: DryRun }) {
  const { t } = useTranslation();
  if (dryRun.status === 'failed') {
    return (
      <Alert color="red" role="alert">
        {t('importCheck.checkFailed', { reason: dryRun.failure ?? '' })}
      </Alert>
    );
  }
  const percent = dryRun.totalRows ? Math.round((dryRun.checkedRows / dryRun.totalRows) * 100) : 0;
  return (
    <Stack gap={4}>
      <Progress value={percent} size="lg" aria-label={t('importCheck.progress')} animated />
      <Text size="sm" role="status">
        {t('importCheck.checking', { checked: dryRun.checkedRows, total: dryRun.totalRows })}
      </Text>
    </Stack>
  );
}
