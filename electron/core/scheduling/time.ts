import { formatDateZh } from '../../../shared/domain/dates';

/** Meetings are planned in Asia/Shanghai wall-clock time; China has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/** Any ISO-8601 instant as stored: UTC with milliseconds, so text order is time order. */
export const toStored = (iso: string): string => new Date(iso).toISOString();

export const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

/** Days since 1970-01-01 in Shanghai, and the minute of that day. */
export function shanghaiDayMinute(ms: number): { day: number; minute: number } {
  const local = ms + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / MINUTE_MS) };
}

/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => (((day + 3) % 7) + 7) % 7 + 1;

/** The UTC instant at which a Shanghai day starts. */
export const dayStartMs = (day: number): number => day * DAY_MS - SHANGHAI_OFFSET_MS;

/** Shanghai calendar date of a day number: YYYY-MM-DD. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The Shanghai calendar date of an instant. */
export const shanghaiDateOf = (iso: string): string => dateOfDay(shanghaiDayMinute(Date.parse(iso)).day);

/** 08:30 → 510; 24:00 → 1440. */
export const clockToMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
export const minutesToClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 12月1日 10:00–11:00, or 12月1日 22:00–12月2日 01:00 across midnight. */
export function shortSpan(startsAt: string, endsAt: string): string {
  const a = shanghaiDayMinute(Date.parse(startsAt));
  const b = shanghaiDayMinute(Date.parse(endsAt));
  const head = `${monthDay(dateOfDay(a.day))} ${minutesToClock(a.minute)}`;
  // A meeting ending at midnight ends "24:00" of its day, not "00:00" of the next.
  if (b.day === a.day || (b.day === a.day + 1 && b.minute === 0)) return `${head}–${minutesToClock(b.day === a.day ? b.minute : 1440)}`;
  return `${head}–${monthDay(dateOfDay(b.day))} ${minutesToClock(b.minute)}`;
}

/** 2026年12月1日（星期二）10:00, for notices and text messages. */
export function longStart(startsAt: string): string {
  const { day, minute } = shanghaiDayMinute(Date.parse(startsAt));
  return `${formatDateZh(dateOfDay(day))}（${WEEKDAY_ZH[weekdayOfDay(day)]}）${minutesToClock(minute)}`;
}
