import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATEGORIES, CHANNELS } from '../shared/domain/enums';
import { RECORD_FILES, type RecordFile } from '../shared/domain/exchange';
import { addDays } from '../shared/domain/dates';
import { AppCore } from '../electron/core/app/app-core';
import { writePackage } from '../electron/core/exchange/package/write';
import { importPackages, officeFigures, registerCommittee } from '../electron/core/office';
import { generateIdentity } from '../electron/crypto/age';
import { generateSigningKey } from '../electron/crypto/signing';
import { Random } from '../electron/core/seed/random';

export interface OfficeBench {
  packages: number;
  casesPerPackage: number;
  committees: number;
  lines: number;
  writeSeconds: number;
  importSeconds: number;
  /** CPU time of the import (user + system): on a shared machine, wall time also measures the neighbours. */
  importCpuSeconds: number;
  statsMs: number;
}

const stamp = '2026-03-01T01:00:00.000Z';

/** One package's records: people, then cases each with two parties, a session, and for agreed ones an agreement and a follow-up. */
function records(rnd: Random, people: string[], cases: number): Record<RecordFile, object[]> {
  const out = Object.fromEntries(RECORD_FILES.map((f) => [f, [] as object[]])) as Record<RecordFile, object[]>;
  const live = () => ({ uuid: randomUUID(), revision: rnd.int(1, 1_000_000), updated_at: stamp });
  out['people.ndjson'] = people.map((uuid, i) => ({
    uuid, revision: 1, updated_at: stamp, name: `调解员${i}`, phone: null, sex: 'female', professions: ['mediator'], employment: 'part_time',
    active: true, joined_on: '2024-01-01', left_on: null, created_at: '2024-01-01T00:00:00.000Z',
  }));
  for (let i = 0; i < cases; i++) {
    const registered = addDays('2025-01-01', rnd.int(0, 450));
    const r = rnd.int(0, 99);
    const outcome = r < 70 ? 'agreed' : r < 80 ? 'failed' : r < 85 ? 'withdrawn' : null;
    const concluded = outcome ? addDays(registered, rnd.int(1, 40)) : null;
    const c = {
      ...live(), case_no: `（2026）测调字第${i + 1}号`, category: CATEGORIES[rnd.int(0, CATEGORIES.length - 1)], local_category: null,
      channel: CHANNELS[rnd.int(0, CHANNELS.length - 1)], referral_body: null, status: outcome ?? 'in_mediation', registered_on: registered,
      accepted_on: registered, due_on: addDays(registered, 30), extended_due_on: null, outcome, concluded_on: concluded, closed_on: null,
      archived_on: null, amount_fen: null, persons_involved: rnd.int(2, 8), agreement_form: outcome === 'agreed' ? 'written' : null,
      agreement_amount_fen: outcome === 'agreed' ? rnd.int(0, 5_000_000) : null, performance: outcome === 'agreed' ? 'performed' : null,
      jc_status: 'none', satisfaction: outcome ? 'satisfied' : null, prevented_criminal: false, prevented_criminal_persons: 0,
      prevented_suicide: false, prevented_suicide_persons: 0, prevented_group_petition: false, prevented_group_petition_persons: 0,
      prevented_group_fight: false, prevented_group_fight_persons: 0, lead_mediator_uuid: people[rnd.int(0, people.length - 1)],
      failure_routes: null, external_code: null, created_at: stamp, summary: '邻里之间因排水发生纠纷', requests: ['疏通排水'],
      applicant_names: '甲', respondent_names: '乙', rejection_reason: null, termination_reason: null,
    };
    out['cases.ndjson'].push(c);
    for (const [position, role] of ['applicant', 'respondent'].entries()) {
      out['parties.ndjson'].push({
        ...live(), case_uuid: c.uuid, position, role, kind: 'person', pseudonym: 'A'.repeat(26), sex: 'male', age_band: '30-39',
        id_type: 'none', created_at: stamp, name: '某某', ethnicity: null, birth_date: null, id_number: null, phone: null, address: null,
        occupation: null, credit_code: null, representative: null, representative_title: null,
      });
    }
    out['sessions.ndjson'].push({
      ...live(), case_uuid: c.uuid, held_at: stamp, parties_present_count: 2, attendees_count: 1, private: false, created_at: stamp,
      place: '调解室', parties_present: ['甲', '乙'], attendees: ['丙'], content: '双方陈述', result: '达成一致', recorder: '丁',
    });
    if (outcome === 'agreed') {
      out['agreements.ndjson'].push({
        ...live(), case_uuid: c.uuid, form: 'written', amount_fen: c.agreement_amount_fen, performance_deadline: null, effective_on: concluded,
        performance: 'performed', term_performance: ['performed'], jc_status: 'none', jc_applied_on: null, jc_decided_on: null, created_at: stamp,
        facts: '事实', terms: ['条款'], performance_method: '一次性',
      });
      out['followups.ndjson'].push({
        ...live(), case_uuid: c.uuid, visited_on: addDays(concluded!, 10), visitor_person_uuid: null, performance: 'performed',
        satisfaction: 'satisfied', created_at: stamp, notes: null,
      });
    }
  }
  return out;
}

