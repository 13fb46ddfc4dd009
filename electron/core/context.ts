import type { Role } from '../../shared/domain/enums';

/** Who is acting: the signed-in user, as the dispatcher established. */
export interface Actor {
  userId: number;
  personId: number | null;
  role: Role;
  displayName: string;
}

export type Clock = () => Date;
