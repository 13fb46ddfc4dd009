const DIGITS = '一二三四五六七八九';

/** 1 → 一, 12 → 十二, 40 → 四十: how agreement terms and requests are numbered in Chinese. */
export function chineseNumber(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? '' : `${tens === 1 ? '' : DIGITS[tens - 1]}十`;
  return `${head}${ones === 0 ? '' : DIGITS[ones - 1]}`;
}

/** The term marker: 一、 in Chinese, 1. otherwise. */
export const termMarker = (n: number, zh: boolean): string => (zh ? `${chineseNumber(n)}、` : `${n}.`);
