import { existsSync } from 'node:fs';
import { AppCore } from '../core/app/app-core';
import { defaultShortName } from '../../shared/domain/committee';
import { say } from './messages';
import type { CliContext } from './run';

const MIN_PASSPHRASE = 12;

/** `init`: a new encrypted database, its committee and signing key, and optionally the first admin. */
export async function initCommand(ctx: CliContext): Promise<void> {
  const name = ctx.values['committee-name'];
  const code = ctx.values['committee-code'];
  if (typeof name !== 'string') throw ctx.usage('missingOption', 'committee-name');
  if (typeof code !== 'string') throw ctx.usage('missingOption', 'committee-code');
  const passphrase = ctx.env.TIAOJIE_PASSPHRASE;
  if (!passphrase) throw ctx.refuse('noPassphrase');
  if (passphrase.trim().length < MIN_PASSPHRASE) throw ctx.refuse('weakPassphrase');
  const adminName = ctx.values.admin;
  const adminPassword = ctx.env.TIAOJIE_ADMIN_PASSWORD;
  if (typeof adminName === 'string' && !adminPassword) throw ctx.refuse('noAdminPassword');
  if (existsSync(ctx.dbPath)) throw ctx.refuse('exists', ctx.dbPath);

  const shortName = typeof ctx.values['short-name'] === 'string' ? ctx.values['short-name'] : defaultShortName(name);
  const core = new AppCore(ctx.dbPath);
  try {
    await core.setup({
      passphrase,
      committee: { name, code, shortName },
      admin: typeof adminName === 'string' ? { username: adminName, displayName: adminName, password: adminPassword! } : undefined,
    });
  } finally {
    await core.close();
  }
  ctx.out(say(ctx.lang, 'initDone', name, code, shortName, ctx.dbPath));
}
