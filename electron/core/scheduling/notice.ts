import type { Meeting } from '../../../shared/domain/documents';
import type { ScheduledMeeting } from '../../../shared/domain/scheduling';
import type { Tx } from '../../db/repositories/tx';
import { badState, notFound } from '../errors';
import { loadMeeting } from './queries';
import { readScheduleSettings } from './settings';

/** The 调解通知书's 地点: the room and its address, the video link, or the party's home. */
export function noticePlace(v: ScheduledMeeting['venue']): string {
  if (v.kind === 'online') return `${v.name}（会议链接：${v.link ?? ''}）`;
  if (v.kind === 'home_visit') return v.address ? `${v.address}（上门调解）` : '当事人住所（上门调解）';
  return `${v.name}${v.address ? `（${v.address}）` : ''}`;
}

/** The notice's meeting from a scheduled one: its start, venue, the committee's phone and the parties invited. */
export async function noticeMeeting(tx: Tx, caseId: number, meetingId: number): Promise<Meeting> {
  const m = await loadMeeting(tx, meetingId);
  if (m.caseId !== caseId) throw notFound('本案的该调解会议');
  if (m.status === 'cancelled') throw badState('该会议已取消，不能再出具调解通知书');
  const { contactPhone } = await readScheduleSettings(tx);
  return {
    startsAt: m.startsAt,
    place: noticePlace(m.venue),
    ...(contactPhone ? { contactPhone } : {}),
    // No party invited: the notice goes to every party, as without a meeting.
    ...(m.parties.length ? { partyIds: m.parties.map((p) => p.partyId) } : {}),
  };
}
