import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { OFFICE_MAX_BYTES } from '../../shared/domain/office';
import type { Contract, Output } from '../../shared/ipc/contract';
import type { AppCore } from '../core/app/app-core';
import { AppFailure, badState } from '../core/errors';
import { importPackages, officeFigures, officeStatus, officeXlsxBuffer, officeXlsxFileName, registerCommittee } from '../core/office';
import { notOffice } from '../core/office/setup';
import type { HandlerContext } from './handlers';

type OfficeChannel = Extract<keyof Contract, `office:${string}`>;
type OfficeHandlers = { [C in OfficeChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

interface Upload { userId: number; chunks: Buffer[]; size: number; touched: number }

/** Uploaded packages live in the main process, per open database, and are dropped after half an hour unused. */
const TTL_MS = 30 * 60 * 1000;
const uploadsOf = new WeakMap<AppCore, Map<string, Upload>>();
const stateOf = (core: AppCore) => {
  let s = uploadsOf.get(core);
  if (!s) uploadsOf.set(core, (s = new Map()));
  const now = Date.now();
  for (const [k, v] of s) if (now - v.touched > TTL_MS) s.delete(k);
  return s;
};

const gone = () => badState('数据包的上传已过期或不存在，请重新选择文件');

/** Every office channel works on an office database only. */
async function requireOffice(core: AppCore): Promise<void> {
  if ((await core.mode()) !== 'office') throw notOffice();
}

/**
 * The city office (EXCHANGE.md): status, pinning keys, importing packages (uploaded in chunks as ledger:upload does, or
 * paths the desktop app's file dialog chose), and the month's figures with their XLSX.
 */
export const officeHandlers: OfficeHandlers = {
  'office:setup': async ({ core }, input) => core.setupOffice(input),
  'office:status': async ({ core }) => {
    await requireOffice(core);
    return officeStatus(core.db);
  },
  'office:register': ({ core, actor }, i) => registerCommittee(core.db, actor, core.clock, i),
  'office:upload': async ({ core, actor }, { uploadId, offset, chunkBase64 }) => {
    await requireOffice(core);
    const uploads = stateOf(core);
    const id = uploadId ?? randomUUID();
    const upload = uploadId ? uploads.get(uploadId) : { userId: actor.userId, chunks: [], size: 0, touched: Date.now() };
    if (!upload || upload.userId !== actor.userId) throw gone();
    if (offset !== upload.size) throw badState('数据包上传中断，请重新选择文件');
    const chunk = Buffer.from(chunkBase64, 'base64');
    if (upload.size + chunk.length > OFFICE_MAX_BYTES) {
      uploads.delete(id);
      throw new AppFailure('VALIDATION', 'office.tooLarge', '数据包超过 512 MB，无法通过窗口上传，请改用命令行 office import');
    }
    upload.chunks.push(chunk);
    upload.size += chunk.length;
    upload.touched = Date.now();
    uploads.set(id, upload);
    return { uploadId: id, size: upload.size };
  },
  'office:import': async ({ core, actor, platform }, { files, acceptGap, reason }) => {
    await requireOffice(core);
    const uploads = stateOf(core);
    // openPackage reads a file: uploads are written to a private temp folder, removed afterwards.
    const dir = mkdtempSync(join(tmpdir(), 'tiaojie-office-'));
    try {
      const paths: string[] = [];
      const names: string[] = [];
      for (const [i, f] of files.entries()) {
        if ('path' in f) {
          // A path is the desktop's file dialog's answer; the preview (a browser) can only upload.
          if (!platform) throw badState('预览环境只能上传数据包文件，不能按路径导入');
          paths.push(f.path);
          names.push(f.path.split(/[\\/]/).pop()!);
          continue;
        }
        const upload = uploads.get(f.uploadId);
        if (!upload || upload.userId !== actor.userId) throw gone();
        const file = join(dir, `${i}.tiaojie.age`);
        writeFileSync(file, Buffer.concat(upload.chunks), { mode: 0o600 });
        paths.push(file);
        names.push(f.fileName);
      }
      const result = await importPackages(core.db, paths, { acceptGap, reason, actor, clock: core.clock, names });
      // Kept after a refusal: the operator may retry them (with accept-gap, or after importing the missing package).
      if (!result.refused) for (const f of files) if ('uploadId' in f) uploads.delete(f.uploadId);
      return result;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  'office:stats': async ({ core }, { month, committee }) => {
    await requireOffice(core);
    return officeFigures(core.db, month, core.clock(), committee);
  },
  'office:exportXlsx': async ({ core }, { month, committee }) => {
    await requireOffice(core);
    const stats = officeFigures(core.db, month, core.clock(), committee);
    return { fileName: officeXlsxFileName(stats), contentBase64: (await officeXlsxBuffer(stats)).toString('base64') };
  },
};
