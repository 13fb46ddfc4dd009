import { LEDGER_CHUNK_BYTES, LEDGER_MAX_BYTES, type LedgerJob } from '../../shared/domain/ledger';
import { api } from '../lib/api';
import { uploadInChunks, type Step } from '../lib/chunked-upload';

export type { Step };

/** Sends the ledger in chunks (ledger:upload); reports bytes sent. */
export const uploadLedger = (file: File, onSent: (sent: number) => void): Promise<Step<string>> =>
  uploadInChunks(file, { chunkBytes: LEDGER_CHUNK_BYTES, maxBytes: LEDGER_MAX_BYTES }, (c) => api.call('ledger:upload', c), onSent);

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
