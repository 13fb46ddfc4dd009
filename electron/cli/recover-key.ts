import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { recoverEscrowedKey, writeKeyFileAt } from '../core/recovery/office-recover';
import { CliError, EXIT, type CliContext } from './run';
import type { Lang } from './messages';

const M = {
  missing: { zh: '缺少选项 --{0}', en: 'Missing option --{0}' },
  noFile: { zh: '找不到文件：{0}', en: 'No such file: {0}' },
  noNewPassphrase: {
    zh: '请在环境变量 TIAOJIE_NEW_PASSPHRASE 中提供调解委员会的新恢复口令（不接受命令行参数）',
    en: 'Set the committee\'s new recovery passphrase in TIAOJIE_NEW_PASSPHRASE (never as an argument)',
  },
  done: {
    zh: '已用本中心私钥恢复{0}的密钥（托管公钥指纹 {1}），新密钥文件：{2}\n请交给该调解委员会，放在数据库旁并命名为“数据库文件名.keys.json”，然后用新恢复口令打开（已记入本中心审计日志）',
    en: 'Recovered the key of {0} with the office identity (escrow fingerprint {1}); new key file: {2}\nGive it to the committee to put beside its database as "<database>.keys.json", then open with the new passphrase (audited here)',
  },
  unknownCommittee: { zh: '（未注明的调解委员会）', en: '(an unnamed committee)' },
} as const;

const say = (lang: Lang, key: keyof typeof M, ...args: (string | number)[]) =>
  M[key][lang].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));

/**
 * `office recover-key --db OFFICE_DB --key-file FILE --out FILE`: the committee's escrowed data key, opened with the
 * office identity and wrapped under TIAOJIE_NEW_PASSPHRASE. The data key is never printed.
 */
export async function recoverKeyCommand(ctx: CliContext): Promise<void> {
  const need = (name: string) => {
    const v = ctx.values[name];
    if (typeof v !== 'string') throw new CliError(EXIT.usage, say(ctx.lang, 'missing', name));
    return resolve(v);
  };
  const keyFile = need('key-file');
  const out = need('out');
  if (!existsSync(keyFile)) throw new CliError(EXIT.refused, say(ctx.lang, 'noFile', keyFile));
  const next = ctx.env.TIAOJIE_NEW_PASSPHRASE;
  if (!next) throw new CliError(EXIT.refused, say(ctx.lang, 'noNewPassphrase'));
  const core = await ctx.open();
  const r = await recoverEscrowedKey(core.db, readFileSync(keyFile, 'utf8'), keyFile, next, core.clock);
  writeKeyFileAt(out, r.file);
  const who = r.committee ? `${r.committee.name}（${r.committee.code}）` : say(ctx.lang, 'unknownCommittee');
  ctx.err(say(ctx.lang, 'done', who, r.fingerprint, out));
}
