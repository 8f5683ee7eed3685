// The first step of an import: which object, which file (CSV or Excel). The server reads the file,
// detects its encoding and delimiter and suggests a mapping; the next screen shows them. Below, the
// user's recent imports, each a link to its progress, results and undo.
import { useState } from 'react';
import { Alert, Anchor, Button, Card, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { can, useLabel, useObjects } from '../../app/metadata.ts';
import { uploadImport, useImports } from './imports.ts';

export function ImportStartScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const objects = useObjects();
  const recent = useImports();
  const importable = [...(objects.data?.values() ?? [])].filter((def) => can(def, 'import'));
  const [object, setObject] = useState<string | null>(params.get('object'));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const upload = async () => {
    if (!object || !file) return;
    setError(null);
    setBusy(true);
    try {
      const run = await uploadImport(object, file);
      navigate(`/data/imports/${run.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('imports.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('imports.intro')}
      </Text>
      <Card withBorder component="section" aria-label={t('imports.newImport')}>
        <Stack gap="sm" maw={520}>
          <Select
            label={t('imports.object')}
            data={importable.map((def) => ({ value: def.name, label: pick(def.labelPlural) }))}
            value={object}
            onChange={setObject}
            allowDeselect={false}
          />
          <FileInput label={t('imports.file')} description={t('imports.fileHint')} accept=".csv,.txt,.tsv,.xlsx,.vcf" value={file} onChange={setFile} clearable />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button leftSection={<IconUpload size={16} aria-hidden />} disabled={!object || !file} loading={isBusy} onClick={upload}>
              {t('imports.upload')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {(recent.data?.data.length ?? 0) > 0 && (
        <section aria-label={t('imports.recent')}>
          <Title order={2} size="h4" mb="xs">
            {t('imports.recent')}
          </Title>
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.fileName')}</Table.Th>
                  <Table.Th>{t('imports.object')}</Table.Th>
                  <Table.Th>{t('imports.statusLabel')}</Table.Th>
                  <Table.Th>{t('imports.rows')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recent.data?.data.map((run) => (
                  <Table.Tr key={run.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/data/imports/${run.id}`}>
                        {run.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{pick(objects.data?.get(run.object)?.labelPlural)}</Table.Td>
                    <Table.Td>
                      {t(`imports.status.${run.status}`)}
                    </Table.Td>
                    <Table.Td>{run.totalRows}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
    </Stack>
  );
}

export default ImportStartScreen;
