import { useEffect, useState } from 'react';
import type { PersonOption } from '../../shared/domain/committee';
import { api } from '../lib/api';

/** The people who may lead a case, for the mediator selects. */
export function useMediators(): PersonOption[] {
  const [mediators, setMediators] = useState<PersonOption[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('people:mediators', {}).then((r) => { if (live && r.ok) setMediators(r.value); });
    return () => { live = false; };
  }, []);
  return mediators;
}
