import type { AppError, ErrorCode, Issue } from '../../shared/ipc/result';

/**
 * A refusal the core means to give: it reaches the caller as a value with a Chinese message, and the i18n key with the
 * params that fill it (`t(key, params)` says the same in the reader's language).
 */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    message: string,
    readonly details?: Issue[],
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }

  toError(): AppError {
    return {
      code: this.code, key: this.key, message: this.message,
      ...(this.params ? { params: this.params } : {}), ...(this.details ? { details: this.details } : {}),
    };
  }
}

export const invalid = (details: Issue[]): AppFailure =>
  new AppFailure('VALIDATION', 'errors.VALIDATION',
    details.length === 1 ? details[0].message : `有${details.length}处填写有误：${details.map((d) => d.message).join('；')}`,
    details);

export const notFound = (what: string): AppFailure =>
  new AppFailure('NOT_FOUND', 'errors.NOT_FOUND', `${what}不存在或已被删除`);

export const badState = (message: string): AppFailure => new AppFailure('BAD_STATE', 'errors.BAD_STATE', message);
