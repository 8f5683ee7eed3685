// Settings › Sharing: the org-wide default of each object, and the sharing rules that open records
// to teams and roles beyond it.
import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useObjects } from '../app/metadata.ts';
import { AccessDefaults } from './datamodel/AccessDefaults.tsx';
import { LoadError, Loading } from './datamodel/QueryStatus.tsx';
import { SharingRules } from './datamodel/SharingRules.tsx';

export default function SharingScreen() {
  const { t } = useTranslation();
  const metadata = useObjects();
  if (metadata.isPending) return <Loading rows={8} />;
  if (metadata.isError) return <LoadError onRetry={() => void metadata.refetch()} />;
  const objects = [...metadata.data.values()];
  return (
    <Stack>
      <Title order={3}>{t('settingsData.sharing.defaultsTitle')}</Title>
      <AccessDefaults objects={objects} />
      <Title order={3} mt="md">
        {t('settingsData.sharing.rulesTitle')}
      </Title>
      <SharingRules objects={objects} />
    </Stack>
  );
}
