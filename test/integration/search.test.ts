import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SORT_FIELDS, type CaseCreate, type CaseListQuery } from '../../shared/domain/case';
import { isDense } from '../../electron/core/cases/queries';
import { indexCase, indexCases, reindexAll } from '../../electron/core/search/indexer';
import { nameKeys } from '../../electron/core/search/text';
import { parseQuery } from '../../electron/core/search/query';
import { seedCases } from '../../electron/core/seed/seed';
import { casesRepo } from '../../electron/db/repositories/cases-repo';
import { searchRepo } from '../../electron/db/repositories/search-repo';
import type { Session } from '../../electron/ipc/session';
import { breakCheckChar, makeResidentId } from '../support/identity';
import { committeeFixture, ok } from '../support/db';

let f: Awaited<ReturnType<typeof committeeFixture>>;
let admin: Session;

const ID_A = makeResidentId('1980-02-03', 'female', 21);
const ID_B = makeResidentId('1975-11-30', 'male', 34);
// A resident ID whose check character is X, to search in lower case.
const ID_X = (() => {
  for (let serial = 0; ; serial++) {
    const id = makeResidentId('1990-06-15', 'male', serial);
    if (id.endsWith('X')) return id;
  }
})();

const base = (over: Partial<CaseCreate>): CaseCreate => ({
  category: 'neighbour', channel: 'application', summary: '纠纷', registeredOn: '2026-03-02',
  parties: [{ role: 'applicant', name: '某某' }], ...over,
});

const ids: Record<string, number> = {};
const caseNos: Record<string, string> = {};
let otherMediator = 0;

beforeAll(async () => {
  f = await committeeFixture();
  admin = await f.signedIn();
  const [{ id }] = await f.core.db.query<{ id: number }>(
    `INSERT INTO persons (name, professions, active, created_at) VALUES ('周敏', '["mediator"]', 1, '2026-01-01T00:00:00Z') RETURNING id`,
  );
  otherMediator = id;
  const cases: Record<string, CaseCreate> = {
    noise: base({
      summary: '楼上住户夜间噪音影响楼下休息', registeredOn: '2026-03-02',
      parties: [
        { role: 'applicant', name: '陈静', idType: 'resident_id', idNumber: ID_A, phone: '139 1234 5678' },
        { role: 'respondent', name: '李伟', idType: 'resident_id', idNumber: ID_B, phone: '0577-68881234' },
      ],
    }),
    debt: base({
      category: 'contract', channel: 'police_referral', referralBody: '龙港市公安局白沙派出所', registeredOn: '2026-04-10',
      summary: '拖欠货款三万元未付',
      parties: [
        { role: 'applicant', name: '买买提·艾力', idType: 'none', phone: '0577-6888123' },
        { role: 'respondent', kind: 'organisation', name: '龙港市鑫达印刷有限公司', creditCode: '91330383MA2ABCDE1X', representative: '周平' },
      ],
    }),
    wall: base({
      category: 'housing_homestead', channel: 'initiative', registeredOn: '2026-05-20', leadMediatorId: otherMediator,
      summary: '宅基地边界纠纷，双方争执围墙位置',
      parties: [
        { role: 'applicant', name: '王静', idType: 'resident_id', idNumber: ID_X },
        { role: 'respondent', name: '张三' },
      ],
    }),
    deposit: base({
      category: 'contract', registeredOn: '2026-05-21',
      summary: '合同约定 "定金" 不退 OR 双倍返还 NEAR(条款) 50%_比例',
      parties: [{ role: 'applicant', name: '单丽' }, { role: 'respondent', name: '曾强' }],
    }),
  };
  for (const [key, input] of Object.entries(cases)) {
    const created = ok(await f.call(admin, 'cases:create', input));
    ids[key] = created.id;
    caseNos[key] = created.caseNo;
  }
});
afterAll(() => f.close());

async function list(q: CaseListQuery) {
  return ok(await f.call(admin, 'cases:list', { pageSize: 200, ...q }));
}
/** The keys of the test's cases a search finds, in a stable order. */
async function found(q: string, extra: CaseListQuery = {}): Promise<string[]> {
  const r = await list({ q, ...extra });
  expect(r.total).toBe(r.items.length);
  const byId = new Map(Object.entries(ids).map(([k, id]) => [id, k]));
  return r.items.map((c) => byId.get(c.id) ?? `other:${c.id}`).sort();
}

