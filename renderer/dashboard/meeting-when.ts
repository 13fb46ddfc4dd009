import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, shanghaiDate } from '../../shared/domain/dates';
import { wallClock } from '../lib/shanghai-time';

/** 今天 10:00–11:00, 明天 10:00–11:00, or 12月3日（周四）10:00–11:00, on a Shanghai clock. */
export function useMeetingWhen(): (m: { startsAt: string; endsAt: string }) => string {
  const { t } = useTranslation();
  return useCallback(({ startsAt, endsAt }) => {
    const a = wallClock(startsAt);
    const b = wallClock(endsAt);
    const today = shanghaiDate();
    const time = `${a.time}–${b.time}`;
    if (a.date === today) return t('scheduleSettings.upcoming.today', { time });
    if (a.date === addDays(today, 1)) return t('scheduleSettings.upcoming.tomorrow', { time });
    return t('scheduleSettings.upcoming.day', {
      month: Number(a.date.slice(5, 7)), day: Number(a.date.slice(8, 10)), weekday: t(`scheduleSettings.weekdaysShort.${a.weekday}`), time,
    });
  }, [t]);
}

export type MeetingPhase = 'ongoing' | 'soon' | null;

/** In progress, or starting within the reminder time. */
export function phaseOf(m: { startsAt: string; endsAt: string }, reminderMinutes: number, now = Date.now()): MeetingPhase {
  const start = Date.parse(m.startsAt);
  if (start <= now) return Date.parse(m.endsAt) > now ? 'ongoing' : null;
  return start - now <= reminderMinutes * 60_000 ? 'soon' : null;
}
