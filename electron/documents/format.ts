import { ageOn, formatDateZh, TIME_ZONE } from '../../shared/domain/dates';
import { formatFen } from '../../shared/domain/money';

export { formatFen };

/** 2026年10月5日, or '' for none. */
export const dateZh = (date: string | null | undefined): string => (date ? formatDateZh(date.slice(0, 10)) : '');

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An ISO-8601 instant as the calendar date and 24-hour time in Asia/Shanghai. */
export function shanghaiParts(iso: string): { date: string; hour: number; minute: number } {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) };
}

/** 2026年10月5日14时30分 (24-hour, Asia/Shanghai). */
export function dateTimeZh(iso: string | null | undefined): string {
  if (!iso) return '';
  const { date, hour, minute } = shanghaiParts(iso);
  return `${formatDateZh(date)}${hour}时${String(minute).padStart(2, '0')}分`;
}

/** The Shanghai calendar date of an ISO instant (or a calendar date as is). */
export const calendarDate = (isoOrDate: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? isoOrDate : shanghaiParts(isoOrDate).date;

/** Whole years at the document's date, or '' when the birth date is unknown. */
export const ageAt = (birthDate: string | null, day: string): string => {
  if (!birthDate) return '';
  const age = ageOn(birthDate, day);
  return age >= 0 && age < 150 ? String(age) : '';
};

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 13 → 十三, 25 → 二十五, 100 → 一百 (up to 9999; counts and headings). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  return out;
}

const UPPER = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Integer fen → 壹万贰仟叁佰肆拾伍元整 (the amount in words on financial papers). */
export function fenToChineseUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) return '';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let intPart = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let y = yuan; y > 0; y = Math.floor(y / 10000)) groups.push(y % 10000);
    let needZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g];
      if (group === 0) {
        needZero = intPart !== '';
        continue;
      }
      const ds = String(group).padStart(4, '0').split('').map(Number);
      let s = '';
      let zero = needZero || (intPart !== '' && group < 1000);
      ds.forEach((d, i) => {
        if (d === 0) {
          if (s !== '') zero = true;
          return;
        }
        if (zero && (s !== '' || intPart !== '')) s += '零';
        zero = false;
        s += UPPER[d] + SMALL_UNITS[3 - i];
      });
      intPart += s + BIG_UNITS[g];
      needZero = false;
    }
    intPart += '元';
  }
  if (jiao === 0 && cent === 0) return `${intPart || '零元'}整`;
  let frac = '';
  if (jiao > 0) frac += `${UPPER[jiao]}角`;
  else if (intPart) frac += '零';
  if (cent > 0) frac += `${UPPER[cent]}分`;
  return intPart + frac;
}

/** 人民币壹万贰仟叁佰肆拾伍元整（¥12,345.00） */
export const moneyZh = (fen: number): string => `人民币${fenToChineseUpper(fen)}（${formatFen(fen)}）`;
