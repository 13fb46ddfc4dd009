import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppCore } from '../electron/core/app/app-core';
import { isDense } from '../electron/core/cases/queries';
import { parseQuery } from '../electron/core/search/query';
import { nameKeys } from '../electron/core/search/text';
import { seedCases } from '../electron/core/seed/seed';
import { syntheticPerson } from '../electron/core/seed/people';
import { Random } from '../electron/core/seed/random';
import { rawHandle } from '../electron/db/data-source';
import { searchRepo } from '../electron/db/repositories/search-repo';
import { createDispatcher } from '../electron/ipc/dispatcher';
import { newSession } from '../electron/ipc/session';
import { benchLedger, benchLedgerMemory } from './ledger';
import { benchScheduling } from './scheduling';
import { benchStatistics } from './statistics';
import { benchXlsx } from './xlsx';
import { benchExchangeExport } from './exchange-export';
import { benchExchangePart } from './exchange';
import { benchOfficeImport } from './office-import';
import { peakMemoryMiB, sampleMemory, summarise, time } from './stats';

// `npm run bench`: measures, prints a table and writes bench/results.json. Not a test.
const { values } = parseArgs({ options: { cases: { type: 'string' }, registrations: { type: 'string' }, keep: { type: 'boolean' }, only: { type: 'string' } } });
const RESULTS = new URL('./results.json', import.meta.url);

