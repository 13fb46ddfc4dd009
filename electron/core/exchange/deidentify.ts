import { createHmac } from 'node:crypto';

// De-identification (EXCHANGE.md, Levels): a party becomes a stable pseudonym and keeps only sex and an age band.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, no padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** An ID number as one text: no spaces, upper case (a resident ID's final X). */
export const normaliseIdNumber = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

export interface PartyIdentity { name: string; id_number: string | null; credit_code: string | null; birth_date: string | null }

/**
 * HMAC-SHA-256 keyed with the committee's secret, over the normalised ID number (an organisation's credit code), or
 * name + birth date when there is none; the first 16 bytes in base32. Prefixed so the two kinds never collide.
 */
export function pseudonym(secret: Buffer, p: PartyIdentity): string {
  const id = p.id_number?.trim() || p.credit_code?.trim();
  const subject = id ? `id:${normaliseIdNumber(id)}` : `name:${p.name.trim()}\u0000${p.birth_date ?? ''}`;
  return base32(createHmac('sha256', secret).update(subject, 'utf8').digest().subarray(0, 16));
}

/** The birth date a mainland resident ID carries (digits 7–14), when no birth date was recorded. */
export function birthDateOf(birthDate: string | null, idType: string, idNumber: string | null): string | null {
  if (birthDate) return birthDate;
  const m = idType === 'resident_id' && idNumber ? /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(idNumber.trim()) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The ten-year band ('30-39') of the age on `on`; null without a birth date or when it is after `on`. */
export function ageBand(birthDate: string | null, on: string): string | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (on.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (age < 0) return null;
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}
