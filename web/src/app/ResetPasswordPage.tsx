// The page the password-reset e-mail opens (/reset-password#token=…): choose a new password, then
// sign in with it. The token travels in the fragment, so it never reaches server logs or Referer.
import { useState } from 'react';
import { request } from './api.ts';
import { ChoosePasswordForm } from './account/ChoosePasswordForm.tsx';

const texts = {
  title: 'reset.title',
  password: 'reset.password',
  repeat: 'reset.repeat',
  submit: 'reset.submit',
  done: 'reset.done',
  toSignIn: 'reset.toSignIn',
  invalidLink: 'reset.invalidLink',
};

export function ResetPasswordPage() {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  return (
    <ChoosePasswordForm
      token={token}
      texts={texts}
      invalidLinkStatuses={[400, 404]}
      onChoose={(password) => request('POST', '/api/v1/auth/password-reset/confirm', { token, password }).then(() => false)}
    />
  );
}
