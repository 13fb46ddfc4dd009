import { AppFailure } from '../errors';

/** Why a backup failed, as a code: the folder path may carry a name, so it stays out of the audit log. */
export function failureReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const message = String((e as Error).message);
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'folder_missing';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'not_writable';
  if (code === 'ENOSPC' || /SQLITE_FULL|disk is full/i.test(message)) return 'disk_full';
  if (/unable to open|SQLITE_CANTOPEN/i.test(message)) return 'not_writable';
  return 'io_error';
}

const REASONS: Record<string, string> = {
  folder_missing: '备份文件夹不存在', not_writable: '备份文件夹无法写入', disk_full: '磁盘空间不足', io_error: '读写出错',
};

/** A backup that could not be written, as a refusal naming the folder; `details` carries the i18n key. */
export function writeFailure(kind: 'createFailed' | 'safetyFailed', folder: string, e: unknown): AppFailure {
  const reason = REASONS[failureReason(e)];
  const message = kind === 'createFailed'
    ? `未能把备份写到 ${folder}：${reason}。请检查备份文件夹（U盘是否已插好）后重试`
    : `恢复前未能把当前数据另存到 ${folder}：${reason}，因此没有恢复。请检查备份文件夹（U盘是否已插好）后重试`;
  return new AppFailure('BAD_STATE', `backup.${kind}`, message, [{ path: 'folder', key: `backup.${kind}`, message, params: { folder } }]);
}
