// An import that has started: its progress bar while it runs, then what it did, the error file, the
// records, and undo — with the records left alone because someone changed them since.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { OutcomeCounts } from './DryRunReport.tsx';
import { errorFileUrl, isWorking, undoImport, type ImportRun } from './imports.ts';

interface Props {
  run: ImportRun;
  objectLabel: string;
  onChange: (run: ImportRun) => void;
  locale: string;
}

export function ImportOutcome({ run, objectLabel, onChange, locale }: Props) {
  const { t } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const [isUndoing, setUndoing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const percent = run.totalRows ? Math.round((run.processedRows / run.totalRows) * 100) : 0;
  const problems = (run.counts.failed ?? 0) + (run.counts.skipped ?? 0);

  const undo = async () => {
    setError(null);
    setUndoing(true);
    try {
      onChange(await undoImport(run.id));
      setConfirming(false);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    } finally {
      setUndoing(false);
    }
  };

  return (
    <Stack>
      <Text fw={600} role="status">
        {t(`imports.status.${run.status}`)}
      </Text>
      {(run.status === 'queued' || run.status === 'running' || run.status === 'completed') && (
        <Stack gap={4}>
          <Progress value={percent} size="lg" aria-label={t('imports.progress')} animated={isWorking(run)} />
          <Text size="sm">{t('imports.progressText', { done: run.processedRows, total: run.totalRows })}</Text>
        </Stack>
      )}
      {run.status === 'failed' && (
        <Alert color="red" role="alert">
          {t('imports.failedRun')}
        </Alert>
      )}
      <OutcomeCounts counts={run.counts} />
      <Group>
        <Anchor component={Link} to={`/${run.object}`}>
          {t('imports.openList', { object: objectLabel })}
        </Anchor>
        {problems > 0 && !isWorking(run) && !run.contentRemovedAt && (
          <Anchor href={errorFileUrl(run.id, locale)} download>
            {t('imports.errorFile')}
          </Anchor>
        )}
      </Group>
      {run.contentRemovedAt && <Text size="sm">{t('importCheck.fileRemoved')}</Text>}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {run.status === 'completed' && (
        <Stack gap="xs" component="section" aria-label={t('imports.undo')}>
          <Title order={2} size="h4">
            {t('imports.undo')}
          </Title>
          <Text size="sm">{t('imports.undoHint')}</Text>
          {isConfirming ? (
            <Group>
              <Button color="red" onClick={undo} loading={isUndoing}>
                {t('imports.undoConfirm')}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)} disabled={isUndoing}>
                {t('common.cancel')}
              </Button>
            </Group>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setConfirming(true)}>
                {t('imports.undo')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {run.status === 'undone' && (
        <Stack gap="xs" component="section" aria-label={t('imports.undone')}>
          <Alert color="blue">{t('imports.undoneText')}</Alert>
          {(run.undoConflicts?.length ?? 0) > 0 && (
            <>
              <Text size="sm">{t('imports.conflicts', { count: run.undoConflicts!.length })}</Text>
              <List size="sm">
                {run.undoConflicts!.slice(0, 200).map((conflict) => (
                  <List.Item key={conflict.rowNumber}>
                    <Anchor component={Link} to={`/${run.object}/${conflict.recordId}`}>
                      {t('imports.conflictRow', { row: conflict.rowNumber })}
                    </Anchor>{' '}
                    {t(`imports.conflictReasons.${conflict.reason}`)}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
