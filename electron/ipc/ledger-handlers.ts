import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { LEDGER_MAX_BYTES, type LedgerJob } from '../../shared/domain/ledger';
import type { Contract, Output } from '../../shared/ipc/contract';
import type { AppCore } from '../core/app/app-core';
import { AppFailure, badState } from '../core/errors';
import { bufferSource, importLedger } from '../core/ledger';
import type { HandlerContext } from './handlers';

type LedgerChannel = Extract<keyof Contract, `ledger:${string}`>;
type LedgerHandlers = { [C in LedgerChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

interface Upload { userId: number; chunks: Buffer[]; size: number; touched: number }
interface Job extends LedgerJob { userId: number; touched: number }

/** Uploads and jobs live in the main process, per open database, and are dropped after half an hour unused. */
const TTL_MS = 30 * 60 * 1000;
const state = new WeakMap<AppCore, { uploads: Map<string, Upload>; jobs: Map<string, Job> }>();
const stateOf = (core: AppCore) => {
  let s = state.get(core);
  if (!s) state.set(core, (s = { uploads: new Map(), jobs: new Map() }));
  const now = Date.now();
  for (const m of [s.uploads, s.jobs] as Map<string, { touched: number }>[]) for (const [k, v] of m) if (now - v.touched > TTL_MS) m.delete(k);
  return s;
};

const gone = () => badState('台账文件的上传已过期或不存在，请重新选择文件');

/**
 * Ledger import (LEDGER.md). A file of up to 50 MB goes up in chunks; `ledger:start` runs the dry run or the import
 * as a job and returns at once; the window polls `ledger:progress` for rows read of the total, then the report.
 */
export const ledgerHandlers: LedgerHandlers = {
  'ledger:upload': async ({ core, actor }, { uploadId, offset, chunkBase64 }) => {
    const { uploads } = stateOf(core);
    const id = uploadId ?? randomUUID();
    const upload = uploadId ? uploads.get(uploadId) : { userId: actor.userId, chunks: [], size: 0, touched: Date.now() };
    if (!upload || upload.userId !== actor.userId) throw gone();
    if (offset !== upload.size) throw badState('台账文件上传中断，请重新选择文件');
    const chunk = Buffer.from(chunkBase64, 'base64');
    if (upload.size + chunk.length > LEDGER_MAX_BYTES) {
      uploads.delete(id);
      throw new AppFailure('VALIDATION', 'ledger.tooLarge', '台账文件超过 50 MB，请分成几个文件分别导入');
    }
    upload.chunks.push(chunk);
    upload.size += chunk.length;
    upload.touched = Date.now();
    uploads.set(id, upload);
    return { uploadId: id, size: upload.size };
  },
  'ledger:start': async ({ core, actor }, { uploadId, fileName, dryRun }) => {
    const { uploads, jobs } = stateOf(core);
    const upload = uploads.get(uploadId);
    if (!upload || upload.userId !== actor.userId) throw gone();
    upload.touched = Date.now();
    const bytes = upload.chunks.length === 1 ? upload.chunks[0] : Buffer.concat(upload.chunks);
    upload.chunks = [bytes];
    const jobId = randomUUID();
    const job: Job = { userId: actor.userId, touched: Date.now(), phase: 'scan', read: 0, total: 0, done: false, report: null, error: null };
    jobs.set(jobId, job);
    // Not awaited: the import streams and yields, so progress polls are answered while it runs.
    void importLedger(core.db, bufferSource(fileName, bytes), {
      dryRun, actor, clock: core.clock,
      onProgress: (p) => { Object.assign(job, p, { touched: Date.now() }); },
    }).then((report) => {
      Object.assign(job, { done: true, report, phase: 'done', touched: Date.now() });
      if (!dryRun && !report.errors.length) uploads.delete(uploadId); // imported: the bytes are no longer needed
    }, (e: unknown) => {
      const message = e instanceof AppFailure ? e.message : '台账文件无法读取：请确认它是 .xlsx 或 .csv 格式的台账，未损坏，然后重试。数据未作更改';
      Object.assign(job, { done: true, error: message, touched: Date.now() });
    });
    return { jobId };
  },
  'ledger:progress': async ({ core, actor }, { jobId }) => {
    const job = stateOf(core).jobs.get(jobId);
    if (!job || job.userId !== actor.userId) throw badState('找不到这次导入，请重新选择文件');
    job.touched = Date.now();
    const { userId: _u, touched: _t, ...out } = job;
    return out;
  },
};
