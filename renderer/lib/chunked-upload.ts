import type { AppError, Result } from '../../shared/ipc/result';

const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export type Step<T> = { ok: true; value: T } | { ok: false; error: AppError | 'tooLarge' };

export interface Chunk { uploadId?: string; offset: number; chunkBase64: string }

/** Sends a file in chunks the transports carry comfortably (ledger:upload, office:upload); reports bytes sent. */
export async function uploadInChunks(
  file: File, limits: { chunkBytes: number; maxBytes: number },
  send: (chunk: Chunk) => Promise<Result<{ uploadId: string }>>, onSent: (sent: number) => void,
): Promise<Step<string>> {
  if (file.size > limits.maxBytes) return { ok: false, error: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + limits.chunkBytes);
    const r = await send({ uploadId, offset, chunkBase64: toBase64(chunk) });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    offset += chunk.length;
    onSent(offset);
  } while (offset < bytes.length);
  return { ok: true, value: uploadId! };
}
