import { dateZh } from '../format';
import { html } from '../html';
import { disputeShortName, doc, field, mediatorNames, row, type Ctx, type DocBody } from '../parts';
import { fill } from '../wording';

/** 卷宗封面: 「<committee>人民调解委员会 调解卷宗」 and the file's particulars. */
export function coverBody(c: Ctx): DocBody {
  const w = c.w.cover;
  const k = c.file.case;
  const name = c.file.committee.name.endsWith(w.committeeSuffix) ? c.file.committee.name : c.file.committee.name + w.committeeSuffix;
  const from = k.acceptedOn ?? k.registeredOn;
  const to = k.concludedOn ?? k.closedOn;
  const period = fill(w.periodRange, { from: dateZh(from), to: to ? dateZh(to) : '　　年　　月　　日' });
  const body = doc('cover',
    html`<div class="cover">
<h1 class="cover-committee">${fill(w.heading, { committee: name })}</h1>
<h1 class="cover-title">${w.title}</h1>
<div class="fields">
${row(field(w.fileName, disputeShortName(c), 'left'))}
${row(field(w.fileNo, k.caseNo, 'left'))}
${row(field(w.mediators, mediatorNames(c).join('、'), 'left'))}
${row(field(w.period, period, 'left'))}
${row(field(w.filedBy, '', 'left'))}
${row(field(w.filedOn, dateZh(c.file.archivedOn), 'left'))}
${row(field(w.retention, c.file.retention ? c.w.common.retention[c.file.retention] : '', 'left'))}
${row(field(w.remarks, '', 'left'))}
</div></div>`,
  );
  return { title: `${name}${w.title}`, body };
}
