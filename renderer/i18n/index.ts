import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, messages, type Language } from '../../shared/i18n';

const STORAGE_KEY = 'tiaojie.language';

export function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Language) : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A preference that cannot be kept is not worth an error.
  }
}

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: messages[l] }])),
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  // React escapes output already.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export { i18next };
