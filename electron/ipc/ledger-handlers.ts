import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { LEDGER_MAX_BYTES, type LedgerJob } from '../../shared/domain/ledger';
import type { Contract, Output } from '../../shared/ipc/contract';
import type { AppCore } from '../core/app/app-core';
import { AppFailure, badState } from '../core/errors';
import { ByteSpool, importLedger, spoolSource } from '../core/ledger';
import type { HandlerContext } from './handlers';

type LedgerChannel = Extract<keyof Contract, `ledger:${string}`>;
type LedgerHandlers = { [C in LedgerChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

interface Upload { userId: number; spool: ByteSpool; touched: number }
interface Job extends LedgerJob { userId: number; touched: number }

/**
 * Uploads and jobs live in the main process, per open database, and are dropped after half an hour unused. An
 * upload's bytes wait in an encrypted temp file (ByteSpool), not in memory: memory does not grow with the file.
 */
const TTL_MS = 30 * 60 * 1000;
const state = new WeakMap<AppCore, { uploads: Map<string, Upload>; jobs: Map<string, Job> }>();
const stateOf = (core: AppCore) => {
  let s = state.get(core);
  if (!s) state.set(core, (s = { uploads: new Map(), jobs: new Map() }));
  const now = Date.now();
  for (const m of [s.uploads, s.jobs] as Map<string, { touched: number; spool?: ByteSpool }>[]) {
    for (const [k, v] of m) {
      if (now - v.touched <= TTL_MS) continue;
      m.delete(k);
      v.spool?.dispose();
    }
  }
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
    const existing = uploadId ? uploads.get(uploadId) : undefined;
    if (uploadId && (!existing || existing.userId !== actor.userId)) throw gone();
    const size = existing?.spool.size ?? 0;
    if (offset !== size) throw badState('台账文件上传中断，请重新选择文件');
    const chunk = Buffer.from(chunkBase64, 'base64');
    if (size + chunk.length > LEDGER_MAX_BYTES) {
      uploads.delete(id);
      existing?.spool.dispose();
      throw new AppFailure('VALIDATION', 'ledger.tooLarge', '台账文件超过 50 MB，请分成几个文件分别导入');
    }
    const upload = existing ?? { userId: actor.userId, spool: new ByteSpool(), touched: Date.now() };
    upload.spool.append(chunk);
    upload.touched = Date.now();
    uploads.set(id, upload);
    return { uploadId: id, size: upload.spool.size };
  },
  'ledger:start': async ({ core, actor }, { uploadId, fileName, dryRun }) => {
    const { uploads, jobs } = stateOf(core);
    const upload = uploads.get(uploadId);
    if (!upload || upload.userId !== actor.userId) throw gone();
    upload.touched = Date.now();
    const jobId = randomUUID();
    const job: Job = { userId: actor.userId, touched: Date.now(), phase: 'scan', read: 0, total: 0, done: false, report: null, error: null };
    jobs.set(jobId, job);
    // Not awaited: the import streams and yields, so progress polls are answered while it runs.
    void importLedger(core.db, spoolSource(fileName, upload.spool), {
      dryRun, actor, clock: core.clock,
      onProgress: (p) => { Object.assign(job, p, { touched: Date.now() }); },
    }).then((report) => {
      Object.assign(job, { done: true, report, phase: 'done', touched: Date.now() });
      if (!dryRun && !report.errors.length && uploads.get(uploadId) === upload) { // imported: the bytes are no longer needed
        uploads.delete(uploadId);
        upload.spool.dispose();
      }
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