/** Imports `packages` packages of `casesPerPackage` cases (each with what a case carries) into an office, in one call. */
export async function benchOfficeImport(opts: { packages?: number; casesPerPackage?: number; committees?: number; keep?: boolean } = {}): Promise<OfficeBench> {
  const packages = opts.packages ?? 100;
  const casesPerPackage = opts.casesPerPackage ?? 1_000;
  const committeeCount = opts.committees ?? 20;
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-office-'));
  try {
    const office = await generateIdentity();
    const core = new AppCore(join(dir, 'office.db'));
    await core.setupOffice({ passphrase: 'bench passphrase 2026', name: '市公共法律服务中心', identityText: office.identity });
    const rnd = new Random('office');
    const committees = Array.from({ length: committeeCount }, (_, i) => ({
      code: `330383-${String(i + 1).padStart(3, '0')}`, key: generateSigningKey(), station: randomUUID(),
      people: Array.from({ length: 8 }, () => randomUUID()), previous: '', sequence: 0,
    }));
    for (const c of committees) await registerCommittee(core.db, null, core.clock, { code: c.code, publicKeyPem: c.key.publicPem });

    let t = performance.now();
    const files: string[] = [];
    let lines = 0;
    for (let i = 0; i < packages; i++) {
      const c = committees[i % committees.length];
      c.sequence++;
      const recs = records(rnd, c.people, casesPerPackage);
      lines += RECORD_FILES.reduce((n, f) => n + recs[f].length, 0);
      const file = join(dir, `${c.code}-${String(c.sequence).padStart(6, '0')}-20260410.tiaojie.age`);
      const w = await writePackage(file, {
        recipients: [office.recipient], signingPrivateKeyPem: c.key.privatePem,
        manifest: {
          committee: { code: c.code, name: `测试${c.code}调解委员会`, signing_public_key_pem: c.key.publicPem }, station: c.station,
          sequence: c.sequence, previous_sha256: c.previous, created_at: new Date().toISOString(), level: 'full',
          range: { kind: 'since_last', after_revision: 0, to_revision: 1_000_000 },
        },
        records: Object.fromEntries(RECORD_FILES.map((f) => [f, () => recs[f]])) as Record<RecordFile, () => object[]>,
        statistics: { months: {} },
      });
      c.previous = w.sha256;
      files.push(file);
    }
    const writeSeconds = (performance.now() - t) / 1000;

    // Given newest first: the import sorts them by (committee, station, sequence).
    t = performance.now();
    const cpu = process.cpuUsage();
    const result = await importPackages(core.db, files.reverse());
    const importSeconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const importCpuSeconds = (used.user + used.system) / 1e6;
    if (result.refused || result.applied.length !== packages) throw new Error(`office import: ${result.refused?.message ?? 'not all applied'}`);

    t = performance.now();
    officeFigures(core.db, '2026-03', new Date());
    const statsMs = performance.now() - t;
    await core.close();
    return { packages, casesPerPackage, committees: committeeCount, lines, writeSeconds, importSeconds, importCpuSeconds, statsMs };
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/office-import.ts [packages] [committees]`: this part alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [packages, committees] = process.argv.slice(2).map(Number);
  console.log(await benchOfficeImport({ packages: packages || undefined, committees: committees || undefined }));
}
