import type { Clash, MeetingDraft, VenueKind } from '../../../shared/domain/scheduling';
import { MEETING_MAX_MINUTES, MEETING_MIN_MINUTES } from '../../../shared/domain/scheduling';
import type { Issue } from '../../../shared/ipc/result';
import { schedulingRepo, type VenueDbRow } from '../../db/repositories/scheduling-repo';
import type { Tx } from '../../db/repositories/tx';
import { invalid, notFound } from '../errors';
import { findClashes, type OtherMeeting, type PartyIdentity } from './clashes';
import { addMinutes, toStored } from './time';

/** A meeting as proposed, after its fields were checked: what the clash check and the write need. */
export interface CheckedDraft {
  caseId: number;
  caseNo: string;
  dueOn: string | null;
  startsAt: string;
  endsAt: string;
  venue: VenueDbRow;
  people: { id: number; name: string; role: string | null }[];
  parties: PartyIdentity[];
  purpose: string | null;
  note: string | null;
}

/** The meeting being changed, if it is a change: a past start may stay, only a move must be ahead. */
export interface Previous { startsAt: string; venueId: number }

type Draft = Omit<MeetingDraft, 'personIds' | 'partyIds'> & { personIds: number[]; partyIds: number[] };

const lengthZh = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `${h ? `${h}小时` : ''}${m || !h ? `${m}分钟` : ''}`;
};

const unique = (ids: readonly number[]) => [...new Set(ids)];

function timeIssues(startsAt: string, endsAt: string, now: Date, previous: Previous | null): Issue[] {
  const minutes = (Date.parse(endsAt) - Date.parse(startsAt)) / 60_000;
  const issues: Issue[] = [];
  if (minutes <= 0) issues.push({ path: 'endsAt', key: 'validation.meeting.order', message: '会议结束时间应晚于开始时间' });
  else if (minutes < MEETING_MIN_MINUTES || minutes > MEETING_MAX_MINUTES) {
    issues.push({ path: 'endsAt', key: 'validation.meeting.length', message: `会议时长应在15分钟到12小时之间（现为${lengthZh(minutes)}）` });
  }
  const moved = !previous || previous.startsAt !== startsAt;
  if (moved && Date.parse(startsAt) < now.getTime()) {
    issues.push({ path: 'startsAt', key: 'validation.meeting.past', message: '会议开始时间已经过去，请选择以后的时间' });
  }
  return issues;
}

/**
 * Checks a proposed meeting against the case and the directory, inside the caller's transaction:
 * times, venue, that the people are the case team and the parties the case's. Every problem at once.
 */
export async function checkDraft(tx: Tx, d: Draft, now: Date, previous: Previous | null): Promise<CheckedDraft> {
  const c = await schedulingRepo.caseForMeeting(tx, d.caseId);
  if (!c) throw notFound('该案件');
  const startsAt = toStored(d.startsAt);
  const endsAt = toStored(d.endsAt);
  const issues = timeIssues(startsAt, endsAt, now, previous);

  const venue = await schedulingRepo.venue(tx, d.venueId);
  if (!venue) issues.push({ path: 'venueId', key: 'validation.meeting.venue', message: '所选场所不存在，请重新选择' });
  else if (!venue.active && (!previous || previous.venueId !== venue.id)) {
    issues.push({ path: 'venueId', key: 'validation.meeting.venueInactive', message: `场所“${venue.name}”已停用，请选择其他场所` });
  }

  const personIds = unique(d.personIds);
  const team = new Map<number, string>();
  for (const m of await schedulingRepo.team(tx, d.caseId)) if (!team.has(m.person_id) || m.role === 'lead_mediator') team.set(m.person_id, m.role);
  const names = new Map((await schedulingRepo.personNames(tx, personIds)).map((p) => [p.id, p.name]));
  personIds.forEach((id, i) => {
    const name = names.get(id);
    if (name === undefined) issues.push({ path: `personIds.${i}`, key: 'validation.meeting.person', message: `所选人员（编号${id}）不存在` });
    else if (!team.has(id)) {
      issues.push({ path: `personIds.${i}`, key: 'validation.meeting.notTeam', message: `${name}不是本案的调解人员，请先在案件中添加后再邀请` });
    }
  });

  const partyIds = unique(d.partyIds);
  const partyRows = new Map((await schedulingRepo.parties(tx, partyIds)).map((p) => [p.id, p]));
  partyIds.forEach((id, i) => {
    const p = partyRows.get(id);
    if (!p) issues.push({ path: `partyIds.${i}`, key: 'validation.meeting.party', message: `所选当事人（编号${id}）不存在` });
    else if (p.case_id !== d.caseId) issues.push({ path: `partyIds.${i}`, key: 'validation.meeting.notParty', message: `${p.name}不是本案的当事人` });
  });
  if (issues.length) throw invalid(issues);

  return {
    caseId: c.id, caseNo: c.case_no, dueOn: c.due_on, startsAt, endsAt, venue: venue!,
    people: personIds.map((id) => ({ id, name: names.get(id)!, role: team.get(id) ?? null })),
    parties: partyIds.map((id) => { const p = partyRows.get(id)!; return { id, name: p.name, idNumber: p.id_number, phone: p.phone }; }),
    purpose: d.purpose || null, note: d.note || null,
  };
}

/** A meeting lasts at most 12 hours: one overlapping [start, end) started in [start − 12 h, end). */
const boundOf = (startsAt: string) => addMinutes(startsAt, -MEETING_MAX_MINUTES);

/** The clashes of a checked draft with everything scheduled, leave and duties, the deadline and the room. */
export async function clashesOf(tx: Tx, d: CheckedDraft, exceptMeetingId: number | null): Promise<Clash[]> {
  const personIds = d.people.map((p) => p.id);
  const [candidates, hours, exceptions] = await Promise.all([
    schedulingRepo.clashCandidates(tx, boundOf(d.startsAt), d.startsAt, d.endsAt, exceptMeetingId),
    schedulingRepo.weeklyHours(tx, personIds),
    schedulingRepo.exceptionsOverlapping(tx, personIds, d.startsAt, d.endsAt),
  ]);
  const others: OtherMeeting[] = candidates.map((m) => ({
    id: m.id, caseId: m.caseId, caseNo: m.caseNo, startsAt: m.startsAt, endsAt: m.endsAt, venueId: m.venueId, venue: m.venue,
    personIds: JSON.parse(m.personIds) as number[],
    parties: (JSON.parse(m.parties) as [number, string, string | null, string | null][]).map(([id, name, idNumber, phone]) => ({ id, name, idNumber, phone })),
  }));
  return findClashes({
    startsAt: d.startsAt, endsAt: d.endsAt,
    venue: { id: d.venue.id, name: d.venue.name, kind: d.venue.kind as VenueKind, capacity: d.venue.capacity },
    people: d.people.map((p) => ({
      ...p,
      weekly: hours.filter((h) => h.person_id === p.id).map((h) => ({ weekday: h.weekday, startMinute: h.start_minute, endMinute: h.end_minute })),
      exceptions: exceptions.filter((e) => e.person_id === p.id).map((e) => ({ kind: e.kind, note: e.note, startsAt: e.starts_at, endsAt: e.ends_at })),
    })),
    parties: d.parties,
    dueOn: d.dueOn,
    others,
  });
}
