import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Decrypter } from 'age-encryption';
import { Unzip, type UnzipFile } from 'fflate';
import {
  MANIFEST_FILE, ManifestSchema, PACKAGE_FORMAT, PACKAGE_VERSION, RECORD_FILES, SIGNATURE_FILE, STATISTICS_FILE,
  type Manifest, type RecordFile,
} from '../../../../shared/domain/exchange';
import { decrypterFor } from '../../../crypto/age';
import { rawPublicKey, verify } from '../../../crypto/signing';
import { ByteSpool, type SpoolState } from '../../ledger/spool';
import { diagnosePayload } from './diagnose';
import { InflateLimit, nativeInflate } from './inflate';
import { exchangeRefusal } from './refusal';

export interface OpenOptions {
  identities: string[];
  pinnedKey(committeeCode: string): string | null; // SPKI PEM
  /** Bytes of a record file held in memory; beyond them it waits in an encrypted spool on disk (4 MiB). */
  inMemory?: number;
}

export interface VerifiedPackage {
  manifest: Manifest;
  sha256: string;
  bytes: number;
  records(file: RecordFile): Iterable<unknown>; // parsed JSON lines, from memory or an encrypted temp spool, after every hash checked (read synchronously: inside the applying transaction)
  statistics(): unknown;
  close(): void; // lets go of the bytes, and removes any temp spool
  /** The record files' spools, for another thread to read (adoptPackage); close() then leaves them to it. */
  handOver(): Partial<Record<RecordFile, SpoolState>>;
}

const AGE_MAGIC = 'age-encryption.org/v1\n';
const ARMOR_MAGIC = '-----BEGIN AGE ENCRYPTED FILE-----';
// What is held in memory: manifest.json, manifest.sig, statistics.json, and one record line at most.
const CAPS: Record<string, number> = { [MANIFEST_FILE]: 1 << 20, [SIGNATURE_FILE]: 1 << 10, [STATISTICS_FILE]: 64 << 20 };
const MAX_LINE = 16 << 20;
const MAX_HEADER = 1 << 20;
const READ_CHUNK = 64 << 10;
// The zip bomb guard: the whole archive, and each entry's output against what it was inflated from.
const MAX_TOTAL = 8 * 1024 ** 3;
const MAX_RATIO = 250;
const RATIO_FROM = 16 << 20;

type Sink = { write(data: Uint8Array): void; end(): void };

/** An entry held in memory up to its cap. */
class MemorySink implements Sink {
  private parts: Uint8Array[] = [];
  private length = 0;
  done = false;
  constructor(private readonly name: string, private readonly cap: number, private readonly fileName: string) {}
  write(data: Uint8Array) {
    this.length += data.length;
    if (this.length > this.cap) throw exchangeRefusal('bad_archive', 'entryTooLarge', `数据包中的 ${this.name} 过大（超过 ${Math.round(this.cap / 1024)} KB），不是本系统写出的数据包（文件 ${this.fileName}）`, { name: this.name, size: Math.round(this.cap / 1024), file: this.fileName });
    this.parts.push(data);
  }
  end() { this.done = true; }
  bytes(): Buffer { return Buffer.concat(this.parts); }
}

// A record file's bytes are held in memory up to this size, and beyond it in an encrypted spool on disk.
const IN_MEMORY = 4 << 20;

/** A record file's bytes as the archive gave them: in memory while small, else encrypted on disk (ByteSpool). */
class EntryBytes {
  constructor(private readonly inMemory: number) {}
  private parts: Buffer[] = [];
  private length = 0;
  private spool: ByteSpool | null = null;

  append(bytes: Buffer): void {
    if (this.spool) return this.spool.append(bytes);
    this.parts.push(Buffer.from(bytes)); // A copy: the inflater's buffer is not ours to keep.
    this.length += bytes.length;
    if (this.length > this.inMemory) this.toDisk();
  }

  blocks(): Iterable<Buffer> {
    return this.spool ? this.spool.blocks() : this.parts;
  }

  /** For another thread to read (adoptPackage): on disk, and no longer removed by dispose(). */
  handOver(): SpoolState {
    const spool = this.toDisk();
    spool.release();
    return spool.state();
  }

  dispose(): void {
    this.parts = [];
    this.spool?.dispose();
  }

