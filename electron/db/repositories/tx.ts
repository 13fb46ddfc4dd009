import type { EntityManager } from 'typeorm';

/** The handle a repository works through: the manager of the operation's one transaction. */
export type Tx = EntityManager;
