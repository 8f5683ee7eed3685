// The signed-in person's own settings: language and time zone, password, two-step sign-in and
// recovery codes, API keys, and signing out everywhere. Security actions ask the user to confirm who
// they are when their sign-in is older than ten minutes (account/reauth.tsx).
import { useState } from 'react';
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from './api.ts';
import { useSession } from './session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ReauthProvider, useReauth } from './account/reauth.tsx';
import { ChangePasswordCard } from './account/ChangePasswordCard.tsx';
import { MfaCard } from './account/MfaCard.tsx';
import { ApiKeysCard } from './account/ApiKeysCard.tsx';

const zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

export function AccountPage() {
  const me = useSession();
  return (
    <ReauthProvider hasMfa={Boolean(me.user.mfaEnabled)}>
      <AccountSections />
    </ReauthProvider>
  );
}

function AccountSections() {
  const { t } = useTranslation();
  const me = useSession();
  const client = useQueryClient();
  const withReauth = useReauth();
  const [error, setError] = useState<string | null>(null);
  const fail = (caught: unknown) => setError(caught instanceof ApiError ? caught.message : t('common.error'));

  const setZone = async (timeZone: string | null) => {
    if (!timeZone) return;
    await request('PATCH', '/api/v1/auth/me', { timeZone }).catch(fail);
    await client.invalidateQueries({ queryKey: ['me'] });
  };
  const signOutEverywhere = async () => {
    if (!window.confirm(t('account.confirmSignOutAll'))) return;
    try {
      if (await withReauth(() => request('POST', '/api/v1/auth/logout-all'))) client.setQueryData(['me'], null);
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <Stack maw={960}>
      <Title order={1} size="h3">
        {t('account.title')}
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('common.language')}
            </Text>
            <LanguageSwitch isSignedIn />
          </Stack>
          <Select label={t('account.timeZone')} data={zones} value={me.user.timeZone ?? 'Asia/Shanghai'} onChange={setZone} searchable />
        </SimpleGrid>
      </Card>
      <ChangePasswordCard />
      <MfaCard isMfaEnabled={Boolean(me.user.mfaEnabled)} />
      <ApiKeysCard isAdmin={me.user.isAdmin} />
      <Card withBorder>
        <Group justify="space-between">
          <Text size="sm">{t('account.signOutAllHint')}</Text>
          <Button color="red" variant="light" onClick={signOutEverywhere}>
            {t('account.signOutAll')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
