import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { Decrypter } from 'age-encryption';
import { ageEncrypt } from '../electron/crypto/age-encrypt';
import { openPackage } from '../electron/core/exchange/package/read';
import { writePackage, type PackageInput } from '../electron/core/exchange/package/write';
import { generateIdentity } from '../electron/crypto/age';
import { generateSigningKey } from '../electron/crypto/signing';
import { RECORD_FILES, type RecordFile } from '../shared/domain/exchange';
import { Random } from '../electron/core/seed/random';
import { syntheticPerson } from '../electron/core/seed/people';

// The exchange package (EXCHANGE.md): age encryption in Tiaojie against the stock age command on the same bytes,
// then writing and reading a package of case-like records, with time and peak heap.

const MiB = 1048576;

/** Encrypts a file with ageEncrypt (node:crypto), as writePackage does; decrypts with age-encryption, as openPackage does. */
async function ourEncrypt(src: string, dst: string, recipient: string) {
  await pipeline(Readable.from(ageEncrypt([recipient], createReadStream(src))), createWriteStream(dst));
}
async function ourDecrypt(src: string, dst: string, identity: string) {
  const d = new Decrypter();
  d.addIdentity(identity);
  const out = await d.decrypt(Readable.toWeb(createReadStream(src)) as unknown as ReadableStream<Uint8Array>);
  await pipeline(Readable.fromWeb(out as unknown as WebReadableStream<Uint8Array>), createWriteStream(dst));
}
const timed = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const stockAge = (args: string[]) => {
  const t = performance.now();
  const r = spawnSync('age', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`age ${args.join(' ')}: ${r.stderr}`);
  return performance.now() - t;
};

/** Case-like records: a case, two parties, a session; the other files a tenth of that. */
function caseLike(cases: number): Record<RecordFile, () => Iterable<object>> {
  const counts: Record<RecordFile, number> = {
    'people.ndjson': 40, 'cases.ndjson': cases, 'parties.ndjson': 2 * cases, 'sessions.ndjson': cases,
    'agreements.ndjson': Math.round(cases * 0.7), 'followups.ndjson': Math.round(cases * 0.3), 'sweeps.ndjson': Math.round(cases / 10),
  };
  const r = new Random('exchange');
  // A thousand people cycled: the bench measures the package, not the making of synthetic people.
  const people = Array.from({ length: 1000 }, () => syntheticPerson(r, 2026));
  const uuid = (file: number, i: number) => `0000${file}000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return Object.fromEntries(RECORD_FILES.map((file, f) => [file, function* () {
    for (let i = 0; i < counts[file]; i++) {
      const updated_at = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T08:${String(i % 60).padStart(2, '0')}:00.000Z`;
      if (file === 'parties.ndjson') {
        const p = people[i % people.length];
        yield { uuid: uuid(f, i), revision: 1000 + i, updated_at, case_uuid: uuid(1, i >> 1), role: i % 2 ? 'respondent' : 'applicant', kind: 'person', name: p.name, id_type: 'resident_id', id_number: p.idNumber, phone: p.phone, address: p.address, sex: p.sex };
      } else {
        yield {
          uuid: uuid(f, i), revision: 1000 + i, updated_at, case_no: `（2026）白沙人调字第${String(i + 1).padStart(5, '0')}号`, category: CATEGORIES[i % 4],
          status: i % 5 ? 'concluded' : 'in_progress', registered_on: '2026-03-14', summary: '楼上住户夜间噪音影响楼下休息，双方多次协商未果', amount: (i * 7919) % 500_000,
        };
      }
    }
  }])) as unknown as Record<RecordFile, () => Iterable<object>>;
}
const CATEGORIES = ['neighbour', 'family', 'property', 'labour'];

export interface ExchangeBench {
  encryption: { mib: number; oursEncryptMs: number; stockEncryptMs: number; oursDecryptMs: number; stockDecryptMs: number; encryptRatio: number; decryptRatio: number; oursMiBs: number; stockMiBs: number };
  package: { cases: number; records: number; generateMs: number; packageMiB: number; writeMs: number; writeCpuMs: number; writePeakHeapMiB: number; readMs: number; readCpuMs: number; readPeakHeapMiB: number; readLiveHeapMiB: number };
}

