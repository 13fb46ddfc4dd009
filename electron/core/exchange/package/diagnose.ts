import { createDecipheriv, hkdfSync } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { Decrypter } from 'age-encryption';
import type { AppFailure } from '../../errors';
import { exchangeRefusal } from './refusal';

// age's payload (age-encryption.org/v1): a 16-byte nonce, then ChaCha20-Poly1305 chunks of 64 KiB (+16-byte tag),
// nonce = 11-byte big-endian counter || last-chunk flag.
const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED = CHUNK + TAG;
const MAX_HEADER = 1 << 20;
// A ZIP ends with its end-of-central-directory record: 22 bytes (no comment), starting PK\5\6.
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const EOCD_LENGTH = 22;

const chunkNonce = (index: number, last: boolean) => {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
};

function opens(key: Buffer, index: number, last: boolean, sealed: Buffer): boolean {
  const d = createDecipheriv('chacha20-poly1305', key, chunkNonce(index, last), { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  d.update(sealed.subarray(0, sealed.length - TAG));
  try {
    d.final();
    return true;
  } catch {
    return false;
  }
}

/** ChaCha20 alone (counter 1, as in the AEAD): what a chunk that fails its tag would have said. */
function openUnchecked(key: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const iv = Buffer.concat([Buffer.from([1, 0, 0, 0]), chunkNonce(index, last)]);
  const d = createDecipheriv('chacha20', key, iv);
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
}

/**
 * The payload failed authentication: damaged, or cut short? Cryptographically the last chunk cannot tell, so
 * this walks the chunks itself. A chunk before the last that fails → damaged. A last chunk that is full-size and
 * opens as a middle chunk, or is too short to be one → truncated. Otherwise the last chunk is read without its
 * tag: if the ZIP's closing record is there, the data ran to its end and a byte was changed → damaged; if not,
 * the file stops before the archive does → truncated.
 */
export async function diagnosePayload(file: string, identities: string[], cause: unknown, fileName = basename(file)): Promise<AppFailure> {
  const damaged = (detail: string, what: string, params: Record<string, string | number> = {}) =>
    exchangeRefusal('damaged', detail, `数据包已损坏：${what}，可能在传送或存储中被改动（文件 ${fileName}）`, { ...params, file: fileName });
  const truncated = () => exchangeRefusal('truncated', 'data', `数据包不完整：文件在数据结束前就断了，可能复制或下载时被截断（文件 ${fileName}）。请重新复制一份`, { file: fileName });
  const error = cause instanceof Error ? cause.message : String(cause);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER));
    readSync(fd, head, 0, head.length, 0);
    const mac = head.indexOf('\n--- ');
    const headerEnd = mac === -1 ? -1 : head.indexOf('\n', mac + 1) + 1;
    if (headerEnd <= 0) return truncated();
    const decrypter = new Decrypter();
    for (const identity of identities) decrypter.addIdentity(identity);
    const fileKey = await decrypter.decryptHeader(head.subarray(0, headerEnd));
    const nonce = Buffer.alloc(16);
    if (readSync(fd, nonce, 0, 16, headerEnd) < 16) return truncated();
    const key = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
    const start = headerEnd + 16;
    const payload = size - start;
    if (payload < TAG) return truncated();
    const chunks = Math.ceil(payload / SEALED);
    const lastLength = payload - (chunks - 1) * SEALED;
    const sealed = Buffer.alloc(SEALED);
    let previousTail: Buffer = Buffer.alloc(0);
    for (let i = 0; i < chunks - 1; i++) {
      readSync(fd, sealed, 0, SEALED, start + i * SEALED);
      if (!opens(key, i, false, sealed)) return damaged('chunk', `第 ${i + 1} 段密文无法通过校验`, { chunk: i + 1 });
      if (i === chunks - 2) previousTail = openUnchecked(key, i, false, sealed).subarray(CHUNK - EOCD_LENGTH);
    }
    const last = sealed.subarray(0, lastLength);
    readSync(fd, last, 0, lastLength, start + (chunks - 1) * SEALED);
    if (lastLength === TAG && chunks > 1) return truncated();
    if (opens(key, chunks - 1, true, last)) return damaged('decrypt', `解密时出错（${error}）`, { error });
    if (lastLength === SEALED && opens(key, chunks - 1, false, last)) return truncated();
    const tail = Buffer.concat([previousTail, openUnchecked(key, chunks - 1, true, last)]);
    const closing = tail.subarray(Math.max(0, tail.length - EOCD_LENGTH), Math.max(0, tail.length - EOCD_LENGTH) + 4);
    return closing.equals(EOCD) ? damaged('lastChunk', '最后一段密文无法通过校验') : truncated();
  } catch {
    return damaged('decrypt', `解密时出错（${error}）`, { error });
  } finally {
    closeSync(fd);
  }
}
