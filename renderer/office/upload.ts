import { OFFICE_CHUNK_BYTES, OFFICE_MAX_BYTES } from '../../shared/domain/office';
import { api } from '../lib/api';
import { uploadInChunks, type Step } from '../lib/chunked-upload';

/** Sends a package in chunks (office:upload); reports bytes sent. */
export const uploadPackage = (file: File, onSent: (sent: number) => void): Promise<Step<string>> =>
  uploadInChunks(file, { chunkBytes: OFFICE_CHUNK_BYTES, maxBytes: OFFICE_MAX_BYTES }, (c) => api.call('office:upload', c), onSent);
