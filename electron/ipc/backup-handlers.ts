import { existsSync } from 'node:fs';
import type { z } from 'zod';
import type { Contract, Output } from '../../shared/ipc/contract';
import { createBackup } from '../core/backup/create';
import { restoreBackup } from '../core/backup/restore';
import { readBackupSettings, readFailure, readRecords, saveBackupSettings } from '../core/backup/settings';
import { writeFailure } from '../core/backup/failures';
import { AppFailure, badState } from '../core/errors';
import type { HandlerContext } from './handlers';

type BackupChannel = Extract<keyof Contract, `backup:${string}`>;
type BackupHandlers = { [C in BackupChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** The desktop shell's folder dialog (Platform.chooseFolder); the preview has none and the path is typed. */
type ChooseFolder = (title: string) => Promise<string | null>;
const folderChooserOf = (ctx: HandlerContext): ChooseFolder | undefined =>
  (ctx.platform as { chooseFolder?: ChooseFolder } | undefined)?.chooseFolder?.bind(ctx.platform);

/** 设置 → 备份与恢复 (issue 7): admin only (the contract's permission). */
export const backupHandlers: BackupHandlers = {
  'backup:status': async (ctx) => {
    const m = ctx.core.db.manager;
    const backups = (await readRecords(m)).filter((b) => existsSync(b.file)).reverse();
    return { settings: await readBackupSettings(m), backups, lastFailure: await readFailure(m), canChooseFolder: Boolean(folderChooserOf(ctx)) };
  },
  'backup:saveSettings': ({ core, actor }, i) => saveBackupSettings(core.db, actor.userId, core.clock, i),
  'backup:chooseFolder': async (ctx) => {
    const choose = folderChooserOf(ctx);
    if (!choose) throw badState('此处不能打开文件夹选择窗口，请直接输入文件夹的完整路径');
    return { folder: await choose('选择备份文件夹') };
  },
  'backup:create': async ({ core, actor }) => {
    const { folder } = await readBackupSettings(core.db.manager);
    if (!folder) throw new AppFailure('BAD_STATE', 'backup.needFolder', '尚未设置备份文件夹，请先填写并保存');
    return createBackup(core.db, { kind: 'manual', dir: folder, at: core.clock(), userId: actor.userId }).catch((e: unknown) => {
      throw e instanceof AppFailure ? e : writeFailure('createFailed', folder, e);
    });
  },
  'backup:restore': async ({ core, actor, session }, { file }) => {
    const r = await restoreBackup(core, file, actor.userId);
    // The restored accounts may differ: everyone signs in again.
    session.user = null;
    return r;
  },
};
