import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ExchangeJob } from '../../shared/domain/exchange-export';
import type { Contract, Output } from '../../shared/ipc/contract';
import type { AppCore } from '../core/app/app-core';
import { AppFailure, badState } from '../core/errors';
import { exportPackage, nextPackageName } from '../core/exchange/export';
import { exchangeInfo } from '../core/exchange/info';
import { rangePeriod } from '../core/statistics';
import { checkRecipients } from '../crypto/age';
import { listRecipients, setRecipients } from '../core/exchange/keys';
import type { HandlerContext } from './handlers';

type ExchangeChannel = Extract<keyof Contract, `exchange:${string}`>;
type ExchangeHandlers = { [C in ExchangeChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

interface Job extends ExchangeJob { userId: number; touched: number }

/** Jobs live in the main process, per open database, and are dropped after half an hour unused. */
const TTL_MS = 30 * 60 * 1000;
const state = new WeakMap<AppCore, Map<string, Job>>();
const jobsOf = (core: AppCore) => {
  let jobs = state.get(core);
  if (!jobs) state.set(core, (jobs = new Map()));
  const now = Date.now();
  for (const [k, v] of jobs) if (now - v.touched > TTL_MS) jobs.delete(k);
  return jobs;
};

/** The desktop shell's save dialog (Platform.chooseSavePath); absent in the preview, which downloads instead. */
type ChooseSavePath = (suggestedName: string) => Promise<string | null>;
const chooserOf = (ctx: HandlerContext): ChooseSavePath | undefined =>
  (ctx.platform as { chooseSavePath?: ChooseSavePath } | undefined)?.chooseSavePath?.bind(ctx.platform);

/**
 * The committee's side of the exchange (EXCHANGE.md). `exchange:export` asks where to save (desktop), then runs the
 * export as a job and returns at once; the window polls `exchange:progress` until the result or a Chinese error.
 */
export const exchangeHandlers: ExchangeHandlers = {
  'exchange:info': async ({ core }) => exchangeInfo(core.db),
  'exchange:setRecipients': async ({ core, actor }, { recipients }) => ({ recipients: await setRecipients(core.db, actor.userId, core.clock, recipients) }),
  'exchange:export': async (ctx, { level, range, recipients }) => {
    const { core, actor } = ctx;
    const to = recipients ?? listRecipients(core.db).map((r) => r.recipient);
    if (!to.length) throw badState('尚未设置接收方公钥：请先由管理员填写市公共法律服务中心的 age 公钥');
    // Refused as a value before the save dialog: a bad recipient or range never starts a job.
    checkRecipients(to);
    if (range) rangePeriod(range.from, range.to);
    const choose = chooserOf(ctx);
    const savedTo = choose ? await choose(nextPackageName(core.db, core.clock())) : null;
    if (choose && !savedTo) return { jobId: null };
    const jobs = jobsOf(core);
    const jobId = randomUUID();
    const job: Job = { userId: actor.userId, touched: Date.now(), phase: 'starting', file: null, records: 0, done: false, error: null, result: null };
    jobs.set(jobId, job);
    // The preview writes into a private temp folder and hands the bytes to the browser.
    const temp = savedTo ? null : mkdtempSync(join(tmpdir(), 'tiaojie-exchange-'));
    // Not awaited: the export streams and yields, so progress polls are answered while it runs.
    void exportPackage(core.db, actor.userId, core.clock, {
      recipients: to, level, range, ...(savedTo ? { outFile: savedTo } : { outDir: temp! }),
      onProgress: (p) => {
        if (p.phase === 'records') Object.assign(job, { phase: 'records', file: p.file, records: p.records, touched: Date.now() });
        else if (p.phase === 'statistics') Object.assign(job, { phase: 'statistics', touched: Date.now() });
      },
    }).then((r) => {
      const contentBase64 = temp ? readFileSync(r.file).toString('base64') : null;
      Object.assign(job, {
        phase: 'done', done: true, touched: Date.now(),
        result: {
          id: r.id, fileName: r.fileName, sha256: r.sha256, bytes: r.bytes, sequence: r.sequence, level: r.level, range: r.range,
          counts: r.counts, months: r.months, savedTo, contentBase64,
        },
      });
    }, (e: unknown) => {
      const message = e instanceof AppFailure ? e.message : `交换包未能写出：${(e as Error).message}。未作任何记录，请检查保存位置后重试`;
      Object.assign(job, { done: true, error: message, touched: Date.now() });
    }).finally(() => { if (temp) rmSync(temp, { recursive: true, force: true }); });
    return { jobId };
  },
  'exchange:progress': async ({ core, actor }, { jobId }) => {
    const job = jobsOf(core).get(jobId);
    if (!job || job.userId !== actor.userId) throw badState('找不到这次导出，请重新导出');
    job.touched = Date.now();
    const { userId: _u, touched: _t, ...out } = job;
    return out;
  },
};
