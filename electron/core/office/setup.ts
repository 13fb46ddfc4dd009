import type { z } from 'zod';
import { OfficeSetupInputSchema } from '../../../shared/domain/office';
import type { Database } from '../../db/data-source';
import type { Tx } from '../../db/repositories/tx';
import { generateIdentity, parseIdentityFile, recipientFingerprint, recipientOf } from '../../crypto/age';
import { createUser } from '../accounts/accounts';
import { recordAudit } from '../audit/audit';
import { badState, invalid } from '../errors';

/** Which kind of database this is: an office's has its `office` row and no `committee` row (migration 0009). */
export type DatabaseMode = 'committee' | 'office' | null;

export async function databaseMode(tx: Tx): Promise<DatabaseMode> {
  const [row] = await tx.query(`SELECT EXISTS (SELECT 1 FROM office) AS office, EXISTS (SELECT 1 FROM committee) AS committee`);
  return row.committee ? 'committee' : row.office ? 'office' : null;
}

/** The desktop's first run requires the admin (office:setup); the CLI may leave it out. */
export const OfficeSetupSchema = OfficeSetupInputSchema.extend({ admin: OfficeSetupInputSchema.shape.admin.optional() });
export type OfficeSetup = z.input<typeof OfficeSetupSchema>;

export interface OfficeKey {
  recipient: string;
  fingerprint: string;
}

/** The office row, its identity (new, or the first of an age-keygen file; later ones become extra identities), the first admin. */
export async function setupOffice(db: Database, raw: OfficeSetup, at: Date): Promise<OfficeKey> {
  const parsed = OfficeSetupSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: 'errors.VALIDATION', message: i.message })));
  const input = parsed.data;
  const identities = input.identityText !== undefined ? parseIdentityFile(input.identityText) : [(await generateIdentity()).identity];
  const keys = await Promise.all(identities.map(async (identity) => ({ identity, recipient: await recipientOf(identity) })));
  const stamp = at.toISOString();
  await db.transaction(async (tx) => {
    if (await databaseMode(tx)) throw badState('此数据库已经设置过，不能再设置为市公共法律服务中心的数据库');
    await tx.query(`INSERT INTO office (id, name, identity, recipient, created_at) VALUES (1, ?, ?, ?, ?)`,
      [input.name, keys[0].identity, keys[0].recipient, stamp]);
    for (const k of keys.slice(1)) {
      await tx.query(`INSERT OR IGNORE INTO office_identities (recipient, identity, label, added_at) VALUES (?, ?, ?, ?)`,
        [k.recipient, k.identity, '密钥文件中的其他私钥', stamp]);
    }
    await recordAudit(tx, {
      at, userId: null, action: 'office.setup', entity: 'office', entityId: 1,
      after: { name: input.name, recipients: keys.map((k) => k.recipient), imported: input.identityText !== undefined },
    });
    if (input.admin) await createUser(tx, { ...input.admin, role: 'admin' }, at, null);
  });
  return { recipient: keys[0].recipient, fingerprint: recipientFingerprint(keys[0].recipient) };
}

/** The office's identities: the main one first, then the extra ones (a backup key). */
export async function officeIdentities(tx: Tx): Promise<string[]> {
  const main = (await tx.query(`SELECT identity FROM office WHERE id = 1`)) as { identity: string }[];
  if (!main.length) throw notOffice();
  const extra = (await tx.query(`SELECT identity FROM office_identities ORDER BY added_at, recipient`)) as { identity: string }[];
  return [main[0].identity, ...extra.map((r) => r.identity)];
}

export const notOffice = () => badState('此数据库不是市公共法律服务中心的数据库（未设置为中心模式），不能导入或汇总调解委员会的数据包');

/** The office's name and recipients, for status and the form's header. */
export async function officeInfo(tx: Tx): Promise<{ name: string; keys: (OfficeKey & { label: string })[]; createdAt: string }> {
  const [o] = (await tx.query(`SELECT name, recipient, created_at FROM office WHERE id = 1`)) as { name: string; recipient: string; created_at: string }[];
  if (!o) throw notOffice();
  const extra = (await tx.query(`SELECT recipient, label FROM office_identities ORDER BY added_at, recipient`)) as { recipient: string; label: string }[];
  return {
    name: o.name,
    createdAt: o.created_at,
    keys: [{ recipient: o.recipient, label: '中心私钥' }, ...extra].map((k) => ({ ...k, fingerprint: recipientFingerprint(k.recipient) })),
  };
}
