import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument, type RenderOptions } from '../../electron/documents';
import type { CaseFile } from '../../shared/domain/case-file';
import type { DocumentId } from '../../shared/domain/documents';
import { CASE_NO, caseFileFixture, oralCaseFileFixture, TERMS } from '../support/case-file-fixture';
import { newSession } from '../../electron/ipc/session';
import { committeeFixture, ok } from '../support/db';
import { makeResidentId } from '../support/identity';
import { compact, firstPagePng, inspectPdf, launchChromium, pageToPdf, startDocServer, writePdf, type DocServer } from '../support/pdf';

// Every document printed by Chromium (as Electron's printToPDF will) and read back with poppler:
// A4, the CJK font embedded, the fixed wording word for word, the case's own data.

const OUT = resolve(import.meta.dirname, '../../test-results/documents');
const PERSON_LABELS = ['姓名', '性别', '民族', '年龄', '职业或职务', '联系方式', '单位或住址'];
const ORG_LABELS = ['名称', '统一社会信用代码', '住所', '法定代表人或主要负责人', '职务', '龙港市宏远物业管理有限公司', '陈静', '总经理'];
const NAMES = ['张伟', '买买提·艾力', '龙港市宏远物业管理有限公司'];
const SEAL = '（人民调解委员会印）';
const MEETING = { startsAt: '2026-10-08T06:30:00Z', place: '白沙社区人民调解室', contactPhone: '0577-68880000', issuedOn: '2026-10-05' };

interface Case {
  id: DocumentId;
  file: () => CaseFile;
  opts?: RenderOptions;
  /** Every phrase must appear in the PDF's text (white space ignored). */
  text: string[];
  /** Phrases that must appear in this order. */
  ordered?: string[];
  pages?: number;
}

