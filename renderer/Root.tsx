import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/session';
import { Gate } from './Gate';
import { antdLocale, applyDayjsLocale } from './lib/locale';
import { buildTheme } from './lib/theme';
import { PreferencesProvider, usePreferences } from './settings/preferences';

function Localized() {
  const { language, largeText } = usePreferences();
  const { t } = useTranslation();
  // Before the children render: DatePicker reads dayjs's global locale while rendering.
  applyDayjsLocale(language);
  const theme = useMemo(() => buildTheme(largeText), [largeText]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [language, t]);

  return (
    <ConfigProvider locale={antdLocale(language)} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp style={{ minHeight: '100%' }}>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <PreferencesProvider>
      <Localized />
    </PreferencesProvider>
  );
}
