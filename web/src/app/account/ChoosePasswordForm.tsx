// The card a mailed link opens to choose a password (password reset, invitation): two fields that
// must match, the server's password rules on the field, and a link back to sign-in when done.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

interface Props {
  /** The token from the link; without one the form is disabled and says the link is invalid. */
  token: string;
  /** Keys of this form's texts: title, hint?, password, repeat, submit, done, toSignIn, invalidLink. */
  texts: { title: string; hint?: string; password: string; repeat: string; submit: string; done: string; toSignIn: string; invalidLink: string };
  /** Sends the password; resolves `true` when the page moved on by itself (no "done" message). */
  onChoose: (password: string) => Promise<boolean | void>;
  /** HTTP statuses that mean the link itself is no good (expired, used, unknown). */
  invalidLinkStatuses: number[];
  footer?: ReactNode;
}

/** The choose-a-password card shared by the reset and invitation pages. */
export function ChoosePasswordForm({ token, texts, onChoose, invalidLinkStatuses, footer }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isDone, setDone] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) return setError(t('reset.mismatch'));
    setBusy(true);
    setError(null);
    try {
      if (!(await onChoose(password))) setDone(true);
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      const passwordError = problem?.errors?.find((e) => e.field === 'password')?.message;
      setError(passwordError ?? (problem && invalidLinkStatuses.includes(problem.status) ? t(texts.invalidLink) : t('common.error')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <Stack>
          <Title order={1} size="h3">
            {t(texts.title)}
          </Title>
          {isDone ? (
            <>
              <Alert color="green">{t(texts.done)}</Alert>
              <Anchor href="/">{t(texts.toSignIn)}</Anchor>
            </>
          ) : (
            <>
              {texts.hint && (
                <Text size="sm" c="dimmed">
                  {t(texts.hint)}
                </Text>
              )}
              {!token && <Alert color="yellow">{t(texts.invalidLink)}</Alert>}
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <PasswordInput
                label={t(texts.password)}
                description={t('accountSecurity.password.rules')}
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <PasswordInput label={t(texts.repeat)} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} />
              <Button type="submit" loading={isBusy} disabled={!token}>
                {t(texts.submit)}
              </Button>
            </>
          )}
          {footer}
        </Stack>
      </Paper>
    </Center>
  );
}
