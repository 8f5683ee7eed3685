// Two-step sign-in: enrolment (QR code, first code, recovery codes shown once) and, once it is on, new
// recovery codes. Both are security actions, so they run through re-authentication.
import { useState } from 'react';
import { Alert, Button, Card, Code, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api.ts';
import { useReauth } from './reauth.tsx';
import { ShownOnce } from './ShownOnce.tsx';

export function MfaCard({ isMfaEnabled }: { isMfaEnabled: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const withReauth = useReauth();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrCode: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<{ codes: string[]; isNew: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (caught: unknown) => setError(caught instanceof ApiError ? caught.message : t('common.error'));

  const startEnrolment = async () => {
    setError(null);
    try {
      const started = await withReauth(() => request<{ secret: string; qrCode: string }>('POST', '/api/v1/auth/mfa/enroll'));
      if (started) setEnrolment(started.data);
    } catch (caught) {
      fail(caught);
    }
  };
  const confirm = async () => {
    setError(null);
    try {
      const confirmed = await withReauth(() => request<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/mfa/confirm', { otp: code.trim() }));
      if (!confirmed) return;
      setRecoveryCodes({ codes: confirmed.data.recoveryCodes, isNew: false });
      setEnrolment(null);
      await client.invalidateQueries({ queryKey: ['me'] });
    } catch (caught) {
      fail(caught);
    }
  };
  const regenerate = async () => {
    if (!window.confirm(t('accountSecurity.recovery.confirmRegenerate'))) return;
    setError(null);
    try {
      const renewed = await withReauth(() => request<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/mfa/recovery-codes'));
      if (renewed) setRecoveryCodes({ codes: renewed.data.recoveryCodes, isNew: true });
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="mfa-title">
      <Title order={2} size="h5" id="mfa-title">
        {t('account.mfa')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.mfaHint')}
      </Text>
      {error && (
        <Alert color="red" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      {recoveryCodes ? (
        <Stack gap="xs">
          {!recoveryCodes.isNew && <Alert color="green">{t('account.mfaOn')}</Alert>}
          <Text size="sm">{recoveryCodes.isNew ? t('accountSecurity.recovery.shownOnce') : t('account.recoveryCodes')}</Text>
          <ShownOnce value={recoveryCodes.codes.join('\n')} label={t('accountSecurity.recovery.title')} />
        </Stack>
      ) : enrolment ? (
        <Stack gap="xs">
          <Image src={enrolment.qrCode} alt={t('account.qr')} w={180} h={180} />
          <Text size="xs" c="dimmed">
            {t('account.secret')} <Code>{enrolment.secret}</Code>
          </Text>
          <Group align="flex-end">
            <TextInput label={t('signIn.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="one-time-code" />
            <Button onClick={confirm}>{t('signIn.verify')}</Button>
          </Group>
        </Stack>
      ) : isMfaEnabled ? (
        <Stack gap="xs" align="flex-start">
          <Alert color="green">{t('account.mfaOn')}</Alert>
          <Title order={3} size="h6">
            {t('accountSecurity.recovery.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('accountSecurity.recovery.hint')}
          </Text>
          <Button variant="light" onClick={regenerate}>
            {t('accountSecurity.recovery.regenerate')}
          </Button>
        </Stack>
      ) : (
        <Button variant="light" onClick={startEnrolment}>
          {t('account.mfaStart')}
        </Button>
      )}
    </Card>
  );
}
