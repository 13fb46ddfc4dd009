import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LEVELS, type Level } from '../../shared/domain/exchange';
import { AppFailure } from '../core/errors';
import { exportPackage } from '../core/exchange/export';
import { signingPublicKey } from '../core/exchange/keys';
import { rangePeriod } from '../core/statistics';
import { CliError, EXIT, type CliContext } from './run';
import type { Lang } from './messages';

// `keys show` and `export` (CLI.md): the committee's side of the exchange with the office (EXCHANGE.md).

const MESSAGES = {
  fingerprint: { zh: '指纹：{0}', en: 'Fingerprint: {0}' },
  noRecipient: {
    zh: '请用 --recipient age1… 或 --recipient-file 文件 给出至少一个接收方（市公共法律服务中心的 age 公钥）',
    en: 'Give at least one recipient (the office\'s age public key) with --recipient age1… or --recipient-file FILE',
  },
  noRecipientFile: { zh: '找不到接收方公钥文件：{0}', en: 'No recipient file at {0}' },
  emptyRecipientFile: { zh: '接收方公钥文件 {0} 中没有公钥（应有以 age1 开头的行）', en: 'The recipient file {0} holds no recipient (a line starting with age1)' },
  badLevel: { zh: '选项 --level 的值无效：{0}。可用 full 或 deidentified', en: 'Invalid value for --level: {0}. Use full or deidentified' },
  rangeBoth: { zh: '--from 与 --to 须同时给出', en: '--from and --to go together' },
  badRange: { zh: '日期范围无效：{0}', en: 'Invalid date range: {0}' },
  progress: { zh: '写入 {0}：{1} 条', en: 'Writing {0}: {1} records' },
  written: {
    zh: '已写入第 {0} 号交换包（{1}，{2} 字节，SHA-256 {3}）：{4}',
    en: 'Wrote exchange package {0} ({1}, {2} bytes, SHA-256 {3}): {4}',
  },
  levelFull: { zh: '完整', en: 'full' },
  levelDeidentified: { zh: '去标识化', en: 'de-identified' },
} satisfies Record<string, Record<Lang, string>>;

const say = (lang: Lang, key: keyof typeof MESSAGES, ...args: (string | number)[]) =>
  MESSAGES[key][lang].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
const usage = (ctx: CliContext, key: keyof typeof MESSAGES, ...args: (string | number)[]) => new CliError(EXIT.usage, say(ctx.lang, key, ...args));
const refuse = (ctx: CliContext, key: keyof typeof MESSAGES, ...args: (string | number)[]) => new CliError(EXIT.refused, say(ctx.lang, key, ...args));

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `keys show`: the signing public key (PEM, for `openssl pkeyutl -verify`) and its fingerprint. */
export async function keysCommand(ctx: CliContext, sub: string | undefined): Promise<void> {
  if (sub !== 'show') throw ctx.usage('unknownCommand', `keys ${sub ?? ''}`.trim());
  const core = await ctx.open();
  const key = signingPublicKey(core.db);
  ctx.out(key.publicPem.trimEnd());
  ctx.out(say(ctx.lang, 'fingerprint', key.fingerprint));
}

/** Recipients from the age recipients-file format: one per line, `#` comments and blank lines skipped. */
function recipientsOf(ctx: CliContext): string[] {
  const recipients = list(ctx.values.recipient);
  for (const f of list(ctx.values['recipient-file'])) {
    const path = resolve(f);
    if (!existsSync(path)) throw refuse(ctx, 'noRecipientFile', path);
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    if (!lines.length) throw refuse(ctx, 'emptyRecipientFile', path);
    recipients.push(...lines);
  }
  if (!recipients.length) throw usage(ctx, 'noRecipient');
  return recipients;
}

/** `export`: the station's next exchange package; its path on stdout, a summary on stderr. */
export async function exportCommand(ctx: CliContext): Promise<void> {
  const level = (text(ctx.values.level) ?? 'full') as Level;
  if (!LEVELS.includes(level)) throw usage(ctx, 'badLevel', String(ctx.values.level));
  const out = text(ctx.values.out);
  if (out === undefined) throw ctx.usage('missingOption', 'out');
  const [from, to] = [text(ctx.values.from), text(ctx.values.to)];
  if ((from === undefined) !== (to === undefined)) throw usage(ctx, 'rangeBoth');
  if (from !== undefined) {
    try {
      rangePeriod(from, to!);
    } catch (e) {
      if (e instanceof AppFailure) throw usage(ctx, 'badRange', e.details?.map((d) => d.message).join('；') || e.message);
      throw e;
    }
  }
  const recipients = recipientsOf(ctx);
  const target = resolve(out);
  const isDir = existsSync(target) && statSync(target).isDirectory();
  const core = await ctx.open();
  const result = await exportPackage(core.db, null, core.clock, {
    recipients, level, range: from !== undefined ? { from: from.trim(), to: to!.trim() } : undefined,
    ...(isDir ? { outDir: target } : { outFile: target }),
    onProgress: (p) => { if (p.phase === 'records') ctx.progress(say(ctx.lang, 'progress', p.file, p.records)); },
  });
  ctx.out(result.file);
  ctx.err(say(ctx.lang, 'written', result.sequence, say(ctx.lang, level === 'full' ? 'levelFull' : 'levelDeidentified'), result.bytes, result.sha256, result.file));
}
