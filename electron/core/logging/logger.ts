import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

/**
 * The one log (ARCHITECTURE.md, Logs): `logs/tiaojie.log` in the data folder, rotated by size. A line holds codes,
 * channels, error class names, stack frames and counts; never an error's message or an input. Every line goes
 * through `redact` as well.
 */
export interface Logger {
  readonly file: string;
  /** A line of codes and counts; `personal`: strings to mask if they appear (the dispatcher's input). */
  info(text: string, personal?: readonly string[]): void;
  /** An unexpected error: where (a code or channel), its class name and stack frames, never its message. */
  error(where: string, e: unknown, personal?: readonly string[]): void;
}

export interface LoggerOptions {
  /** Rotate when the file passes this size (default 1 MiB), keeping `keep` old files (tiaojie.log.1 …). */
  maxBytes?: number;
  keep?: number;
  /** Also to stderr (development); the same redacted line. */
  echo?: boolean;
  now?: () => Date;
}

export const LOG_FILE = 'tiaojie.log';

/** The stack's frames only (`at …` lines): the first line of a stack is the message, which may hold user data. */
export function stackFrames(e: unknown, max = 8): string[] {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  return stack.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at ')).slice(0, max);
}

/** An error's class name, from a fixed shape (`TypeError`), never its text. */
export const errorName = (e: unknown): string => {
  const name = e instanceof Error ? e.name : typeof e;
  return /^[A-Za-z_$][\w$]{0,60}$/.test(name) ? name : 'Error';
};

export function createLogger(dir: string, options: LoggerOptions = {}): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const file = join(dir, LOG_FILE);

  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };

  // Synchronous: a crash report must be on disk before the process goes.
  const write = (level: string, text: string, personal: readonly string[] = []) => {
    const line = `${now().toISOString()} ${level} ${redact(text, personal).replace(/[\r\n]+/g, ' ')}\n`;
    try {
      mkdirSync(dir, { recursive: true });
      if (existsSync(file) && statSync(file).size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
    } catch { /* A log that cannot be written must not take the app down. */ }
    if (options.echo) process.stderr.write(`[tiaojie] ${line}`);
  };

  return {
    file,
    info: (text, personal) => write('INFO', text, personal),
    error: (where, e, personal) => write('ERROR', `${where} ${errorName(e)} ${stackFrames(e).join(' | ')}`, personal),
  };
}

/**
 * Crash reports to the same log: an uncaught exception is recorded and the process ends (its state is unknown);
 * an unhandled rejection is recorded and the process goes on.
 */
export function installCrashReports(logger: Logger | (() => Logger), exit: (code: number) => void = (c) => process.exit(c)): void {
  const get = typeof logger === 'function' ? logger : () => logger;
  process.on('uncaughtException', (e) => {
    get().error('crash uncaughtException', e);
    exit(70);
  });
  process.on('unhandledRejection', (e) => get().error('crash unhandledRejection', e));
}
