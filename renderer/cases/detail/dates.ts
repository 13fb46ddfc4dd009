import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addDays, shanghaiDate } from '../../../shared/domain/dates';

/** Sunday of the week that holds `day` (weeks start on Monday, UX.md). */
export function endOfWeek(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, weekday === 0 ? 0 : 7 - weekday);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type Urgency = 'overdue' | 'thisWeek' | null;

/** Overdue when the day has passed; due this week up to Sunday (UX.md: overdue red, this week orange). */
export function urgencyOf(due: string, today: string = shanghaiDate()): Urgency {
  if (due < today) return 'overdue';
  if (due <= endOfWeek(today)) return 'thisWeek';
  return null;
}

/** Today in Shanghai, as the date pickers want it. */
export const todayPicker = (): Dayjs => dayjs(shanghaiDate());

/** A picked calendar date as YYYY-MM-DD. */
export const ymd = (d: Dayjs): string => d.format('YYYY-MM-DD');

/** Pickers show 2026年10月5日 in Chinese, ISO in English. */
export function usePickerFormat(withTime = false): string {
  const { i18n } = useTranslation();
  const date = i18n.language === 'en' ? 'YYYY-MM-DD' : 'YYYY年M月D日';
  return withTime ? `${date} HH:mm` : date;
}

/** No day after today can be picked for something that has happened. */
export const notFuture = (d: Dayjs): boolean => d.isAfter(todayPicker(), 'day');
