import { randomBytes, randomUUID } from 'node:crypto';
import { defaultShortName, SetupSchema, type SetupInput } from '../../../shared/domain/committee';
import type { Committee } from '../../../shared/domain/committee';
import { generateSigningKey } from '../../crypto/signing';
import type { Database } from '../../db/data-source';
import { DEIDENTIFY_SECRET, SIGNING_PUBLIC_KEY } from '../../db/migrations/0008-exchange';
import { committeeRepo, settingsRepo } from '../../db/repositories/committee-repo';
import type { Tx } from '../../db/repositories/tx';
import { createUser } from '../accounts/accounts';
import { recordAudit } from '../audit/audit';

export interface CommitteeSetup {
  committee: SetupInput['committee'];
  admin?: SetupInput['admin'];
}

export const SIGNING_KEY = 'signing_key_pem';

/** Committee, its Ed25519 signing key and de-identification secret (EXCHANGE.md) and, if given, the first admin: one transaction. */
export async function setupCommittee(db: Database, raw: CommitteeSetup, at: Date): Promise<void> {
  const input = SetupSchema.shape.committee.parse(raw.committee);
  const admin = raw.admin ? SetupSchema.shape.admin.parse(raw.admin) : undefined;
  await db.transaction(async (tx) => {
    const row = {
      name: input.name, code: input.code, short_name: input.shortName || defaultShortName(input.name),
      type: input.type, station_id: randomUUID(), created_at: at.toISOString(),
    };
    await committeeRepo.insert(tx, row);
    const key = generateSigningKey();
    await settingsRepo.set(tx, SIGNING_KEY, key.privatePem);
    await settingsRepo.set(tx, SIGNING_PUBLIC_KEY, key.publicPem);
    // The de-identification secret (EXCHANGE.md, Levels): keys the parties' pseudonyms, never leaves this database.
    await settingsRepo.set(tx, DEIDENTIFY_SECRET, randomBytes(32).toString('hex'));
    await recordAudit(tx, { at, userId: null, action: 'committee.setup', entity: 'committee', entityId: 1, after: row });
    // Committee members are people's mediators (Art 13–14): the first admin can lead cases.
    if (admin) await createUser(tx, { ...admin, role: 'admin', professions: ['mediator'] }, at, null);
  });
}

export async function readCommittee(tx: Tx): Promise<Committee | null> {
  const c = await committeeRepo.get(tx);
  return c && { name: c.name, code: c.code, shortName: c.short_name, type: c.type as Committee['type'] };
}
