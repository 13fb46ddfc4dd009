import type { z } from 'zod';
import type { Channel, Contract, Output } from '../../shared/ipc/contract';
import { signIn, toActor } from '../core/accounts/accounts';
import type { AppCore } from '../core/app/app-core';
import { getCase, listCases } from '../core/cases/queries';
import { registerCase } from '../core/cases/register';
import { readCommittee } from '../core/committee/setup';
import { recordAudit } from '../core/audit/audit';
import { listMediators, listPeople } from '../core/people/people';
import { addRelation, createPerson, getPerson, peopleDirectory, removeRelation, updatePerson } from '../core/people/directory';
import {
  acceptCase, addFollowup, archiveCase, closeCase, concludeCase, extendCase, rejectCase, startMediation, updateJudicialConfirmation,
  updatePerformance, updateTermPerformance,
} from '../core/cases/lifecycle';
import { addMember, decideConflict, decideRecusal, removeMember, requestRecusal } from '../core/cases/members';
import { addAttachment, addEscalation, addRecord, getAttachment, setPrevention } from '../core/cases/records';
import { getCaseFile, viewCaseFile } from '../core/cases/case-file';
import { missingFileItems, renderDocument } from '../documents';
import { shanghaiDate } from '../../shared/domain/dates';
import { caseChecks } from '../core/cases/checks';
import { caseHistory } from '../core/cases/history';
import { documentFileFor, requireMinutesFor } from '../core/cases/minutes';
import { anonymiseCase, destroyCase, retentionDue } from '../core/cases/retention';
import { todo } from '../core/cases/dashboard';
import type { Actor } from '../core/context';
import type { Session } from './session';
import { badState } from '../core/errors';
import { listVenues, createVenue, updateVenue } from '../core/scheduling/venues';
import { addException, getAvailability, removeException, setWeeklyHours } from '../core/scheduling/availability';
import { cancelMeeting, checkMeeting, moveMeeting, rescheduleMeeting, scheduleMeeting } from '../core/scheduling/meetings';
import { caseMeetings, getMeeting, meetingsInRange, upcomingMeetings } from '../core/scheduling/queries';
import { dueReminders, reminderText } from '../core/scheduling/reminders';
import { meetingSms } from '../core/scheduling/sms';
import { noticeMeeting } from '../core/scheduling/notice';
import { getScheduleSettings, saveScheduleSettings } from '../core/scheduling/settings';
import { exportIcs } from '../core/scheduling/ics-export';
import { importIcs } from '../core/scheduling/ics-import';
import { statisticsHandlers } from './statistics-handlers';
import { ledgerHandlers } from './ledger-handlers';
import { officeHandlers } from './office-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { recoveryHandlers } from './recovery-handlers';
import { backupHandlers } from './backup-handlers';
import { accountsHandlers } from './accounts-handlers';
import { createLocalCategory, listLocalCategories, updateLocalCategory } from '../core/categories/categories';

