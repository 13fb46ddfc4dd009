import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import type { Session } from '../../electron/ipc/session';
import { ROLES, type Role } from '../../shared/domain/enums';
import { DOCUMENT_IDS, MINUTES_DOCUMENT_IDS } from '../../shared/domain/documents';
import { roleHas } from '../../shared/domain/permissions';
import { CHANNELS, type Channel } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { unsampled, validInput, type FixtureIds } from '../support/channel-inputs';
import { committeeFixture, ok } from '../support/db';
import { makeResidentId } from '../support/identity';
import { allowed } from '../support/permission-matrix';

// Every channel of the contract, called by every role: refused exactly where the matrix says so, and audited.
// The channel list comes from the contract, so a channel added tomorrow is walked too.

const now = new Date('2026-10-10T02:00:00Z');
// What the minutes say: none of it may reach a role without cases.minutes, in any answer.
const MARKERS = ['笔录密语青松', '心理咨询意见白鹤', '调解结果红梅', '调查事由紫藤'];

let f: Awaited<ReturnType<typeof committeeFixture>>;
const sessions = {} as Record<Role, Session>;
let ids: FixtureIds;
let mediationRecordId: number;

beforeAll(async () => {
  f = await committeeFixture({ clock: () => now });
  sessions.admin = await f.signedIn();
  for (const [role, username] of [['mediator', 'tiaojieyuan'], ['volunteer', 'zhiyuanzhe'], ['office_staff', 'bangongshi']] as const) {
    await f.addUser(username, role);
    sessions[role] = await f.signedIn(username, 'user-password-1');
  }
  const admin = sessions.admin;
  const personId = ok(await f.call(admin, 'people:mediators', {}))[0].id;
  const caseId = ok(await f.call(admin, 'cases:create', {
    category: 'neighbour', channel: 'application', summary: '楼上住户装修噪音影响楼下休息', registeredOn: '2026-10-08',
    parties: [
      { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: makeResidentId('1980-02-03', 'female', 21), phone: '13857700001' },
      { role: 'respondent', name: '赵刚', idType: 'none', phone: '13857700002' },
    ],
  })).id;
  ok(await f.call(admin, 'cases:accept', { caseId, acceptedOn: '2026-10-09', leadMediatorId: personId }));
  ok(await f.call(admin, 'cases:addRecord', {
    caseId, kind: 'investigation', heldAt: '2026-10-09T01:00:00Z', subject: MARKERS[3], interviewee: '赵刚',
    content: `被调查人称装修已近尾声。${MARKERS[1]}：双方情绪紧张，建议背对背调解。`,
  }));
  mediationRecordId = ok(await f.call(admin, 'cases:addRecord', {
    caseId, kind: 'mediation', heldAt: '2026-10-09T06:00:00Z', place: '第一调解室', subject: '装修噪音',
    content: `申请人陈述：${MARKERS[0]}。被申请人同意调整施工时间。`, result: MARKERS[2],
  })).id;
  const venueId = ok(await f.call(admin, 'venues:create', { name: '第一调解室', kind: 'room', capacity: 8 })).id;
  const meetingId = ok(await f.call(admin, 'schedule:create', {
    caseId, venueId, startsAt: '2026-10-20T01:00:00.000Z', endsAt: '2026-10-20T02:00:00.000Z', personIds: [personId],
  })).id!;
  ids = { caseId, personId, meetingId, venueId };
}, 120_000); // four accounts: each a scrypt hash and a sign-in

afterAll(() => f.close());

const refusals = async (channel: Channel) => (await f.core.db.query<{ n: number }>(
  `SELECT count(*) AS n FROM audit_events WHERE action = 'permission.refused' AND json_extract(after_json, '$.channel') = ?`, [channel],
))[0].n;

const leaks = (value: unknown) => MARKERS.filter((m) => JSON.stringify(value).includes(m));

