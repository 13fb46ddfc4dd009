import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppCore } from '../core/app/app-core';
import { defaultDbPath } from '../core/app/paths';
import { AppFailure } from '../core/errors';
import { say, type Lang, type MessageKey } from './messages';
import { initCommand } from './init';
import { seedCommand } from './seed';
import { auditCommand } from './audit';
import { statsCommand } from './stats';
import { importLedgerCommand } from './import-ledger';
import { exportCommand, keysCommand } from './exchange';
import { officeCommand } from './office';
import { backupCommand, restoreCommand } from './backup';

/** Exit codes (CLI.md): 0 success; 1 refused; 2 usage; 3 I/O or internal error. */
export const EXIT = { ok: 0, refused: 1, usage: 2, internal: 3 } as const;

export class CliError extends Error {
  constructor(readonly exit: number, message: string) { super(message); }
}

export interface CliContext {
  lang: Lang;
  dbPath: string;
  values: Record<string, string | boolean | string[] | undefined>;
  /** The positionals after the command (`office import F1 F2`: import, F1, F2). */
  args: string[];
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  progress: (line: string) => void;
  usage: (key: MessageKey, ...args: (string | number)[]) => CliError;
  refuse: (key: MessageKey, ...args: (string | number)[]) => CliError;
  /** Opens the existing database with TIAOJIE_PASSPHRASE. */
  open: () => Promise<AppCore>;
}

const OPTIONS = {
  db: { type: 'string' }, lang: { type: 'string' }, 'committee-name': { type: 'string' },
  'committee-code': { type: 'string' }, 'short-name': { type: 'string' }, admin: { type: 'string' },
  cases: { type: 'string' }, seed: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  month: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
  'dry-run': { type: 'boolean' },
  recipient: { type: 'string', multiple: true }, 'recipient-file': { type: 'string', multiple: true }, level: { type: 'string' },
  name: { type: 'string' }, 'identity-file': { type: 'string' }, 'public-key': { type: 'string' }, committee: { type: 'string' },
  'accept-gap': { type: 'boolean' }, replace: { type: 'boolean' }, reason: { type: 'string' },
  'key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS: Record<string, (ctx: CliContext, sub?: string) => Promise<void>> = {
  init: initCommand, seed: seedCommand, audit: auditCommand, stats: statsCommand,
  'import-ledger': importLedgerCommand,
  keys: keysCommand, export: exportCommand, office: officeCommand,
  backup: backupCommand, restore: restoreCommand,
};

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  isTTY: boolean;
}

const STDIO: CliIO = {
  out: (s) => { process.stdout.write(`${s}\n`); },
  err: (s) => { process.stderr.write(`${s}\n`); },
  isTTY: Boolean(process.stderr.isTTY),
};

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIO = STDIO): Promise<number> {
  let lang: Lang = argv.includes('en') && argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh';
  let core: AppCore | undefined;
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
      } catch (e) {
        throw new CliError(EXIT.usage, `${(e as Error).message}\n${say(lang, 'usage')}`);
      }
    })();
    lang = values.lang === 'en' ? 'en' : 'zh';
    const [command, sub] = positionals;
    if (values.help || !command) {
      io.out(say(lang, 'usage'));
      return command || values.help ? EXIT.ok : EXIT.usage;
    }
    const run = COMMANDS[command];
    if (!run) throw new CliError(EXIT.usage, `${say(lang, 'unknownCommand', command)}\n${say(lang, 'usage')}`);
    const dbPath = resolve(values.db ?? defaultDbPath(env));
    const ctx: CliContext = {
      lang, dbPath, values, env, args: positionals.slice(1), out: io.out, err: io.err,
      progress: (line) => { if (io.isTTY) process.stderr.write(`\r${line}`); },
      usage: (key, ...args) => new CliError(EXIT.usage, say(lang, key, ...args)),
      refuse: (key, ...args) => new CliError(EXIT.refused, say(lang, key, ...args)),
      open: async () => {
        if (!existsSync(dbPath)) throw ctx.refuse('missingDb', dbPath);
        const passphrase = env.TIAOJIE_PASSPHRASE;
        if (!passphrase) throw ctx.refuse('noPassphrase');
        core = new AppCore(dbPath);
        await core.unlock(passphrase);
        return core;
      },
    };
    await run(ctx, sub);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exit;
    }
    if (e instanceof AppFailure) {
      io.err(e.details?.map((d) => d.message).join('\n') || e.message);
      return e.code === 'INTERNAL' ? EXIT.internal : EXIT.refused;
    }
    io.err(say(lang, 'internal', (e as Error).message));
    return EXIT.internal;
  } finally {
    await core?.close();
  }
}
