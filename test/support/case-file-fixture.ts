import { CaseFileSchema, type CaseFile } from '../../shared/domain/case-file';
import type { Party } from '../../shared/domain/case';
import { makeCreditCode } from '../../electron/core/seed/people';
import { Random } from '../../electron/core/seed/random';
import { makeResidentId } from './identity';

// A synthetic case file (never a real case): a water leak between neighbours in one building, the
// property company drawn in, a written agreement with terms, records, a follow-up.

export const CASE_NO = '（2026）白沙人调字第0012号';

const person = (over: Partial<Party> & Pick<Party, 'id' | 'role' | 'name'>): Party => ({
  kind: 'person', sex: null, ethnicity: null, birthDate: null, idType: 'none', idNumber: null, phone: null, address: null,
  occupation: null, creditCode: null, representative: null, representativeTitle: null, ...over,
});

export const ZHANG_WEI = person({
  id: 1, role: 'applicant', name: '张伟', sex: 'male', ethnicity: '汉族', birthDate: '1968-03-15', idType: 'resident_id',
  idNumber: makeResidentId('1968-03-15', 'male', 41), phone: '13857712345', address: '龙港市白沙社区人民路128号3幢201室', occupation: '个体工商户',
});
export const MAIMAITI = person({
  id: 2, role: 'respondent', name: '买买提·艾力', sex: 'male', ethnicity: '维吾尔族', birthDate: '1985-11-02', idType: 'resident_id',
  idNumber: makeResidentId('1985-11-02', 'male', 77, '650102'), phone: '0577-68881234', address: '龙港市白沙社区人民路128号3幢301室', occupation: '餐饮店经营者',
});
export const PROPERTY_CO = person({
  id: 3, role: 'respondent', kind: 'organisation', name: '龙港市宏远物业管理有限公司', creditCode: makeCreditCode(new Random('doc-fixture')),
  phone: '0577-64567890', address: '龙港市白沙社区世纪大道88号', representative: '陈静', representativeTitle: '总经理',
});

export const TERMS = [
  '被申请人买买提·艾力于2026年10月15日前一次性赔偿申请人张伟房屋修缮费用人民币12,345元。',
  '被申请人龙港市宏远物业管理有限公司于2026年10月20日前完成3幢301室排水管道的检修，并承担检修费用。',
  '申请人张伟收到上述款项后，不再就本次漏水事宜向被申请人主张其他权利。',
  '各方当事人今后互谅互让，和睦相处。',
];

const SUMMARY = '2026年9月中旬，被申请人买买提·艾力居住的3幢301室卫生间排水管道渗漏，致申请人张伟居住的201室卫生间及客厅吊顶受潮脱落、墙面发霉。'
  + '申请人多次与被申请人协商未果，认为物业公司对公共排水管道检修不及时，亦应承担责任。';

