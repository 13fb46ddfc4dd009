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
  backup --db 文件 --out 备份文件|文件夹
       数据库的加密备份（密钥文件一并写在旁边）；restore --db 文件 --from 备份文件：核对完整性和归属后恢复
  import-ledger --db 文件 台账文件 [--dry-run]
       导入案件台账（.xlsx 或 .csv，见 LEDGER.md）；有任何错误行则不写入，列出行、列和原因
  stats --db 文件 (--month YYYY-MM | --from 日期 --to 日期) [--format json|csv|xlsx] [--out 文件]
       统计报表的各项数字（见 STATISTICS.md），默认以 JSON 输出到标准输出；csv 为 UTF-8（带BOM），每项一行
  keys show --db 文件
       本调解委员会的签名公钥（PEM）及其指纹，供向市公共法律服务中心登记
  export --db 文件 (--recipient age1… | --recipient-file 文件)… --out 文件 [--level full|deidentified] [--from 日期 --to 日期]
       写出下一个加密、签名的交换包（见 EXCHANGE.md）；--out 为文件夹时按标准文件名写入其中
  office init --db 文件 --name 名称 [--identity-file 密钥文件] [--admin 登录名]
       新建市公共法律服务中心数据库，新生成 age 私钥或使用 age-keygen 生成的私钥；输出中心公钥（age1…）
  office register --db 文件 --committee-code 代码 --public-key 公钥文件 [--replace --reason 原因]
       登记（固定）调解委员会的签名公钥，显示其指纹；更换已登记的公钥须加 --replace，并记入审计日志
  office import --db 文件 数据包… [--accept-gap [--reason 原因]]
       核验并按序导入数据包，每个一个事务；遇到第一个被拒的数据包即停止（之前的保留），退出码 1
  office stats --db 文件 --month YYYY-MM [--committee 代码] [--format json|xlsx] [--out 文件]
       全市（或一个调解委员会）的月度统计，并列出与数据包自带统计的差异
  office recover-key --db 文件 --key-file 密钥文件 --out 新密钥文件
       用中心私钥打开调解委员会托管的数据密钥，以 TIAOJIE_NEW_PASSPHRASE 的新恢复口令重新封装（不显示密钥，记入审计日志）
通用选项: --db 文件（默认为桌面应用的数据库） --lang zh|en`,
    en: `Usage: tiaojie <command> [options]
