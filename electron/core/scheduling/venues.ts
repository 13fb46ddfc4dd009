import type { z } from 'zod';
import type { Venue, VenueInputSchema, VenueKind } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import { schedulingRepo, type VenueDbRow } from '../../db/repositories/scheduling-repo';
import type { Tx } from '../../db/repositories/tx';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';

type VenueInput = z.output<typeof VenueInputSchema>;

export const toVenue = (r: VenueDbRow): Venue => ({
  id: r.id, name: r.name, kind: r.kind as VenueKind, capacity: r.capacity, address: r.address, link: r.link, note: r.note, active: r.active === 1,
});

/** Every venue, active ones first, for the venue settings and the meeting form. */
export async function listVenues(db: Database): Promise<Venue[]> {
  return (await schedulingRepo.venues(db.manager)).map(toVenue);
}

/** The rules a venue's fields must meet; `at` prefixes the paths (`venue.` for an update). */
function checkVenue(v: VenueInput, at: string): void {
  if ((v.kind === 'room' || v.kind === 'office') && v.capacity === undefined) {
    throw invalid([{ path: `${at}capacity`, key: 'validation.venue.capacity', message: `请填写“${v.name}”可容纳的人数：调解室和办公室须填写，用于检查房间是否够大` }]);
  }
  if (v.kind === 'online' && !v.link) {
    throw invalid([{ path: `${at}link`, key: 'validation.venue.link', message: `线上视频调解“${v.name}”须填写会议链接（以 https:// 开头）` }]);
  }
  // The link goes into text messages and notices: only an encrypted link.
  if (v.link && !/^https:\/\//i.test(v.link)) {
    throw invalid([{ path: `${at}link`, key: 'validation.venue.https', message: '会议链接应以 https:// 开头' }]);
  }
}

const columns = (v: VenueInput) => ({
  name: v.name, kind: v.kind, capacity: v.capacity ?? null, address: v.address || null, link: v.link ?? null, note: v.note || null, active: v.active ? 1 : 0,
});

async function refuseDuplicate(tx: Tx, name: string, path: string, self?: number): Promise<void> {
  const other = await schedulingRepo.venueIdByName(tx, name);
  if (other !== null && other !== self) {
    throw invalid([{ path, key: 'validation.venue.duplicate', message: `已有名为“${name}”的场所，请换一个名称` }]);
  }
}

export async function createVenue(db: Database, actor: Actor, clock: Clock, v: VenueInput): Promise<{ id: number }> {
  checkVenue(v, '');
  return db.transaction(async (tx) => {
    await refuseDuplicate(tx, v.name, 'name');
    const now = clock().toISOString();
    const id = await lifecycleRepo.insert(tx, 'venues', { ...columns(v), created_at: now, updated_at: now });
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'venue.create', entity: 'venue', entityId: id, after: columns(v) });
    return { id };
  });
}

export async function updateVenue(db: Database, actor: Actor, clock: Clock, id: number, v: VenueInput): Promise<void> {
  checkVenue(v, 'venue.');
  await db.transaction(async (tx) => {
    const before = await schedulingRepo.venue(tx, id);
    if (!before) throw notFound('该场所');
    await refuseDuplicate(tx, v.name, 'venue.name', id);
    await lifecycleRepo.update(tx, 'venues', id, { ...columns(v), updated_at: clock().toISOString() });
    const { id: _id, ...old } = before;
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'venue.update', entity: 'venue', entityId: id, before: old, after: columns(v) });
  });
}
