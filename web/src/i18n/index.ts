// Every text of the app in English and Simplified Chinese; the user's choice (or their account's
// language) picks one. web/src/i18n/i18n.test.ts fails when a key is missing in either.
// Only the language in use is downloaded (each is its own chunk): the other loads when someone
// switches to it, and i18next switches once it has arrived.
import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

const loaders: Record<string, () => Promise<{ default: ResourceKey }>> = {
  en: () => import('./en.json'),
  'zh-CN': () => import('./zh-CN.json'),
};

const textsOnDemand: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, _namespace, done) => {
    const load = loaders[language];
    if (!load) return done(null, {});
    load().then(
      (texts) => done(null, texts.default),
      (error: Error) => done(error, null),
    );
  },
};

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('guanxi.language');
const browser = typeof navigator !== 'undefined' && navigator.language.startsWith('en') ? 'en' : 'zh-CN';

/** Resolves when the texts of the starting language have loaded. */
export const i18nReady = i18n
  .use(textsOnDemand)
  .use(initReactI18next)
  .init({
    lng: saved ?? browser,
    supportedLngs: Object.keys(loaders),
    load: 'currentOnly',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export default i18n;
