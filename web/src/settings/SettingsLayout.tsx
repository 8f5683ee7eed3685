// Settings for administrators: one section per concern, each its own lazily loaded screen.
// A user who is not an administrator never reaches these routes (the server refuses them anyway).
import { Suspense } from 'react';
import { Alert, Group, Loader, NativeSelect, NavLink, Stack, Title } from '@mantine/core';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.tsx';
import { sectionLabelKey, settingsSections } from './sections.ts';

export function SettingsLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!me.user.isAdmin) return <Alert color="red">{t('settings.adminOnly')}</Alert>;
  const current = location.pathname.split('/')[2] ?? settingsSections[0]!.path;
  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Group align="flex-start" wrap="wrap" gap="lg">
        {/* On a phone the sections are one compact choice, so the screen itself starts on the first screenful. */}
        <NativeSelect
          hiddenFrom="sm"
          w="100%"
          label={t('settings.section')}
          value={current}
          data={settingsSections.map((section) => ({ value: section.path, label: t(sectionLabelKey(section)) }))}
          onChange={(event) => navigate(`/settings/${event.currentTarget.value}`)}
        />
        <Stack component="nav" visibleFrom="sm" gap={0} aria-label={t('settings.title')} w={200}>
          {settingsSections.map((section) => (
            <NavLink key={section.path} component={Link} to={`/settings/${section.path}`} label={t(sectionLabelKey(section))} active={current === section.path} />
          ))}
        </Stack>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Suspense fallback={<Loader aria-label="…" />}>
            <Outlet />
          </Suspense>
        </div>
      </Group>
    </Stack>
  );
}