describe('the permission matrix, channel by channel', () => {
  it('has a valid input for every channel (a new one needs a line in test/support/channel-inputs.ts)', () => {
    expect(unsampled(ids)).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: FORBIDDEN and audited exactly where the matrix says, never elsewhere; no minutes without cases.minutes`, async () => {
      const wrong: string[] = [];
      for (const channel of CHANNELS) {
        // Its own copy of the session: auth:signOut ends only that one.
        const session: Session = { ...sessions[role] };
        const before = await refusals(channel);
        const r = await f.dispatch(session, channel, validInput(channel, ids));
        const refused = !r.ok && r.error.code === 'FORBIDDEN';
        const audited = (await refusals(channel)) - before;
        if (!r.ok && (r.error.code === 'UNAUTHENTICATED' || r.error.code === 'UNKNOWN_CHANNEL')) wrong.push(`${channel}: ${r.error.code}`);
        if (allowed(role, channel)) {
          if (refused) wrong.push(`${channel}: refused, the matrix allows it`);
        } else {
          if (!refused) wrong.push(`${channel}: ${r.ok ? 'answered' : r.error.code}, the matrix refuses it`);
          if (audited !== 1) wrong.push(`${channel}: ${audited} permission.refused rows`);
          if (!r.ok && r.error.message !== '您的角色无权进行此操作') wrong.push(`${channel}: message ${r.error.message}`);
        }
        if (r.ok && !roleHas(role, 'cases.minutes') && leaks(r.value).length) wrong.push(`${channel}: minutes in the answer`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }
});

describe('minutes stay with mediators and admins', () => {
  const call = (role: Role, channel: Channel, input: unknown) => f.dispatch({ ...sessions[role] }, channel, input);

  it('a mediator reads them (the check below would otherwise prove nothing)', async () => {
    const file = ok(await call('mediator', 'cases:file', { id: ids.caseId }) as Result<{ records: unknown[] }>);
    expect(file.records.length).toBeGreaterThanOrEqual(2); // the walk above may have added its own
    expect(leaks(file)).toEqual(MARKERS);
    const doc = ok(await call('mediator', 'documents:render', { caseId: ids.caseId, document: 'mediation_record' }) as Result<{ html: string }>);
    expect(doc.html).toContain(MARKERS[0]);
  });

  for (const role of ['volunteer', 'office_staff'] as const) {
    it(`${role}: the case, its file, history, search and every document carry no minutes text`, async () => {
      const get = ok(await call(role, 'cases:get', { id: ids.caseId }));
      expect(leaks(get)).toEqual([]);
      expect(JSON.stringify(get)).toContain('13857700001'); // contact details: yes

      const file = ok(await call(role, 'cases:file', { id: ids.caseId }) as Result<{ records: unknown[]; case: { parties: unknown[] } }>);
      expect(file.records).toEqual([]);
      expect(file.case.parties).toHaveLength(2);
      expect(leaks(file)).toEqual([]);

      const history = ok(await call(role, 'cases:history', { id: ids.caseId }) as Result<{ entries: { action: string; after: unknown }[] }>);
      expect(history.entries.some((e) => e.action === 'case.record.mediation')).toBe(true); // who and when stay
      expect(history.entries.filter((e) => e.action.startsWith('case.record')).every((e) => e.after === null)).toBe(true);
      expect(leaks(history)).toEqual([]);

      for (const q of [MARKERS[0], MARKERS[1], '陈静']) {
        const list = ok(await call(role, 'cases:list', { q }) as Result<{ total: number }>);
        expect(leaks(list)).toEqual([]);
        if (q !== '陈静') expect(list.total).toBe(0);
      }

      for (const document of DOCUMENT_IDS) {
        const before = await refusals('documents:render');
        const r = await call(role, 'documents:render', { caseId: ids.caseId, document, ...(document === 'meeting_notice' ? { meetingId: ids.meetingId } : {}) });
        if (MINUTES_DOCUMENT_IDS.includes(document)) {
          expect(r.ok ? 'ok' : r.error.code, document).toBe('FORBIDDEN');
          expect(await refusals('documents:render')).toBe(before + 1);
        } else {
          expect(leaks(ok(r)), document).toEqual([]);
        }
      }
      const printed = await call(role, 'documents:printed', { caseId: ids.caseId, document: 'mediation_record' });
      expect(printed.ok ? 'ok' : printed.error.code).toBe('FORBIDDEN');
      const one = await call(role, 'documents:render', { caseId: ids.caseId, document: 'investigation_record', recordId: mediationRecordId });
      expect(one.ok ? 'ok' : one.error.code).toBe('FORBIDDEN');
    });
  }

  it('the desktop PDF: refused for the minutes, made without them otherwise', async () => {
    const saved: string[] = [];
    const desktop = createDispatcher(f.core, { platform: { savePdf: async (html) => { saved.push(html); return true; } } });
    const pdf = (document: string) => desktop({ ...sessions.volunteer }, 'documents:savePdf', { caseId: ids.caseId, document });
    const refused = await pdf('mediation_record');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    expect(saved).toHaveLength(0);
    for (const document of ['contents', 'closing_report', 'registration']) ok(await pdf(document));
    expect(saved.length).toBe(3);
    for (const html of saved) expect(leaks(html)).toEqual([]);
  });
});
