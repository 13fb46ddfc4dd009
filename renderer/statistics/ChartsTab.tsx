import { Alert, Card, Col, Row, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsReport, TrendPoint } from '../../shared/domain/statistics';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { usePreferences } from '../settings/preferences';
import { CATEGORIES, CHANNEL_BUCKETS, percent } from './figures';
import { EChart, type ChartOption } from './EChart';
import { monthOf, type UiPeriod } from './period';
import type { DrillTarget } from './DrillDrawer';

const COLOURS = ['#1f5fa8', '#2e9d5b', '#d4880f', '#8c4fb5', '#c4161c', '#138d90'];

interface Props {
  report: StatisticsReport;
  onDrill: (target: DrillTarget) => void;
}

interface Month { period: UiPeriod; point: TrendPoint }

/** 图表: the period's cases by category and by source, and the twelve months up to its end. Every mark opens its cases. */
export function ChartsTab({ report, onDrill }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { largeText } = usePreferences();
  const problemText = useProblemText();
  const [months, setMonths] = useState<Month[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { from, to } = report.period;
  const font = largeText ? 17 : 13;
  const text = { fontFamily: token.fontFamily, fontSize: font, color: '#1f1f1f' };

  // The twelve months up to the period's end, in one call (the core reads them in one transaction).
  useEffect(() => {
    let live = true;
    setMonths(null);
    setError(null);
    void api.call('stats:trend', { to: to.slice(0, 7), months: 12 }).then((r) => {
      if (!live) return;
      if (!r.ok) { setError(problemText(r.error)); setMonths([]); return; }
      setMonths(r.value.map((point) => ({ point, period: monthOf(Number(point.month.slice(0, 4)), Number(point.month.slice(5, 7))) })));
    });
    return () => { live = false; };
  }, [to, problemText]);

  const monthName = (p: UiPeriod) => t('statistics.charts.month', { year: p.from.slice(0, 4), month: Number(p.from.slice(5, 7)) });
  // Every category, zeros included, as the form has them.
  const categories = CATEGORIES;

  const byCategory: ChartOption = {
    textStyle: text,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: text },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: text },
    yAxis: { type: 'category', inverse: true, data: categories.map((c) => t(`categories.${c}`)), axisLabel: text },
    series: [{
      type: 'bar', name: t('statistics.charts.accepted'), data: categories.map((c) => report.accepted_by_category[c]),
      itemStyle: { color: COLOURS[0] }, label: { show: true, position: 'right', ...text }, cursor: 'pointer',
    }],
  };
  const bySource: ChartOption = {
    textStyle: text,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', textStyle: text },
    // Names and counts in the legend, counts inside the ring: outside labels get cut off in a narrow column.
    legend: {
      bottom: 0, textStyle: text,
      formatter: (name: string) => {
        const b = CHANNEL_BUCKETS.find((x) => t(`statistics.buckets.${x}`) === name);
        return b ? t('statistics.charts.legendCount', { name, n: report.accepted_by_bucket[b] }) : name;
      },
    },
    series: [{
      type: 'pie', radius: ['38%', '72%'], center: ['50%', '45%'], name: t('statistics.charts.bySource'),
      label: { position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), ...text, color: '#fff', fontWeight: 'bold' },
      data: CHANNEL_BUCKETS.map((b, i) => ({ name: t(`statistics.buckets.${b}`), value: report.accepted_by_bucket[b], itemStyle: { color: COLOURS[i + 1] } })),
    }],
  };
  const names = months?.map((m) => monthName(m.period)) ?? [];
  const trend: ChartOption = {
    textStyle: text,
    tooltip: { trigger: 'axis', textStyle: text },
    legend: { top: 0, textStyle: text },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { ...text, rotate: 45 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: text },
    series: [
      { type: 'line', name: t('statistics.charts.accepted'), data: months?.map((m) => m.point.accepted) ?? [], symbolSize: 10, itemStyle: { color: COLOURS[0] } },
      { type: 'line', name: t('statistics.charts.success'), data: months?.map((m) => m.point.success) ?? [], symbolSize: 10, itemStyle: { color: COLOURS[1] } },
    ],
  };
  const rate: ChartOption = {
    textStyle: text,
    tooltip: { trigger: 'axis', textStyle: text, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)} %` : t('common.empty')) },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { ...text, rotate: 45 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...text, formatter: '{value} %' } },
    series: [{
      type: 'line', name: t('statistics.charts.rateSeries'), connectNulls: false, symbolSize: 10, itemStyle: { color: COLOURS[2] },
      data: months?.map((m) => { const p = percent(m.point.success_rate); return p === null ? null : Number(p); }) ?? [],
    }],
  };

  const height = largeText ? 460 : 360;
  const monthDrill = (i: number, figure: string) => {
    const m = months?.[i];
    if (m) onDrill({ from: m.period.from, to: m.period.to, figure, title: `${monthName(m.period)} · ${t(`statistics.figures.${figure}`)}` });
  };
  return (
    <div data-testid="stats-charts">
      <Typography.Paragraph type="secondary">{t('statistics.charts.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={t('statistics.charts.trendFailed', { reason: error })} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={largeText ? 24 : 14}>
          <Card title={t('statistics.charts.byCategory')} size="small">
            <EChart option={byCategory} height={largeText ? 620 : 480} testId="chart-category" label={t('statistics.charts.byCategory')}
              onClick={(e) => onDrill({ from, to, figure: `accepted_by_category.${categories[e.dataIndex]}` })} />
          </Card>
        </Col>
        <Col xs={24} xl={largeText ? 24 : 10}>
          <Card title={t('statistics.charts.bySource')} size="small">
            <EChart option={bySource} height={largeText ? 620 : 480} testId="chart-source" label={t('statistics.charts.bySource')}
              onClick={(e) => onDrill({ from, to, figure: `accepted_by_bucket.${CHANNEL_BUCKETS[e.dataIndex]}` })} />
          </Card>
        </Col>
        <Col xs={24} xl={largeText ? 24 : 12}>
          <Card title={t('statistics.charts.trend')} size="small" loading={!months}>
            <EChart option={trend} height={height} testId="chart-trend" label={t('statistics.charts.trend')}
              onClick={(e) => monthDrill(e.dataIndex, e.seriesIndex === 1 ? 'success' : 'accepted')} />
          </Card>
        </Col>
        <Col xs={24} xl={largeText ? 24 : 12}>
          <Card title={t('statistics.charts.rate')} size="small" loading={!months}>
            <EChart option={rate} height={height} testId="chart-rate" label={t('statistics.charts.rate')}
              onClick={(e) => monthDrill(e.dataIndex, 'success_rate')} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