// `npm run bench -- --only scheduling|statistics|xlsx|ledger`: that part alone, its entry merged into the results of the last full run.
const PARTS = {
  scheduling: () => benchScheduling(values.keep),
  // STATISTICS.md's monthly report over --cases (1,000,000 for the figure; loading them takes minutes).
  statistics: () => benchStatistics({ cases: values.cases ? Number(values.cases) : undefined, keep: values.keep }),
  // The statistics workbook's memory with about 10k and 100k cases listed (--cases loaded, 110,000 by default).
  xlsx: () => benchXlsx({ cases: values.cases ? Number(values.cases) : undefined }),
  // The exchange package of --cases (100,000 by default) with everything they carry, full and de-identified.
  export: () => benchExchangeExport({ cases: values.cases ? Number(values.cases) : undefined, keep: values.keep }),
  // age encryption against stock age on ~100 MB, then a package of --cases case-like records written and read.
  exchange: () => benchExchangePart({ cases: values.cases ? Number(values.cases) : undefined }),
  // The city office importing 100 packages of 1,000 cases each (EXCHANGE.md), in one call, then the city's month.
  office: async () => {
    const r = await benchOfficeImport();
    return {
      rows: [
        { figure: `office: import ${r.packages} packages × ${r.casesPerPackage.toLocaleString()} cases (${r.lines.toLocaleString()} lines, ${r.committees} committees)`, value: `${r.importSeconds.toFixed(1)} s (CPU ${r.importCpuSeconds.toFixed(1)} s)`, met: r.importSeconds < 20, target: '< 20 s' },
        { figure: 'office: city figures for a month', value: `${Math.round(r.statsMs)} ms` },
      ],
      results: r,
    };
  },
  ledger: async () => {
    const r = await benchLedger({ rows: 10_000, format: 'csv' });
    const rows: { figure: string; value: string; target?: string; met?: boolean }[] = [
      { figure: `ledger: ${r.rows} CSV rows imported (dry run ${r.dryRunMs} ms, re-import ${r.reimportMs} ms)`, value: `${(r.importMs / 1000).toFixed(1)} s, peak heap ${r.peakHeapMiB} MiB`, met: r.importMs < 5_000, target: '< 5 s' },
    ];
    // Memory must not grow with the file: dry runs of 10k and 100k rows, CSV and XLSX; the peak heap compared.
    const memory: Record<string, unknown> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      const [small, large] = [await benchLedgerMemory(10_000, format), await benchLedgerMemory(100_000, format)];
      memory[format] = { small, large };
      for (const m of [small, large]) {
        rows.push({ figure: `ledger: dry run of ${m.rows.toLocaleString()} ${format.toUpperCase()} rows (${m.fileMiB} MiB)`, value: `${(m.dryRunMs / 1000).toFixed(1)} s, peak heap +${m.heapMiB} MiB (live +${m.liveMiB} MiB), RSS +${m.rssMiB} MiB` });
      }
      // The peak (garbage included) is the figure; the live heap holds the file's case numbers for duplicate checks.
      const growth = large.heapMiB / Math.max(small.heapMiB, 1);
      rows.push({ figure: `ledger: ${format.toUpperCase()} peak heap, 100k ÷ 10k rows`, value: `${growth.toFixed(2)}×`, target: '< 2×', met: growth < 2 });
    }
    return { rows, results: { ...r, memory } };
  },
} as const;
if (values.only !== undefined) {
  const part = PARTS[values.only as keyof typeof PARTS];
  if (!part) throw new Error(`--only: unknown part "${values.only}" (known: ${Object.keys(PARTS).join(', ')})`);
  const { rows, results } = await part();
  console.table(rows.map((row) => ({ ...row, met: row.met === undefined ? '' : row.met ? 'yes' : 'NO' })));
  const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown> : {};
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, [values.only]: { ...results, node: process.version, at: new Date().toISOString() } }, null, 2)}\n`);
  process.exit(0);
}
const CASES = Number(values.cases ?? 100_000);
const REGISTRATIONS = Number(values.registrations ?? 2_000);
const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-'));
const timer = setInterval(sampleMemory, 50);

const core = new AppCore(join(dir, 'tiaojie.db'));
await core.setup({
  passphrase: 'bench passphrase 2026',
  committee: { name: '白沙社区人民调解委员会', code: '330383-001' },
  admin: { username: 'admin', displayName: '王芳', password: 'bench-password-1' },
});
const dispatch = createDispatcher(core);
const session = newSession();
await dispatch(session, 'auth:signIn', { username: 'admin', password: 'bench-password-1' });

const rows: { figure: string; value: string; target?: string; met?: boolean }[] = [];
const results: Record<string, unknown> = { cases: CASES, node: process.version, at: new Date().toISOString() };

let t = performance.now();
await seedCases(core.db, { cases: CASES, seed: 'bench', onProgress: sampleMemory }, core.clock);
const seedSeconds = (performance.now() - t) / 1000;
rows.push({ figure: `seed ${CASES.toLocaleString()} cases`, value: `${seedSeconds.toFixed(1)} s (${Math.round(CASES / seedSeconds).toLocaleString()}/s)` });
results.seed = { seconds: seedSeconds };

// Registration through the dispatcher (validation, numbering, parties, audit), one transaction each.
const r = new Random('registrations');
const registration = () => {
  const a = syntheticPerson(r, 2026);
  const b = syntheticPerson(r, 2026);
  return {
    category: 'neighbour', channel: 'application', summary: '楼上住户夜间噪音影响楼下休息', requests: ['停止夜间噪音'],
    parties: [
      { role: 'applicant', name: a.name, idType: 'resident_id', idNumber: a.idNumber, phone: a.phone, address: a.address },
      { role: 'respondent', name: b.name, idType: 'resident_id', idNumber: b.idNumber, phone: b.phone },
    ],
  };
};
t = performance.now();
const regSamples = await time(REGISTRATIONS, async () => {
  const res = await dispatch(session, 'cases:create', registration());
  if (!res.ok) throw new Error(res.error.message);
});
const regSeconds = (performance.now() - t) / 1000;

// The same rows written with raw prepared statements, one transaction each: the floor.
const raw = rawHandle(core.db);
const insertCase = raw.prepare(`INSERT INTO cases (case_no, case_year, case_seq, category, channel, summary, requests, persons_involved, status,
  registered_on, applicant_names, respondent_names, created_at, updated_at) VALUES (?, 2099, ?, 'neighbour', 'application', ?, '[]', 2, 'registered', '2026-11-27', ?, ?, ?, ?)`);
const insertParty = raw.prepare(`INSERT INTO parties (case_id, position, role, kind, name, id_type, id_number, phone, created_at) VALUES (?, ?, ?, 'person', ?, 'resident_id', ?, ?, ?)`);
let seq = 0;
const rawSamples = await time(REGISTRATIONS, () => raw.transaction(() => {
  const input = registration();
  const now = new Date().toISOString();
  seq++;
  const id = insertCase.run(`raw-${seq}`, seq, input.summary, input.parties[0].name, input.parties[1].name, now, now).lastInsertRowid;
  input.parties.forEach((p, i) => insertParty.run(id, i, p.role, p.name, p.idNumber, p.phone, now));
})());
await core.db.query(`DELETE FROM cases WHERE case_year = 2099`);
const reg = summarise(regSamples);
const rawReg = summarise(rawSamples);
rows.push({ figure: 'registration via dispatcher', value: `${Math.round(REGISTRATIONS / regSeconds)}/s, p50 ${reg.p50.toFixed(2)} ms, p95 ${reg.p95.toFixed(2)} ms` });
rows.push({ figure: 'registration raw SQL', value: `p50 ${rawReg.p50.toFixed(2)} ms (dispatcher ${(reg.p50 / rawReg.p50).toFixed(1)}×)` });
results.registration = { perSecond: REGISTRATIONS / regSeconds, dispatcher: reg, raw: rawReg };

// The first page of the case list, through the dispatcher and as the same raw SQL.
const listQuery = { page: 1, pageSize: 20, sortBy: 'caseNo', order: 'desc' } as const;
const countStmt = raw.prepare('SELECT count(*) AS n FROM cases c');
const pageStmt = raw.prepare(`SELECT c.id, c.case_no, c.category, c.channel, c.status, c.registered_on, c.accepted_on,
  c.applicant_names, c.respondent_names, p.name AS lead_mediator, c.updated_at
  FROM cases c LEFT JOIN persons p ON p.id = c.lead_mediator_id ORDER BY c.case_year DESC, c.case_seq DESC LIMIT ? OFFSET ?`);
const lean = createDispatcher(core, { checkOutput: false });
const listWith = (d: typeof dispatch) => async () => {
  const res = await d(session, 'cases:list', listQuery);
  if (!res.ok) throw new Error(res.error.message);
};
// Warm-up until the JIT has settled: the first thousand calls measure the compiler, not the code.
for (let i = 0; i < 3000; i++) { await listWith(dispatch)(); await listWith(lean)(); countStmt.all(); pageStmt.all(20, 0); }
(globalThis as { gc?: () => void }).gc?.(); // Seeding's garbage would otherwise land in the timings.
const listD = summarise(await time(1000, listWith(dispatch)));
const listLean = summarise(await time(1000, listWith(lean)));
const listR = summarise(await time(1000, () => { countStmt.all(); pageStmt.all(20, 0); }));
const ratio = listD.p50 / listR.p50;
rows.push({ figure: 'case list first page p95 (dispatcher)', value: `${listD.p95.toFixed(2)} ms`, target: '< 20 ms', met: listD.p95 < 20 });
rows.push({ figure: 'case list first page p50: dispatcher / raw SQL', value: `${listD.p50.toFixed(3)} ms / ${listR.p50.toFixed(3)} ms` });
rows.push({ figure: 'dispatcher ÷ raw (p50)', value: `${ratio.toFixed(2)}×`, target: '≤ 1.5×', met: ratio <= 1.5 });
rows.push({ figure: 'of which output-schema check', value: `${((listD.p50 - listLean.p50) * 1000).toFixed(0)} µs` });
results.list = { dispatcher: listD, dispatcherWithoutOutputCheck: listLean, raw: listR, ratio };

// Search (docs/ARCHITECTURE.md, Search): cases:list with q through the dispatcher, and the same SQL
// (the index's count, the case count, the page) as raw prepared statements, for each kind of query.
const pick = <T>(sql: string) => raw.prepare(sql).all()[0] as T;
// Taken from the middle of the seeded data, so the same run after run.
const middle = (table: string) => `id >= (SELECT max(id) / 2 FROM ${table}) ORDER BY id LIMIT 1`;
const twoChar = pick<{ name: string }>(`SELECT name FROM parties WHERE kind = 'person' AND length(name) = 2 AND ${middle('parties')}`).name;
const threeChar = pick<{ name: string }>(`SELECT name FROM parties WHERE kind = 'person' AND length(name) = 3 AND ${middle('parties')}`).name;
const summary = pick<{ summary: string }>(`SELECT summary FROM cases WHERE ${middle('cases')}`).summary;
const phone = pick<{ phone: string }>(`SELECT phone FROM parties WHERE phone LIKE '1%' AND ${middle('parties')}`).phone;
const searches: [string, string][] = [
  ['2-char name', twoChar],
  ['3-char name', threeChar],
  ['4-char summary substring', Array.from(summary).slice(2, 6).join('')],
  ['pinyin initials', nameKeys(twoChar).initials],
  ['full pinyin', nameKeys(twoChar).pinyin],
  ['phone fragment (5 digits)', phone.slice(3, 8)],
];
const searchResults: Record<string, unknown> = {};
for (const [label, q] of searches) {
  const input = { ...listQuery, q };
  const plan = parseQuery(q)!;
  const matches = searchRepo.count(core.db, plan);
  const dense = isDense(matches, CASES + REGISTRATIONS, listQuery.pageSize);
  const w = searchRepo.where(plan, dense);
  const ftsCount = raw.prepare(`SELECT count(*) AS n FROM (${[plan.long && 'SELECT rowid FROM case_search WHERE case_search MATCH ?', plan.short && 'SELECT rowid FROM case_search_chars WHERE case_search_chars MATCH ?'].filter(Boolean).join(' INTERSECT ')})`);
  const ftsParams = [plan.long, plan.short].filter(Boolean);
  const searchPage = raw.prepare(`SELECT c.id, c.case_no, c.category, c.channel, c.status, c.registered_on, c.accepted_on,
    c.applicant_names, c.respondent_names, p.name AS lead_mediator, c.updated_at
    FROM cases c LEFT JOIN persons p ON p.id = c.lead_mediator_id WHERE ${w.sql} ORDER BY c.case_year DESC, c.case_seq DESC LIMIT ? OFFSET ?`);
  const viaDispatcher = async () => {
    const res = await dispatch(session, 'cases:list', input);
    if (!res.ok) throw new Error(res.error.message);
  };
  const viaRaw = () => { ftsCount.all(...ftsParams); countStmt.all(); searchPage.all(...w.params, 20, 0); };
  for (let i = 0; i < 50; i++) { await viaDispatcher(); viaRaw(); }
  const d = summarise(await time(300, viaDispatcher));
  const rs = summarise(await time(300, viaRaw));
  rows.push({
    figure: `search p95: ${label} (${matches.toLocaleString()} matches${dense ? ', index walk' : ''})`,
    value: `${d.p95.toFixed(2)} ms (raw SQL ${rs.p95.toFixed(2)} ms, ${(d.p50 / rs.p50).toFixed(2)}× at p50)`,
    target: '< 30 ms', met: d.p95 < 30,
  });
  searchResults[label] = { matches, dense, dispatcher: d, raw: rs, ratio: d.p50 / rs.p50 };
}
const indexSize = raw.prepare(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'case_search%'`).all()[0] as { bytes: number };
rows.push({ figure: 'search index size (both FTS5 tables)', value: `${(indexSize.bytes / 1048576).toFixed(1)} MiB` });
results.search = { queries: searchResults, indexBytes: indexSize.bytes };