export async function benchExchange(opts: { mib?: number; cases?: number } = {}): Promise<ExchangeBench> {
  const mib = opts.mib ?? 100;
  const cases = opts.cases ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-exchange-'));
  try {
    const office = await generateIdentity();
    const keyFile = join(dir, 'office.key');
    const fd = openSync(keyFile, 'w', 0o600);
    writeSync(fd, `${office.identity}\n`);
    closeSync(fd);

    // The encryption step alone, on the same ~100 MB, ours and stock age in the same run.
    const plain = join(dir, 'bytes.bin');
    const out = openSync(plain, 'w');
    for (let i = 0; i < mib; i++) writeSync(out, randomBytes(MiB));
    closeSync(out);
    const oursEncryptMs = await timed(() => ourEncrypt(plain, join(dir, 'ours.age'), office.recipient));
    const stockEncryptMs = stockAge(['-r', office.recipient, '-o', join(dir, 'stock.age'), plain]);
    const oursDecryptMs = await timed(() => ourDecrypt(join(dir, 'stock.age'), join(dir, 'ours.out'), office.identity));
    const stockDecryptMs = stockAge(['-d', '-i', keyFile, '-o', join(dir, 'stock.out'), join(dir, 'ours.age')]);
    if (statSync(join(dir, 'ours.out')).size !== mib * MiB || statSync(join(dir, 'stock.out')).size !== mib * MiB) throw new Error('round trip lost bytes');
    rmSync(plain);

    // A package of case-like records, written then read through, the heap sampled on the way.
    const key = generateSigningKey();
    (globalThis as { gc?: () => void }).gc?.();
    let base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sample = () => { peak = Math.max(peak, process.memoryUsage().heapUsed - base); };
    const timer = setInterval(sample, 20);
    let records = 0;
    const input: PackageInput = {
      recipients: [office.recipient], signingPrivateKeyPem: key.privatePem,
      manifest: {
        committee: { code: '330383-001', name: '白沙社区人民调解委员会', signing_public_key_pem: key.publicPem },
        station: 'bench', sequence: 1, previous_sha256: '', created_at: new Date().toISOString(), level: 'full',
        range: { kind: 'since_last', after_revision: 0, to_revision: 1 },
      },
      records: caseLike(cases), statistics: { months: [] },
      onProgress: () => sample(),
    };
    // What making the records costs on its own (the committee's export reads them from its database instead).
    let t = performance.now();
    for (const file of RECORD_FILES) for (const _ of input.records[file]() as Iterable<object>) records++;
    const generateMs = performance.now() - t;
    const pkgFile = join(dir, 'bench.tiaojie.age');
    t = performance.now();
    let cpu = process.cpuUsage();
    const written = await writePackage(pkgFile, input);
    const writeMs = performance.now() - t;
    const writeCpu = process.cpuUsage(cpu);
    sample();
    const writePeak = peak;

    (globalThis as { gc?: () => void }).gc?.();
    base = process.memoryUsage().heapUsed;
    peak = 0;
    t = performance.now();
    cpu = process.cpuUsage();
    const pkg = await openPackage(pkgFile, { identities: [office.identity], pinnedKey: () => key.publicPem });
    // The peak above counts garbage not yet collected; what the open package really holds is this.
    (globalThis as { gc?: () => void }).gc?.();
    const liveAfterOpen = process.memoryUsage().heapUsed - base;
    let read = 0;
    for (const file of RECORD_FILES) {
      for await (const _ of pkg.records(file)) if (++read % 1000 === 0) sample();
    }
    pkg.close();
    const readMs = performance.now() - t;
    const readCpu = process.cpuUsage(cpu);
    sample();
    clearInterval(timer);
    if (read !== records) throw new Error(`read ${read} records of ${records}`);

    return {
      encryption: {
        mib, oursEncryptMs: Math.round(oursEncryptMs), stockEncryptMs: Math.round(stockEncryptMs), oursDecryptMs: Math.round(oursDecryptMs), stockDecryptMs: Math.round(stockDecryptMs),
        encryptRatio: Number((oursEncryptMs / stockEncryptMs).toFixed(2)), decryptRatio: Number((oursDecryptMs / stockDecryptMs).toFixed(2)),
        oursMiBs: Math.round(mib / (oursEncryptMs / 1000)), stockMiBs: Math.round(mib / (stockEncryptMs / 1000)),
      },
      package: {
        cases, records, generateMs: Math.round(generateMs), packageMiB: Number((written.bytes / MiB).toFixed(1)),
        writeMs: Math.round(writeMs), writeCpuMs: Math.round((writeCpu.user + writeCpu.system) / 1000), writePeakHeapMiB: Math.round(writePeak / MiB),
        readMs: Math.round(readMs), readCpuMs: Math.round((readCpu.user + readCpu.system) / 1000), readPeakHeapMiB: Math.round(peak / MiB), readLiveHeapMiB: Number((liveAfterOpen / MiB).toFixed(1)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows bench/run.ts prints. */
export async function benchExchangePart(opts: { cases?: number } = {}) {
  const r = await benchExchange(opts);
  const e = r.encryption;
  const p = r.package;
  return {
    rows: [
      { figure: `exchange: age encryption of ${e.mib} MiB (Tiaojie / stock age)`, value: `${e.oursEncryptMs} ms / ${e.stockEncryptMs} ms (${e.encryptRatio}×, ${e.oursMiBs} vs ${e.stockMiBs} MiB/s)` },
      { figure: `exchange: age decryption of ${e.mib} MiB (Tiaojie / stock age)`, value: `${e.oursDecryptMs} ms / ${e.stockDecryptMs} ms (${e.decryptRatio}×)` },
      { figure: `exchange: write package, ${p.cases.toLocaleString()} cases (${p.records.toLocaleString()} records, ${p.packageMiB} MiB)`, value: `${(p.writeMs / 1000).toFixed(1)} s (CPU ${(p.writeCpuMs / 1000).toFixed(1)} s; making the records alone ${(p.generateMs / 1000).toFixed(1)} s), peak heap +${p.writePeakHeapMiB} MiB`, target: '< 10 s', met: p.writeMs < 10_000 },
      { figure: 'exchange: open, verify and read back that package', value: `${(p.readMs / 1000).toFixed(1)} s (CPU ${(p.readCpuMs / 1000).toFixed(1)} s), peak heap +${p.readPeakHeapMiB} MiB (live once open +${p.readLiveHeapMiB} MiB)` },
    ],
    results: r,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchExchangePart();
  console.table(rows);
}
