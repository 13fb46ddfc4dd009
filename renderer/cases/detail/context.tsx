import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { PersonOption } from '../../../shared/domain/committee';
import type { Output } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/result';
import { api } from '../../lib/api';

export type CaseFile = Output<'cases:file'>;
export type CaseChecks = Output<'cases:checks'>;
export type CaseHistory = Output<'cases:history'>;
export type ConflictCheck = CaseChecks['conflictChecks'][number];
export type Recusal = CaseChecks['recusals'][number];
export type ConflictHit = ConflictCheck['hits'][number];

/** A conflict-of-interest check waiting for its decision (回避 or 继续参与). */
export interface OpenConflict {
  checkId: number;
  /** Known from the checks once reloaded. */
  personName?: string;
  hits: ConflictHit[];
}

export interface CaseData {
  file: CaseFile;
  checks: CaseChecks;
  history: CaseHistory;
}

/** The case file, its checks and its history, loaded together and reloaded after every step. */
export function useCaseData(id: number) {
  const [data, setData] = useState<CaseData | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const n = ++seq.current;
    const [file, checks, history] = await Promise.all([
      api.call('cases:file', { id }), api.call('cases:checks', { id }), api.call('cases:history', { id }),
    ]);
    if (n !== seq.current) return;
    const failed = [file, checks, history].find((r) => !r.ok);
    if (failed && !failed.ok) {
      setError(failed.error);
      return;
    }
    if (file.ok && checks.ok && history.ok) {
      setError(null);
      setData({ file: file.value, checks: checks.value, history: history.value });
    }
  }, [id]);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!Number.isInteger(id) || id <= 0) {
      setError({ code: 'NOT_FOUND', key: 'errors.NOT_FOUND', message: '' });
      return;
    }
    void load();
    return () => { seq.current++; };
  }, [id, load]);

  return { data, error, reload: load };
}

/** The committee's people (helpers and mediators), for choosing team members. */
export function usePeople(): { people: PersonOption[]; mediators: PersonOption[] } {
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [mediators, setMediators] = useState<PersonOption[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('people:list', {}).then((r) => { if (live && r.ok) setPeople(r.value); });
    void api.call('people:mediators', {}).then((r) => { if (live && r.ok) setMediators(r.value); });
    return () => { live = false; };
  }, []);
  return { people, mediators };
}

export interface CaseWork extends CaseData {
  caseId: number;
  /** Whether the signed-in user may change cases (the core checks it anyway). */
  canWrite: boolean;
  people: PersonOption[];
  mediators: PersonOption[];
  reload(): Promise<void>;
  /** Shows the decision every conflict hit needs. */
  showConflict(c: OpenConflict): void;
}

const CaseWorkContext = createContext<CaseWork | null>(null);
export const CaseWorkProvider = CaseWorkContext.Provider;

export function useCaseWork(): CaseWork {
  const c = useContext(CaseWorkContext);
  if (!c) throw new Error('useCaseWork outside CaseWorkProvider');
  return c;
}
