import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, fileItems, missingFileItems, renderDocument } from '../../electron/documents';
import { FONT_SUBSETS } from '../../electron/documents/font-ranges';
import { parseFontsourceCss } from '../../electron/documents/font-ranges.gen';
import { checkFontBaseUrl, documentFontFiles, fontFaceCss, subsetsFor } from '../../electron/documents/fonts';
import { ageAt, chineseNumber, dateTimeZh, dateZh, fenToChineseUpper, moneyZh } from '../../electron/documents/format';
import { html, join, trusted } from '../../electron/documents/html';
import { DOCUMENT_IDS } from '../../shared/domain/documents';
import type { CaseFile } from '../../shared/domain/case-file';
import { caseFileFixture, freshCaseFileFixture, oralCaseFileFixture } from '../support/case-file-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const render = (id: (typeof DOCUMENT_IDS)[number], file: CaseFile) => renderDocument(id, file, { today: '2026-10-05' }).html;

describe('escaping', () => {
  it('escapes the five HTML specials, backticks and control characters', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'\``)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;');
    expect(escapeHtml('买买提·艾力\u0000\u0007')).toBe('买买提·艾力');
    expect(escapeHtml(null)).toBe('');
  });

  it('escapes every value in an html template, and nested arrays, but not SafeHtml', () => {
    const name = '"><script>x()</script>';
    expect(html`<p title="${name}">${[name, html`<b>${name}</b>`]}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;">&quot;&gt;&lt;script&gt;x()&lt;/script&gt;<b>&quot;&gt;&lt;script&gt;x()&lt;/script&gt;</b></p>');
    expect(join(['<a>', trusted('<br>')]).value).toBe('&lt;a&gt;<br>');
  });

  it('no document lets a party name, summary, term or record become markup', () => {
    const evil = '<script>alert(1)</script>"\'<img src=x onerror=alert(2)>';
    const file = caseFileFixture();
    file.committee.name = evil;
    file.case.summary = evil;
    file.case.requests = [evil];
    file.case.referralBody = evil;
    file.case.parties = file.case.parties.map((p) => ({ ...p, name: `${p.name}${evil}`, address: evil, occupation: evil, phone: evil }));
    file.agreement!.terms = [evil];
    file.agreement!.facts = evil;
    file.records = file.records.map((r) => ({ ...r, content: evil, place: evil, attendees: [evil], partiesPresent: [evil], subject: evil }));
    file.followups[0].notes = evil;
    file.members[0].name = evil;
    for (const id of DOCUMENT_IDS) {
      const out = renderDocument(id, file, { today: '2026-10-05', meeting: { startsAt: '2026-10-08T06:30:00Z', place: evil, contactPhone: evil } }).html;
      expect(out, id).not.toMatch(/<script|<img|<[^>]*\son\w+=/i);
      expect(out, id).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&lt;img');
    }
  });

  it('documents carry no script, no style attributes and their own CSP', () => {
    for (const id of DOCUMENT_IDS) {
      const out = render(id, caseFileFixture());
      expect(out, id).not.toMatch(/<script|\sstyle=|\son\w+=|javascript:/i);
      expect(out, id).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; font-src &#39;self&#39;`);
      expect(out, id).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    }
  });
});

describe('formatting', () => {
  it('dates, times, ages and numbers the Chinese way', () => {
    expect(dateZh('2026-10-05')).toBe('2026年10月5日');
    expect(dateTimeZh('2026-10-05T06:30:00.000Z')).toBe('2026年10月5日14时30分');
    expect(dateTimeZh('2026-10-04T16:05:00Z')).toBe('2026年10月5日0时05分');
    expect(ageAt('1968-03-15', '2026-10-05')).toBe('58');
    expect(ageAt('1985-11-02', '2026-10-05')).toBe('40');
    expect(ageAt('1985-10-05', '2026-10-05')).toBe('41');
    expect(ageAt(null, '2026-10-05')).toBe('');
    expect([1, 3, 4, 10, 12, 20, 21, 101].map(chineseNumber)).toEqual(['一', '三', '四', '十', '十二', '二十', '二十一', '一百零一']);
  });

  it('money in figures and in words', () => {
    expect(moneyZh(1_234_500)).toBe('人民币壹万贰仟叁佰肆拾伍元整（¥12,345.00）');
    expect(fenToChineseUpper(1_000_500)).toBe('壹万零伍元整');
    expect(fenToChineseUpper(10_050_000)).toBe('壹拾万零伍佰元整');
    expect(fenToChineseUpper(100_500_000)).toBe('壹佰万伍仟元整');
    expect(fenToChineseUpper(10_000_000_500)).toBe('壹亿零伍元整');
    expect(fenToChineseUpper(1205)).toBe('壹拾贰元零伍分');
    expect(fenToChineseUpper(1250)).toBe('壹拾贰元伍角');
    expect(fenToChineseUpper(0)).toBe('零元整');
  });
});

