import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../lib/format';
import { periodParts, type UiPeriod } from './period';

/** 2026年3月 · 2026年第1季度 · 2026年 · 2026年3月1日至2026年3月15日. */
export function usePeriodLabel(): (p: UiPeriod) => string {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return useCallback((p: UiPeriod) => {
    const parts = periodParts(p);
    if (p.kind === 'range') return t('statistics.periodLabel.range', { from: formatDate(p.from), to: formatDate(p.to) });
    return t(`statistics.periodLabel.${p.kind}`, parts);
  }, [t, formatDate]);
}
