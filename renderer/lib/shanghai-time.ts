import { TIME_ZONE } from '../../shared/domain/dates';

// Meetings and availability are Asia/Shanghai wall-clock times whatever zone the PC is set to.
// China keeps no daylight saving, so the offset is always +08:00.

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Monday 1 … Sunday 7 of a calendar date (weeks start on Monday). */
export const weekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24-hour */
  time: string;
  weekday: number;
}

/** An ISO instant as the date and time on a Shanghai clock. */
export function wallClock(iso: string): WallClock {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, time: `${p.hour}:${p.minute}`, weekday: weekdayOf(date) };
}

/** A Shanghai date and HH:mm as an ISO instant with its offset (24:00 is the next day's 00:00). */
export function instantOf(date: string, time: string): string {
  if (time === '24:00') {
    const [y, m, d] = date.split('-').map(Number);
    return instantOf(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10), '00:00');
  }
  return `${date}T${time}:00+08:00`;
}

/** Minutes since midnight of HH:mm. */
export const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};
