import type { z } from 'zod';
import type { Issue } from '../../shared/ipc/result';

// Field names as the committee says them, for messages that name where the problem is.
const LABELS: Record<string, string> = {
  category: '纠纷类型', channel: '案件来源', referralBody: '移送单位', registeredOn: '登记日期', summary: '纠纷简要情况',
  requests: '申请事项', amountFen: '涉及金额', personsInvolved: '涉及人数', leadMediatorId: '主办调解员',
  externalCode: '外部编号', parties: '当事人', role: '当事人类别', kind: '当事人性质', name: '姓名或名称', sex: '性别',
  ethnicity: '民族', birthDate: '出生日期', idType: '证件类型', idNumber: '证件号码', phone: '联系电话', address: '住址',
  occupation: '职业或职务', creditCode: '统一社会信用代码', representative: '法定代表人', representativeTitle: '职务',
  committee: '调解委员会', admin: '管理员', code: '委员会代码', shortName: '案号简称', type: '类型', username: '登录名',
  displayName: '姓名', password: '密码', passphrase: '恢复口令', page: '页码', pageSize: '每页条数', sortBy: '排序字段',
  order: '排序方向', status: '状态', id: '编号', q: '搜索内容', registeredFrom: '登记日期起', registeredTo: '登记日期止',
  caseId: '案件', acceptedOn: '受理日期', concludedOn: '调结日期', closedOn: '结案日期', archivedOn: '归档日期', newDueOn: '新的调解期限',
  consent: '当事人同意情况', reason: '理由', terms: '协议条款', form: '协议形式', outcome: '调解结果', failureRoutes: '告知的救济途径',
  performanceDeadline: '履行期限', visitedOn: '回访日期', notes: '回访情况', heldAt: '时间', content: '记录内容', retention: '保管期限',
};

const GENERIC: Record<string, string> = {
  invalid_type: '缺少或类型不对', too_big: '过长或过大', too_small: '过短或过小', invalid_value: '不是可选的值',
  invalid_format: '格式不正确', unrecognized_keys: '含有无法识别的字段', not_multiple_of: '数值不正确',
  invalid_union: '格式不正确', custom: '不正确',
};

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** `parties.1.idNumber` → 当事人第2项的证件号码 */
export function describePath(path: PropertyKey[]): string {
  const out: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') out.push(`第${seg + 1}项`);
    // Own labels only: `__proto__` or `constructor` from the input must not read Object.prototype.
    else out.push((out.length ? '的' : '') + (Object.hasOwn(LABELS, String(seg)) ? LABELS[String(seg)] : String(seg)));
  }
  return out.join('') || '输入';
}

/** zod issues as Chinese messages that say what and where. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const where = describePath(i.path);
    const what = hasChinese(i.message) ? i.message : (GENERIC[i.code] ?? '不正确');
    const extra = i.code === 'unrecognized_keys' ? `（${(i as { keys: string[] }).keys.join('、')}）` : '';
    return { path: i.path.map(String).join('.'), key: `validation.${i.code}`, message: `${where}：${what}${extra}` };
  });
}
