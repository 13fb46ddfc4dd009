import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/domain/money';
import type { PersonOption } from '../../../shared/domain/committee';
import { useFormatDate, useFormatMoment } from '../../lib/format';

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

export interface FieldChange {
  field: string; label: string; before: string; after: string;
  /** Unchanged, shown only to say which meeting the entry is about. */
  same?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A meeting's entry: scheduled ones have no before, yet each of their fields is worth showing. */
const isMeeting = (v: unknown): boolean => isRecord(v) && Object.keys(v).some((k) => k.startsWith('meeting_'));
// Meeting times arrive as ISO instants; people and parties as lists of names; clashes with their sentence.
const MOMENT_FIELDS = new Set(['meeting_starts_at', 'meeting_ends_at']);
/** A meeting's start and venue name it in an entry (a cancellation, a change of purpose) even when they stay. */
const MEETING_ID_FIELDS = new Set(['meeting_starts_at', 'meeting_venue']);
const nameOf = (x: unknown): string => (isRecord(x) && typeof x.name === 'string' ? x.name : isRecord(x) && typeof x.message === 'string' ? x.message : String(x));

/** The before → after of each case field an entry changed, in words. */
export function useFieldChanges(people: PersonOption[]): (before: unknown, after: unknown) => FieldChange[] {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  return useCallback((before, after) => {
    if (!isRecord(after)) return [];
    if (!isRecord(before) && !(isMeeting(after) && (before === null || before === undefined))) return [];
    const b = (isRecord(before) ? before : {});
    const a = after;
    const value = (field: string, v: unknown): string => {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('common.empty');
      if (MOMENT_FIELDS.has(field) && typeof v === 'string') return formatMoment(v);
      if (Array.isArray(v)) {
        return v.map(nameOf).join(t(field === 'clashes' ? 'scheduleSettings.history.clashSeparator' : 'scheduleSettings.history.listSeparator'));
      }
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
    const meeting = isMeeting(a);
    return Object.keys(a)
      .map((field) => ({ field, same: JSON.stringify(a[field]) === JSON.stringify(b[field]) }))
      .filter(({ field, same }) => field !== 'updated_at' && (!same || (meeting && MEETING_ID_FIELDS.has(field) && field in b)))
      .map(({ field, same }) => {
        const key = `caseWork.history.fields.${field}`;
        return { field, label: i18n.exists(key) ? t(key) : field, before: value(field, b[field]), after: value(field, a[field]), ...(same ? { same } : {}) };
      });
  }, [t, i18n, formatDate, formatMoment, people]);
}
