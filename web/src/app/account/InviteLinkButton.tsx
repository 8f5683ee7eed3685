// For administrators: makes a one-time sign-in link for a user (POST /api/v1/admin/users/{id}/invite)
// and shows it with a copy button, saying whether it was also e-mailed. A new user chooses their
// first password with it; someone locked out chooses a new one.
import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../api.ts';
import { ShownOnce } from './ShownOnce.tsx';

interface Invitation {
  link: string;
  email: string;
  expiresAt: string;
  isMailed: boolean;
}

/** A button that makes the user's sign-in link, then shows it. */
export function InviteLinkButton({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [isFailed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const make = async () => {
    setBusy(true);
    setFailed(false);
    try {
      setInvitation((await request<Invitation>('POST', `/api/v1/admin/users/${userId}/invite`)).data);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('accountSecurity.invite.hint')}
      </Text>
      <Button variant="default" onClick={make} loading={busy} w="fit-content">
        {t('accountSecurity.invite.button')}
      </Button>
      {isFailed && (
        <Alert color="red" role="alert">
          {t('accountSecurity.invite.failed')}
        </Alert>
      )}
      {invitation && (
        <Stack gap={6} role="status">
          <ShownOnce value={invitation.link} label={t('accountSecurity.invite.link')} />
          <Text size="sm">
            {invitation.isMailed ? t('accountSecurity.invite.mailed', { email: invitation.email }) : t('accountSecurity.invite.notMailed', { email: invitation.email })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
