// A cheap hook for the current language, apart from index.ts so that modules node's tests load
// (they import metadata.ts) do not pull in the JSON texts.
import { useSyncExternalStore } from 'react';
import i18n, { type TFunction } from 'i18next';

const fixedT = new Map<string, TFunction>();
const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};

/**
 * The current language and its `t`, for components rendered by the hundred (the cells of a list):
 * react-i18next's hook copies the whole i18n instance on every mount, which made scrolling stutter.
 */
export function useLanguage(): { t: TFunction; language: string } {
  const language = useSyncExternalStore(subscribe, () => i18n.language);
  let t = fixedT.get(language);
  if (!t) fixedT.set(language, (t = i18n.getFixedT(language)));
  return { t, language };
}
