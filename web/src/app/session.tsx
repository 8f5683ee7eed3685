// Who is signed in. Without a session the sign-in page shows; after signing in (or when the session
// expires and the user signs in again) the page they were on stays where it was.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, request, setApiLanguage, setCsrfToken } from './api.ts';
import { SignInPage } from './SignInPage.tsx';

export interface Me {
  user: { id: string; email: string; name: string; locale: 'en' | 'zh-CN'; timeZone?: string; isAdmin: boolean; mfaEnabled?: boolean };
  csrfToken?: string;
}

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only used below SessionGate. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside SessionGate');
  return me;
}

/** Shows its children to a signed-in user, the sign-in page otherwise. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => (await request<Me>('GET', '/api/v1/auth/me')).data,
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (!me.data) return;
    setCsrfToken(me.data.csrfToken);
    if (!localStorage.getItem('guanxi.language')) void i18n.changeLanguage(me.data.user.locale);
  }, [me.data, i18n]);
  useEffect(() => setApiLanguage(i18n.language), [i18n.language]);
  // Any request that finds the session gone brings the sign-in page back, over the current page.
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        const error = event.query.state.error;
        if (error instanceof ApiError && error.status === 401 && event.query.queryKey[0] !== 'me') client.setQueryData(['me'], null);
      }),
    [client],
  );
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (!me.data) return <SignInPage onSignedIn={() => client.invalidateQueries()} />;
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
