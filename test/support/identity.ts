import { residentIdCheckChar } from '../../shared/domain/identity';

/** A synthetic resident ID with a valid GB 11643 check character (never a real person's). */
export function makeResidentId(birth: string, sex: 'male' | 'female', serial = 12, region = '330383'): string {
  const order = String(serial * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0').slice(-3);
  const first17 = `${region}${birth.replaceAll('-', '')}${order}`;
  return first17 + residentIdCheckChar(first17);
}

/** The same number with a wrong last character. */
export function breakCheckChar(id: string): string {
  const good = id[17];
  const bad = '0123456789X'.split('').find((c) => c !== good)!;
  return id.slice(0, 17) + bad;
}