  private toDisk(): ByteSpool {
    if (!this.spool) {
      this.spool = new ByteSpool('tiaojie-package-');
      for (const part of this.parts) this.spool.append(part);
      this.parts = [];
    }
    return this.spool;
  }
}

/** A record file: hashed as it comes, its lines counted, and kept (EntryBytes) until verified. */
class RecordSink implements Sink {
  /** The bytes as the archive gave them, encrypted if on disk, until verified and applied: cut into lines only then. */
  readonly content: EntryBytes;
  private readonly hash: Hash = createHash('sha256');
  private newlines = 0;
  private lastByte = 10;
  /** Bytes since the last newline: the longest line allowed is MAX_LINE. */
  private open = 0;
  lines = 0;
  sha256 = '';
  done = false;
  constructor(private readonly name: string, private readonly fileName: string, inMemory: number) {
    this.content = new EntryBytes(inMemory);
  }
  write(data: Uint8Array) {
    if (!data.length) return;
    this.hash.update(data);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
    let last = -1;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
      this.newlines++;
      last = at;
    }
    this.open = last === -1 ? this.open + bytes.length : bytes.length - last - 1;
    this.lastByte = bytes[bytes.length - 1];
    if (this.open > MAX_LINE) throw exchangeRefusal('bad_archive', 'lineTooLong', `数据包中的 ${this.name} 有一行过长（超过 16 MB），不是本系统写出的数据包（文件 ${this.fileName}）`, { name: this.name, file: this.fileName });
    this.content.append(bytes);
  }
  end() {
    // A last line without its newline still counts (and still fails the hash if the committee did not write it).
    this.lines = this.newlines + (this.lastByte === 10 ? 0 : 1);
    this.sha256 = this.hash.digest('hex');
    this.done = true;
  }
}

/** The manifest, its signature or the statistics, held in memory up to its cap (or refused). */
const memorySink = (name: string, fileName: string) => new MemorySink(name, CAPS[name], fileName);

const KNOWN = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE, STATISTICS_FILE, ...RECORD_FILES]);
const isRecordFile = (name: string): name is RecordFile => (RECORD_FILES as readonly string[]).includes(name);

/** Whether the file holds a whole age header: its last line, `--- <MAC>`, ends with a newline. */
function headerComplete(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_HEADER));
    readSync(fd, head, 0, head.length, 0);
    const mac = head.indexOf('\n--- ');
    return mac !== -1 && head.indexOf('\n', mac + 1) !== -1;
  } finally {
    closeSync(fd);
  }
}

/** What went wrong while reading the age header, from age-encryption's messages. */
function headerRefusal(e: unknown, file: string, fileName: string) {
  const message = e instanceof Error ? e.message : String(e);
  if (!headerComplete(file)) return exchangeRefusal('truncated', 'header', `数据包不完整：文件在加密文件头处就结束了，可能复制或下载时被截断（文件 ${fileName}）`, { file: fileName });
  if (/no identity matched/.test(message)) {
    return exchangeRefusal('wrong_key', 'identity', `数据包不是发给本中心的：用本中心的密钥无法解密（文件 ${fileName}）。请确认委员会导出时填写的是本中心的公钥；若文件头在传送中损坏，也会如此`, { file: fileName });
  }
  if (/stream ended|unexpected end/i.test(message)) return exchangeRefusal('truncated', 'beforeData', `数据包不完整：文件在加密数据开始之前就结束了，可能复制或下载时被截断（文件 ${fileName}）`, { file: fileName });
  return exchangeRefusal('damaged', 'header', `数据包已损坏：加密文件头无法通过校验（${message}），可能在传送中被改动（文件 ${fileName}）`, { error: message, file: fileName });
}

// One decrypter per set of options: an import opens many files with the same identities.
const decrypters = new WeakMap<OpenOptions, Promise<Decrypter>>();
const decrypterOf = (opts: OpenOptions) => {
  let d = decrypters.get(opts);
  if (!d) decrypters.set(opts, (d = decrypterFor(opts.identities)));
  return d;
};

/**
 * The file's bytes as a stream pulled in 64 KiB reads, each hashed as it goes (the package's SHA-256). Pulled, not
 * pushed: once the reader stops (readManifest reads only the start), nothing more is read, and nothing arrives late.
 */
