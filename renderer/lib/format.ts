import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateZh, TIME_ZONE } from '../../shared/domain/dates';

/** Calendar dates: 2026年10月5日 in Chinese, ISO (2026-10-05) in English. */
export function useFormatDate(): (date: string | null | undefined) => string {
  const { i18n, t } = useTranslation();
  const zh = i18n.language !== 'en';
  return useCallback((date) => {
    if (!date) return t('common.empty');
    return zh ? formatDateZh(date) : date;
  }, [zh, t]);
}

/** Moments (ISO-8601 UTC) shown as Shanghai wall-clock time, 24-hour. */
export function useFormatMoment(): (iso: string | null | undefined) => string {
  const { i18n, t } = useTranslation();
  const zh = i18n.language !== 'en';
  return useCallback((iso) => {
    if (!iso) return t('common.empty');
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    return `${zh ? formatDateZh(date) : date} ${parts.hour}:${parts.minute}`;
  }, [zh, t]);
}
