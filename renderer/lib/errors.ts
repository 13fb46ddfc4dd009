import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ID_TYPES } from '../../shared/domain/enums';
import { ID_TYPE_ZH } from '../../shared/domain/identity';

export interface Problem {
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * Text for an error or issue from the core or a domain check: `t(key, params)` when the key is known,
 * otherwise the Chinese message it came with.
 */
export function useProblemText(): (p: Problem) => string {
  const { t, i18n } = useTranslation();
  return useCallback((p: Problem) => {
    if (!p.key || !i18n.exists(p.key)) return p.message;
    const params: Record<string, string | number> = { ...p.params };
    // Document types arrive as Chinese names; show them in the reader's language.
    for (const [k, v] of Object.entries(params)) {
      const type = ID_TYPES.find((id) => ID_TYPE_ZH[id] === v);
      if (type) params[k] = t(`idTypes.${type}`);
    }
    return t(p.key, params);
  }, [t, i18n]);
}
