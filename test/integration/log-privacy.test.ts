import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../electron/core/logging/logger';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { handlers } from '../../electron/ipc/handlers';
import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import type { Session } from '../../electron/ipc/session';
import { committeeFixture, ok } from '../support/db';
import { breakCheckChar, makeResidentId } from '../support/identity';

// Logs and crash reports never hold a party's name, ID number or phone number (issue 7): data written, errors of
// every kind raised, then every byte of every log file scanned.

const PARTIES = [
  { name: '柯岚', idNumber: makeResidentId('1983-04-12', 'female', 27), phone: '13957712345' },
  { name: '蒲蔚', idNumber: makeResidentId('1969-10-05', 'male', 61), phone: '18868801234' },
  { name: '费翔', idNumber: makeResidentId('2001-01-30', 'male', 13), phone: '15105778899' },
];
const SECRETS = PARTIES.flatMap((p) => [p.name, p.idNumber, p.phone, `${p.phone.slice(0, 3)} ${p.phone.slice(3, 7)} ${p.phone.slice(7)}`]);

let f: Awaited<ReturnType<typeof committeeFixture>>;
let logger: Logger;
let logDir: string;
let call: <C extends Channel>(s: Session, c: C, i: Input<C>) => Promise<Result<Output<C>>>;
beforeAll(async () => {
  f = await committeeFixture();
  logDir = join(f.dir, 'logs');
  // Small files, so rotation happens and the old files are scanned too.
  logger = createLogger(logDir, { maxBytes: 300, keep: 9 });
  const dispatch = createDispatcher(f.core, { log: (m, personal) => logger.info(m, personal) });
  call = (s, c, i) => dispatch(s, c, i) as never;
});
afterAll(() => f.close());

function logBytes(): Buffer {
  return Buffer.concat(readdirSync(logDir).map((n) => readFileSync(join(logDir, n))));
}

describe('log privacy', () => {
  it('keeps names, ID numbers and phones out of every log file', async () => {
    const admin = await f.signedIn();
    const ids: number[] = [];
    for (const p of PARTIES) {
      ids.push(ok(await call(admin, 'cases:create', {
        category: 'neighbour', channel: 'application', summary: `${p.name}与邻居因噪音发生纠纷，电话${p.phone}`, registeredOn: '2026-06-01',
        parties: [{ role: 'applicant', name: p.name, idType: 'resident_id', idNumber: p.idNumber, phone: p.phone }, { role: 'respondent', name: '某物业公司' }],
      })).id);
    }
    // Validation errors: a wrong check character, a bad phone, a missing field.
    const bad = await call(admin, 'cases:create', {
      category: 'neighbour', channel: 'application', summary: '纠纷', registeredOn: '2026-06-01',
      parties: [{ role: 'applicant', name: PARTIES[0].name, idType: 'resident_id', idNumber: breakCheckChar(PARTIES[0].idNumber), phone: `${PARTIES[0].phone}99` }],
    });
    expect(bad.ok).toBe(false);
    expect((await call(admin, 'cases:create', { parties: [{ name: PARTIES[1].name }] } as never)).ok).toBe(false);
    // Conflicts: a step the case's state refuses, and a second accept.
    ok(await call(admin, 'cases:accept', { caseId: ids[0], acceptedOn: '2026-06-02', leadMediatorId: ok(await call(admin, 'people:mediators', {}))[0].id }));
    expect((await call(admin, 'cases:accept', { caseId: ids[0], acceptedOn: '2026-06-02' })).ok).toBe(false);
    // Search by name, ID number and phone: inputs that must never be logged.
    for (const p of PARTIES) ok(await call(admin, 'cases:list', { q: p.name }));

    // An internal error whose message (and a second line of it) holds the party's data.
    const original = handlers['cases:get'];
    try {
      (handlers as Record<string, unknown>)['cases:get'] = async () => {
        throw new Error(`无法读取${PARTIES[2].name}的案件\n身份证 ${PARTIES[2].idNumber} 电话 ${PARTIES[2].phone}`);
      };
      const r = await call(admin, 'cases:get', { id: ids[2] });
      expect(r.ok ? null : r.error.code).toBe('INTERNAL');
      expect(JSON.stringify(r)).not.toContain(PARTIES[2].name); // nor in the answer to the window
    } finally {
      (handlers as Record<string, unknown>)['cases:get'] = original;
    }
    // A careless line in the future: the redaction pass still masks ID numbers, phones and the marked strings.
    logger.info(`party ${PARTIES[1].idNumber} mobile ${PARTIES[1].phone} +86 ${PARTIES[0].phone}`);
    logger.info(`lookup ${PARTIES[0].name}`, [PARTIES[0].name]);

    // The crash-report path, in a real process: an unhandled rejection and an uncaught exception.
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, '../support/crash-report-child.ts'), logDir,
      PARTIES[1].name, PARTIES[1].idNumber, PARTIES[1].phone], { encoding: 'utf8' });
    expect(child.status).toBe(70);

    const bytes = logBytes();
    const text = bytes.toString('utf8');
    // Not vacuous: the log has the internal error, both crash reports, and rotated files.
    expect(text).toContain('[cases:get] Error');
    expect(text).toContain('crash unhandledRejection Error');
    expect(text).toContain('crash uncaughtException TypeError');
    expect(text).toContain('[身份证号]');
    expect(readdirSync(logDir).length).toBeGreaterThan(1);
    for (const secret of SECRETS) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `log holds ${secret}`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `log holds ${secret} (UTF-16)`).toBe(false);
    }
  });
});
