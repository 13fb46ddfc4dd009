import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RECORD_FILES } from '../../shared/domain/exchange';
import { messages } from '../../shared/i18n';
import { initOffice, importPackages, officeFigures, registerCommittee, writeOfficeXlsx } from '../core/office';
import { CliError, EXIT, type CliContext } from './run';
import { recoverKeyCommand } from './recover-key';
import type { Lang } from './messages';

const MIN_PASSPHRASE = 12;

/** The office commands' messages: Chinese by default, English with --lang en. */
const M = {
  unknown: { zh: '未知的 office 子命令：{0}。可用 init、register、import、stats、recover-key', en: 'Unknown office subcommand: {0}. Use init, register, import, stats or recover-key' },
  missing: { zh: '缺少选项 --{0}', en: 'Missing option --{0}' },
  noPassphrase: {
    zh: '请在环境变量 TIAOJIE_PASSPHRASE 中提供恢复口令（不接受命令行参数，以免留在命令历史中）',
    en: 'Set the recovery passphrase in the environment variable TIAOJIE_PASSPHRASE (never as an argument: it would stay in shell history)',
  },
  weak: { zh: '恢复口令至少需要12个字符', en: 'The recovery passphrase needs at least 12 characters' },
  noAdminPassword: { zh: '使用 --admin 时，请在环境变量 TIAOJIE_ADMIN_PASSWORD 中提供管理员密码', en: 'With --admin, set the admin password in TIAOJIE_ADMIN_PASSWORD' },
  exists: { zh: '数据库已存在：{0}，不会覆盖', en: 'A database already exists at {0}; it will not be overwritten' },
  noFile: { zh: '找不到文件：{0}', en: 'No such file: {0}' },
  initDone: {
    zh: '已创建市公共法律服务中心数据库“{0}”：{1}\n中心公钥（交给各调解委员会）见标准输出；指纹：{2}',
    en: 'Created the office database "{0}": {1}\nThe office recipient (give it to every committee) is on stdout; fingerprint: {2}',
  },
  registered: { zh: '已登记 {0} 的签名公钥，指纹：{1}', en: 'Pinned the signing key of {0}, fingerprint: {1}' },
  unchanged: { zh: '{0} 已登记此签名公钥（指纹：{1}），未作更改', en: '{0} already has this signing key pinned (fingerprint: {1}); nothing changed' },
  replaced: { zh: '已更换 {0} 的签名公钥：原指纹 {2}，新指纹 {1}（已记入审计日志）', en: 'Replaced the signing key of {0}: was {2}, now {1} (audited)' },
  noPackages: { zh: '请给出要导入的数据包文件：office import --db 文件 数据包…', en: 'Name the packages to import: office import --db FILE PACKAGE…' },
  applied: {
    zh: '已导入 {0}（{1}，站点 {2}，序号 {3}）：{4} 条记录',
    en: 'Imported {0} ({1}, station {2}, sequence {3}): {4} records',
  },
  gapAccepted: { zh: '  已接受缺号：序号 {0} 至 {1}（已记录）', en: '  Gap accepted: sequences {0} to {1} (recorded)' },
  refused: { zh: '未导入 {0}：{1}', en: 'Refused {0}: {1}' },
  before: { zh: '此前的 {0} 个数据包已导入，此后的未处理', en: 'The {0} package(s) before it stay imported; the rest were not processed' },
  badFormat: { zh: '选项 --format 的值无效：{0}。可用 json 或 xlsx', en: 'Invalid value for --format: {0}. Use json or xlsx' },
  xlsxNeedsOut: { zh: 'xlsx 工作簿不能输出到终端：请用 --out 指定文件', en: 'An xlsx workbook cannot go to the terminal: give a file with --out' },
  badMonth: { zh: '月份无效：{0}，应为 YYYY-MM', en: 'Invalid month: {0}; use YYYY-MM' },
  written: { zh: '已写入 {0}', en: 'Written to {0}' },
} as const;

const say = (lang: Lang, key: keyof typeof M, ...args: (string | number)[]) =>
  M[key][lang].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A refusal in the CLI's language: the core's Chinese message, or the English text of its key filled with its params. */
function refusalText(lang: Lang, r: { key: string; message: string; params?: Record<string, string | number> }): string {
  if (lang !== 'en') return r.message;
  const english = r.key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], messages.en);
  return typeof english === 'string' ? english.replace(/\{\{(\w+)\}\}/g, (_, p: string) => String(r.params?.[p] ?? '')) : r.message;
}

