import { CATEGORY_ZH, type Category } from '../../../shared/domain/enums';
import type { ScheduledMeeting, Venue } from '../../../shared/domain/scheduling';
import type { Database } from '../../db/data-source';
import { schedulingRepo } from '../../db/repositories/scheduling-repo';
import { readCommittee } from '../committee/setup';
import { badState } from '../errors';
import { loadMeeting } from './queries';
import { readScheduleSettings } from './settings';
import { longStart } from './time';
import { BRING_SHORT } from './wording';

/** Where, as a sentence continues it: 在第一调解室（地址）, 通过线上视频（会议链接：…）, 上门. */
export function placePhrase(v: Pick<Venue, 'kind' | 'name' | 'address' | 'link'>): string {
  if (v.kind === 'online') return `通过线上视频（会议链接：${v.link ?? ''}）`;
  if (v.kind === 'home_visit') return `上门${v.address ? `（${v.address}）` : ''}`;
  return `在${v.name}${v.address ? `（${v.address}）` : ''}`;
}

export interface SmsFacts {
  committee: string;
  name: string;
  category: Category;
  startsAt: string;
  venue: Pick<Venue, 'kind' | 'name' | 'address' | 'link'>;
  contactPhone: string | null;
  cancelled: boolean;
}

/** The text of one party's SMS: the committee, the dispute, when in Shanghai time, where, what to bring, whom to call. */
export function smsText(f: SmsFacts): string {
  const dispute = `${CATEGORY_ZH[f.category]}纠纷`;
  const call = f.contactPhone ? `如有疑问，请致电${f.contactPhone}。` : '';
  if (f.cancelled) {
    return `【${f.committee}】${f.name}您好：原定于${longStart(f.startsAt)}${placePhrase(f.venue)}进行的${dispute}调解已取消，具体安排另行通知。${call}`;
  }
  return `【${f.committee}】${f.name}您好：关于${dispute}一案，本委员会定于${longStart(f.startsAt)}${placePhrase(f.venue)}进行调解，`
    + `请准时参加，并携带${BRING_SHORT}。${call}`;
}

/** One SMS per invited party, to copy into a phone. */
export async function meetingSms(db: Database, id: number): Promise<{ partyId: number; name: string; phone: string | null; text: string }[]> {
  const tx = db.manager;
  const m: ScheduledMeeting = await loadMeeting(tx, id);
  const [committee, c, settings] = await Promise.all([readCommittee(tx), schedulingRepo.caseForMeeting(tx, m.caseId), readScheduleSettings(tx)]);
  if (!committee || !c) throw badState('调解委员会尚未设置');
  return m.parties.map((p) => ({
    partyId: p.partyId, name: p.name, phone: p.phone,
    text: smsText({
      committee: committee.name, name: p.name, category: c.category as Category, startsAt: m.startsAt, venue: m.venue,
      contactPhone: settings.contactPhone, cancelled: m.status === 'cancelled',
    }),
  }));
}