/** The main fixture: archived after a written agreement, performed, one follow-up. */
export function caseFileFixture(): CaseFile {
  const file: CaseFile = {
    committee: { name: '白沙社区人民调解委员会', code: '330383-001', shortName: '白沙', type: 'residential' },
    case: {
      id: 12, caseNo: CASE_NO, category: 'neighbour', channel: 'application', status: 'archived',
      registeredOn: '2026-09-28', acceptedOn: '2026-09-28', applicants: '张伟', respondents: '买买提·艾力、龙港市宏远物业管理有限公司',
      leadMediator: '刘建国', updatedAt: '2026-11-10T02:00:00.000Z', referralBody: null, summary: SUMMARY,
      requests: ['请求被申请人买买提·艾力赔偿房屋修缮费用人民币12,345元。', '请求物业公司检修3幢301室排水管道，防止再次渗漏。'],
      amountFen: 1_234_500, personsInvolved: 3, leadMediatorId: 5, externalCode: null, createdAt: '2026-09-28T01:20:00.000Z',
      createdBy: '王芳', dueOn: '2026-10-28', outcome: 'agreed', concludedOn: '2026-10-05', closedOn: '2026-11-05',
      agreementForm: 'written', agreementAmountFen: 1_234_500, performance: 'performed', jcStatus: 'none', satisfaction: 'satisfied',
      parties: [ZHANG_WEI, MAIMAITI, PROPERTY_CO],
    },
    rejectionReason: null,
    extensions: [],
    members: [
      { id: 1, personId: 5, name: '刘建国', role: 'lead_mediator', consent: null, addedAt: '2026-09-28T01:20:00.000Z', removedAt: null, removedReason: null },
      { id: 2, personId: 6, name: '周秀英', role: 'co_mediator', consent: null, addedAt: '2026-09-28T01:20:00.000Z', removedAt: null, removedReason: null },
      { id: 3, personId: 7, name: '郑明', role: 'lawyer', consent: null, addedAt: '2026-09-30T01:00:00.000Z', removedAt: null, removedReason: null },
      { id: 4, personId: 8, name: '林晓', role: 'recorder', consent: null, addedAt: '2026-09-30T01:00:00.000Z', removedAt: null, removedReason: null },
    ],
    records: [
      {
        id: 21, kind: 'investigation', heldAt: '2026-09-29T02:00:00.000Z', place: '人民路128号3幢201室、301室', subject: '漏水部位及房屋受损情况',
        interviewee: '陈静（龙港市宏远物业管理有限公司总经理）', attendees: ['周秀英'], partiesPresent: ['张伟'], private: false,
        content: '问：3幢301室排水管道最近一次检修是什么时候？\n答：今年3月做过一次公共管道巡检，301室卫生间支管属于业主自用部分，未检修。\n问：物业公司何时接到漏水报修？\n答：9月16日接到201室报修，9月18日派维修工上门查看。',
        result: null, recorder: '林晓',
      },
      {
        id: 22, kind: 'mediation', heldAt: '2026-10-05T06:30:00.000Z', place: '白沙社区人民调解室', subject: null, interviewee: null,
        attendees: ['郑明（律师）'], partiesPresent: ['张伟', '买买提·艾力', '陈静（龙港市宏远物业管理有限公司）'], private: true,
        content: '调解员告知各方当事人在人民调解活动中的权利义务，各方表示清楚。\n申请人陈述：漏水致201室吊顶脱落，修缮报价单金额12,345元。\n被申请人买买提·艾力表示愿意赔偿，但希望分期支付；经调解员说明，同意一次性支付。\n物业公司同意承担排水管道检修费用。',
        result: '各方自愿达成书面调解协议，当场签字。', recorder: '林晓',
      },
    ],
    agreement: {
      form: 'written', facts: SUMMARY, terms: TERMS, amountFen: 1_234_500, performanceMethod: '被申请人买买提·艾力以银行转账方式支付至申请人张伟指定账户。',
      performanceDeadline: '2026-10-20', effectiveOn: '2026-10-05', performance: 'performed', jcStatus: 'none', jcAppliedOn: null,
      jcDecidedOn: null, jcDeadline: '2026-11-04',
    },
    followups: [
      { id: 31, visitedOn: '2026-11-05', visitor: '周秀英', performance: 'performed', satisfaction: 'satisfied', notes: '赔偿款已于10月12日付清，管道已检修，未再渗漏。双方关系缓和。' },
    ],
    escalations: [],
    attachments: [
      { id: 41, name: '修缮报价单.pdf', mime: 'application/pdf', size: 120_000, note: '申请人提供', createdAt: '2026-09-28T02:00:00.000Z' },
    ],
    failureRoutes: [],
    terminationReason: null,
    archivedOn: '2026-11-10',
    retention: '10y',
  };
  return CaseFileSchema.parse(file);
}

/** The same dispute settled by an oral agreement, performed on the spot, referred by the police. */
export function oralCaseFileFixture(): CaseFile {
  const f = caseFileFixture();
  f.case.channel = 'police_referral';
  f.case.referralBody = '龙港市公安局白沙派出所';
  f.case.agreementForm = 'oral';
  f.case.parties = [ZHANG_WEI, MAIMAITI];
  f.case.respondents = '买买提·艾力';
  f.agreement = {
    ...f.agreement!, form: 'oral', terms: ['买买提·艾力当场向张伟支付修缮费用人民币2,000元。', '张伟不再追究此事。'], amountFen: 200_000,
    performanceMethod: null, performanceDeadline: null, performance: 'performed',
  };
  f.case.agreementAmountFen = 200_000;
  return CaseFileSchema.parse(f);
}

/** A case just registered: nothing after the application. */
export function freshCaseFileFixture(): CaseFile {
  const f = caseFileFixture();
  Object.assign(f.case, {
    status: 'registered', acceptedOn: null, outcome: null, concludedOn: null, closedOn: null, agreementForm: null,
    agreementAmountFen: null, performance: null, satisfaction: null,
  });
  Object.assign(f, { records: [], agreement: null, followups: [], attachments: [], archivedOn: null, retention: null });
  return CaseFileSchema.parse(f);
}
