import { LEDGER_CHUNK_BYTES, LEDGER_MAX_BYTES, type LedgerJob } from '../../shared/domain/ledger';
import type { AppError } from '../../shared/ipc/result';
import { api } from '../lib/api';

const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export type Step<T> = { ok: true; value: T } | { ok: false; error: AppError | 'tooLarge' };

/** Sends the file in chunks the transports carry comfortably; reports bytes sent. */
export async function uploadLedger(file: File, onSent: (sent: number) => void): Promise<Step<string>> {
  if (file.size > LEDGER_MAX_BYTES) return { ok: false, error: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + LEDGER_CHUNK_BYTES);
    const r = await api.call('ledger:upload', { uploadId, offset, chunkBase64: toBase64(chunk) });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    offset += chunk.length;
    onSent(offset);
  } while (offset < bytes.length);
  return { ok: true, value: uploadId! };
}

/** Starts the dry run or the import and polls it until it is done, passing on each progress report. */
export async function runLedgerJob(uploadId: string, fileName: string, dryRun: boolean, onProgress: (j: LedgerJob) => void): Promise<Step<LedgerJob>> {
  const started = await api.call('ledger:start', { uploadId, fileName, dryRun });
  if (!started.ok) return started;
  for (;;) {
    const p = await api.call('ledger:progress', { jobId: started.value.jobId });
    if (!p.ok) return p;
    onProgress(p.value);
    if (p.value.done) return { ok: true, value: p.value };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
