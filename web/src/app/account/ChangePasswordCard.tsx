// Changing one's own password: the current one, the new one twice. The server checks both (field
// errors come back in the user's language) and signs out every other session.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api.ts';

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (next !== repeat) return setErrors({ repeat: t('accountSecurity.password.mismatch') });
    setErrors({});
    setBusy(true);
    try {
      await request('POST', '/api/v1/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ color: 'green', text: t('accountSecurity.password.done') });
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : undefined;
      const fields = Object.fromEntries((problem?.errors ?? []).map((e) => [e.field, e.message]));
      setErrors(fields);
      if (!fields.currentPassword && !fields.newPassword) setMessage({ color: 'red', text: problem?.detail ?? t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="password-title">
      <form onSubmit={submit}>
        <Stack gap="sm" maw={420}>
          <Title order={2} size="h5" id="password-title">
            {t('accountSecurity.password.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('accountSecurity.password.hint')}
          </Text>
          {message && (
            <Alert color={message.color} role={message.color === 'red' ? 'alert' : 'status'}>
              {message.text}
            </Alert>
          )}
          <PasswordInput label={t('accountSecurity.password.current')} autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.currentPassword} />
          <PasswordInput
            label={t('accountSecurity.password.new')}
            description={t('accountSecurity.password.rules')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput label={t('accountSecurity.password.repeat')} autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={errors.repeat} />
          <Button type="submit" loading={busy} w="fit-content">
            {t('accountSecurity.password.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
