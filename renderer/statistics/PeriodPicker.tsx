import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { monthOf, PERIOD_KINDS, periodAround, quarterOf, yearOf, type PeriodKind, type UiPeriod } from './period';

/** 月 · 季 · 年 · 自定义, and the month, quarter, year or days it covers. */
export function PeriodPicker({ value, onChange }: { value: UiPeriod; onChange(p: UiPeriod): void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const from = dayjs(value.from);
  const size = 'large' as const;
  return (
    <Space wrap data-testid="period-picker">
      <Segmented<PeriodKind>
        size={size}
        value={value.kind}
        data-testid="period-kind"
        options={PERIOD_KINDS.map((k) => ({ value: k, label: <span data-testid={`period-kind-${k}`}>{t(`statistics.periodKinds.${k}`)}</span> }))}
        onChange={(k) => onChange(periodAround(k, value.from, value))}
      />
      {value.kind === 'month' && (
        <DatePicker picker="month" size={size} allowClear={false} value={from} format={zh ? 'YYYY年M月' : 'YYYY-MM'} data-testid="period-month"
          onChange={(d) => d && onChange(monthOf(d.year(), d.month() + 1))} />
      )}
      {value.kind === 'quarter' && (
        <DatePicker picker="quarter" size={size} allowClear={false} value={from} format={zh ? 'YYYY年第Q季度' : 'YYYY-[Q]Q'} data-testid="period-quarter"
          onChange={(d) => d && onChange(quarterOf(d.year(), Math.floor(d.month() / 3) + 1))} />
      )}
      {value.kind === 'year' && (
        <DatePicker picker="year" size={size} allowClear={false} value={from} format={zh ? 'YYYY年' : 'YYYY'} data-testid="period-year"
          onChange={(d) => d && onChange(yearOf(d.year()))} />
      )}
      {value.kind === 'range' && (
        <DatePicker.RangePicker size={size} allowClear={false} value={[from, dayjs(value.to)]} format={zh ? 'YYYY年M月D日' : 'YYYY-MM-DD'}
          data-testid="period-range"
          onChange={(r) => r?.[0] && r[1] && onChange({ kind: 'range', from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })} />
      )}
    </Space>
  );
}