describe('document content rules', () => {
  it('the agreement is made in parties + 1 copies', () => {
    expect(render('agreement', caseFileFixture())).toContain('本协议一式四份，当事人、人民调解委员会各持一份。');
    expect(render('agreement', oralCaseFileFixture())).toContain('本协议一式三份，当事人、人民调解委员会各持一份。');
  });

  it('an organisation gets 名称, 统一社会信用代码, 住所, 法定代表人或主要负责人 and 职务; a person gets an age at the document date', () => {
    const out = render('agreement', caseFileFixture());
    for (const label of ['名称', '统一社会信用代码', '住所', '法定代表人或主要负责人', '职务']) expect(out).toContain(`<span class="label">${label}</span>`);
    expect(out).toContain('<span class="v w2">58</span>');
    // The application is dated at registration: 张伟 (born 1968-03-15) was 58 then as well.
    expect(render('application', caseFileFixture())).toContain('<span class="v w2">58</span>');
  });

  it('the oral register says 已即时履行 when it was performed on the spot', () => {
    expect(render('oral_agreement', oralCaseFileFixture())).toContain('已即时履行');
    expect(render('oral_agreement', caseFileFixture())).not.toContain('已即时履行');
  });

  it('the registration ticks the channel bucket and names the referring body', () => {
    const out = render('registration', oralCaseFileFixture());
    expect(out).toContain('<span class="choice"><span class="box"><b>√</b></span>委托移送</span>');
    expect(out).toContain('移送单位：<span class="inline-v">龙港市公安局白沙派出所</span>');
  });

  it('one record or one follow-up on request, a NOT_FOUND failure for one that is not there', () => {
    const file = caseFileFixture();
    expect(renderDocument('mediation_record', file, { recordId: 22 }).html).toContain('白沙社区人民调解室');
    expect(() => renderDocument('mediation_record', file, { recordId: 21 })).toThrow('这份记录不存在');
    expect(() => renderDocument('followup_record', file, { followupId: 99 })).toThrow('不存在');
  });
});

describe('missingFileItems (卷内目录 R items the file lacks)', () => {
  it('lists the 13 items in order, R or O', () => {
    const items = fileItems(caseFileFixture());
    expect(items.map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(items.filter((i) => !i.optional).map((i) => i.item)).toEqual([1, 2, 3, 7, 8, 13]);
    expect(items[7].title).toBe('人民调解协议书');
    expect(fileItems(oralCaseFileFixture())[7].title).toBe('口头协议登记表');
  });

  it('a complete archived file lacks nothing; a fresh registration needs nothing yet', () => {
    expect(missingFileItems(caseFileFixture())).toEqual([]);
    expect(missingFileItems(freshCaseFileFixture())).toEqual([]);
  });

  it('调解记录 once mediation began, 协议书 only when agreed, 身份证明 when a party has no document', () => {
    const inMediation = caseFileFixture();
    Object.assign(inMediation.case, { status: 'in_mediation', outcome: null, agreementForm: null });
    Object.assign(inMediation, { records: [], agreement: null });
    expect(missingFileItems(inMediation)).toEqual([{ item: 7, title: '人民调解记录', required: true }]);

    const agreedNoPaper = caseFileFixture();
    agreedNoPaper.agreement = null;
    expect(missingFileItems(agreedNoPaper)).toEqual([{ item: 8, title: '人民调解协议书', required: true }]);

    const failed = caseFileFixture();
    Object.assign(failed.case, { status: 'failed', outcome: 'failed', agreementForm: null });
    failed.agreement = null;
    expect(missingFileItems(failed)).toEqual([]);

    const noId = caseFileFixture();
    noId.case.parties[1] = { ...noId.case.parties[1], idType: 'none', idNumber: null };
    expect(missingFileItems(noId).map((i) => i.item)).toEqual([3]);
    const noCode = caseFileFixture();
    noCode.case.parties[2] = { ...noCode.case.parties[2], creditCode: null };
    expect(missingFileItems(noCode).map((i) => i.item)).toEqual([3]);

    const rejected = freshCaseFileFixture();
    Object.assign(rejected.case, { status: 'rejected' });
    expect(missingFileItems(rejected)).toEqual([]);
  });
});

describe('fonts', () => {
  it('the subset table matches the installed @fontsource CSS of both families', () => {
    const read = (pkg: string, w: number) => readFileSync(resolve(ROOT, 'node_modules/@fontsource', pkg, `${w}.css`), 'utf8');
    const table = FONT_SUBSETS.map(([id, range]) => ({ id, range }));
    expect(parseFontsourceCss(read('noto-serif-sc', 400), 'noto-serif-sc', 400)).toEqual(table);
    expect(parseFontsourceCss(read('noto-sans-sc', 700), 'noto-sans-sc', 700)).toEqual(table);
    expect(documentFontFiles()).toHaveLength(FONT_SUBSETS.length * 2);
  });

  it('declares only the subsets a text uses, narrowed to its characters', () => {
    const css = fontFaceCss('调解A', '../fonts/');
    const subsets = subsetsFor('调解A');
    expect(subsets.length).toBeGreaterThanOrEqual(2);
    expect(css.match(/@font-face/g)).toHaveLength(subsets.length * 2);
    expect(css).toContain('U+8c03');
    expect(css).toContain('U+89e3');
    expect(css).toContain('src:url("../fonts/noto-serif-sc-');
    expect(css).toContain('font-weight:700');
  });

  it('refuses a font base URL that could break out of url("…")', () => {
    expect(checkFontBaseUrl('app://tiaojie/fonts')).toBe('app://tiaojie/fonts/');
    expect(() => checkFontBaseUrl('x");}body{')).toThrow();
    expect(() => checkFontBaseUrl('a b')).toThrow();
  });
});
