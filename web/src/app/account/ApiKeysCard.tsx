// The signed-in person's API keys: the list (name, created, last used, narrower role, state), a form
// to create one — its secret shown once, with a copy button — and revoking with a confirmation.
// Creating and revoking run through re-authentication.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Code, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../api.ts';
import { useReauth } from './reauth.tsx';
import { ShownOnce } from './ShownOnce.tsx';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  roleId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt?: string | null;
}
interface Role {
  id: string;
  key: string;
  name: Record<string, string>;
}

export function ApiKeysCard({ isAdmin }: { isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const withReauth = useReauth();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => get<{ data: ApiKey[] }>('/api/v1/auth/api-keys') });
  // Only administrators can read the roles; others create keys with their own role.
  const roles = useQuery({ queryKey: ['admin-roles'], queryFn: () => get<{ data: Role[] }>('/api/v1/admin/roles?limit=200'), enabled: isAdmin });
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState<string | null>(null);
  const [lifetime, setLifetime] = useState<string>('90');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const roleName = (id: string | null) => {
    const role = roles.data?.data.find((r) => r.id === id);
    return role ? (role.name[i18n.language] ?? role.name.en ?? role.key) : id;
  };
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : null);
  const fail = (caught: unknown) => setError(caught instanceof ApiError ? caught.message : t('common.error'));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = { name: name.trim(), ...(roleId ? { roleId } : {}), expiresInDays: lifetime === 'never' ? null : Number(lifetime) };
      const made = await withReauth(() => request<ApiKey & { token: string }>('POST', '/api/v1/auth/api-keys', body));
      if (!made) return;
      setCreated({ name: made.data.name, token: made.data.token });
      setName('');
      setRoleId(null);
      await client.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    const key = toRevoke;
    setToRevoke(null);
    if (!key) return;
    setError(null);
    try {
      await withReauth(() => request('DELETE', `/api/v1/auth/api-keys/${key.id}`));
      await client.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (caught) {
      fail(caught);
    }
  };

  const rows = keys.data?.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="api-keys-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="api-keys-title">
          {t('accountSecurity.apiKeys.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('accountSecurity.apiKeys.hint')}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {created && (
          <Alert color="green" withCloseButton onClose={() => setCreated(null)} closeButtonLabel={t('common.close')}>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('accountSecurity.apiKeys.secretTitle', { name: created.name })}
              </Text>
              <Text size="sm">{t('accountSecurity.apiKeys.secretHint')}</Text>
              <Code>Authorization: Bearer …</Code>
              <ShownOnce value={created.token} label={t('accountSecurity.apiKeys.secretTitle', { name: created.name })} />
            </Stack>
          </Alert>
        )}
        <form onSubmit={create}>
          <Group align="flex-end">
            <TextInput
              label={t('accountSecurity.apiKeys.name')}
              placeholder={t('accountSecurity.apiKeys.namePlaceholder')}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            {isAdmin && (
              <Select
                label={t('accountSecurity.apiKeys.role')}
                description={t('accountSecurity.apiKeys.roleHint')}
                placeholder={t('accountSecurity.apiKeys.noRole')}
                data={(roles.data?.data ?? []).map((r) => ({ value: r.id, label: roleName(r.id) ?? r.key }))}
                value={roleId}
                onChange={setRoleId}
                clearable
              />
            )}
            <Select
              label={t('accountSecurity.apiKeys.lifetime')}
              data={['30', '90', '365', 'never'].map((value) => ({
                value,
                label: value === 'never' ? t('accountSecurity.apiKeys.noExpiry') : t('accountSecurity.apiKeys.days', { count: Number(value) }),
              }))}
              value={lifetime}
              onChange={(value) => value && setLifetime(value)}
              allowDeselect={false}
              w={160}
            />
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('accountSecurity.apiKeys.create')}
            </Button>
          </Group>
        </form>
        {rows.length === 0 ? (
          <Text size="sm">{keys.isPending ? '…' : t('accountSecurity.apiKeys.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('accountSecurity.apiKeys.list')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accountSecurity.apiKeys.name')}</Table.Th>
                  <Table.Th>{t('accountSecurity.apiKeys.created')}</Table.Th>
                  <Table.Th>{t('accountSecurity.apiKeys.lastUsed')}</Table.Th>
                  <Table.Th>{t('accountSecurity.apiKeys.limitedTo')}</Table.Th>
                  <Table.Th>{t('accountSecurity.apiKeys.expires')}</Table.Th>
                  <Table.Th>{t('accountSecurity.apiKeys.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((key) => (
                  <Table.Tr key={key.id}>
                    <Table.Td>
                      {key.name} <Code>gx_{key.prefix}_…</Code>
                    </Table.Td>
                    <Table.Td>{when(key.createdAt)}</Table.Td>
                    <Table.Td>{when(key.lastUsedAt) ?? t('accountSecurity.apiKeys.never')}</Table.Td>
                    <Table.Td>{key.roleId ? roleName(key.roleId) : t('accountSecurity.apiKeys.noRole')}</Table.Td>
                    <Table.Td>{when(key.expiresAt) ?? t('accountSecurity.apiKeys.noExpiry')}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={key.revokedAt ? 'dimmed' : undefined}>
                        {key.revokedAt ? t('accountSecurity.apiKeys.revoked') : t('accountSecurity.apiKeys.active')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {!key.revokedAt && (
                        <Button size="xs" color="red" variant="light" onClick={() => setToRevoke(key)} aria-label={t('accountSecurity.apiKeys.revokeLabel', { name: key.name })}>
                          {t('accountSecurity.apiKeys.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal opened={toRevoke !== null} onClose={() => setToRevoke(null)} title={t('accountSecurity.apiKeys.revoke')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('accountSecurity.apiKeys.confirmRevoke', { name: toRevoke?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setToRevoke(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={revoke}>
              {t('accountSecurity.apiKeys.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