describe('search by name', () => {
  it('finds a 2-character name, and not a name that merely shares a character', async () => {
    expect(await found('陈静')).toEqual(['noise']);
    expect(await found('张三')).toEqual(['wall']);
    expect(await found('周平')).toEqual(['debt']); // an organisation's representative
  });

  it('finds one character anywhere in a name', async () => {
    expect(await found('静')).toEqual(['noise', 'wall']);
  });

  it('finds by pinyin initials, full pinyin and the start of a full pinyin', async () => {
    expect(await found('cj')).toEqual(['noise']);
    expect(await found('CJ')).toEqual(['noise']);
    expect(await found('zs')).toEqual(['wall']);
    expect(await found('chenjing')).toEqual(['noise']);
    expect(await found('zhangsan')).toEqual(['wall']);
    expect(await found('jing')).toEqual(['noise', 'wall']); // any part of a full pinyin, from 3 letters
    expect(await found('li')).toEqual(['noise']); // li begins 李伟's pinyin, not (shan)li's
    expect(await found('lw')).toEqual(['noise']);
  });

  it('reads polyphonic surnames as surnames (单 shan, 曾 zeng)', async () => {
    expect(await found('sl')).toEqual(['deposit']);
    expect(await found('zq')).toEqual(['deposit']);
    expect(await found('shanli')).toEqual(['deposit']);
  });

  it('finds 3+ character substrings of names and organisations through the trigram index', async () => {
    expect(await found('买买提')).toEqual(['debt']);
    expect(await found('鑫达印刷')).toEqual(['debt']);
    expect(await found('龙港市鑫达印刷有限公司')).toEqual(['debt']);
    expect(await found('xdys')).toEqual(['debt']); // initials inside an organisation's name
  });

  it('handles names with ·, whichever dot is typed', async () => {
    expect(await found('买买提·艾力')).toEqual(['debt']);
    expect(await found('买买提•艾力')).toEqual(['debt']);
    expect(await found('买买提.艾力')).toEqual(['debt']);
    expect(await found('提·艾')).toEqual(['debt']);
    expect(await found('艾力')).toEqual(['debt']);
    expect(await found('mmtal')).toEqual(['debt']);
    expect(await found('maimaiti')).toEqual(['debt']);
  });
});

