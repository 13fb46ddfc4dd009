export type Lang = 'zh' | 'en';

/** CLI messages: Chinese by default, English with --lang en. */
const MESSAGES = {
  usage: {
    zh: `用法: tiaojie <命令> [选项]
命令:
  init --db 文件 --committee-name 名称 --committee-code 代码 [--short-name 简称] [--admin 登录名]
       新建加密数据库；恢复口令取自环境变量 TIAOJIE_PASSPHRASE，管理员密码取自 TIAOJIE_ADMIN_PASSWORD
  seed --db 文件 --cases 数量 [--seed 种子] [--from YYYY-MM --to YYYY-MM]
       生成逼真的合成案件（同一种子结果相同）
  audit verify --db 文件
       核对审计日志的哈希链，指出第一处被改动或缺失的记录
通用选项: --db 文件（默认为桌面应用的数据库） --lang zh|en`,
    en: `Usage: tiaojie <command> [options]
Commands:
  init --db FILE --committee-name NAME --committee-code CODE [--short-name S] [--admin USER]
       create an encrypted database; passphrase from TIAOJIE_PASSPHRASE, admin password from TIAOJIE_ADMIN_PASSWORD
  seed --db FILE --cases N [--seed S] [--from YYYY-MM --to YYYY-MM]
       fill it with realistic synthetic cases (deterministic for a seed)
  audit verify --db FILE
       check the audit log's hash chain; names the first altered or missing record
Common options: --db FILE (default: the desktop app's database) --lang zh|en`,
  },
  unknownCommand: { zh: '未知命令：{0}', en: 'Unknown command: {0}' },
  missingOption: { zh: '缺少选项 --{0}', en: 'Missing option --{0}' },
  badOption: { zh: '选项 --{0} 的值无效：{1}', en: 'Invalid value for --{0}: {1}' },
  noPassphrase: {
    zh: '请在环境变量 TIAOJIE_PASSPHRASE 中提供恢复口令（不接受命令行参数，以免留在命令历史中）',
    en: 'Set the recovery passphrase in the environment variable TIAOJIE_PASSPHRASE (never as an argument: it would stay in shell history)',
  },
  weakPassphrase: { zh: '恢复口令至少需要12个字符', en: 'The recovery passphrase needs at least 12 characters' },
  noAdminPassword: { zh: '使用 --admin 时，请在环境变量 TIAOJIE_ADMIN_PASSWORD 中提供管理员密码', en: 'With --admin, set the admin password in TIAOJIE_ADMIN_PASSWORD' },
  exists: { zh: '数据库已存在：{0}，不会覆盖', en: 'A database already exists at {0}; it will not be overwritten' },
  missingDb: { zh: '找不到数据库：{0}。请先运行 init', en: 'No database at {0}. Run init first' },
  initDone: { zh: '已创建 {0}（{1}，案号简称“{2}”）：{3}', en: 'Created {0} ({1}, case-number short name "{2}"): {3}' },
  seedDone: { zh: '已生成 {0} 件合成案件（{1} 至 {2}）', en: 'Generated {0} synthetic cases ({1} to {2})' },
  progress: { zh: '生成中 {0}/{1}', en: 'Generating {0}/{1}' },
  auditOk: { zh: '审计日志完整：共{0}条记录，哈希链无断裂', en: 'Audit log intact: {0} records, hash chain unbroken' },
  auditAltered: { zh: '审计日志第{0}条记录（共{1}条）的内容被改动，哈希链在此断裂', en: 'Audit record {0} (of {1}) was altered: the hash chain breaks there' },
  auditMissing: { zh: '审计日志第{0}条记录（共{1}条）之前有记录缺失或被删除，哈希链在此断裂', en: 'A record before audit record {0} (of {1}) is missing or was deleted: the hash chain breaks there' },
  internal: { zh: '内部错误：{0}', en: 'Internal error: {0}' },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export const say = (lang: Lang, key: MessageKey, ...args: (string | number)[]): string =>
  MESSAGES[key][lang].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
