import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import {
  MANIFEST_FILE, ManifestSchema, PACKAGE_FORMAT, PACKAGE_VERSION, RECORD_FILES, SIGNATURE_FILE, STATISTICS_FILE,
  type Manifest, type RecordFile,
} from '../../../../shared/domain/exchange';
import { checkRecipients } from '../../../crypto/age';
import { ageEncrypt } from '../../../crypto/age-encrypt';
import { publicPemOf, rawPublicKey, sign } from '../../../crypto/signing';
import { hashTap } from '../../hash-tap';
import { adopt, deflateSegment, FINAL_BLOCK, spoolRecords, type Deflated, type Spooled, type SpooledFile } from './spool-records';

export { NdjsonChunk, spoolRecordFile, type SpooledFile } from './spool-records';

export interface PackageInput {
  recipients: string[]; // age1… recipients; a bad one is refused naming it
  signingPrivateKeyPem: string; // Ed25519, PKCS#8 PEM (the committee's key)
  manifest: Omit<Manifest, 'format' | 'version' | 'files'>;
  records: Record<RecordFile, () => Iterable<object> | AsyncIterable<object>>; // one JSON object per line
  /** Record files another thread is spooling meanwhile (spoolRecordFile): taken as they are, instead of `records`. */
  spooled?: Partial<Record<RecordFile, Promise<SpooledFile>>>;
  statistics: unknown; // statistics.json's content
  onProgress?: (p: { file: string; records: number }) => void;
}

function deflateWhole(plain: Buffer): Deflated {
  const deflated = deflateSegment(plain);
  return { crc: crc32(plain), size: plain.length, compressedSize: deflated.length + FINAL_BLOCK.length, segments: () => [deflated, FINAL_BLOCK] };
}

interface Entry { name: string; data: Deflated }

/** MS-DOS date and time, in Beijing time (the committee's clock). */
function dosTime(at: Date): { time: number; date: number } {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: (Math.max(0, d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/**
 * The ZIP, entry by entry, as it is pulled. Written here rather than by fflate's streaming Zip: that one always
 * uses data descriptors (sizes after the data), and a streaming reader then has to find each entry's end by
 * looking for a signature in the compressed bytes, which occurs there by chance (a 30 MB package would be misread
 * about once in fifty). Every entry is deflated before it is laid out, so its sizes go in the local header and a
 * reader counts bytes.
 */
function* zipChunks(entries: Entry[], mtime: Date): Generator<Uint8Array> {
  const { time, date } = dosTime(mtime);
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    if (data.compressedSize > 0xffffffff || data.size > 0xffffffff || offset > 0xffffffff) throw new Error(`${name}: too large for a ZIP without ZIP64`);
    const local = Buffer.alloc(30 + fileName.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0, 6); // flags: none (sizes are known)
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(data.crc >>> 0, 14);
    local.writeUInt32LE(data.compressedSize, 18);
    local.writeUInt32LE(data.size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    fileName.copy(local, 30);
    const entry = Buffer.alloc(46 + fileName.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    local.copy(entry, 6, 4, 30); // version needed … name and extra lengths, as in the local header
    entry.writeUInt16LE(0, 32); // comment length
    entry.writeUInt16LE(0, 34); // disk
    entry.writeUInt16LE(0, 36); // internal attributes
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    entry.writeUInt32LE(offset, 42);
    fileName.copy(entry, 46);
    central.push(entry);
    yield local;
    let written = 0;
    for (const segment of data.segments()) {
      written += segment.length;
      yield segment;
    }
    if (written !== data.compressedSize) throw new Error(`${name}: ${written} bytes deflated, ${data.compressedSize} announced`);
    offset += local.length + written;
  }
  const directory = Buffer.concat(central);
  if (offset > 0xffffffff) throw new Error('the package is too large for a ZIP without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}

const jsonBytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * Writes the package of EXCHANGE.md to outFile: the records go to encrypted spools first (hashed and counted),
 * then the manifest is built and signed, then the ZIP is streamed through age into `outFile.part`, which is
 * renamed only once complete. Memory does not grow with the package; on failure nothing is left behind.
 */
export async function writePackage(outFile: string, input: PackageInput): Promise<{ manifest: Manifest; sha256: string; bytes: number }> {
  const recipients = checkRecipients(input.recipients);
  if (!rawPublicKey(publicPemOf(input.signingPrivateKeyPem)).equals(rawPublicKey(input.manifest.committee.signing_public_key_pem))) {
    throw new Error('manifest.committee.signing_public_key_pem is not the public half of signingPrivateKeyPem');
  }
  const taken = new Map<RecordFile, Spooled>();
  const elsewhere = input.spooled ?? {};
  // Their failure is seen when they are awaited, not reported as unhandled while this thread spools its own.
  for (const file of Object.values(elsewhere)) file.catch(() => undefined);
  const part = `${outFile}.part`;
  try {
    // This thread's files first, while the others are spooled elsewhere; then theirs, as they come.
    for (const name of RECORD_FILES) if (!elsewhere[name]) taken.set(name, await spoolRecords(name, input.records[name](), input.onProgress));
    for (const name of RECORD_FILES) if (elsewhere[name]) taken.set(name, adopt(await elsewhere[name]));
    const spooled = RECORD_FILES.map((name) => taken.get(name)!);
    const statistics = jsonBytes(input.statistics ?? null);
    const { committee, station, sequence, previous_sha256, created_at, level, range } = input.manifest;
    // Built in the schema's order, so manifest.json reads the same way every time.
    const manifest: Manifest = ManifestSchema.parse({
      format: PACKAGE_FORMAT, version: PACKAGE_VERSION, committee, station, sequence, previous_sha256, created_at, level, range,
      files: [
        ...spooled.map((s) => ({ name: s.name, sha256: s.sha256, records: s.records })),
        // statistics.json is one JSON document; listed so its hash is signed too.
        { name: STATISTICS_FILE, sha256: createHash('sha256').update(statistics).digest('hex'), records: 1 },
      ],
    });
    const manifestBytes = jsonBytes(manifest);
    const signature = Buffer.from(sign(input.signingPrivateKeyPem, manifestBytes).toString('base64'), 'ascii');

    const entries: Entry[] = [
      { name: MANIFEST_FILE, data: deflateWhole(manifestBytes) },
      { name: SIGNATURE_FILE, data: deflateWhole(signature) },
      ...spooled.map((s) => ({ name: s.name, data: s })),
      { name: STATISTICS_FILE, data: deflateWhole(statistics) },
    ];
    const stamp = new Date(created_at);
    const mtime = Number.isNaN(stamp.getTime()) ? new Date() : stamp;

    const { tap, result } = hashTap();
    await pipeline(Readable.from(ageEncrypt(recipients, zipChunks(entries, mtime))), tap, createWriteStream(part, { mode: 0o600 }));
    renameSync(part, outFile);
    return { manifest, ...result() };
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  } finally {
    for (const s of taken.values()) s.spool.dispose();
    // A file spooled elsewhere but never taken over (this write failed first) is removed once it is complete.
    for (const [name, file] of Object.entries(elsewhere) as [RecordFile, Promise<SpooledFile>][]) {
      if (!taken.has(name)) file.then((f) => rmSync(f.spool.dir, { recursive: true, force: true }), () => undefined);
    }
  }
}
