import { formatDateZh } from '../../shared/domain/dates';

/**
 * Meetings are shown in Asia/Shanghai whatever the PC's own time zone. China keeps one offset all
 * year (no daylight saving since 1991), so a fixed +08:00 is exact and FullCalendar needs no
 * time-zone plugin: the calendar runs in 'UTC' and is handed Shanghai wall-clock times.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant as the Shanghai wall-clock time FullCalendar (timeZone 'UTC') shows: 2026-10-05T09:00:00. */
export const toWall = (iso: string): string => new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 19);

/** A date FullCalendar gives back (its UTC fields are Shanghai wall-clock time) as the real instant. */
export const fromWall = (wall: Date): string => new Date(wall.getTime() - OFFSET_MS).toISOString();

/** Now, as Shanghai wall-clock time for FullCalendar's `now`. */
export const wallNow = (): string => toWall(new Date().toISOString());

/** The Shanghai calendar date of an instant: YYYY-MM-DD. */
export const shanghaiDay = (iso: string): string => toWall(iso).slice(0, 10);

/** The Shanghai clock time of an instant: HH:mm. */
export const shanghaiClock = (iso: string): string => toWall(iso).slice(11, 16);

/** A Shanghai date and clock time (YYYY-MM-DD, HH:mm) as an ISO instant. */
export const instantOf = (date: string, clock: string): string => new Date(`${date}T${clock}:00+08:00`).toISOString();

/** Minutes between two instants. */
export const minutesBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** 00:00, 00:15 … 23:45: meetings start and end on the quarter hour. */
export const QUARTER_HOURS: string[] = Array.from({ length: 96 }, (_, i) =>
  `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

/** A day as people read it: 2026年10月5日 in Chinese, 2026-10-05 in English. */
export const dayText = (day: string, zh: boolean): string => (zh ? formatDateZh(day) : day);

/** 周三 / Wed: the weekday of a calendar date. */
export const weekdayText = (day: string, zh: boolean): string =>
  new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** 2026年10月5日 周一 09:00–10:30 (the end's date only when it is another day). */
export function spanText(startsAt: string, endsAt: string, zh: boolean): string {
  const d1 = shanghaiDay(startsAt);
  const d2 = shanghaiDay(endsAt);
  const end = d1 === d2 ? shanghaiClock(endsAt) : `${dayText(d2, zh)} ${shanghaiClock(endsAt)}`;
  return `${dayText(d1, zh)} ${weekdayText(d1, zh)} ${shanghaiClock(startsAt)}–${end}`;
}
