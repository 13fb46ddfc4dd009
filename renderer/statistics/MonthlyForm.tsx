import { Descriptions, Flex, Typography, theme } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsReport } from '../../shared/domain/statistics';
import { useFormatDate, useFormatMoment } from '../lib/format';
import { usePreferences } from '../settings/preferences';
import { display, FORM_GROUPS, FORM_PREVENTED, isDrillable, OTHER_SECTIONS, SWEEP_FIGURES } from './figures';
import type { PeriodKind } from './period';
import { usePeriodLabel } from './use-period-label';

interface Props {
  report: StatisticsReport;
  kind: PeriodKind;
  /** Opens what a figure counts; without it (a frozen snapshot) the numbers are plain text. */
  onFigure?: (key: string) => void;
  /** Shown above the table (a frozen snapshot's stamp). */
  banner?: ReactNode;
  /** One table row each (the office: a row per committee and the total); without it, the one row of `report`. */
  rows?: { key: string; label: string; report: StatisticsReport }[];
}

/** i18n key of a column or figure label: key paths with their dots as underscores. */
const labelKey = (key: string) => `statistics.figures.${key.replace(/\./g, '_')}`;

/**
 * The Ministry's monthly form (业务工作情况) for the committee: grouped headers exactly as STATISTICS.md, one row,
 * then the other figures. The same component shows a frozen snapshot.
 */
export function MonthlyForm({ report, kind, onFigure, banner, rows }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  const periodLabel = usePeriodLabel();
  const { largeText } = usePreferences();

  const cell = (key: string, suffix = '', of: StatisticsReport = report): ReactNode => {
    const text = display(of, key);
    if (text === null) return <span className="stats-empty">{t('common.empty')}</span>;
    const value = `${text}${suffix}`;
    if (!onFigure) return <span data-figure={key}>{value}</span>;
    const label = SWEEP_FIGURES.has(key) ? t('statistics.form.toSweeps') : t('statistics.form.drill');
    return (
      <button type="button" className="stats-figure" data-figure={key} title={label} onClick={() => onFigure(key)}>
        {value}
      </button>
    );
  };
  const head = (key: string) => (key.startsWith('accepted_by_category.') ? t(`categories.${key.split('.')[1]}`) : t(`statistics.form.col.${key.replace(/\./g, '_')}`));
  const period = { kind, from: report.period.from, to: report.period.to };

  return (
    <Flex vertical gap="middle" className="stats-print-area" data-testid="stats-form" style={{ fontSize: token.fontSizeSM }}>
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="stats-form-title">
          {t(`statistics.reportTitle.${kind}`)}
        </Typography.Title>
        <Typography.Text>{t('statistics.form.caption')}</Typography.Text>
      </div>
      <Flex justify="space-between" wrap gap="small">
        <span data-testid="stats-form-committee">{t('statistics.form.committee', { name: report.committee.name, code: report.committee.code })}</span>
        <span data-testid="stats-form-period">
          {t('statistics.form.period', { label: periodLabel(period), from: formatDate(report.period.from), to: formatDate(report.period.to) })}
        </span>
        <span data-testid="stats-as-of">{t('statistics.form.asOf', { at: formatMoment(report.as_of) })}</span>
      </Flex>
      {banner}
      <div className="stats-form-scroll">
        <table className="stats-form" data-testid="stats-form-table">
          <thead>
            <tr>
              <th rowSpan={3} className="stats-unit">{t('statistics.form.unit')}</th>
              {FORM_GROUPS.map((g) => <th key={g.group} colSpan={g.columns.length}>{t(`statistics.form.groups.${g.group}`)}</th>)}
              <th colSpan={FORM_PREVENTED.length * 2}>{t('statistics.form.groups.prevent')}</th>
            </tr>
            <tr>
              {FORM_GROUPS.flatMap((g) => g.columns.map((c) => <th key={c} rowSpan={2} className="stats-col">{head(c)}</th>))}
              {FORM_PREVENTED.map((k) => <th key={k} colSpan={2} className="stats-col-wide">{t(`statistics.form.prevent.${k}`)}</th>)}
            </tr>
            <tr>
              {FORM_PREVENTED.map((k) => (
                <Fragment key={k}>
                  <th>{t('statistics.form.cases')}</th>
                  <th>{t('statistics.form.persons')}</th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {(rows ?? [{ key: report.committee.code, label: report.committee.name, report }]).map((row) => (
              <tr data-testid="stats-form-row" data-row={row.key} key={row.key}>
                <th scope="row" className="stats-unit">{row.label}</th>
                {FORM_GROUPS.flatMap((g) => g.columns.map((c) => <td key={c}>{cell(c, '', row.report)}</td>))}
                {FORM_PREVENTED.map((k) => (
                  <Fragment key={k}>
                    <td>{cell(`prevented.${k}.cases`, '', row.report)}</td>
                    <td>{cell(`prevented.${k}.persons`, '', row.report)}</td>
                  </Fragment>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {OTHER_SECTIONS.map((s) => (
        <Descriptions
          key={s.section}
          bordered
          size="small"
          column={largeText ? { xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 4 } : { xs: 1, sm: 2, md: 3, lg: 4, xl: 5, xxl: 5 }}
          title={t(`statistics.sections.${s.section}`)}
          data-testid={`stats-section-${s.section}`}
          items={s.keys.map((k) => ({
            key: k,
            label: t(labelKey(k)),
            children: isDrillable(k) || SWEEP_FIGURES.has(k)
              ? cell(k, k.endsWith('rate') ? ' %' : '')
              : <span data-figure={k}>{display(report, k) ?? t('common.empty')}</span>,
          }))}
        />
      ))}
    </Flex>
  );
}
