// Sharing one record by hand: who it is shared with (a user or a team, to read or to edit), adding
// and removing shares, and handing the record to another owner. The server decides who may do it;
// the record page offers these only to those who may edit the record.
import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconTrash } from '@tabler/icons-react';
import { ApiError, get, query, request } from '../app/api.ts';
import type { ObjectDef } from '../app/metadata.ts';
import type { RecordRow } from './useRecordList.ts';

interface Share {
  principalType: 'user' | 'team' | 'everyone';
  principalId: string;
  principalName: string | null;
  access: 'read' | 'edit';
}

type Option = { value: string; label: string };

/** A searchable pick of a user (through search) or a team (through the team directory). */
function usePrincipalOptions(kind: 'user' | 'team', typed: string) {
  const [debounced] = useDebouncedValue(typed.trim(), 200);
  return useQuery({
    queryKey: ['principals', kind, debounced],
    enabled: kind === 'team' || debounced.length > 0,
    queryFn: async (): Promise<Option[]> => {
      if (kind === 'team') {
        const { data } = await get<{ data: Array<{ id: string; name: string }> }>(`/api/v1/teams${query({ q: debounced, limit: 50 })}`);
        return data.map((team) => ({ value: team.id, label: team.name }));
      }
      const { data } = await get<{ data: Array<{ id: string; title: string | null }> }>(`/api/v1/search${query({ q: debounced, objects: 'users', limit: 20 })}`);
      return data.map((hit) => ({ value: hit.id, label: hit.title ?? hit.id }));
    },
  });
}

function errorText(caught: unknown, fallback: string): string {
  return caught instanceof ApiError ? (caught.problem.detail ?? caught.message) : fallback;
}

/** The share dialog of a record. */
export function ShareDialog({ def, record, onClose }: { def: ObjectDef; record: RecordRow; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<'user' | 'team'>('user');
  const [typed, setTyped] = useState('');
  const [principalId, setPrincipalId] = useState<string | null>(null);
  const [access, setAccess] = useState<'read' | 'edit'>('read');
  const [message, setMessage] = useState<string | null>(null);
  const path = `/api/v1/${def.name}/${record.id}/shares`;
  const shares = useQuery({ queryKey: ['shares', def.name, record.id], queryFn: () => get<{ data: Share[] }>(path) });
  const options = usePrincipalOptions(kind, typed);
  const refresh = () => client.invalidateQueries({ queryKey: ['shares', def.name, record.id] });

  const add = async () => {
    if (!principalId) return;
    setMessage(null);
    try {
      await request('POST', path, { principalType: kind, principalId, access });
      setPrincipalId(null);
      setTyped('');
      setAccess('read'); // the safer default for the next one
      await refresh();
    } catch (caught) {
      setMessage(errorText(caught, t('common.error')));
    }
  };
  const remove = async (share: Share) => {
    setMessage(null);
    try {
      await request('DELETE', `${path}/${share.principalType}/${share.principalId}`);
      await refresh();
    } catch (caught) {
      setMessage(errorText(caught, t('common.error')));
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg" title={t('share.title')}>
      <Stack>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        {shares.data?.data.length ? (
          <Table aria-label={t('share.current')}>
            <Table.Tbody>
              {shares.data.data.map((share) => (
                <Table.Tr key={`${share.principalType}:${share.principalId}`}>
                  <Table.Td>{share.principalName ?? (share.principalType === 'everyone' ? t('share.kind.everyone') : '—')}</Table.Td>
                  <Table.Td>{t(`share.kind.${share.principalType}`)}</Table.Td>
                  <Table.Td>{t(`share.access.${share.access}`)}</Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => void remove(share)} aria-label={t('share.remove', { name: share.principalName ?? '' })}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {shares.isPending ? '…' : t('share.none')}
          </Text>
        )}
        <Group align="flex-end" wrap="wrap">
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as 'user' | 'team');
              setPrincipalId(null);
            }}
            data={[
              { value: 'user', label: t('share.kind.user') },
              { value: 'team', label: t('share.kind.team') },
            ]}
            aria-label={t('share.kindLabel')}
          />
          <Select
            label={t('share.with')}
            searchable
            data={options.data ?? []}
            value={principalId}
            onChange={setPrincipalId}
            onSearchChange={setTyped}
            filter={({ options: all }) => all}
            nothingFoundMessage={typed ? t('search.empty') : t('form.typeToSearch')}
            style={{ flex: 1, minWidth: 180 }}
          />
          <Select
            label={t('share.accessLabel')}
            data={[
              { value: 'read', label: t('share.access.read') },
              { value: 'edit', label: t('share.access.edit') },
            ]}
            value={access}
            onChange={(value) => setAccess((value as 'read' | 'edit') ?? 'read')}
            allowDeselect={false}
            w={140}
          />
          <Button onClick={() => void add()} disabled={!principalId}>
            {t('share.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Hands the record to another owner (a PATCH of ownerId, checked against the version shown). */
export function OwnerDialog({ def, record, onClose }: { def: ObjectDef; record: RecordRow; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const options = usePrincipalOptions('user', typed);

  const save = async () => {
    if (!ownerId) return;
    try {
      const { data } = await request<RecordRow>('PATCH', `/api/v1/${def.name}/${record.id}`, { ownerId }, { 'if-match': `"${record.version}"` });
      client.setQueryData(['record', def.name, record.id], data);
      await client.invalidateQueries({ queryKey: ['list', def.name] });
      onClose();
    } catch (caught) {
      setMessage(caught instanceof ApiError && caught.status === 412 ? t('share.ownerChangedMeanwhile') : errorText(caught, t('common.error')));
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('share.changeOwner')}>
      <Stack>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Select
          label={t('share.newOwner')}
          searchable
          data={options.data ?? []}
          value={ownerId}
          onChange={setOwnerId}
          onSearchChange={setTyped}
          filter={({ options: all }) => all}
          nothingFoundMessage={typed ? t('search.empty') : t('form.typeToSearch')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} disabled={!ownerId}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
