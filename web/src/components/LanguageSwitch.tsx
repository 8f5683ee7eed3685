// English / 简体中文, applied at once and kept for the next visit (and on the server when signed in).
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../app/api.ts';

export function LanguageSwitch({ isSignedIn = false }: { isSignedIn?: boolean }) {
  const { i18n, t } = useTranslation();
  const change = (locale: string) => {
    localStorage.setItem('guanxi.language', locale);
    void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
    // The user's own setting on the server; older servers without it keep the choice in this browser.
    if (isSignedIn) request('PATCH', '/api/v1/auth/me', { locale }).catch(() => {});
  };
  return (
    <SegmentedControl
      aria-label={t('common.language')}
      size="xs"
      value={i18n.language}
      onChange={change}
      data={[
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
