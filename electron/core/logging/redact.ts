// The second line of defence: whatever reaches a log line, these never stay in it.

// An 18-character resident ID number (17 digits and a digit or X), not part of a longer run of digits.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// A mainland mobile number, optionally with +86 / 86, with or without spaces or dashes between its groups.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with ID numbers, mobile numbers and each personal string (the dispatcher's input strings) masked. */
export function redact(text: string, personal: readonly string[] = []): string {
  let out = text.replace(ID_NUMBER, '[身份证号]').replace(MOBILE, '[手机号]');
  // Longest first, so a name inside a longer marked string does not leave the rest behind.
  const marked = [...new Set(personal.map((p) => p.trim()).filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  for (const p of marked) out = out.replace(new RegExp(escape(p), 'g'), '[已隐去]');
  return out;
}

/** Every string inside a value (a channel's input), for `redact`'s personal list; bounded, inputs can be large. */
export function stringsIn(value: unknown, limit = 500): string[] {
  const found: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (found.length >= limit || depth > 8) return;
    if (typeof v === 'string') found.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return found;
}
