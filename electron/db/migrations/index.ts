import { Init1764201600000 } from './0001-init';
import { Lifecycle1764288000000 } from './0002-lifecycle';
import { Search1764374400000 } from './0003-search';
import { TermPerformance1764460800000 } from './0004-term-performance';
import { Scheduling1764547200000 } from './0005-scheduling';
import { Statistics1764633600000 } from './0006-statistics';
import { LocalCategories1764720000000 } from './0007-local-categories';
import { Exchange1764806400000 } from './0008-exchange';
import { Office1764892800000 } from './0009-office';
import { Accounts1764979200000 } from './0010-accounts';
import { LazyRevisions1765324800000 } from './0013-lazy-revisions';
import { OfficeDetailIndexes1765411200000 } from './0014-office-detail-indexes';
import { OfficeCityIndexes1765497600000 } from './0015-office-city-indexes';
import { OfficeUnlinkedCases1765584000000 } from './0016-office-unlinked-cases';

/** Explicit, ordered: never a glob, never synchronize. */
export const MIGRATIONS = [
  Init1764201600000,
  Lifecycle1764288000000,
  Search1764374400000,
  TermPerformance1764460800000,
  Scheduling1764547200000,
  Statistics1764633600000,
  LocalCategories1764720000000,
  Exchange1764806400000,
  Office1764892800000,
  Accounts1764979200000,
  LazyRevisions1765324800000,
  OfficeDetailIndexes1765411200000,
  OfficeCityIndexes1765497600000,
  OfficeUnlinkedCases1765584000000,
];
