/**
 * Rounding half up in integers (STATISTICS.md): never Math.round on a float, where 1.005 is 1.00499999… and
 * would round down. Inputs are whole, non-negative and below 2^53, so %, - and / on them are exact here.
 */
function divideHalfUp(numerator: number, divisor: number): number {
  const remainder = numerator % divisor;
  const quotient = (numerator - remainder) / divisor;
  return remainder * 2 >= divisor ? quotient + 1 : quotient;
}

const whole = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, not ${n}`);
};

/** num ÷ den as a ratio rounded half up to 4 decimals (0.8174 is shown as 81.74 %); null when den is 0. */
export function rate(num: number, den: number): number | null {
  whole(num, 'numerator');
  whole(den, 'divisor');
  if (den === 0) return null;
  // A whole number of ten-thousandths; dividing by 10,000 gives the double nearest that decimal, which prints as it.
  return divideHalfUp(num * 10_000, den) / 10_000;
}

/** fen ÷ 1,000,000 = 万元, rounded half up to 2 decimals. */
export function fenToWan(fen: number): number {
  whole(fen, 'amount in fen');
  return divideHalfUp(fen, 10_000) / 100;
}
