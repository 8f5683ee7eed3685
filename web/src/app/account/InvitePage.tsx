// The page an invitation link opens (/invite#token=…, or ?token=…): choose a password, then be signed
// in with it. The token is taken out of the address bar at once, so it stays out of the history.
import { useState } from 'react';
import { request } from '../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ChoosePasswordForm } from './ChoosePasswordForm.tsx';

const texts = {
  title: 'accountSecurity.invitePage.title',
  hint: 'accountSecurity.invitePage.hint',
  password: 'accountSecurity.invitePage.password',
  repeat: 'accountSecurity.invitePage.repeat',
  submit: 'accountSecurity.invitePage.submit',
  done: 'accountSecurity.invitePage.done',
  toSignIn: 'accountSecurity.invitePage.toSignIn',
  invalidLink: 'accountSecurity.invitePage.invalidLink',
};

// Read once per page load and kept here, not only in component state: a render that suspends (texts
// still loading) starts the component again, and by then the token has left the address bar.
let pageToken: string | undefined;
const readToken = () => {
  if (pageToken === undefined) {
    pageToken = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? new URLSearchParams(window.location.search).get('token') ?? '';
    if (pageToken) window.history.replaceState(null, '', '/invite');
  }
  return pageToken;
};

export function InvitePage() {
  const [token] = useState(readToken);
  const accept = async (password: string) => {
    const { data } = await request<{ email: string }>('POST', '/api/v1/auth/invitation/accept', { token, password });
    // Signed in straight away; with two-step sign-in on, the sign-in page asks for the code.
    return request('POST', '/api/v1/auth/login', { email: data.email, password }).then(
      () => {
        window.location.assign('/');
        return true;
      },
      () => false,
    );
  };
  return <ChoosePasswordForm token={token} texts={texts} invalidLinkStatuses={[400]} onChoose={accept} footer={<LanguageSwitch />} />;
}
