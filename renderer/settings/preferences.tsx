import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../shared/i18n';
import { i18next, storeLanguage, storedLanguage } from '../i18n';

const LARGE_TEXT_KEY = 'tiaojie.largeText';

interface Preferences {
  language: Language;
  largeText: boolean;
  setLanguage(language: Language): void;
  setLargeText(on: boolean): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

const readLargeText = (): boolean => {
  try {
    return window.localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
};

/** Language and large text: per-PC display choices, so the browser's storage is enough. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const [largeText, setLargeTextState] = useState<boolean>(readLargeText);

  const setLanguage = useCallback((l: Language) => {
    storeLanguage(l);
    void i18next.changeLanguage(l);
    setLanguageState(l);
  }, []);

  const setLargeText = useCallback((on: boolean) => {
    try {
      window.localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch {
      // Not kept; still applied for this session.
    }
    setLargeTextState(on);
  }, []);

  const value = useMemo(() => ({ language, largeText, setLanguage, setLargeText }),
    [language, largeText, setLanguage, setLargeText]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const p = useContext(PreferencesContext);
  if (!p) throw new Error('usePreferences outside PreferencesProvider');
  return p;
}