function fileSource(file: string, hash: Hash): { stream: ReadableStream<Uint8Array>; destroy(): void } {
  let handle: Promise<FileHandle> | null = null;
  let closed = false;
  let reading: Promise<unknown> = Promise.resolve();
  const close = () => {
    if (closed) return;
    closed = true;
    const opened = handle;
    void reading.finally(() => opened?.then((h) => h.close()).catch(() => undefined));
  };
  const stream = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      if (closed) return;
      handle ??= open(file, 'r');
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      const read = handle.then((h) => h.read(buf, 0, READ_CHUNK, null));
      reading = read.catch(() => undefined);
      const { bytesRead } = await read;
      if (closed) return;
      if (!bytesRead) {
        close();
        controller.close();
        return;
      }
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    cancel: close,
  }, { highWaterMark: 0 });
  return { stream, destroy: close };
}

/** The package's file decrypted as a stream: the age checks first (armor, magic, header), each with its refusal. */
async function decryptPackage(file: string, opts: OpenOptions, fileName: string) {
  const bytes = statSync(file).size;
  const head = Buffer.alloc(Math.min(bytes, ARMOR_MAGIC.length));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1').startsWith(ARMOR_MAGIC)) {
    throw exchangeRefusal('not_age', 'armor', `文件是 ASCII 文本形式（armor）的 age 加密文件，本系统只接收二进制的数据包（文件 ${fileName}）。请用 age -d 先解开，或让委员会重新导出`, { file: fileName });
  }
  if (!head.toString('latin1').startsWith(AGE_MAGIC.slice(0, head.length)) || head.length < AGE_MAGIC.length) {
    throw exchangeRefusal('not_age', 'notAge', `文件不是调解数据包：它不是 age 加密文件（文件 ${fileName}）。数据包的文件名以 .tiaojie.age 结尾`, { file: fileName });
  }

  const decrypter = await decrypterOf(opts);
  const hash = createHash('sha256');
  const source = fileSource(file, hash);
  try {
    const plain = await decrypter.decrypt(source.stream);
    const payloadFailure = async (e: unknown) => {
      source.destroy();
      return diagnosePayload(file, opts.identities, e, fileName);
    };
    return { bytes, hash, source, plain, payloadFailure };
  } catch (e) {
    source.destroy();
    throw headerRefusal(e, file, fileName);
  }
}

/**
 * Opens a package: decrypts it with the office's identities, unzips it (record files in memory or encrypted temp spools), then checks,
 * in this order, the archive, the format version, the manifest, the pinned committee key, the signature and
 * every file's hash and record count. Throws the first refusal found; nothing unverified is ever returned.
 */
export async function openPackage(file: string, opts: OpenOptions, fileName = basename(file)): Promise<VerifiedPackage> {
  const { bytes, hash, source, plain, payloadFailure } = await decryptPackage(file, opts, fileName);
  const sinks = new Map<string, MemorySink | RecordSink>();
  const disposeAll = () => { for (const s of sinks.values()) if (s instanceof RecordSink) s.content.dispose(); };
  try {
    const inMemory = opts.inMemory ?? IN_MEMORY;
    await unzipInto(plain, sinks, fileName, payloadFailure, (name) => (isRecordFile(name) ? new RecordSink(name, fileName, inMemory) : memorySink(name, fileName)));
    const pkg = verifyEntries(sinks, opts, fileName);
    let handed = false;
    return {
      manifest: pkg.manifest, sha256: hash.digest('hex'), bytes,
      records: (name) => readRecords((sinks.get(name) as RecordSink | undefined)?.content, name, fileName),
      statistics: () => pkg.statistics,
      close: () => { if (!handed) disposeAll(); },
      handOver: () => {
        handed = true;
        return Object.fromEntries([...sinks].flatMap(([name, s]) => (s instanceof RecordSink ? [[name, s.content.handOver()]] : [])));
      },
    };
  } catch (e) {
    source.destroy();
    disposeAll();
    throw e;
  }
}

/** An entry passed over: a record file or the statistics, when only the manifest is wanted (readManifest). */
class SkippedSink implements Sink {
  done = false;
  write() {}
  end() { this.done = true; }
}

/**
 * A package's signed manifest, read from the start of the file: the manifest and its signature are the archive's first
 * entries (write.ts), so this decrypts one 64 KiB chunk or so, not the whole file. The same refusals as openPackage for
 * what it reads (the age header, the archive so far, the version, the manifest, the pinned key, the signature); the
 * files' hashes are checked only by openPackage, which every package still goes through before it is applied.
 */