const CASES: Case[] = [
  {
    id: 'application', file: caseFileFixture, pages: 1,
    text: ['人民调解申请书', '申请人', '被申请人', ...PERSON_LABELS, ...ORG_LABELS, ...NAMES, '纠纷简要情况：', '申请事项：',
      '1．请求被申请人买买提·艾力赔偿房屋修缮费用人民币12,345元。', '2．请求物业公司检修3幢301室排水管道，防止再次渗漏。',
      '人民调解委员会已将申请人民调解的相关规定告知我，现自愿申请人民调解委员会进行调解。', '申请人（签名盖章或按指印）',
      '2026年9月28日', '58', '40', '维吾尔族', '13857712345', '龙港市白沙社区人民路128号3幢201室'],
  },
  {
    id: 'registration', file: caseFileFixture, pages: 1,
    text: ['人民调解受理登记表', `编号：${CASE_NO}`,
      '2026年9月28日，本人民调解委员会经当事人同意，调解张伟、买买提·艾力、龙港市宏远物业管理有限公司之间的纠纷。',
      '纠纷类型', '邻里纠纷', '案件来源', '当事人申请', '人民调解委员会主动调解', '委托移送', '纠纷简要情况', '当事人（签名）',
      '登记人（签名）', SEAL, '此表由人民调解委员会填写', '0577-68881234'],
  },
  {
    id: 'rights_notice', file: caseFileFixture, pages: 1,
    text: ['人民调解当事人权利义务告知书', ...NAMES, '调解民间纠纷的群众性组织', '不收取任何费用', '自愿、平等',
      '选择或者接受人民调解员', '接受调解、拒绝调解或者要求终止调解', '要求调解公开进行或者不公开进行', '自主表达意愿、自愿达成调解协议',
      '如实陈述纠纷事实', '遵守调解现场秩序，尊重人民调解员', '尊重对方当事人行使权利', '具有法律约束力，当事人应当按照约定履行',
      '自调解协议生效之日起三十日内共同向人民法院申请司法确认', '当事人（签名盖章或按指印）', '2026年9月28日'],
  },
  {
    id: 'investigation_record', file: caseFileFixture, pages: 1,
    text: ['人民调解调查记录', `编号：${CASE_NO}`, '时间', '2026年9月29日10时00分', '地点', '人民路128号3幢201室、301室', '被调查人',
      '陈静（龙港市宏远物业管理有限公司总经理）', '参加人', '周秀英', '调查事项', '问：3幢301室排水管道最近一次检修是什么时候？',
      '答：9月16日接到201室报修，9月18日派维修工上门查看。', '调查人（签名）', '被调查人（签名）', '记录人（签名）', '2026年9月29日'],
  },
  {
    id: 'mediation_record', file: caseFileFixture, pages: 1,
    text: ['人民调解记录', `编号：${CASE_NO}`, '时间', '2026年10月5日14时30分', '地点', '白沙社区人民调解室', '事由',
      '张伟与买买提·艾力、龙港市宏远物业管理有限公司邻里纠纷', '参加人', '郑明（律师）', '当事人', '陈静（龙港市宏远物业管理有限公司）',
      '调解情况：', '调解结果：', '达成书面调解协议', '达成口头调解协议', '未达成调解协议', '各方自愿达成书面调解协议，当场签字。',
      '以上记录已向当事人宣读（或交当事人阅读），当事人确认无误。', '当事人（签名）', '调解员（签名）', '记录人（签名）', '2026年10月5日'],
  },
  {
    id: 'agreement', file: caseFileFixture, pages: 2,
    text: ['人民调解协议书', `编号：${CASE_NO}`, '当事人', ...PERSON_LABELS, ...ORG_LABELS, ...NAMES, '纠纷主要事实、争议事项：',
      '经调解，自愿达成如下协议：', ...TERMS.map((t, i) => `${'一二三四'[i]}、${t}`), '协议涉及金额：人民币壹万贰仟叁佰肆拾伍元整（¥12,345.00）',
      '履行方式、时限：', '履行期限：2026年10月20日前履行完毕。', '本协议一式四份，当事人、人民调解委员会各持一份。',
      '当事人（签名盖章或按指印）', '人民调解员（签名）', '记录人（签名）', SEAL, '2026年10月5日', '58', '40'],
    ordered: ['当事人（签名盖章或按指印）', '当事人（签名盖章或按指印）', '当事人（签名盖章或按指印）', SEAL, '2026年10月5日'],
  },
  {
    id: 'oral_agreement', file: oralCaseFileFixture, pages: 1,
    text: ['口头协议登记表', `编号：${CASE_NO}`, '当事人', '张伟', '买买提·艾力', '纠纷主要事实、争议事项', '协议内容',
      '一、买买提·艾力当场向张伟支付修缮费用人民币2,000元。', '二、张伟不再追究此事。', '人民币贰仟元整（¥2,000.00）',
      '履行方式、时限', '已即时履行', '人民调解员', '刘建国、周秀英', '记录人', '林晓', SEAL, '2026年10月5日'],
  },
  {
    id: 'followup_record', file: caseFileFixture, pages: 1,
    text: ['人民调解回访记录', '当事人', ...NAMES, '调解协议编号', CASE_NO, '回访事由', '张伟与买买提·艾力、龙港市宏远物业管理有限公司邻里纠纷',
      '回访情况', '协议履行情况', '已履行', '满意程度', '基本满意', '是否起诉及结果', '有无错误调解', '有无激化或遗留隐患', '采取的措施',
      '赔偿款已于10月12日付清，管道已检修，未再渗漏。双方关系缓和。', '回访人', '周秀英', '回访人（签名）', '2026年11月5日'],
  },
  {
    id: 'closing_report', file: caseFileFixture, pages: 1,
    text: ['结案报告表', '卷号', CASE_NO, '填表日期', '承办单位', '白沙社区人民调解委员会', '承办人', '刘建国', '受案时间', '2026年9月28日',
      // Names and addresses wrap inside the narrow party table: distinctive pieces only.
      '结案时间', '2026年11月5日', '当事人', '张伟', '买买提·艾力', '龙港市宏远', '世纪大道88', '13857712345', '0577-64567890', '案件来源', '当事人申请', '纠纷简要事实',
      '调解结果', '调解成功，达成书面调解协议。', '履行情况', '已履行', '承办人意见', '承办人（签名）'],
  },
  {
    id: 'cover', file: caseFileFixture, pages: 1,
    text: ['白沙社区人民调解委员会', '调解卷宗', '卷名', '张伟与买买提·艾力等邻里纠纷', '卷号', CASE_NO, '人民调解员', '刘建国、周秀英',
      '调解日期', '2026年9月28日至2026年10月5日', '立卷人', '立卷日期', '2026年11月10日', '保管期限', '十年', '备注'],
  },
  {
    id: 'contents', file: caseFileFixture, pages: 1,
    text: ['卷内目录', '序号', '文书名称', '页号', '备注', CASE_NO, '必备', '根据需要'],
    ordered: ['人民调解申请书或人民调解受理登记表', '人民调解当事人权利义务告知书', '当事人身份证明', '授权委托书', '人民调解调查记录',
      '证据材料', '人民调解记录', '人民调解协议书', '履行凭证', '人民调解回访记录', '司法确认材料', '卷宗情况说明', '封底'],
  },
  {
    id: 'meeting_notice', file: caseFileFixture, opts: { meeting: MEETING }, pages: 3,
    text: ['调解通知书', `编号：${CASE_NO}`, '张伟：', '买买提·艾力：', '龙港市宏远物业管理有限公司：',
      '关于张伟与买买提·艾力、龙港市宏远物业管理有限公司邻里纠纷一案，本人民调解委员会定于2026年10月8日14时30分在白沙社区人民调解室进行调解',
      '参加调解时请携带：', '居民身份证', '与纠纷有关的证据材料', '联系电话：0577-68880000', SEAL, '2026年10月5日'],
  },
];