// Opening a case's detail: through the dispatcher (a transaction that also appends the audit record of
// the access) against the same reads as raw SQL.
const caseIds = (raw.prepare(`SELECT id FROM cases WHERE id % 997 = 0`).all() as { id: number }[]).map((r) => r.id);
const byId = raw.prepare('SELECT * FROM cases WHERE id = ?');
const partiesOf = raw.prepare('SELECT * FROM parties WHERE case_id = ? ORDER BY position');
const personName = raw.prepare('SELECT name FROM persons WHERE id = ?');
let k = 0;
const nextId = () => caseIds[k++ % caseIds.length];
for (let i = 0; i < 500; i++) await dispatch(session, 'cases:get', { id: nextId() }); // warm-up
const detailD = summarise(await time(1000, async () => {
  const res = await dispatch(session, 'cases:get', { id: nextId() });
  if (!res.ok) throw new Error(res.error.message);
}));
// The raw side does the same work: the reads, and the access record appended in one transaction.
const lastHash = raw.prepare('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1');
const appendAudit = raw.prepare(`INSERT INTO audit_events (at, user_id, action, entity, entity_id, prev_hash, hash) VALUES (?, 1, 'case.view', 'case', ?, ?, ?)`);
const detailR = summarise(await time(1000, () => raw.transaction(() => {
  const id = nextId();
  const c = byId.all(id)[0] as { lead_mediator_id: number | null };
  partiesOf.all(id);
  if (c.lead_mediator_id !== null) personName.all(c.lead_mediator_id);
  const prev = (lastHash.all()[0] as { hash: string }).hash;
  appendAudit.run(new Date().toISOString(), id, prev, createHash('sha256').update(prev + id).digest('hex'));
})()));
rows.push({ figure: 'open case detail p95 (dispatcher, audited)', value: `${detailD.p95.toFixed(2)} ms`, target: '< 20 ms', met: detailD.p95 < 20 });
rows.push({ figure: 'open case detail p50: dispatcher / raw SQL (reads + audit append)', value: `${detailD.p50.toFixed(3)} ms / ${detailR.p50.toFixed(3)} ms (${(detailD.p50 / detailR.p50).toFixed(1)}×)` });
results.detail = { dispatcher: detailD, raw: detailR, ratio: detailD.p50 / detailR.p50 };

const scheduling = await benchScheduling(values.keep);
rows.push(...scheduling.rows);
results.scheduling = scheduling.results;

clearInterval(timer);
sampleMemory();
rows.push({ figure: 'peak memory (RSS)', value: `${peakMemoryMiB()} MiB` });
results.peakMemoryMiB = peakMemoryMiB();
await core.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

console.table(rows.map((row) => ({ ...row, met: row.met === undefined ? '' : row.met ? 'yes' : 'NO' })));
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
