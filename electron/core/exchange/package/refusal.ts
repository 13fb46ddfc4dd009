import type { Refusal } from '../../../../shared/domain/exchange';
import { AppFailure } from '../../errors';

const PREFIX = 'exchange.refused.';

/**
 * Why a package was refused (REFUSALS), as the failure the caller shows: key `exchange.refused.<refusal>.<detail>`
 * (one per distinct message, in shared/i18n/exchange.*.ts), a plain Chinese message, and the params that fill the
 * key's text: `t(key, params)` in zh-CN is exactly `message` (test/integration/exchange-refusal-text.test.ts).
 */
export const exchangeRefusal = (refusal: Refusal, detail: string, message: string, params: Record<string, string | number> = {}): AppFailure =>
  new AppFailure('VALIDATION', `${PREFIX}${refusal}.${detail}`, message, undefined, params);

/** The refusal code in an `exchange.refused.<refusal>.<detail>` key, or null when the key is not a refusal's. */
export function refusalOfKey(key: string): Refusal | null {
  return key.startsWith(PREFIX) ? (key.slice(PREFIX.length).split('.')[0] as Refusal) : null;
}

/** The refusal an error carries, or null when it is not one. */
export function refusalOf(e: unknown): Refusal | null {
  return e instanceof AppFailure ? refusalOfKey(e.key) : null;
}