/** What only the desktop shell can do (electron/main.ts provides it; the preview has none). */
export interface Platform {
  /** Renders the HTML to an A4 PDF and asks where to save it; false if the user cancelled. */
  savePdf(html: string, suggestedName: string): Promise<boolean>;
  /** Asks where to save a file the app then writes itself (a streamed export); null if the user cancelled. */
  chooseSavePath?(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** A desktop notification (a meeting reminder); the preview has none and shows the in-app list only. */
  notify?(title: string, body: string): void;
  /** A folder dialog (the backup folder); null if the user cancelled. The preview has none: the path is typed. */
  chooseFolder?(title: string): Promise<string | null>;
}

export interface HandlerContext {
  core: AppCore;
  session: Session;
  platform?: Platform;
  /** Set by the dispatcher for every channel that needs a signed-in user. */
  actor: Actor;
}

// Handlers receive the parsed input: defaults applied, strings trimmed.
type Handlers = { [C in Channel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** Each channel's work, after the dispatcher has checked sender, input and permission. */
export const handlers: Handlers = {
  'app:status': async ({ core, session }) => {
    const state = core.state();
    return {
      state,
      committee: state === 'ready' ? await readCommittee(core.db.manager) : null,
      user: state === 'ready' ? session.user : null,
      mode: state === 'ready' ? await core.mode() : null,
    };
  },
  'app:setup': async ({ core }, input) => core.setup(input),
  'app:unlock': async ({ core }, { passphrase }) => {
    await core.unlock(passphrase);
    return {};
  },
  'auth:signIn': async ({ core, session }, { username, password }) => {
    const { user, mustChangePassword } = await signIn(core.db, username, password, core.clock);
    // Signing in again is also how an idle-locked session is unlocked (session-guard.ts).
    Object.assign(session, { user, locked: false, lastActivity: undefined });
    return { ...user, mustChangePassword };
  },
  'auth:signOut': async ({ core, session, actor }) => {
    await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: actor.userId, action: 'auth.signOut' }));
    session.user = null;
    return {};
  },
  'cases:create': ({ core, actor }, input) => registerCase(core.db, actor, input, core.clock),
  'cases:list': ({ core }, input) => listCases(core.db, input),
  'cases:get': ({ core, actor }, { id }) => getCase(core.db, actor, id, core.clock),
  'people:mediators': ({ core }) => listMediators(core.db),
  'people:list': ({ core }) => listPeople(core.db),
  'people:directory': ({ core }) => peopleDirectory(core.db),
  'people:get': ({ core }, { id }) => getPerson(core.db, id),
  'people:create': ({ core, actor }, i) => createPerson(core.db, actor, core.clock, i),
  'people:update': async ({ core, actor }, { id, person }) => { await updatePerson(core.db, actor, core.clock, id, person); return {}; },
  'people:addRelation': ({ core, actor }, i) => addRelation(core.db, actor, core.clock, i),
  'people:removeRelation': async ({ core, actor }, i) => { await removeRelation(core.db, actor, core.clock, i.personId, i.relationId); return {}; },
  'cases:accept': ({ core, actor }, i) => acceptCase(core.db, actor, core.clock, i),
  'cases:reject': async ({ core, actor }, i) => { await rejectCase(core.db, actor, core.clock, i); return {}; },
  'cases:startMediation': async ({ core, actor }, i) => { await startMediation(core.db, actor, core.clock, i.caseId); return {}; },
  'cases:extend': async ({ core, actor }, i) => { await extendCase(core.db, actor, core.clock, i); return {}; },
  'cases:conclude': async ({ core, actor }, i) => { await concludeCase(core.db, actor, core.clock, i); return {}; },
  'cases:performance': async ({ core, actor }, i) => { await updatePerformance(core.db, actor, core.clock, i); return {}; },
  'cases:termPerformance': async ({ core, actor }, i) => { await updateTermPerformance(core.db, actor, core.clock, i); return {}; },
  'cases:judicialConfirmation': async ({ core, actor }, i) => { await updateJudicialConfirmation(core.db, actor, core.clock, i); return {}; },
  'cases:followup': ({ core, actor }, i) => addFollowup(core.db, actor, core.clock, i),
  'cases:close': async ({ core, actor }, i) => { await closeCase(core.db, actor, core.clock, i); return {}; },
  'cases:archive': async ({ core, actor }, i) => { await archiveCase(core.db, actor, core.clock, i); return {}; },
  'cases:addMember': ({ core, actor }, i) => addMember(core.db, actor, core.clock, i),
  'cases:removeMember': async ({ core, actor }, i) => { await removeMember(core.db, actor, core.clock, i); return {}; },
  'cases:decideConflict': async ({ core, actor }, i) => { await decideConflict(core.db, actor, core.clock, i); return {}; },
  'cases:requestRecusal': ({ core, actor }, i) => requestRecusal(core.db, actor, core.clock, i),
  'cases:decideRecusal': ({ core, actor }, i) => decideRecusal(core.db, actor, core.clock, i),
  'cases:addRecord': ({ core, actor }, i) => addRecord(core.db, actor, core.clock, i),
  'cases:addAttachment': ({ core, actor }, i) => addAttachment(core.db, actor, core.clock, i),
  'cases:attachment': ({ core, actor }, i) => getAttachment(core.db, actor, core.clock, i.caseId, i.id),
  'cases:escalation': ({ core, actor }, i) => addEscalation(core.db, actor, core.clock, i),
  'cases:prevention': async ({ core, actor }, i) => { await setPrevention(core.db, actor, core.clock, i); return {}; },
  'cases:file': ({ core, actor }, { id }) => viewCaseFile(core.db, actor, core.clock, id),
  'cases:checks': ({ core }, { id }) => caseChecks(core.db, id),
  'cases:history': ({ core, actor }, { id }) => caseHistory(core.db, id, actor),
  'cases:retentionDue': ({ core }) => retentionDue(core.db, core.clock),
  'cases:anonymise': async ({ core, actor }, i) => { await anonymiseCase(core.db, actor, core.clock, i.caseId, i.reason); return {}; },
  'cases:destroy': async ({ core, actor }, i) => { await destroyCase(core.db, actor, core.clock, i.caseId, i.reason); return {}; },
  'dashboard:todo': async ({ core, actor }) => todo(core.db, actor, core.clock),
  'documents:render': async ({ core, actor }, { caseId, document, meeting: given, meetingId, recordId }) => {
    // Minutes only with cases.minutes: their documents refused, the others made without what the records say.
    await requireMinutesFor(core.db, actor, core.clock, 'documents:render', document);
    const file = documentFileFor(actor, await getCaseFile(core.db, caseId));
    // A scheduled meeting fills the 调解通知书: its time, venue, the committee's phone and the invited parties.
    const meeting = meetingId !== undefined && document === 'meeting_notice' ? await noticeMeeting(core.db.manager, caseId, meetingId) : given;
    const today = shanghaiDate(core.clock());
    // A document shows the parties' personal data: it is an access like opening the case (Art 15).
    await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: actor.userId, action: 'document.render', entity: 'case', entityId: caseId, after: { document } }));
    // recordId picks a follow-up for the 回访记录, a record for the 调查记录/调解记录.
    // Fonts resolve beside the app page: the preview frame shares the app's origin (dist/renderer/fonts).
    return renderDocument(document, file, { today, meeting, fontBaseUrl: './fonts/', ...(document === 'followup_record' ? { followupId: recordId } : { recordId }) });
  },
  'documents:savePdf': async ({ core, actor, platform }, { caseId, document, recordId }) => {
    await requireMinutesFor(core.db, actor, core.clock, 'documents:savePdf', document);
    if (!platform) throw badState('预览模式不能直接存为PDF：请点“打印”，在打印对话框中选择“另存为PDF”');
    const file = documentFileFor(actor, await getCaseFile(core.db, caseId));
    const { html, title } = renderDocument(document, file, {
      today: shanghaiDate(core.clock()), ...(document === 'followup_record' ? { followupId: recordId } : { recordId }),
    });
    const saved = await platform.savePdf(html, `${file.case.caseNo}${title}.pdf`);
    // Every export is recorded (Art 15), whether or not the user went through with it.
    await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: actor.userId, action: 'document.export', entity: 'case', entityId: caseId, after: { document, saved } }));
    return { saved };
  },
  'documents:printed': async ({ core, actor }, { caseId, document }) => {
    await requireMinutesFor(core.db, actor, core.clock, 'documents:printed', document);
    await core.db.transaction((tx) => recordAudit(tx, { at: core.clock(), userId: actor.userId, action: 'document.print', entity: 'case', entityId: caseId, after: { document } }));
    return {};
  },
  'documents:missing': async ({ core }, { caseId }) => missingFileItems(await getCaseFile(core.db, caseId)),
  'venues:list': ({ core }) => listVenues(core.db),
  'venues:create': ({ core, actor }, i) => createVenue(core.db, actor, core.clock, i),
  'venues:update': async ({ core, actor }, { id, venue }) => { await updateVenue(core.db, actor, core.clock, id, venue); return {}; },
  'availability:get': ({ core }, { personId }) => getAvailability(core.db, core.clock, personId),
  'availability:setWeekly': async ({ core, actor }, i) => { await setWeeklyHours(core.db, actor, core.clock, i.personId, i.weekly); return {}; },
  'availability:addException': ({ core, actor }, i) => addException(core.db, actor, core.clock, i),
  'availability:removeException': async ({ core, actor }, i) => { await removeException(core.db, actor, core.clock, i.personId, i.id); return {}; },
  'schedule:check': ({ core }, i) => checkMeeting(core.db, core.clock, i),
  'schedule:create': ({ core, actor }, i) => scheduleMeeting(core.db, actor, core.clock, i),
  'schedule:update': ({ core, actor }, i) => rescheduleMeeting(core.db, actor, core.clock, i),
  'schedule:move': ({ core, actor }, i) => moveMeeting(core.db, actor, core.clock, i),
  'schedule:cancel': async ({ core, actor }, i) => { await cancelMeeting(core.db, actor, core.clock, i); return {}; },
  'schedule:get': ({ core }, { id }) => getMeeting(core.db, id),
  'schedule:range': ({ core }, i) => meetingsInRange(core.db, i),
  'schedule:caseMeetings': ({ core }, { caseId }) => caseMeetings(core.db, caseId),
  'schedule:upcoming': ({ core, actor }) => upcomingMeetings(core.db, actor, core.clock),
  'schedule:dueReminders': async ({ core, actor, platform }) => {
    const due = await dueReminders(core.db, actor, core.clock);
    for (const m of due) {
      const { title, body } = reminderText(m);
      platform?.notify?.(title, body);
    }
    return due;
  },
  'schedule:sms': ({ core }, { id }) => meetingSms(core.db, id),
  'schedule:settings': ({ core }) => getScheduleSettings(core.db),
  'schedule:saveSettings': async ({ core, actor }, i) => { await saveScheduleSettings(core.db, actor, core.clock, i); return {}; },
  // The file leaves the app: every export is recorded (Art 15), inside exportIcs.
  'schedule:exportIcs': ({ core, actor }, i) => exportIcs(core.db, actor, core.clock, i),
  'availability:importIcs': ({ core, actor }, i) => importIcs(core.db, actor, core.clock, i),
  ...statisticsHandlers,
  ...ledgerHandlers,
  ...officeHandlers,
  ...exchangeHandlers,
  ...recoveryHandlers,
  ...backupHandlers,
  ...accountsHandlers,
  'categories:list': ({ core }) => listLocalCategories(core.db),
  'categories:create': ({ core, actor }, i) => createLocalCategory(core.db, actor, core.clock, i),
  'categories:update': async ({ core, actor }, i) => { await updateLocalCategory(core.db, actor, core.clock, i); return {}; },
};

export const actorOf = (s: Session): Actor | null => (s.user ? toActor(s.user) : null);
