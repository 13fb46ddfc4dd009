export { makeResidentId } from '../../electron/core/seed/people';

/** The same number with a wrong last character. */
export function breakCheckChar(id: string): string {
  const good = id[17];
  const bad = '0123456789X'.split('').find((c) => c !== good)!;
  return id.slice(0, 17) + bad;
}
