// The page an invitation link opens (/invite#token=…, or ?token=…): choose a password, then be signed
// in with it. The token is taken out of the address bar at once, so it stays out of the history.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

const readToken = () => {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? new URLSearchParams(window.location.search).get('token') ?? '';
  if (token) window.history.replaceState(null, '', '/invite');
  return token;
};

export function InvitePage() {
  const { t } = useTranslation();
  const [token] = useState(readToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isDone, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) return setError(t('reset.mismatch'));
    setBusy(true);
    setError(null);
    try {
      const { data } = await request<{ email: string }>('POST', '/api/v1/auth/invitation/accept', { token, password });
      // Signed in straight away; with two-step sign-in on, the sign-in page asks for the code.
      await request('POST', '/api/v1/auth/login', { email: data.email, password }).then(
        () => window.location.assign('/'),
        () => setDone(true),
      );
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      const passwordError = problem?.errors?.find((e) => e.field === 'password')?.message;
      setError(passwordError ?? (problem?.status === 400 ? t('accountSecurity.invitePage.invalidLink') : t('common.error')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <Stack>
          <Title order={1} size="h3">
            {t('accountSecurity.invitePage.title')}
          </Title>
          {isDone ? (
            <>
              <Alert color="green">{t('accountSecurity.invitePage.done')}</Alert>
              <Anchor href="/">{t('accountSecurity.invitePage.toSignIn')}</Anchor>
            </>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t('accountSecurity.invitePage.hint')}
              </Text>
              {!token && <Alert color="yellow">{t('accountSecurity.invitePage.invalidLink')}</Alert>}
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <PasswordInput
                label={t('accountSecurity.invitePage.password')}
                description={t('accountSecurity.password.rules')}
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <PasswordInput label={t('accountSecurity.invitePage.repeat')} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} />
              <Button type="submit" loading={busy} disabled={!token}>
                {t('accountSecurity.invitePage.submit')}
              </Button>
            </>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