export async function readManifest(file: string, opts: OpenOptions, fileName = basename(file)): Promise<Manifest> {
  const { source, plain, payloadFailure } = await decryptPackage(file, opts, fileName);
  const sinks = new Map<string, Sink & { done: boolean }>();
  const signed = () => Boolean(sinks.get(MANIFEST_FILE)?.done && sinks.get(SIGNATURE_FILE)?.done);
  try {
    await unzipInto(plain, sinks, fileName, payloadFailure, (name) => (name === MANIFEST_FILE || name === SIGNATURE_FILE ? memorySink(name, fileName) : new SkippedSink()), signed);
    return checkManifest(sinks, opts, fileName, null).manifest;
  } finally {
    source.destroy();
  }
}

/** Streams the decrypted ZIP into its sinks, with the archive's own refusals (bad_archive) and the zip bomb guard. */
async function unzipInto(
  plain: ReadableStream<Uint8Array>, sinks: Map<string, Sink & { done: boolean }>, fileName: string,
  payloadFailure: (e: unknown) => Promise<Error>,
  sinkFor: (name: string) => Sink & { done: boolean }, enough: () => boolean = () => false,
): Promise<void> {
  let failure: unknown = null;
  let pushed = 0;
  let total = 0;
  const fail = (e: unknown) => { failure ??= e; };
  const archive = (detail: string, what: string, params: Record<string, string | number> = {}) =>
    exchangeRefusal('bad_archive', detail, `数据包的压缩包内容不对：${what}（文件 ${fileName}）`, { ...params, file: fileName });
  const unzip = new Unzip((entry: UnzipFile) => {
    if (failure) return;
    const name = entry.name;
    if (name.includes('/') || name.includes('\\') || name.includes('..')) return fail(archive('pathEntry', `含有带路径的文件“${name}”`, { name }));
    if (!KNOWN.has(name)) return fail(archive('unknownEntry', `含有不应有的文件“${name}”`, { name }));
    if (sinks.has(name)) return fail(archive('duplicateEntry', `文件“${name}”出现了两次`, { name }));
    const sink = sinkFor(name);
    sinks.set(name, sink);
    const startedAt = pushed;
    let out = 0;
    entry.ondata = (err, data, final) => {
      if (failure) return;
      try {
        if (err instanceof InflateLimit) throw archive('ratio', `文件“${name}”的压缩比异常，疑为“压缩炸弹”`, { name });
        if (err) throw archive('inflate', `文件“${name}”无法解压（${err.message}）`, { name, error: err.message });
        out += data.length;
        total += data.length;
        if (total > MAX_TOTAL) throw archive('totalTooLarge', '解压后超过 8 GB，疑为“压缩炸弹”');
        if (out > RATIO_FROM && out > MAX_RATIO * (pushed - startedAt + 1)) throw archive('ratio', `文件“${name}”的压缩比异常，疑为“压缩炸弹”`, { name });
        sink.write(data);
        if (final) sink.end();
      } catch (e) {
        fail(e);
        entry.terminate();
      }
    };
    try {
      entry.start();
    } catch (e) {
      fail(archive('method', `文件“${name}”的压缩方式无法识别（${e instanceof Error ? e.message : String(e)}）`, { name, error: e instanceof Error ? e.message : String(e) }));
    }
  });
  // An entry inflated at once may not grow past what the ratio guard below allows a stream.
  const inflate = nativeInflate((size) => Math.max(RATIO_FROM, MAX_RATIO * size));
  unzip.register(inflate.decoder);

  const reader = plain.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw await payloadFailure(e);
      }
      try {
        unzip.push(chunk.done ? new Uint8Array(0) : chunk.value, chunk.done);
      } catch (e) {
        fail(archive('notZip', `不是有效的 ZIP 压缩包（${e instanceof Error ? e.message : String(e)}）`, { error: e instanceof Error ? e.message : String(e) }));
      }
      if (failure) throw failure;
      if (chunk.done) await inflate.finished();
      else await inflate.caughtUp();
      if (failure) throw failure;
      if (chunk.done) break;
      pushed += chunk.value.length;
      // Read far enough (readManifest): the rest of the file is neither decrypted nor checked here.
      if (enough()) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } finally {
    inflate.stop();
    reader.releaseLock();
  }
  if (!sinks.size) throw archive('empty', '解密后的内容不是 ZIP 压缩包');
  for (const [name, sink] of sinks) if (!sink.done) throw archive('incompleteEntry', `文件“${name}”不完整`, { name });
}

