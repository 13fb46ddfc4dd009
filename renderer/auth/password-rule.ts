import type { Rule } from 'antd/es/form';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_RULE, passwordProblems } from '../../shared/domain/accounts';

/** The shared password rule as a form rule: the message lists what is missing, as the core's would. */
export function usePasswordRule(): (username: () => string | undefined) => Rule {
  const { t } = useTranslation();
  return useCallback((username) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!value) throw new Error(t('accounts.password.required'));
      const problems = passwordProblems(value, username());
      if (problems.length) {
        const missing = problems.map((p) => t(`accounts.password.problems.${p}`, { min: PASSWORD_RULE.min, strongMin: PASSWORD_RULE.strongMin }));
        throw new Error(t('accounts.password.missing', { missing: missing.join('；') }));
      }
    },
  }), [t]);
}

/** The rule in one sentence, for a field's help text. */
export function usePasswordHelp(): string {
  const { t } = useTranslation();
  return t('accounts.password.rule', { min: PASSWORD_RULE.min, strongMin: PASSWORD_RULE.strongMin });
}
