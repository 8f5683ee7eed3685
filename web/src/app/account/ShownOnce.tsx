// A secret the server shows only once (an API key, recovery codes, a sign-in link), with a copy button.
import { Button, Code, CopyButton, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The text in a code block with a Copy button; `label` names what is copied, for screen readers. */
export function ShownOnce({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {value}
      </Code>
      <Group>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy} aria-label={`${t('accountSecurity.copy')}: ${label}`}>
              <span aria-live="polite">{copied ? t('accountSecurity.copied') : t('accountSecurity.copy')}</span>
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