/**
 * The manifest's own checks: present and signed, its version, its fields, the pinned key, the signature. With the
 * archive's entries (`entries`, openPackage) also that it lists exactly the files the archive holds.
 */
function checkManifest(sinks: Map<string, Sink & { done: boolean }>, opts: OpenOptions, fileName: string, entries: Map<string, unknown> | null): { manifest: Manifest } {
  const where = `（文件 ${fileName}）`;
  const manifestSink = sinks.get(MANIFEST_FILE) as MemorySink | undefined;
  const sigSink = sinks.get(SIGNATURE_FILE) as MemorySink | undefined;
  if (!manifestSink) throw exchangeRefusal('bad_archive', 'noManifest', `数据包中缺少清单 ${MANIFEST_FILE}${where}`, { name: MANIFEST_FILE, file: fileName });
  if (!sigSink) throw exchangeRefusal('bad_archive', 'noSignature', `数据包中缺少清单的签名 ${SIGNATURE_FILE}，无法确认数据包来自哪个委员会${where}`, { name: SIGNATURE_FILE, file: fileName });
  const manifestBytes = manifestSink.bytes();

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw exchangeRefusal('bad_manifest', 'json', `数据包的清单 ${MANIFEST_FILE} 不是有效的 JSON${where}`, { name: MANIFEST_FILE, file: fileName });
  }
  // The version first: a newer format may differ in everything else, and deserves its own message.
  const probe = (typeof raw === 'object' && raw !== null ? raw : {}) as { format?: unknown; version?: unknown };
  if (probe.format !== PACKAGE_FORMAT || probe.version !== PACKAGE_VERSION) {
    throw exchangeRefusal('unknown_version', 'version', `数据包的格式或版本本系统不认识（格式“${String(probe.format)}”，版本 ${String(probe.version)}；本系统读取“${PACKAGE_FORMAT}”版本 ${PACKAGE_VERSION}）。请升级本系统，或请委员会用相同版本导出${where}`, {
      format: String(probe.format), version: String(probe.version), expectedFormat: PACKAGE_FORMAT, expectedVersion: PACKAGE_VERSION, file: fileName,
    });
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw exchangeRefusal('bad_manifest', issue.path.join('.') ? 'field' : 'whole', `数据包的清单 ${MANIFEST_FILE} 内容不完整或有误：${issue.path.join('.') || '（整体）'} ${issue.message}${where}`, {
      name: MANIFEST_FILE, field: issue.path.join('.'), error: issue.message, file: fileName,
    });
  }
  const manifest = parsed.data;
  let manifestKey: Buffer;
  try {
    manifestKey = rawPublicKey(manifest.committee.signing_public_key_pem);
  } catch {
    throw exchangeRefusal('bad_manifest', 'signingKey', `数据包清单中的委员会签名公钥无法识别（应为 Ed25519 公钥）${where}`, { file: fileName });
  }
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!isRecordFile(f.name) && f.name !== STATISTICS_FILE) throw exchangeRefusal('bad_manifest', 'unknownFile', `数据包的清单列出了不认识的文件“${f.name}”${where}`, { name: f.name, file: fileName });
    if (listed.has(f.name)) throw exchangeRefusal('bad_manifest', 'listedTwice', `数据包的清单把文件“${f.name}”列了两次${where}`, { name: f.name, file: fileName });
    listed.add(f.name);
    if (entries && !entries.has(f.name)) throw exchangeRefusal('bad_archive', 'missingFile', `数据包中缺少清单列出的文件 ${f.name}${where}`, { name: f.name, file: fileName });
  }
  for (const name of entries?.keys() ?? []) {
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.has(name)) throw exchangeRefusal('bad_archive', 'unlistedFile', `数据包中有清单未列出的文件 ${name}${where}`, { name, file: fileName });
  }

  const committee = `“${manifest.committee.name}”（代码 ${manifest.committee.code}）`;
  const pinned = opts.pinnedKey(manifest.committee.code);
  if (pinned === null) {
    throw exchangeRefusal('unregistered', 'committee', `委员会${committee}尚未在本中心登记签名公钥，无法确认数据包的来源。请先登记该委员会的公钥并电话核对指纹${where}`, {
      name: manifest.committee.name, code: manifest.committee.code, file: fileName,
    });
  }
  if (!rawPublicKey(pinned).equals(manifestKey)) {
    throw exchangeRefusal('key_mismatch', 'committee', `数据包的签名公钥与本中心为委员会${committee}登记的公钥不一致，可能是伪造的数据包，或委员会更换了密钥（须重新登记并核对指纹）${where}`, {
      name: manifest.committee.name, code: manifest.committee.code, file: fileName,
    });
  }
  const sig = Buffer.from(sigSink.bytes().toString('latin1').trim(), 'base64');
  if (!verify(pinned, manifestBytes, sig)) {
    throw exchangeRefusal('bad_signature', 'manifest', `数据包清单的签名验证失败：清单在签名后被改动过，或签名不是委员会${committee}的密钥所签${where}`, {
      name: manifest.committee.name, code: manifest.committee.code, file: fileName,
    });
  }

  return { manifest };
}