/** `office init|register|import|stats` (CLI.md). */
export async function officeCommand(ctx: CliContext, sub?: string): Promise<void> {
  const usage = (key: keyof typeof M, ...a: (string | number)[]) => new CliError(EXIT.usage, say(ctx.lang, key, ...a));
  const refuse = (key: keyof typeof M, ...a: (string | number)[]) => new CliError(EXIT.refused, say(ctx.lang, key, ...a));
  const need = (name: string) => {
    const v = text(ctx.values[name]);
    if (v === undefined) throw usage('missing', name);
    return v;
  };
  const readInput = (file: string) => {
    const path = resolve(file);
    if (!existsSync(path)) throw refuse('noFile', path);
    return path;
  };

  if (sub === 'init') {
    const name = need('name');
    const passphrase = ctx.env.TIAOJIE_PASSPHRASE;
    if (!passphrase) throw refuse('noPassphrase');
    if (passphrase.trim().length < MIN_PASSPHRASE) throw refuse('weak');
    const identityFile = text(ctx.values['identity-file']);
    const adminName = text(ctx.values.admin);
    if (adminName !== undefined && !ctx.env.TIAOJIE_ADMIN_PASSWORD) throw refuse('noAdminPassword');
    if (existsSync(ctx.dbPath)) throw refuse('exists', ctx.dbPath);
    const key = await initOffice(ctx.dbPath, passphrase, {
      name, identityFile: identityFile === undefined ? undefined : readInput(identityFile),
      admin: adminName === undefined ? undefined : { username: adminName, displayName: adminName, password: ctx.env.TIAOJIE_ADMIN_PASSWORD! },
    });
    ctx.out(key.recipient);
    ctx.err(say(ctx.lang, 'initDone', name, ctx.dbPath, key.fingerprint));
    return;
  }

  if (sub === 'register') {
    const code = need('committee-code');
    const pem = readFileSync(readInput(need('public-key')), 'utf8');
    const core = await ctx.open();
    const r = await registerCommittee(core.db, null, core.clock, {
      code, publicKeyPem: pem, replace: ctx.values.replace === true, reason: text(ctx.values.reason),
    });
    ctx.out(say(ctx.lang, r.outcome, r.code, r.fingerprint, r.previousFingerprint ?? ''));
    return;
  }

  if (sub === 'import') {
    const packages = ctx.args.slice(1); // after `import`
    if (!packages.length) throw usage('noPackages');
    const files = packages.map(readInput);
    const core = await ctx.open();
    const result = await importPackages(core.db, files, {
      acceptGap: ctx.values['accept-gap'] === true,
      reason: text(ctx.values.reason) ?? (ctx.values['accept-gap'] === true ? '命令行 office import --accept-gap' : undefined),
      clock: core.clock,
      onProgress: (p) => ctx.progress(`${p.index + 1}/${p.total} ${p.file}`),
    });
    for (const a of result.applied) {
      const records = RECORD_FILES.reduce((n, f) => n + a.counts[f].lines, 0);
      ctx.out(say(ctx.lang, 'applied', a.fileName, a.committee, a.station.slice(0, 8), a.sequence, records));
      if (a.gap) ctx.out(say(ctx.lang, 'gapAccepted', a.gap.from, a.gap.to));
    }
    if (result.refused) {
      throw new CliError(EXIT.refused, [
        say(ctx.lang, 'refused', result.refused.fileName, refusalText(ctx.lang, result.refused)),
        ...(result.applied.length ? [say(ctx.lang, 'before', result.applied.length)] : []),
      ].join('\n'));
    }
    return;
  }

  if (sub === 'recover-key') return recoverKeyCommand(ctx);

  if (sub === 'stats') {
    const month = need('month');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw usage('badMonth', month);
    const format = text(ctx.values.format) ?? 'json';
    if (format !== 'json' && format !== 'xlsx') throw usage('badFormat', format);
    const out = text(ctx.values.out);
    if (format === 'xlsx' && out === undefined) throw usage('xlsxNeedsOut');
    const core = await ctx.open();
    const stats = officeFigures(core.db, month, core.clock(), text(ctx.values.committee));
    if (format === 'xlsx') {
      await writeOfficeXlsx(stats, resolve(out!));
      ctx.err(say(ctx.lang, 'written', resolve(out!)));
      return;
    }
    const body = JSON.stringify(stats, null, 2);
    if (out === undefined) ctx.out(body);
    else {
      writeFileSync(resolve(out), `${body}\n`);
      ctx.err(say(ctx.lang, 'written', resolve(out)));
    }
    return;
  }
  throw usage('unknown', sub ?? '');
}
