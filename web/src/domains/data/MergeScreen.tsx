// Merge two or three records: the records side by side, a radio per field to choose whose value the
// kept record gets, and which record is kept. After the merge, one click undoes it.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Radio, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query } from '../../app/api.ts';
import { useLabel, useObjects, type FieldDef, type ObjectDef } from '../../app/metadata.ts';
import { targetOf, useTitles } from '../../app/titles.ts';
import { FieldValue } from '../../records/FieldValue.tsx';
import { mergeRecords, undoMerge, type MergeResult } from './duplicates-api.ts';

type Row = Record<string, unknown> & { id: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields a merge may take from another record, as the API allows. */
function mergeableFields(def: ObjectDef): FieldDef[] {
  return def.fields.filter((f) => !f.isReadOnly && f.type !== 'autoNumber' && f.type !== 'parent');
}

/** By default the kept record keeps its own values, and takes the others' where it has none. */
function defaultChoices(fields: FieldDef[], rows: Row[], survivorId: string): Record<string, string> {
  const survivor = rows.find((r) => r.id === survivorId);
  const choices: Record<string, string> = {};
  for (const field of fields) {
    const from = !survivor || !isEmpty(survivor[field.name]) ? survivorId : rows.find((r) => !isEmpty(r[field.name]))?.id;
    choices[field.name] = from ?? survivorId;
  }
  return choices;
}

function LookupTitle({ field, value }: { field: FieldDef; value: unknown }) {
  const target = targetOf(field);
  const titles = useTitles(target, typeof value === 'string' ? [value] : []);
  return <FieldValue field={field} value={value} titles={titles.data} />;
}

function Value({ field, value }: { field: FieldDef; value: unknown }) {
  const { t } = useTranslation();
  if (isEmpty(value)) return <Text span c="dark.4">{t('duplicates.merge.empty')}</Text>;
  return field.type === 'lookup' || field.type === 'owner' ? <LookupTitle field={field} value={value} /> : <FieldValue field={field} value={value} />;
}

export function MergeScreen() {
  const { t } = useTranslation();
  const pick = useLabel();
  const client = useQueryClient();
  const { object = '' } = useParams();
  const [params] = useSearchParams();
  const ids = useMemo(() => [...new Set((params.get('ids') ?? '').split(',').filter((id) => uuidPattern.test(id)))].slice(0, 3), [params]);
  const { data: objects } = useObjects();
  const def = objects?.get(object);
  const rows = useQuery({
    queryKey: ['merge', object, ids],
    queryFn: async () => (await get<{ data: Row[] }>(`/api/v1/${object}${query({ filter: `id in (${ids.map((id) => `'${id}'`).join(', ')})`, limit: 3 })}`)).data,
    enabled: ids.length > 1 && /^[a-z][a-zA-Z0-9]*$/.test(object),
  });
  const ordered = ids.map((id) => rows.data?.find((r) => r.id === id)).filter((r): r is Row => Boolean(r));
  const fields = def ? mergeableFields(def).filter((f) => ordered.some((r) => !isEmpty(r[f.name]))) : [];
  const [survivorId, setSurvivorId] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string> | null>(null);
  const [result, setResult] = useState<MergeResult | null>(null);
  const [isUndone, setIsUndone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const keptId = survivorId ?? ordered[0]?.id ?? '';
  const chosen = choices ?? defaultChoices(fields, ordered, keptId);
  const titleOf = (row: Row) => String(row[def?.titleField ?? 'name'] ?? '') || t('common.untitled');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await client.invalidateQueries({ queryKey: ['list', object] });
      await client.invalidateQueries({ queryKey: ['record', object] });
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.problem.detail ?? caught.message) : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  const merge = () => run(async () => {
    const taken = Object.fromEntries(Object.entries(chosen).filter(([field, from]) => from !== keptId && fields.some((f) => f.name === field)));
    setResult(await mergeRecords(object, keptId, ordered.map((r) => r.id).filter((id) => id !== keptId), taken));
  });
  const undo = () => run(async () => {
    if (!result) return;
    await undoMerge(result.mergeId);
    setIsUndone(true);
  });

  if (ids.length < 2) return <Alert color="gray">{t('duplicates.merge.pickTwo')}</Alert>;
  if (rows.isPending || !def) return <Skeleton h={200} />;
  if (ordered.length < 2) return <Alert color="gray">{t('duplicates.merge.notFound')}</Alert>;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('duplicates.merge.title', { objects: pick(def.labelPlural) })}
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result && !isUndone && (
        <Alert color="green" role="status">
          <Text fw={700} size="sm" mb="xs">
            {t('duplicates.merge.done')}
          </Text>
          <Group gap="sm">
            <Anchor component={Link} to={`/${object}/${result.survivor.id}`}>
              {t('duplicates.merge.openKept')}
            </Anchor>
            <Button size="xs" variant="default" onClick={() => void undo()} loading={busy}>
              {t('duplicates.merge.undo')}
            </Button>
          </Group>
        </Alert>
      )}
      {isUndone && (
        <Alert color="blue" role="status">
          <Text fw={700} size="sm" mb="xs">
            {t('duplicates.merge.undone')}
          </Text>
          <Group gap="sm">
            {ordered.map((row) => (
              <Anchor key={row.id} component={Link} to={`/${object}/${row.id}`}>
                {titleOf(row)}
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {!result && (
        <>
          <Text size="sm">{t('duplicates.merge.intro')}</Text>
          <Table.ScrollContainer minWidth={480}>
            <Table withTableBorder withColumnBorders verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('duplicates.merge.field')}</Table.Th>
                  {ordered.map((row) => (
                    <Table.Th key={row.id} scope="col">
                      <Stack gap={4}>
                        <Anchor component={Link} to={`/${object}/${row.id}`} fw={600}>
                          {titleOf(row)}
                        </Anchor>
                        <Radio
                          name="survivor"
                          value={row.id}
                          checked={row.id === keptId}
                          onChange={() => { setSurvivorId(row.id); setChoices(null); }}
                          label={t('duplicates.merge.keep')}
                          aria-label={t('duplicates.merge.keepRecord', { title: titleOf(row) })}
                        />
                      </Stack>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((field) => {
                  const isSame = ordered.every((r) => same(r[field.name], ordered[0]![field.name]));
                  return (
                    <Table.Tr key={field.name}>
                      <Table.Th scope="row">{pick(field.label)}</Table.Th>
                      {ordered.map((row) => (
                        <Table.Td key={row.id}>
                          {isSame ? (
                            <Value field={field} value={row[field.name]} />
                          ) : (
                            <Radio
                              name={`field-${field.name}`}
                              value={row.id}
                              checked={chosen[field.name] === row.id}
                              onChange={() => setChoices({ ...chosen, [field.name]: row.id })}
                              aria-label={`${pick(field.label)}: ${titleOf(row)}`}
                              label={<Value field={field} value={row[field.name]} />}
                            />
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm">{t('duplicates.merge.effects')}</Text>
          <Group justify="flex-end">
            <Button onClick={() => void merge()} loading={busy}>
              {t('duplicates.merge.submit', { count: ordered.length })}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

export default MergeScreen;
