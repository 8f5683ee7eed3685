// Password sign-in, then the code from an authenticator app (or a recovery code) when the account has
// multi-factor sign-in.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request, setCsrfToken } from './api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await request<{ csrfToken: string }>('POST', '/api/v1/auth/login', { email, password, ...(needsCode ? { otp } : {}) });
      setCsrfToken(data.csrfToken);
      onSignedIn();
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      const otpError = problem?.errors?.find((e) => e.field === 'otp');
      if (otpError?.code === 'required') {
        setNeedsCode(true);
      } else if (otpError) {
        setError(t('signIn.wrongCode'));
      } else if (problem?.status === 429) {
        setError(t('signIn.tooMany'));
      } else {
        setError(problem?.status === 401 ? t('signIn.wrong') : t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <Stack>
          <Title order={1} size="h2">
            {t('app.name')}
          </Title>
          <Text c="dimmed" size="sm">
            {needsCode ? t('signIn.codeHint') : t('signIn.hint')}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {!needsCode ? (
            <>
              <TextInput label={t('signIn.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoFocus />
              <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            </>
          ) : (
            <TextInput label={t('signIn.code')} autoComplete="one-time-code" inputMode="text" required value={otp} onChange={(e) => setOtp(e.currentTarget.value)} autoFocus />
          )}
          <Button type="submit" loading={busy} fullWidth>
            {needsCode ? t('signIn.verify') : t('signIn.submit')}
          </Button>
          {needsCode && (
            <Anchor component="button" type="button" size="sm" onClick={() => setNeedsCode(false)}>
              {t('signIn.back')}
            </Anchor>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
