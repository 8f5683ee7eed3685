// One record: its title and actions, its details as the definition lists them, the records that point
// at it (contacts and opportunities of an account …) and its timeline.
import { Suspense, lazy, useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, query, request } from '../app/api.ts';
import { useLabel, useObjects, type FieldDef, type ObjectDef } from '../app/metadata.ts';
import { useReferenceTitles, useTitles } from '../app/titles.ts';
import { forgetRecent, rememberRecent } from '../app/recent.ts';
import { useSession } from '../app/session.tsx';
import { FieldValue } from './FieldValue.tsx';
import { RecordForm } from './RecordForm.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { OwnerDialog, ShareDialog } from './ShareDialog.tsx';
import { Timeline } from './Timeline.tsx';
import { domainPanels } from '../domains/screens.ts';
import type { RecordRow } from './useRecordList.ts';
import { useRecordLock } from './record-lock.ts';

// The field history loads when its tab is first opened.
const HistoryTab = lazy(() => import('./HistoryTab.tsx').then((m) => ({ default: m.HistoryTab })));


function DetailValue({ field, value }: { field: FieldDef; value: unknown }) {
  const titles = useReferenceTitles(field, [value]);
  return <FieldValue field={field} value={value} titles={titles.data} />;
}

function RelatedList({ def, field, id }: { def: ObjectDef; field: FieldDef; id: string }) {
  const pick = useLabel();
  const { t } = useTranslation();
  const related = useQuery({
    queryKey: ['related', def.name, field.name, id],
    queryFn: () =>
      get<{ data: RecordRow[] }>(
        `/api/v1/${def.name}${query({ filter: `${field.name} eq '${id}'`, limit: 10, fields: `id,${def.titleField}` })}`,
      ),
  });
  if (!related.data?.data.length) return null;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {pick(def.labelPlural)}
      </Text>
      <Stack gap={4}>
        {related.data.data.map((r) => (
          <Anchor key={r.id} component={Link} to={`/${def.name}/${r.id}`} size="sm">
            {String(r[def.titleField] ?? t('common.untitled'))}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}

export function RecordPage() {
  const { object = '', id = '' } = useParams();
  const { t } = useTranslation();
  const pick = useLabel();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: objects } = useObjects();
  const def = objects?.get(object);
  const [isEditing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'share' | 'owner' | null>(null);
  const record = useQuery({
    queryKey: ['record', object, id],
    queryFn: () => get<RecordRow>(`/api/v1/${object}/${id}`),
    enabled: Boolean(def),
  });
  const lock = useRecordLock(object, id, Boolean(def));
  const owner = useTitles('users', typeof record.data?.ownerId === 'string' ? [record.data.ownerId] : []);
  const me = useSession();
  const title = def && record.data ? String(record.data[def.titleField] ?? '') : undefined;
  const isGone = record.error instanceof ApiError && record.error.status === 404;
  useEffect(() => {
    if (title !== undefined) rememberRecent(me.user.id, { object, id, title });
    else if (isGone) forgetRecent(me.user.id, id);
  }, [me.user.id, object, id, title, isGone]);

  if (!def || record.isPending) return <Skeleton h={400} />;
  if (record.isError) {
    const isMissing = record.error instanceof ApiError && record.error.status === 404;
    return <Alert color={isMissing ? 'yellow' : 'red'}>{isMissing ? t('record.notFound') : t('common.error')}</Alert>;
  }
  const data = record.data;
  // Offer nothing the server would refuse: not what the user's access to this very record forbids (asked
  // per record; nothing until known), nor changes while a module locks it (pending approval …).
  const isLocked = lock.data?.isLocked ?? false;
  const mayEdit = !def.isReadOnly && (lock.data?.canEdit ?? false);
  const canChange = mayEdit && !isLocked;
  const related = [...(objects?.values() ?? [])].flatMap((other) =>
    other.fields.filter((f) => f.type === 'lookup' && f.target === def.name).map((field) => ({ other, field })),
  );
  const remove = async () => {
    if (!window.confirm(t('record.confirmDelete'))) return;
    await request('DELETE', `/api/v1/${def.name}/${id}`, undefined, { 'if-match': `"${data.version}"` });
    await client.invalidateQueries({ queryKey: ['list', def.name] });
    navigate(`/${def.name}`);
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={`/${def.name}`}>
              {pick(def.labelPlural)}
            </Anchor>
          </Text>
          <Title order={1} size="h2">
            {String(data[def.titleField] ?? t('common.untitled'))}
          </Title>
          {typeof data.ownerId === 'string' && (
            <Text size="sm" c="dimmed">
              {t('share.owner', { name: owner.data?.get(data.ownerId) ?? '…' })}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {mayEdit && !def.fields.some((f) => f.type === 'parent') && (
            <Button variant="default" onClick={() => setDialog('share')}>
              {t('share.open')}
            </Button>
          )}
          {(lock.data?.canChangeOwner ?? false) && canChange && typeof data.ownerId === 'string' && (
            <Button variant="default" onClick={() => setDialog('owner')}>
              {t('share.changeOwner')}
            </Button>
          )}
          {canChange && <Button onClick={() => setEditing(true)}>{t('record.edit')}</Button>}
          {(lock.data?.canDelete ?? false) && canChange && (
            <Button color="red" variant="light" onClick={remove}>
              {t('record.delete')}
            </Button>
          )}
        </Group>
      </Group>
      {isLocked && lock.data && (
        <Alert
          color="blue"
          variant="light"
          title={t(`record.lockReasons.${lock.data.code}`, { defaultValue: t('record.lockedTitle') })}
          data-testid="record-lock"
        >
          {lock.data.detail}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {def.fields
                  .filter((f) => f.name !== def.titleField && !['multiLookup', 'json'].includes(f.type))
                  .map((field) => (
                    <div key={field.name}>
                      <Text size="xs" c="dimmed">
                        {pick(field.label)}
                      </Text>
                      <Text size="sm" component="div">
                        <DetailValue field={field} value={data[field.name]} />
                        {(data[field.name] === null || data[field.name] === undefined) && '—'}
                      </Text>
                    </div>
                  ))}
              </SimpleGrid>
            </Card>
            {/* Domains' panels for this object (an opportunity's stages …): web/src/domains/screens.ts. */}
            {domainPanels
              .filter(
                (p) =>
                  (p.object === def.name || (p.object === '*' && (p.isShownForObject?.(def) ?? false))) && (p.isShownFor?.(data) ?? true),
              )
              .map(({ panel: Panel }, i) => (
                <Suspense key={i} fallback={<Skeleton h={120} />}>
                  <Panel def={def} record={data} isLocked={isLocked} canEdit={mayEdit} />
                </Suspense>
              ))}
            {related.map(({ other, field }) => (
              <RelatedList key={`${other.name}.${field.name}`} def={other} field={field} id={id} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Tabs defaultValue="timeline" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="timeline">{t('lists.tabs.timeline')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('lists.tabs.history')}</Tabs.Tab>
              <Tabs.Tab value="files">{t('files.title')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="timeline">
              <Timeline def={def} id={id} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <Suspense fallback={<Skeleton h={160} />}>
                <HistoryTab def={def} id={id} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="files">
              <AttachmentList object={def.name} id={id} canEdit={canChange} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
      {isEditing && canChange && <RecordForm def={def} record={data} onClose={() => setEditing(false)} />}
      {dialog === 'share' && <ShareDialog def={def} record={data} onClose={() => setDialog(null)} />}
      {dialog === 'owner' && <OwnerDialog def={def} record={data} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
