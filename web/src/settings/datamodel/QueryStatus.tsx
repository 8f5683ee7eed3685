// The states every Settings screen shares: loading, a failure with a retry, and nothing to show yet.
import { Alert, Button, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder rows while a list loads. */
export function Loading({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{t('settingsData.loading')}</VisuallyHidden>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={32} />
      ))}
    </Stack>
  );
}

/** A failed load, with a button to try again. */
export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('settingsData.loadFailed')}>
      <Group justify="space-between">
        <Text size="sm">{t('common.error')}</Text>
        <Button size="xs" variant="white" color="red.9" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}

/** An empty list, in words. */
export function Empty({ children }: { children: string }) {
  return (
    <Alert color="gray" variant="light">
      {children}
    </Alert>
  );
}
