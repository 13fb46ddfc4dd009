import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/domain/money';
import type { PersonOption } from '../../../shared/domain/committee';
import { useFormatDate } from '../../lib/format';

/** Audit action codes (case.conclude.agreed) as i18n keys (caseWork.history.actions.conclude_agreed). */
export const actionKey = (action: string): string =>
  `caseWork.history.actions.${action.replace(/^case\./, '').replace(/\./g, '_')}`;

/** Reads, not changes: hidden unless asked for. */
export const READ_ACTIONS = new Set(['case.view', 'case.attachment.open']);

// Fields whose values are enumerations with labels of their own.
const ENUM_FIELDS: Record<string, string> = {
  status: 'statuses', outcome: 'outcomes', agreement_form: 'agreementForms', performance: 'performance',
  jc_status: 'jcStatuses', satisfaction: 'satisfaction', retention: 'caseWork.retention',
};

export interface FieldChange { field: string; label: string; before: string; after: string }

/** The before → after of each case field an entry changed, in words. */
export function useFieldChanges(people: PersonOption[]): (before: unknown, after: unknown) => FieldChange[] {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  return useCallback((before, after) => {
    if (typeof after !== 'object' || after === null || typeof before !== 'object' || before === null) return [];
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    const value = (field: string, v: unknown): string => {
      if (v === null || v === undefined || v === '') return t('common.empty');
      if (ENUM_FIELDS[field] && typeof v === 'string') {
        const key = `${ENUM_FIELDS[field]}.${v}`;
        return i18n.exists(key) ? t(key) : v;
      }
      if (field.endsWith('_on') && typeof v === 'string') return formatDate(v);
      if (field.endsWith('_fen') && typeof v === 'number') return formatFen(v);
      if (field === 'lead_mediator_id' && typeof v === 'number') return people.find((p) => p.id === v)?.name ?? `#${v}`;
      if (field === 'failure_routes' && typeof v === 'string') {
        try {
          return (JSON.parse(v) as string[]).map((r) => t(`caseWork.routes.${r}`)).join('、');
        } catch {
          return v;
        }
      }
      if (/^prevented_[a-z_]+$/.test(field) && !field.endsWith('_persons')) return v === 1 || v === true ? t('caseWork.history.yes') : t('caseWork.history.no');
      return String(v);
    };
    return Object.keys(a)
      .filter((f) => f !== 'updated_at' && JSON.stringify(a[f]) !== JSON.stringify(b[f]))
      .map((field) => {
        const key = `caseWork.history.fields.${field}`;
        return { field, label: i18n.exists(key) ? t(key) : field, before: value(field, b[field]), after: value(field, a[field]) };
      });
  }, [t, i18n, formatDate, people]);
}
