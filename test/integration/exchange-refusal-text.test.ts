import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/core/errors';
import { exportPackage } from '../../electron/core/exchange/export';
import { checkIdentity, checkRecipient, checkRecipients, generateIdentity, parseIdentityFile } from '../../electron/crypto/age';
import { committeeFixture } from '../support/db';
import { keyFingerprint } from '../../electron/core/office/committees';
import { checkSequence, type EarlierReceipt, type StationState } from '../../electron/core/office/sequence';
import { REFUSALS, type Manifest } from '../../shared/domain/exchange';
import { flattenKeys, messages } from '../../shared/i18n';
import { expectRefusalText } from '../support/refusal-text';

// The office's refusals in both languages (issue 6). Every refusal the package and office tests provoke is checked there
// as it happens (test/support/refusal-text.ts, called from exchange-package.test.ts and office.test.ts); here: the
// sequence refusals in all their forms, the office's form checks, and a scan of the core's sources, so that no message
// goes without its key, no key without its message.

const manifest = (sequence: number, previous = ''): Manifest => ({
  format: 'tiaojie-exchange', version: 1,
  committee: { code: '330383-011', name: '白沙社区人民调解委员会', signing_public_key_pem: '-' },
  station: '7f3a2c19-0000-4000-8000-000000000000', sequence, previous_sha256: previous,
  created_at: '2026-04-01T00:00:00.000Z', level: 'full', range: { kind: 'since_last', after_revision: 0, to_revision: 1 }, files: [],
} as Manifest);
const state: StationState = { last_sequence: 3, last_sha256: 'c'.repeat(64), last_imported_at: '2026-04-09T02:30:00.000Z' };
const earlier = (over: Partial<EarlierReceipt> = {}): EarlierReceipt =>
  ({ file_name: '330383-011-000003-20260401.tiaojie.age', sequence: 3, imported_at: '2026-04-09T02:30:00.000Z', ...over });

