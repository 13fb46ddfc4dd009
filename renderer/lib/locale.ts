import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import updateLocale from 'dayjs/plugin/updateLocale';
import type { ConfigProviderProps } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import type { Language } from '../../shared/i18n';

dayjs.extend(updateLocale);
// Weeks start on Monday in every language (UX.md, Dates); zh-cn already does.
dayjs.updateLocale('en', { weekStart: 1 });

export function applyDayjsLocale(language: Language): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}

export const antdLocale = (language: Language): ConfigProviderProps['locale'] => (language === 'en' ? antdEn : antdZh);
