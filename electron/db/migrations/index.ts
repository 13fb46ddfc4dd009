import { Init1764201600000 } from './0001-init';

/** Explicit, ordered: never a glob, never synchronize. */
export const MIGRATIONS = [Init1764201600000];
