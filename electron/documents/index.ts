import type { CaseFile } from '../../shared/domain/case-file';
import type { DocumentId } from '../../shared/domain/documents';
import { ctxOf, documentPage, type Ctx, type DocBody, type RenderedDocument, type RenderOptions } from './parts';
import { agreementBody, oralAgreementBody } from './templates/agreement';
import { applicationBody } from './templates/application';
import { closingReportBody } from './templates/closing-report';
import { contentsBody } from './templates/contents';
import { coverBody } from './templates/cover';
import { followupRecordBody } from './templates/followup';
import { meetingNoticeBody } from './templates/meeting-notice';
import { investigationRecordBody, mediationRecordBody } from './templates/records';
import { registrationBody } from './templates/registration';
import { rightsNoticeBody } from './templates/rights-notice';

export type { RenderOptions, RenderedDocument } from './parts';
export { escapeHtml } from './html';
export { fileItems, missingFileItems, type FileItemState } from './templates/contents';
export { WORDING, type Wording } from './wording';

const TEMPLATES: Record<DocumentId, (c: Ctx) => DocBody> = {
  application: applicationBody,
  registration: registrationBody,
  rights_notice: rightsNoticeBody,
  investigation_record: investigationRecordBody,
  mediation_record: mediationRecordBody,
  agreement: agreementBody,
  oral_agreement: oralAgreementBody,
  followup_record: followupRecordBody,
  closing_report: closingReportBody,
  cover: coverBody,
  contents: contentsBody,
  meeting_notice: meetingNoticeBody,
};

/** Any document as a complete HTML page (A4, no script) and its title. Pure: no I/O. */
export function renderDocument(id: DocumentId, file: CaseFile, opts: RenderOptions = {}): RenderedDocument {
  const { title, body } = TEMPLATES[id](ctxOf(file, opts));
  return { html: documentPage(title, body, opts.fontBaseUrl), title };
}

const one = (id: DocumentId) => (file: CaseFile, opts: RenderOptions = {}): string => renderDocument(id, file, opts).html;

// render<Doc>(file, opts) → the HTML page of that one document.
export const renderApplication = one('application');
export const renderRegistration = one('registration');
export const renderRightsNotice = one('rights_notice');
export const renderInvestigationRecord = one('investigation_record');
export const renderMediationRecord = one('mediation_record');
export const renderAgreement = one('agreement');
export const renderOralAgreement = one('oral_agreement');
export const renderFollowupRecord = one('followup_record');
export const renderClosingReport = one('closing_report');
export const renderCover = one('cover');
export const renderContents = one('contents');
export const renderMeetingNotice = one('meeting_notice');