let server: DocServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startDocServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Prints one document in a fresh context (so the font files fetched are this document's own). */
async function print(name: string, html: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const fonts: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (!r.url().includes('/fonts/')) return;
    fonts.push(r.url().split('/').pop()!);
    if (r.status() !== 200) problems.push(`${r.status()} ${r.url()}`);
  });
  const pdf = await pageToPdf(page, server.put(name, html));
  await context.close();
  const path = writePdf(OUT, name, pdf);
  return { path, facts: await inspectPdf(path), problems, fonts };
}

describe('the printed documents (Chromium → PDF → poppler)', () => {
  // Concurrent: one browser, a context per document; poppler runs in parallel.
  it.concurrent.for(CASES)('$id: A4, Noto CJK embedded, fixed wording and the case data', async (c, { expect }) => {
    const { html, title } = renderDocument(c.id, c.file(), { today: '2026-10-05', ...c.opts });
    expect(title.length).toBeGreaterThan(1);
    expect(html).not.toMatch(/<script|\son\w+=|\sstyle=|javascript:/i);

    const { path, facts, problems, fonts } = await print(c.id, html);
    expect(problems).toEqual([]);
    // A4 portrait: 595.28 × 841.89 pt (Chromium rounds to whole CSS pixels).
    expect(Math.abs(facts.size[0] - 595.28)).toBeLessThan(1);
    expect(Math.abs(facts.size[1] - 841.89)).toBeLessThan(1);
    if (c.pages) expect(facts.pages).toBe(c.pages);

    // The shipped font, embedded: Noto Serif SC for the text, Noto Sans SC for the titles.
    const noto = facts.fonts.filter((f) => /NotoSerifSC|NotoSansSC/.test(f.name));
    expect(noto.length, 'Noto fonts in the PDF').toBeGreaterThan(0);
    expect(noto.every((f) => f.emb)).toBe(true);
    expect(facts.fonts.every((f) => f.emb)).toBe(true);
    expect(noto.some((f) => f.name.includes('NotoSerifSC'))).toBe(true);
    expect(noto.some((f) => f.name.includes('NotoSansSC'))).toBe(true);

    // Only the subsets this document's text needs were fetched (of 202 files), each one declared.
    const declared = [...html.matchAll(/url\("\.\.\/fonts\/([^"]+)"\)/g)].map((m) => m[1]);
    expect(fonts.length, 'font files fetched').toBeGreaterThan(0);
    expect(fonts.length).toBeLessThanOrEqual(declared.length);
    expect(declared.length).toBeLessThan(120);
    for (const f of fonts) expect(declared).toContain(f);

    const text = compact(facts.text);
    const missing = c.text.filter((t) => !text.includes(compact(t)));
    expect(missing).toEqual([]);
    let at = -1;
    for (const t of c.ordered ?? []) {
      const next = text.indexOf(compact(t), at + 1);
      expect(next, `"${t}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    await firstPagePng(path, OUT, c.id);
  });

  it('prints a hostile party name as text: no markup, no script, in HTML or PDF', async () => {
    const file = caseFileFixture();
    const evil = '<script>alert("x")</script>王"五\'';
    file.case.parties[0] = { ...file.case.parties[0], name: evil, address: '"><img src=x onerror=alert(1)>路1号' };
    for (const id of ['agreement', 'application', 'registration', 'closing_report'] as const) {
      const { html } = renderDocument(id, file, { today: '2026-10-05' });
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王&quot;五&#39;');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;路1号');
    }
    // In the PDF the name is plain text (the notice names every party on one wide line).
    const { facts, problems } = await print('hostile', renderDocument('rights_notice', file, { today: '2026-10-05' }).html);
    expect(problems).toEqual([]);
    // (pdftotext lifts the apostrophe onto a line of its own, so the check stops before it.)
    expect(compact(facts.text)).toContain(compact('当事人：<script>alert("x")</script>王"五'));
  });

  it('prints blank forms with ruled lines when the file has nothing yet', async () => {
    const file = caseFileFixture();
    Object.assign(file, { records: [], agreement: null, followups: [] });
    const notice = renderDocument('meeting_notice', file, { today: '2026-10-05' }).html;
    expect(notice).toContain('<span class="inline-v"></span>');
    for (const id of ['agreement', 'mediation_record', 'followup_record'] as const) {
      const { html } = renderDocument(id, file, { today: '2026-10-05' });
      expect(html).toContain('class="ruled blank"');
      const { facts } = await print(`blank-${id}`, html);
      await firstPagePng(join(OUT, `blank-${id}.pdf`), OUT, `blank-${id}`);
      // Three parties' blocks and the blank terms take the agreement onto a second sheet.
      expect(facts.pages, id).toBe(id === 'agreement' ? 2 : 1);
    }
  });
});

describe('documents through the IPC contract (real encrypted database)', () => {
  it('documents:render and documents:missing read the case file; bad input and unknown records are refused', async () => {
    const f = await committeeFixture();
    try {
      const admin = await f.signedIn();
      const created = ok(await f.call(admin, 'cases:create', {
        category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', requests: ['停止夜间噪音'], registeredOn: '2026-03-02',
        parties: [
          { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: makeResidentId('1980-02-03', 'female', 21), phone: '13912345678' },
          { role: 'respondent', name: '买买提·艾力', idType: 'none', phone: '0577-68881234' },
        ],
      }));
      const doc = ok(await f.call(admin, 'documents:render', { caseId: created.id, document: 'application' }));
      expect(doc.title).toBe('人民调解申请书');
      expect(doc.html).toContain('陈静');
      expect(doc.html).toContain('买买提·艾力');
      expect(doc.html).toContain('2026年3月2日');
      const reg = ok(await f.call(admin, 'documents:render', { caseId: created.id, document: 'registration' }));
      expect(reg.html).toContain(created.caseNo);
      const notice = ok(await f.call(admin, 'documents:render', {
        caseId: created.id, document: 'meeting_notice', meeting: { startsAt: '2026-03-05T01:00:00Z', place: '调解室' },
      }));
      expect(notice.html).toContain('2026年3月5日9时00分');
      // 买买提·艾力 has no identity document recorded: 当事人身份证明 is missing.
      expect(ok(await f.call(admin, 'documents:missing', { caseId: created.id }))).toEqual([{ item: 3, title: '当事人身份证明', required: true }]);

      const bad = await f.dispatch(admin, 'documents:render', { caseId: created.id, document: 'invoice' });
      expect(bad.ok || bad.error.code).toBe('VALIDATION');
      const noRecord = await f.dispatch(admin, 'documents:render', { caseId: created.id, document: 'mediation_record', recordId: 999 });
      expect(noRecord.ok || noRecord.error.code).toBe('NOT_FOUND');
      const noCase = await f.dispatch(admin, 'documents:render', { caseId: 9999, document: 'cover' });
      expect(noCase.ok || noCase.error.code).toBe('NOT_FOUND');
      const anonymous = await f.dispatch(newSession(), 'documents:missing', { caseId: created.id });
      expect(anonymous.ok || anonymous.error.code).toBe('UNAUTHENTICATED');
    } finally {
      await f.close();
    }
  });
});