describe('search by number and text', () => {
  it('finds phone fragments, with or without the landline hyphen', async () => {
    expect(await found('13912345678')).toEqual(['noise']);
    expect(await found('1234 5678')).toEqual(['noise']);
    expect(await found('68881234')).toEqual(['noise']);
    expect(await found('0577-6888')).toEqual(['debt', 'noise']);
    expect(await found('05776888123')).toEqual(['debt', 'noise']);
  });

  it('finds ID numbers and credit codes by substring, X in either case', async () => {
    expect(await found(ID_A)).toEqual(['noise']);
    expect(await found(ID_B.slice(6, 14))).toEqual(['noise']);
    expect(await found(ID_X.slice(-6).toLowerCase())).toEqual(['wall']);
    expect(await found('MA2ABCDE')).toEqual(['debt']);
  });

  it('finds a case by its number, typed with full-width or ASCII brackets, or by its sequence', async () => {
    expect(await found(caseNos.wall)).toEqual(['wall']);
    expect(await found(caseNos.wall.replace('（', '(').replace('）', ')'))).toEqual(['wall']);
    expect(await found(`第${caseNos.debt.match(/第(\d+)号/)![1]}号`)).toEqual(['debt']);
  });

  it('finds the summary text, short or long', async () => {
    expect(await found('噪音')).toEqual(['noise']);
    expect(await found('夜间噪音')).toEqual(['noise']);
    expect(await found('围墙位置')).toEqual(['wall']);
    expect(await found('定金')).toEqual(['deposit']);
  });

  it('needs every term to match', async () => {
    expect(await found('陈静 噪音')).toEqual(['noise']);
    expect(await found('cj 噪音')).toEqual(['noise']);
    expect(await found('陈静 围墙')).toEqual([]);
    expect(await found('  静   宅基地  ')).toEqual(['wall']);
  });

  it('treats an empty or blank query as no search', async () => {
    const all = (await list({})).total;
    expect((await list({ q: '' })).total).toBe(all);
    expect((await list({ q: '   ' })).total).toBe(all);
    expect(await f.dispatch(admin, 'cases:list', { q: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('query syntax is text to find', () => {
  it('never throws, never widens: FTS5 operators, quotes, wildcards and LIKE characters are literal', async () => {
    const queries = [
      '"', '""', '*', '陈静*', 'c*', 'OR', 'AND', 'NOT 陈静', '陈静 OR 王静', '陈静 NEAR(王静)', 'NEAR(', '"陈静"',
      'names:陈静', '{names}:陈静', '^陈', '-', '+', '%', '_', '静%', '%静', '_静', '陈_', "'", '\\', ':',
      '"; DROP TABLE cases; --', '陈静"); DELETE FROM case_search; --',
    ];
    const all = (await list({})).total;
    for (const q of queries) {
      const r = await f.call(admin, 'cases:list', { q });
      expect(r.ok, q).toBe(true);
      if (!r.ok) continue;
      expect(r.value.total, q).toBeLessThan(all);
    }
    expect(await found('陈静 OR 王静')).toEqual([]);
    expect(await found('NOT 陈静')).toEqual([]);
    expect(await found('"陈静"')).toEqual([]);
    expect(await found('静%')).toEqual([]);
    expect(await found('%')).toEqual(['deposit']);
    expect(await found('%_')).toEqual(['deposit']);
    expect(await found('_')).toEqual(['deposit']);
    // The same characters are found where they really are.
    expect(await found('"定金"')).toEqual(['deposit']);
    expect(await found('OR')).toEqual(['deposit']);
    expect(await found('NEAR(条款)')).toEqual(['deposit']);
    expect((await list({})).total).toBe(all);
  });

  it('builds SQL whose text depends on the shape of the query, never on its words', () => {
    const a = searchRepo.where(parseQuery('陈静 zs 6888 静%')!);
    const b = searchRepo.where(parseQuery('王五 lw 1390 李_')!);
    expect(a.sql).toBe(b.sql);
    expect(a.sql).not.toMatch(/陈静|6888|zs/);
  });
});

describe('filters', () => {
  it('combines the search with state, category, channel, lead mediator and registration dates', async () => {
    expect(await found('静', { status: ['registered'], category: ['neighbour'] })).toEqual(['noise']);
    expect(await found('静', { category: ['housing_homestead'] })).toEqual(['wall']);
    expect(await found('6888', { channel: ['police_referral'] })).toEqual(['debt']);
    expect(await found('静', { leadMediatorId: [otherMediator] })).toEqual(['wall']);
    expect(await found('静', { registeredFrom: '2026-04-01' })).toEqual(['wall']);
    expect(await found('静', { registeredTo: '2026-04-01' })).toEqual(['noise']);
    expect(await found('静', { registeredFrom: '2026-03-02', registeredTo: '2026-03-02' })).toEqual(['noise']);
    expect(await found('静', { status: ['agreed'] })).toEqual([]);
  });

  it('filters without a search, and refuses malformed filters', async () => {
    expect(await found('', { channel: ['initiative'] })).toEqual(['wall']);
    expect(await found('', { leadMediatorId: [otherMediator] })).toEqual(['wall']);
    expect(await found('', { registeredFrom: '2026-05-21', registeredTo: '2026-05-21' })).toEqual(['deposit']);
    for (const bad of [{ registeredFrom: '2026-02-30' }, { channel: ['mail'] }, { leadMediatorId: [0] }, { leadMediatorId: ['1'] }]) {
      expect(await f.dispatch(admin, 'cases:list', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('pages and sorts search results like the whole list', async () => {
    const all = await list({ q: '静', sortBy: 'caseNo', order: 'asc' });
    const p1 = await list({ q: '静', sortBy: 'caseNo', order: 'asc', pageSize: 1, page: 1 });
    const p2 = await list({ q: '静', sortBy: 'caseNo', order: 'asc', pageSize: 1, page: 2 });
    expect(p1.total).toBe(2);
    expect([...p1.items, ...p2.items].map((c) => c.id)).toEqual(all.items.map((c) => c.id));
    const desc = await list({ q: '静', sortBy: 'registeredOn', order: 'desc' });
    expect(desc.items.map((c) => c.id)).toEqual([ids.wall, ids.noise]);
  });
});

describe('the index follows the cases', () => {
  const rows = async () => (await f.core.db.query<{ n: number }>('SELECT count(*) AS n FROM case_search'))[0].n;
  const charRows = async (q: string) =>
    (await f.core.db.query<{ n: number }>('SELECT count(*) AS n FROM case_search_chars WHERE case_search_chars MATCH ?', [q]))[0].n;

  it('indexes a registration in its own transaction, and a refused one leaves no row', async () => {
    const before = await rows();
    const r = await f.dispatch(admin, 'cases:create', base({
      parties: [{ role: 'applicant', name: '欧阳', idType: 'resident_id', idNumber: breakCheckChar(ID_A) }],
    }));
    expect(r.ok).toBe(false);
    expect(await rows()).toBe(before);
    expect(await found('欧阳')).toEqual([]);
    const created = ok(await f.call(admin, 'cases:create', base({ parties: [{ role: 'applicant', name: '欧阳' }] })));
    expect(await rows()).toBe(before + 1);
    expect((await list({ q: '欧阳' })).items.map((c) => c.id)).toEqual([created.id]);
    expect((await list({ q: 'oy' })).items.map((c) => c.id)).toEqual([created.id]);
  });

  it('rolls the index back with the transaction it was written in', async () => {
    const before = await rows();
    const [{ id }] = await f.core.db.query<{ id: number }>('SELECT max(id) AS id FROM cases');
    await expect(f.core.db.transaction(async (tx) => {
      await tx.query(`UPDATE parties SET name = '闫妮' WHERE case_id = ?`, [id]);
      await indexCase(tx, id);
      expect((await tx.query(`SELECT count(*) AS n FROM case_search_chars WHERE case_search_chars MATCH '"闫 妮"'`))[0].n).toBe(1);
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await rows()).toBe(before);
    expect(await charRows('"闫 妮"')).toBe(0);
    expect(await found('闫妮')).toEqual([]);
  });

  it('reindexes a case whose parties changed, and removes the rows of a case that is gone', async () => {
    await f.core.db.transaction(async (tx) => {
      await tx.query(`UPDATE parties SET name = '陈晶' WHERE case_id = ? AND name = '陈静'`, [ids.noise]);
      await indexCase(tx, ids.noise);
    });
    expect(await found('陈晶')).toEqual(['noise']);
    expect(await found('陈静')).toEqual([]);
    expect(await found('cj')).toEqual(['noise']);
    await f.core.db.transaction(async (tx) => {
      await tx.query(`UPDATE parties SET name = '陈静' WHERE case_id = ? AND name = '陈晶'`, [ids.noise]);
      await indexCase(tx, ids.noise);
      await indexCase(tx, 987654); // no such case: nothing to index, nothing thrown
    });
    expect(await found('陈静')).toEqual(['noise']);
  });

  it('indexes every seeded case, and heals missing rows', async () => {
    await seedCases(f.core.db, { cases: 400, seed: 'search' }, f.core.clock);
    const [{ cases }] = await f.core.db.query<{ cases: number }>('SELECT count(*) AS cases FROM cases');
    expect(await rows()).toBe(cases);
    // Every seeded case is found by its first applicant's name, and by the initials of it.
    const sample = await f.core.db.query<{ case_id: number; name: string }>(
      `SELECT case_id, name FROM parties WHERE position = 0 AND case_id > ? ORDER BY case_id LIMIT 40`, [ids.deposit],
    );
    for (const { case_id, name } of sample) {
      expect((await list({ q: name })).items.map((c) => c.id), name).toContain(case_id);
      expect((await list({ q: nameKeys(name).initials })).items.map((c) => c.id), name).toContain(case_id);
    }
    // As after migration 0003 on an existing database, or a seed interrupted between its two steps.
    for (const table of ['case_search', 'case_search_chars']) {
      await f.core.db.query(`DELETE FROM ${table} WHERE rowid IN (SELECT id FROM cases ORDER BY id DESC LIMIT 25)`);
    }
    expect(await rows()).toBe(cases - 25);
    expect(await indexCases(f.core.db)).toBe(25);
    expect(await rows()).toBe(cases);
    expect(await reindexAll(f.core.db)).toBe(cases);
    expect(await rows()).toBe(cases);
    expect(await found('陈静')).toContain('noise'); // seeded parties may be called 陈静 too
  });
  it('gives the same pages whether it walks the sort index (many matches) or sorts the matches (few)', async () => {
    const search = parseQuery('王')!;
    for (const sortBy of CASE_SORT_FIELDS) {
      for (const order of ['asc', 'desc'] as const) {
        for (const extra of [{}, { status: ['agreed', 'registered'] }, { category: ['neighbour'], registeredFrom: '2026-01-01' }]) {
          const filter = { ...extra, search };
          const sparse = casesRepo.page(f.core.db, { ...filter, dense: false }, sortBy, order, 15, 5);
          const dense = casesRepo.page(f.core.db, { ...filter, dense: true }, sortBy, order, 15, 5);
          if (!Object.keys(extra).length) expect(sparse.length).toBeGreaterThan(0);
          expect(dense, `${sortBy} ${order} ${JSON.stringify(extra)}`).toEqual(sparse);
          expect(casesRepo.count(f.core.db, { ...filter, dense: true })).toBe(casesRepo.count(f.core.db, { ...filter, dense: false }));
        }
      }
    }
    expect(isDense(1000, 100_000, 20)).toBe(true);
    expect(isDense(50, 100_000, 20)).toBe(false);
  });
});
