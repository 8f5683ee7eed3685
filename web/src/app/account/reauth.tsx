// Re-authentication in the web app: security actions run through `useReauth()`; when the server
// answers `reauth_required` (or a stale proof is refused), a dialog asks for the password — or a code
// when two-step sign-in is on — confirms it with POST /api/v1/auth/reauth, and runs the action again.
import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api.ts';

/** Runs an action; if the server wants proof of identity first, asks for it and runs it once more. */
export type WithReauth = <T>(action: () => Promise<T>) => Promise<T | undefined>;

const ReauthContext = createContext<WithReauth | null>(null);

/** Whether the server refused an action until the user proves who they are. */
export function isReauthNeeded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && (error.problem.errors ?? []).some((e) => e.code === 'reauth_required' || e.code === 'reauth_invalid');
}

/** The re-authentication runner of the surrounding ReauthProvider. */
export function useReauth(): WithReauth {
  const run = useContext(ReauthContext);
  if (!run) throw new Error('useReauth outside ReauthProvider');
  return run;
}

/** Provides useReauth() and shows the dialog when one of its actions needs proof. */
export function ReauthProvider({ hasMfa, children }: { hasMfa: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const settle = useRef<((isProven: boolean) => void) | null>(null);
  const [isUsingCode, setUsingCode] = useState(false);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        settle.current = resolve;
        setSecret('');
        setError(null);
        setUsingCode(false);
        setOpen(true);
      }),
    [],
  );
  const finish = (isProven: boolean) => {
    setOpen(false);
    settle.current?.(isProven);
    settle.current = null;
  };
  const withReauth = useCallback<WithReauth>(
    async (action) => {
      try {
        return await action();
      } catch (caught) {
        if (!isReauthNeeded(caught)) throw caught;
        if (!(await ask())) return undefined;
        return action();
      }
    },
    [ask],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/api/v1/auth/reauth', isUsingCode ? { otp: secret.trim() } : { password: secret });
      finish(true);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 429 ? t('accountSecurity.reauth.tooMany') : caught instanceof ApiError && caught.status === 403 ? t('accountSecurity.reauth.wrong') : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ReauthContext.Provider value={withReauth}>
      {children}
      <Modal opened={isOpen} onClose={() => finish(false)} title={t('accountSecurity.reauth.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('accountSecurity.reauth.hint')}</Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            {isUsingCode ? (
              <TextInput label={t('accountSecurity.reauth.code')} autoComplete="one-time-code" required value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus />
            ) : (
              <PasswordInput label={t('accountSecurity.reauth.password')} autoComplete="current-password" required value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus />
            )}
            {hasMfa && (
              <Anchor component="button" type="button" size="sm" onClick={() => (setUsingCode(!isUsingCode), setSecret(''))}>
                {isUsingCode ? t('accountSecurity.reauth.usePassword') : t('accountSecurity.reauth.useCode')}
              </Anchor>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => finish(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('accountSecurity.reauth.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </ReauthContext.Provider>
  );
}