Commands:
  init --db FILE --committee-name NAME --committee-code CODE [--short-name S] [--admin USER]
       create an encrypted database; passphrase from TIAOJIE_PASSPHRASE, admin password from TIAOJIE_ADMIN_PASSWORD
  seed --db FILE --cases N [--seed S] [--from YYYY-MM --to YYYY-MM]
       fill it with realistic synthetic cases (deterministic for a seed)
  audit verify --db FILE
       check the audit log's hash chain; names the first altered or missing record
  backup --db FILE --out BACKUP|FOLDER
       an encrypted backup (its key file beside it); restore --db FILE --from BACKUP: restore after integrity and owner checks
  import-ledger --db FILE LEDGER [--dry-run]
       import a case ledger (.xlsx or .csv, LEDGER.md); any bad row: nothing written, each listed with row, column, reason
  stats --db FILE (--month YYYY-MM | --from DATE --to DATE) [--format json|csv|xlsx] [--out FILE]
       the report's figures (STATISTICS.md), JSON to stdout by default; csv is UTF-8 with a BOM, one line per figure
  keys show --db FILE
       the committee's signing public key (PEM) and its fingerprint, to register with the office
  export --db FILE (--recipient age1… | --recipient-file FILE)… --out FILE [--level full|deidentified] [--from DATE --to DATE]
       write the next encrypted, signed exchange package (EXCHANGE.md); if --out is a folder, under its standard name
  office init --db FILE --name NAME [--identity-file KEYFILE] [--admin USER]
       create a city office database with a new age identity, or one made by age-keygen; prints the office recipient (age1…)
  office register --db FILE --committee-code CODE --public-key FILE [--replace --reason WHY]
       pin a committee's signing key and show its fingerprint; a different key for a pinned code needs --replace (audited)
  office import --db FILE PACKAGE… [--accept-gap [--reason WHY]]
       verify and apply packages in order, one transaction each; stop at the first refusal (the ones before stay), exit 1
  office stats --db FILE --month YYYY-MM [--committee CODE] [--format json|xlsx] [--out FILE]
       the city's (or one committee's) figures for the month, with differences from the packages' own statistics
  office recover-key --db FILE --key-file KEYFILE --out NEWKEYFILE
       open a committee's escrowed data key with the office identity, wrap it under TIAOJIE_NEW_PASSPHRASE (never printed; audited)
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
  statsPeriodMissing: { zh: '请用 --month YYYY-MM 或 --from 日期 --to 日期 指定统计期间', en: 'Give the period with --month YYYY-MM or --from DATE --to DATE' },
  statsPeriodBoth: { zh: '--month 与 --from/--to 只能选用一种', en: 'Use either --month or --from/--to, not both' },
  statsBadPeriod: { zh: '统计期间无效：{0}', en: 'Invalid period: {0}' },
  statsBadFormat: {
    zh: '选项 --format 的值无效：{0}。可用 json、csv 或 xlsx',
    en: 'Invalid value for --format: {0}. Use json, csv or xlsx',
  },
  statsWritten: { zh: '已写入 {0}', en: 'Written to {0}' },
  statsXlsxNeedsOut: {
    zh: 'xlsx 工作簿不能输出到终端：请用 --out 指定文件，如 --out 月报.xlsx',
    en: 'An xlsx workbook cannot go to the terminal: give a file with --out, e.g. --out report.xlsx',
  },
  statsXlsxWritten: { zh: '已写入 {0}（案件清单 {1} 件）', en: 'Written to {0} ({1} cases listed)' },
  ledgerNoFile: { zh: '请给出台账文件：import-ledger --db 文件 台账.xlsx|台账.csv [--dry-run]', en: 'Name the ledger file: import-ledger --db FILE LEDGER.xlsx|LEDGER.csv [--dry-run]' },
  ledgerMissingFile: { zh: '找不到台账文件：{0}', en: 'No ledger file at {0}' },
  ledgerProgress: { zh: '已读取 {0}/{1} 行', en: 'Read {0}/{1} rows' },
  ledgerRead: { zh: '台账 {0}：共 {1} 行案件（SHA-256 {2}）', en: 'Ledger {0}: {1} case rows (SHA-256 {2})' },
  ledgerUnknownColumns: { zh: '以下列不在台账格式中，已忽略：{0}', en: 'Columns not in the ledger format, ignored: {0}' },
  ledgerBad: { zh: '有 {0} 处错误，未导入任何案件。请改正台账后重新导入：', en: '{0} errors: nothing was imported. Correct the ledger and import it again:' },
  ledgerBadHeader: { zh: '行\t列\t原因', en: 'Row\tColumn\tReason' },
  ledgerDry: { zh: '试导入：将导入 {0} 件，跳过 {1} 件已有案件（未写入任何数据）', en: 'Dry run: {0} cases would be imported, {1} already present skipped (nothing written)' },
  ledgerDone: { zh: '已导入 {0} 件，跳过 {1} 件已有案件', en: 'Imported {0} cases; skipped {1} already present' },
  ledgerSkippedNumber: { zh: '第{0}行：案件编号 {1} 已在系统中，跳过', en: 'Row {0}: case number {1} is already present, skipped' },
  ledgerSkippedMatch: { zh: '第{0}行：与系统中的 {1} 相同，跳过', en: 'Row {0}: the same as {1} already present, skipped' },
  ledgerWarning: { zh: '注意：{0}', en: 'Note: {0}' },
  ledgerNewMediators: { zh: '新建调解员：{0}', en: 'New mediators created: {0}' },
  ledgerGenerated: { zh: '为 {0} 件案件生成了案件编号，请抄回台账（行\t案件编号）：', en: 'Case numbers generated for {0} cases; copy them into the ledger (row\tcase number):' },
  internal: { zh: '内部错误：{0}', en: 'Internal error: {0}' },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export const say = (lang: Lang, key: MessageKey, ...args: (string | number)[]): string =>
  MESSAGES[key][lang].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
