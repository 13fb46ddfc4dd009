import type { Refusal } from '../../../../shared/domain/exchange';
import { AppFailure } from '../../errors';

/** Why a package was refused (REFUSALS), as the failure the caller shows: key `exchange.refused.<refusal>`, a plain Chinese message. */
export const exchangeRefusal = (refusal: Refusal, message: string): AppFailure =>
  new AppFailure('VALIDATION', `exchange.refused.${refusal}`, message);

/** The refusal an error carries, or null when it is not one. */
export function refusalOf(e: unknown): Refusal | null {
  if (!(e instanceof AppFailure) || !e.key.startsWith('exchange.refused.')) return null;
  return e.key.slice('exchange.refused.'.length) as Refusal;
}