function refusedBy(work: () => unknown): AppFailure {
  try {
    work();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('office refusals in both languages', () => {
  it('the sequence refusals, every form: the key per message, the code unchanged', () => {
    const file = '330383-011-000003-20260401.tiaojie.age';
    const cases: [string, () => unknown][] = [
      ['sequence_repeat.sameFile', () => checkSequence(file, manifest(3), state, earlier(), false)],
      ['sequence_repeat.otherFile', () => checkSequence('副本.tiaojie.age', manifest(3), state, earlier(), false)],
      ['sequence_repeat.behind', () => checkSequence(file, manifest(2), state, null, false)],
      ['sequence_gap.one', () => checkSequence(file, manifest(5), state, null, false)],
      ['sequence_gap.several', () => checkSequence(file, manifest(7), state, null, false)],
      ['sequence_fork.previous', () => checkSequence(file, manifest(4, 'd'.repeat(64)), state, null, false)],
      ['sequence_fork.noPrevious', () => checkSequence(file, manifest(1, 'd'.repeat(64)), null, null, false)],
    ];
    const english: string[] = [];
    for (const [key, work] of cases) {
      const e = refusedBy(work);
      expect(e.key).toBe(`exchange.refused.${key}`);
      expect(e.code).toBe('VALIDATION');
      english.push(expectRefusalText(e, key.split('.')[0]));
    }
    expect(english[1]).toBe('Package “副本.tiaojie.age” (330383-011, station 7f3a2c19, no. 3) was already imported on 2026-04-09 10:30 '
      + '(as the file “330383-011-000003-20260401.tiaojie.age”, no. 3); nothing was changed');
    expect(english[4]).toMatch(/packages nos\. 4 to 6 before it are missing/);
    // What reaches the renderer: the key and its params, beside the Chinese.
    expect(refusedBy(cases[3][1]).toError()).toMatchObject({ key: 'exchange.refused.sequence_gap.one', params: { from: 4, to: 4, sequence: 5 } });
  });

  it('a key that is not Ed25519: the issue in both languages', () => {
    const e = refusedBy(() => keyFingerprint('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n'));
    const [issue] = e.details!;
    expect(issue).toMatchObject({ path: 'publicKeyPem', key: 'validation.office.publicKey' });
    expect(expectRefusalText(issue)).toMatch(/^Not a valid Ed25519 public key/);
    expect(e.toError().details![0].params).toEqual(issue.params);
  });

  it('every refusal the core can give has its key in both languages, and every key a refusal that uses it', () => {
    const dirs = ['electron/core/exchange/package', 'electron/core/office'];
    const sources = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts') && f !== 'refusal.ts').map((f) => readFileSync(join(d, f), 'utf8')));
    const used = new Set<string>();
    let calls = 0;
    let understood = 0;
    for (const src of sources) {
      calls += src.match(/\bexchangeRefusal\(/g)?.length ?? 0;
      for (const m of src.matchAll(/\bexchangeRefusal\(\s*'(\w+)',\s*'(\w+)'/g)) { used.add(`${m[1]}.${m[2]}`); understood++; }
      for (const m of src.matchAll(/\bexchangeRefusal\(\s*'(\w+)',\s*[^`,]*?\?\s*'(\w+)'\s*:\s*'(\w+)'/g)) {
        used.add(`${m[1]}.${m[2]}`).add(`${m[1]}.${m[3]}`);
        understood++;
      }
      // A helper that names its detail: `const archive = (detail: string, …) => exchangeRefusal('bad_archive', detail, …)`.
      for (const m of src.matchAll(/const (\w+) = \(detail: string[^)]*\)\s*=>\s*exchangeRefusal\(\s*'(\w+)',\s*detail,/g)) {
        understood++;
        for (const c of src.matchAll(new RegExp(`\\b${m[1]}\\(\\s*'(\\w+)'`, 'g'))) used.add(`${m[2]}.${c[1]}`);
      }
    }
    // A call written some other way would escape this scan: it fails here instead.
    expect(understood).toBe(calls);
    expect(calls).toBeGreaterThan(30);
    for (const lang of ['zh-CN', 'en'] as const) {
      const defined = new Set(flattenKeys(messages[lang].exchange.refused));
      expect([...used].filter((k) => !defined.has(k)), `${lang}: used without a text`).toEqual([]);
      expect([...defined].filter((k) => !used.has(k)), `${lang}: a text nothing uses`).toEqual([]);
    }
    expect(Object.keys(messages['zh-CN'].exchange.refused).sort()).toEqual([...REFUSALS].sort());

    const issueKeys = new Set(sources.flatMap((src) => [...src.matchAll(/key: '(validation\.office\.\w+)'/g)].map((m) => m[1])));
    expect([...issueKeys].sort()).toEqual(flattenKeys(messages['zh-CN'].validation.office, 'validation.office.').sort());
  });
});

describe("the exchange's form checks in both languages", () => {
  const issueOf = (work: () => unknown) => {
    const e = refusedBy(work);
    expect(e.details).toHaveLength(1);
    return e.details![0] as { key: string; message: string; params?: Record<string, string | number> };
  };
  const SECRET = 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';

  it('recipients, identities and where a package is saved: each message is its key filled with its params', async () => {
    const seen = new Set<string>();
    const check = (work: () => unknown) => {
      const issue = issueOf(work);
      expectRefusalText(issue);
      seen.add(issue.key);
    };
    check(() => checkRecipient('age1notakey'));
    check(() => checkRecipient('age1pq1' + 'q'.repeat(60)));
    check(() => checkRecipient(SECRET));
    check(() => checkRecipients([]));
    check(() => checkIdentity('AGE-SECRET-KEY-1nope'));
    check(() => parseIdentityFile('# created: 2026-11-27\n'));
    const { identity, recipient } = await generateIdentity();
    check(() => parseIdentityFile(`# a key file\n${identity}\nAGE-SECRET-KEY-1BAD\n`));

    const fx = await committeeFixture();
    try {
      const out = join(fx.dir, 'exists.tiaojie.age');
      writeFileSync(out, 'x');
      for (const outFile of [out, join(fx.dir, 'no-such-folder', 'p.tiaojie.age')]) {
        const e = await exportPackage(fx.core.db, null, () => new Date('2026-01-15T04:00:00.000Z'), { recipients: [recipient], outFile, level: 'full' })
          .then(() => { throw new Error('not refused'); }, (x: unknown) => x as AppFailure);
        expectRefusalText(e.details![0] as { key: string; message: string; params?: Record<string, string | number> });
        seen.add(e.details![0].key);
      }
    } finally {
      await fx.close();
    }
    // Every text of validation.exchange was reached.
    expect([...seen].sort()).toEqual(flattenKeys(messages['zh-CN'].validation.exchange, 'validation.exchange.').sort());
  });
});
