import type { CaseFile } from '../../../shared/domain/case-file';
import type { FileItem } from '../../../shared/domain/documents';
import { html } from '../html';
import { cols, disputeShortName, doc, field, row, type Ctx, type DocBody } from '../parts';
import { WORDING, type Wording } from '../wording';

/** What the file holds of one of the 13 items, and whether this case needs it. */
export interface FileItemState {
  item: number;
  title: string;
  /** R in the Ministry's list, narrowed to this case (an agreement only when agreed …). */
  required: boolean;
  /** O items the Ministry lists as "as needed". */
  optional: boolean;
  present: boolean;
}

/** Statuses at which mediation has begun or ended: the file then needs its minutes. */
const MEDIATED = new Set(['in_mediation', 'agreed', 'failed', 'withdrawn']);

/**
 * The 13 items of the 卷内目录, in order, with what this case's file holds. The rules (the app knows
 * only what it stores; everything it can print from the case counts as held):
 *  1 申请书/受理登记表 (R) — held: printed from the registration.
 *  2 权利义务告知书 (R) — required once accepted; held: printed from the case.
 *  3 当事人身份证明 (R) — held when every person has an identity document number and every
 *    organisation its unified social credit code.
 *  7 调解记录 (R) — required once mediation began (in mediation, agreed, failed, withdrawn, or closed
 *    or archived with an outcome); held when there is at least one mediation record.
 *  8 协议书 (R) — required only when agreed; held when the agreement (written: 协议书, oral:
 *    口头协议登记表) is recorded.
 *  13 封底 (R) — a binding item with no data: always counted as held.
 *  Optional (O) items are never reported missing: 4 授权委托书, 5 调查记录, 6 证据材料, 9 履行凭证,
 *  10 回访记录, 11 司法确认材料, 12 卷宗情况说明.
 */
export function fileItems(file: CaseFile, wording: Wording = WORDING): FileItemState[] {
  const w = wording.contents;
  const k = file.case;
  const accepted = k.acceptedOn !== null || !['registered', 'rejected'].includes(k.status);
  const mediated = MEDIATED.has(k.status) || k.outcome !== null;
  const agreed = k.outcome === 'agreed' || k.status === 'agreed';
  const identified = k.parties.length > 0 && k.parties.every((p) =>
    p.kind === 'organisation' ? !!p.creditCode : p.idType !== 'none' && !!p.idNumber);
  const rows: [required: boolean, optional: boolean, present: boolean][] = [
    [true, false, true],
    [accepted, false, true],
    [true, false, identified],
    [false, true, false],
    [false, true, file.records.some((r) => r.kind === 'investigation')],
    [false, true, file.attachments.length > 0],
    [mediated, false, file.records.some((r) => r.kind === 'mediation')],
    [agreed, false, file.agreement !== null],
    [false, true, false],
    [false, true, file.followups.length > 0],
    [false, true, file.agreement !== null && file.agreement.jcStatus !== 'none'],
    [false, true, false],
    [true, false, true],
  ];
  return rows.map(([required, optional, present], i) => ({
    item: i + 1,
    title: i === 7 && (file.agreement?.form === 'oral' || k.agreementForm === 'oral') ? w.oralAgreementItem : w.items[i],
    required,
    optional,
    present,
  }));
}

/** The required (R) items this case's file still lacks, for the case screen. */
export function missingFileItems(file: CaseFile, wording: Wording = WORDING): FileItem[] {
  return fileItems(file, wording).filter((i) => i.required && !i.present).map(({ item, title, required }) => ({ item, title, required }));
}

/** 卷内目录: the 13 items in order, R or O in 备注; page numbers are written in when binding. */
export function contentsBody(c: Ctx): DocBody {
  const w = c.w.contents;
  const items = fileItems(c.file, c.w);
  const body = doc('contents',
    html`<h1>${w.title}</h1>`,
    row(field(c.w.cover.fileName, disputeShortName(c), 'left')),
    row(field(c.w.cover.fileNo, c.file.case.caseNo, 'left')),
    html`<div class="spacer"></div>`,
    html`<table class="form contents">${cols(10, 58, 12, 20)}
<tr>${w.columns.map((h) => html`<th>${h}</th>`)}</tr>
${items.map((i) => html`<tr><td class="c">${i.item}</td><td>${i.title}</td><td></td><td class="c">${i.optional ? w.optional : w.required}</td></tr>`)}
</table>`,
  );
  return { title: w.title, body };
}