/** The checks after the archive is in: version, manifest, pinned key, signature, then each file's hash and count. */
function verifyEntries(sinks: Map<string, MemorySink | RecordSink>, opts: OpenOptions, fileName: string): { manifest: Manifest; statistics: unknown } {
  const where = `（文件 ${fileName}）`;
  const { manifest } = checkManifest(sinks, opts, fileName, sinks);
  for (const f of manifest.files) {
    const sink = sinks.get(f.name)!;
    const bytes = sink instanceof MemorySink ? sink.bytes() : null;
    const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : (sink as RecordSink).sha256;
    if (sha256 !== f.sha256) throw exchangeRefusal('hash_mismatch', 'sha256', `数据包中的文件 ${f.name} 与签名清单记录的 SHA-256 不符，内容被改动或替换过${where}`, { name: f.name, file: fileName });
    const records = sink instanceof RecordSink ? sink.lines : 1;
    if (records !== f.records) throw exchangeRefusal('hash_mismatch', 'count', `数据包中的文件 ${f.name} 有 ${records} 条记录，签名清单记录的是 ${f.records} 条${where}`, {
      name: f.name, records, listed: f.records, file: fileName,
    });
  }

  let statistics: unknown = null;
  const statisticsSink = sinks.get(STATISTICS_FILE) as MemorySink | undefined;
  if (statisticsSink) {
    try {
      statistics = JSON.parse(statisticsSink.bytes().toString('utf8'));
    } catch {
      throw exchangeRefusal('bad_record', 'statistics', `数据包中的 ${STATISTICS_FILE} 不是有效的 JSON${where}`, { name: STATISTICS_FILE, file: fileName });
    }
  }
  return { manifest, statistics };
}

/** A package verified in another thread, its record files read here from the spools it handed over. */
export function adoptPackage(
  verified: Pick<VerifiedPackage, 'manifest' | 'sha256' | 'bytes'> & { statistics: unknown },
  spools: Partial<Record<RecordFile, SpoolState>>, fileName: string,
): VerifiedPackage {
  const adopted = new Map<string, ByteSpool>();
  try {
    for (const [name, state] of Object.entries(spools)) adopted.set(name, new ByteSpool('', state));
  } catch (e) {
    for (const state of Object.values(spools)) rmSync(state.dir, { recursive: true, force: true });
    for (const spool of adopted.values()) spool.release();
    throw e;
  }
  return {
    manifest: verified.manifest, sha256: verified.sha256, bytes: verified.bytes,
    records: (name) => readRecords(adopted.get(name), name, fileName),
    statistics: () => verified.statistics,
    close: () => { for (const spool of adopted.values()) spool.dispose(); },
    handOver: () => { throw new Error('an adopted package is not handed over again'); },
  };
}

function* readRecords(spool: { blocks(): Iterable<Buffer> } | undefined, name: RecordFile, fileName: string): Generator<unknown> {
  if (!spool) return;
  let line = 0;
  const parse = (text: string) => {
    line++;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw exchangeRefusal('bad_record', 'json', `数据包中 ${name} 的第 ${line} 行不是有效的 JSON（文件 ${fileName}）`, { name, line, file: fileName });
    }
  };
  const utf8 = new TextDecoder('utf-8');
  let rest = '';
  for (const block of spool.blocks()) {
    const text = rest + utf8.decode(block, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield parse(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  // A last line without its newline.
  rest += utf8.decode();
  if (rest) yield parse(rest);
}
