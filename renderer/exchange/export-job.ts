import type { ExchangeExportInput, ExchangeJob } from '../../shared/domain/exchange-export';
import type { AppError } from '../../shared/ipc/result';
import { api } from '../lib/api';

export type JobStep = { ok: true; value: ExchangeJob | null } | { ok: false; error: AppError };

/** Starts an export and polls it until it is done, passing on each progress report; null when the save dialog was cancelled. */
export async function runExport(input: ExchangeExportInput, onProgress: (j: ExchangeJob) => void): Promise<JobStep> {
  const started = await api.call('exchange:export', input);
  if (!started.ok) return started;
  if (!started.value.jobId) return { ok: true, value: null };
  for (;;) {
    const p = await api.call('exchange:progress', { jobId: started.value.jobId });
    if (!p.ok) return p;
    onProgress(p.value);
    if (p.value.done) return { ok: true, value: p.value };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The bytes of a base64 payload, for the browser to download. */
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
