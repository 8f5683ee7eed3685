// The page the password-reset e-mail opens (/reset-password#token=…): choose a new password, then
// sign in with it. The token travels in the fragment, so it never reaches server logs or Referer.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from './api.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
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
      await request('POST', '/api/v1/auth/password-reset/confirm', { token, password });
      setDone(true);
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      setError(problem?.errors?.find((e) => e.field === 'password')?.message ?? (problem?.status === 400 || problem?.status === 404 ? t('reset.invalidLink') : t('common.error')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <Stack>
          <Title order={1} size="h3">
            {t('reset.title')}
          </Title>
          {isDone ? (
            <>
              <Alert color="green">{t('reset.done')}</Alert>
              <Anchor href="/">{t('reset.toSignIn')}</Anchor>
            </>
          ) : (
            <>
              {!token && <Alert color="yellow">{t('reset.invalidLink')}</Alert>}
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <PasswordInput label={t('reset.password')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <PasswordInput label={t('reset.repeat')} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} />
              <Button type="submit" loading={busy} disabled={!token}>
                {t('reset.submit')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
