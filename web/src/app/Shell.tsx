// The frame around every screen: the menu of objects (in the administrator's order), global search
// on Ctrl/Cmd-K, the language and sign-out.
import { Suspense, useEffect, useState } from 'react';
import { AppShell, Burger, Button, Group, Kbd, Menu, NavLink, ScrollArea, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, request } from './api.ts';
import { useLabel, useObjects, type Label } from './metadata.ts';
import { useSession } from './session.tsx';
import { SearchPalette } from './SearchPalette.tsx';
import { NotificationBell, useLiveUpdates } from './LiveUpdates.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { domainScreens } from '../domains/screens.ts';

interface NavItem {
  object: string;
  labelPlural: Label;
}

export function Shell() {
  const { t } = useTranslation();
  const me = useSession();
  const pick = useLabel();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [isMenuOpen, menu] = useDisclosure(false);
  const [isSearchOpen, setSearchOpen] = useState(false);
  // Ctrl/Cmd-K works from anywhere, a text field included.
  useHotkeys([['mod+K', () => setSearchOpen(true)]], []);
  useEffect(() => menu.close(), [location.pathname]); // eslint-disable-line react-hooks/exhaustive-deps
  const nav = useQuery({ queryKey: ['navigation'], queryFn: () => get<{ data: NavItem[] }>('/api/v1/navigation') });
  const { data: objects } = useObjects();
  // Domain screens in the menu, each right after the object it belongs with.
  const screenEntries = domainScreens
    .filter(({ menu }) => menu && (!menu.requiresObject || objects?.has(menu.requiresObject)))
    .map(({ path, menu }) => ({ path, labelKey: menu!.labelKey, anchor: menu!.after ?? menu!.requiresObject }));
  const screenLink = ({ path, labelKey }: { path: string; labelKey: string }) => (
    <NavLink key={path} component={Link} to={`/${path}`} label={t(labelKey)} active={location.pathname === `/${path}`} pl="lg" data-screen-entry />
  );
  useLiveUpdates();

  const signOut = async () => {
    await request('POST', '/api/v1/auth/logout').catch(() => {});
    client.setQueryData(['me'], null);
    navigate('/');
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !isMenuOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={isMenuOpen} onClick={menu.toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <UnstyledButton component={Link} to="/" fw={700} fz="lg">
              {t('app.name')}
            </UnstyledButton>
          </Group>
          <Button variant="default" onClick={() => setSearchOpen(true)} rightSection={<Kbd size="xs" visibleFrom="sm">Ctrl K</Kbd>} maw={320} style={{ flex: 1 }}>
            <Text size="sm" c="dimmed" truncate>
              {t('search.placeholder')}
            </Text>
          </Button>
          <Group gap={4} wrap="nowrap">
          <NotificationBell />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="subtle" aria-label={`${me.user.name} · ${t('shell.userMenu')}`}>
                {me.user.name}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{me.user.email}</Menu.Label>
              <Group px="xs" py={4}>
                <LanguageSwitch isSignedIn />
              </Group>
              <Menu.Divider />
              <Menu.Item component={Link} to="/account">
                {t('account.title')}
              </Menu.Item>
              {me.user.isAdmin && (
                <Menu.Item component={Link} to="/settings">
                  {t('shell.settings')}
                </Menu.Item>
              )}
              <Menu.Item onClick={signOut}>{t('shell.signOut')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.menu')}>
        <ScrollArea>
          <NavLink component={Link} to="/" label={t('home.title')} active={location.pathname === '/'} />
          {nav.isPending && Array.from({ length: 6 }, (_, i) => <Skeleton key={i} h={28} my={6} />)}
          {nav.data?.data.map((item) => {
            const home = domainScreens.find((screen) => screen.objectHome === item.object);
            const to = home ? `/${home.path}` : `/${item.object}`;
            const isActive = home ? location.pathname === to : location.pathname.split('/')[1] === item.object;
            return [
              <NavLink
                key={item.object}
                component={Link}
                to={to}
                label={pick(item.labelPlural)}
                active={isActive}
                rightSection={home?.menuBadge && <Suspense fallback={null}>{<home.menuBadge />}</Suspense>}
              />,
              ...screenEntries.filter((entry) => entry.anchor === item.object).map(screenLink),
            ];
          })}
          {nav.data && screenEntries.filter((entry) => !nav.data.data.some((item) => item.object === entry.anchor)).map(screenLink)}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <SearchPalette isOpen={isSearchOpen} onClose={() => setSearchOpen(false)} />
    </AppShell>
  );
}
