// The web app: providers (theme, server state, language), the session gate and the routes.
import '@mantine/core/styles.css';
import './app/contrast.css';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { Loader, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { i18nReady } from './i18n/index.ts';
import { SessionGate } from './app/session.tsx';
import { Shell } from './app/Shell.tsx';
import { HomePage } from './app/HomePage.tsx';
import { ListPage } from './records/ListPage.tsx';
import { settingsSections } from './settings/sections.ts';
import { domainScreens } from './domains/screens.ts';

// Screens not every visit needs load on their route: a record's page (timeline, files, sharing),
// drag-and-drop, the account and the recycle bin.
// Pages reached from a mailed link only.
const ResetPasswordPage = lazy(() => import('./app/ResetPasswordPage.tsx').then((m) => ({ default: m.ResetPasswordPage })));
const InvitePage = lazy(() => import('./app/account/InvitePage.tsx').then((m) => ({ default: m.InvitePage })));
const RecordPage = lazy(() => import('./records/RecordPage.tsx').then((m) => ({ default: m.RecordPage })));
const BoardPage = lazy(() => import('./records/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const AccountPage = lazy(() => import('./app/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const SettingsLayout = lazy(() => import('./settings/SettingsLayout.tsx').then((m) => ({ default: m.SettingsLayout })));
const RecycleBinPage = lazy(() => import('./records/RecycleBinPage.tsx').then((m) => ({ default: m.RecycleBinPage })));

// System fonts first, then the platforms' own CJK fonts: no font is downloaded.
const theme = createTheme({
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  primaryColor: 'indigo',
  // Shade 8 and the darker dimmed grey keep text at a contrast of at least 4.5:1 (WCAG AA).
  primaryShade: 8,
  defaultRadius: 'md',
});
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-error': '#c92a2a' },
  dark: {},
});
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

// The first screen needs its texts: they come with the app's first requests (one small chunk).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            {window.location.pathname === '/reset-password' ? (
              <Suspense fallback={<Loader m="xl" aria-label="…" />}>
                <ResetPasswordPage />
              </Suspense>
            ) : window.location.pathname === '/invite' ? (
              <Suspense fallback={<Loader m="xl" aria-label="…" />}>
                <InvitePage />
              </Suspense>
            ) : (
              <SessionGate>
                <Suspense fallback={<Loader m="xl" aria-label="…" />}>
                  <Routes>
                    <Route element={<Shell />}>
                      <Route index element={<HomePage />} />
                      <Route path="account" element={<AccountPage />} />
                      <Route path="settings" element={<SettingsLayout />}>
                        <Route index element={<Navigate to={settingsSections[0]!.path} replace />} />
                        {settingsSections.map(({ path, screen: Screen }) => (
                          <Route key={path} path={path} element={<Screen />} />
                        ))}
                      </Route>
                      {domainScreens.map(({ path, screen: Screen }) => (
                        <Route key={path} path={path} element={<Screen />} />
                      ))}
                      <Route path=":object" element={<ListPage />} />
                      <Route path=":object/board" element={<BoardPage />} />
                      <Route path=":object/trash" element={<RecycleBinPage />} />
                      <Route path=":object/:id" element={<RecordPage />} />
                    </Route>
                  </Routes>
                </Suspense>
              </SessionGate>
            )}
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
