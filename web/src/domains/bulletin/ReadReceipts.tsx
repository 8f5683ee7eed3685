// Who has read an announcement and who of its audience has not, for its author and administrators.
import { Badge, Drawer, List, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../../app/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { useReceipts } from './bulletin.ts';

/** The read-receipts drawer of announcement `id`. */
export function ReadReceipts({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const receipts = useReceipts(id, true);
  const read = receipts.data?.read ?? [];
  const notRead = receipts.data?.notRead ?? [];
  return (
    <Drawer opened onClose={onClose} position="right" title={t('bulletin.receipts.title', { title })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {receipts.isPending ? (
        <Skeleton h={200} />
      ) : (
        <Tabs defaultValue="read">
          <Tabs.List>
            <Tabs.Tab value="read" rightSection={<Badge color="teal.9">{read.length}</Badge>}>
              {t('bulletin.receipts.read')}
            </Tabs.Tab>
            <Tabs.Tab value="notRead" rightSection={<Badge color="red.9">{notRead.length}</Badge>}>
              {t('bulletin.receipts.notRead')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="read" pt="sm">
            <Stack gap={4}>
              {read.length === 0 && <Text c="dimmed" size="sm">{t('bulletin.receipts.noneRead')}</Text>}
              <List listStyleType="none" spacing={4} aria-label={t('bulletin.receipts.read')}>
                {read.map((r) => (
                  <List.Item key={r.userId}>
                    <Text size="sm">
                      {r.name} · <Text span c="dimmed" size="sm">{formatRelative(r.readAt, language)}</Text>
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="notRead" pt="sm">
            {notRead.length === 0 && <Text c="dimmed" size="sm">{t('bulletin.receipts.allRead')}</Text>}
            <List listStyleType="none" spacing={4} aria-label={t('bulletin.receipts.notRead')}>
              {notRead.map((r) => (
                <List.Item key={r.userId}>
                  <Text size="sm">{r.name}</Text>
                </List.Item>
              ))}
            </List>
          </Tabs.Panel>
        </Tabs>
      )}
    </Drawer>
  );
}
