// One import, step by step: map and check (dry run), run in the background with a progress bar, then
// the results — the error file to download, the records, and undo.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useLabel, useObjects } from '../../app/metadata.ts';
import { ImportMapping } from './ImportMapping.tsx';
import { ImportOutcome } from './ImportOutcome.tsx';
import { DryRunReport } from './DryRunReport.tsx';
import { changeImport, dryRunImport, runImport, useDryRun, useImport, type DryRun, type ImportRun, type ImportSettings } from './imports.ts';
import { DryRunProgress } from './DryRunProgress.tsx';

export function ImportScreen() {
  const { t, i18n } = useTranslation();
  const pick = useLabel();
  const { id } = useParams();
  const client = useQueryClient();
  const objects = useObjects();
  const run = useImport(id);
  const [settings, setSettings] = useState<ImportSettings | undefined>();
  const [answered, setDryRun] = useState<DryRun | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dryRun' | 'run' | 'source' | null>(null);
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  // A large file's dry run goes on in a job: follow it until it is done.
  const followed = useDryRun(id, locale, answered?.status === 'running');
  const dryRun = answered?.status === 'running' ? (followed.data ?? answered) : answered;

  useEffect(() => {
    if (run.data && !settings) setSettings(run.data.settings);
  }, [run.data, settings]);

  const remember = (updated: ImportRun) => client.setQueryData(['imports', id], updated);
  const step = async (kind: 'dryRun' | 'run' | 'source', work: () => Promise<void>) => {
    setError(null);
    setBusy(kind);
    try {
      await work();
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught : undefined;
      setError(problem ? [problem.message, ...(problem.problem.errors ?? []).map((e) => e.message)].join(' ') : t('common.error'));
    } finally {
      setBusy(null);
    }
  };
  const saveSettings = async () => remember(await changeImport(id!, { settings }));
  const check = () =>
    step('dryRun', async () => {
      await saveSettings();
      const result = await dryRunImport(id!, locale);
      if (result.status === 'running') client.setQueryData(['imports', id, 'dry-run', locale], result);
      setDryRun(result);
    });
  const start = () =>
    step('run', async () => {
      await saveSettings();
      remember(await runImport(id!));
      void client.invalidateQueries({ queryKey: ['imports'] });
    });
  const changeSource = (source: { encoding: string; delimiter: string }) =>
    step('source', async () => {
      const updated = await changeImport(id!, { source });
      remember(updated);
      setSettings(updated.settings);
      setDryRun(undefined);
    });

  if (run.isPending || (run.data?.status === 'uploaded' && !settings)) return <Skeleton h={240} />;
  if (!run.data) {
    return (
      <Alert color="red" role="alert">
        {t('imports.notFound')}
      </Alert>
    );
  }
  const current = run.data;
  const def = objects.data?.get(current.object);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('imports.titleOf', { object: pick(def?.labelPlural), file: current.fileName })}
        </Title>
        <Anchor component={Link} to="/data/import" size="sm">
          {t('imports.allImports')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('imports.summary', { rows: current.totalRows, format: current.source.format.toUpperCase() })}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {current.status === 'uploaded' && settings ? (
        <>
          <ImportMapping
            run={current}
            settings={settings}
            onSettings={(next) => {
              setSettings(next);
            }}
            onSource={changeSource}
            unknownOptions={dryRun?.unknownOptions ?? {}}
          />
          <Group>
            <Button variant="default" onClick={check} loading={busy === 'dryRun' || dryRun?.status === 'running'} disabled={busy !== null || dryRun?.status === 'running'}>
              {t('imports.dryRun')}
            </Button>
            <Button onClick={start} loading={busy === 'run'} disabled={busy !== null}>
              {t('imports.run')}
            </Button>
          </Group>
          {dryRun && dryRun.status !== 'done' && <DryRunProgress dryRun={dryRun} />}
          {dryRun?.status === 'done' && <DryRunReport result={dryRun} />}
        </>
      ) : (
        <ImportOutcome run={current} objectLabel={pick(def?.labelPlural)} onChange={remember} locale={locale} />
      )}
    </Stack>
  );
}

export default ImportScreen;
