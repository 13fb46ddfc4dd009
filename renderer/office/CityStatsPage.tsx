import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Select, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitteeFigures, OfficeStats, OfficeStatus } from '../../shared/domain/office';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { usePreferences } from '../settings/preferences';
import { download } from '../statistics/download';
import { MonthlyForm } from '../statistics/MonthlyForm';
import { lastMonth } from '../statistics/period';
import { fromBase64 } from '../exchange/export-job';
import '../statistics/statistics.css';

type Difference = CommitteeFigures['differences'][number];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CITY = '';

/** 全市统计: any month, city-wide (a row per committee and the total) or one committee, checked against the packages' own figures. */
export function CityStatsPage({ status }: { status: OfficeStatus | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { largeText } = usePreferences();
  const problemText = useProblemText();
  const [month, setMonth] = useState(() => lastMonth().from.slice(0, 7));
  const [committee, setCommittee] = useState<string>(CITY);
  const [stats, setStats] = useState<OfficeStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const input = { month, committee: committee || undefined };

  useEffect(() => {
    let live = true;
    setStats(null);
    setError(null);
    void api.call('office:stats', { month, committee: committee || undefined }).then((r) => {
      if (!live) return;
      if (r.ok) setStats(r.value);
      else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [month, committee, problemText]);

  const exportXlsx = async () => {
    setExporting(true);
    const r = await api.call('office:exportXlsx', input);
    setExporting(false);
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    download(r.value.fileName, fromBase64(r.value.contentBase64), XLSX);
    void message.success(t('office.stats.exported', { name: r.value.fileName }));
  };

  const size = largeText ? 'large' : 'middle';
  const rows = stats && stats.scope === 'city'
    ? [...stats.committees.map((c) => ({ key: c.code, label: c.name, report: c.report })), { key: 'total', label: t('office.stats.total'), report: stats.report }]
    : undefined;
  const checked = stats?.committees ?? [];

  return (
    <Flex vertical gap={16} data-testid="office-stats-page">
      <Flex align="center" justify="space-between" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('office.stats.title')}</Typography.Title>
        <Flex gap={12} wrap align="center">
          <DatePicker
            picker="month" size={size} allowClear={false} value={dayjs(`${month}-01`)} format={i18n.language === 'en' ? 'YYYY-MM' : 'YYYY年M月'}
            onChange={(d) => { if (d) setMonth(d.format('YYYY-MM')); }} data-testid="office-stats-month" aria-label={t('office.stats.month')}
          />
          <Select
            size={size} value={committee} onChange={setCommittee} style={{ minWidth: 260 }} data-testid="office-stats-scope" aria-label={t('office.stats.scope')}
            options={[{ value: CITY, label: t('office.stats.city') }, ...(status?.committees ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))]}
          />
          <Button size={size} icon={<FileExcelOutlined />} loading={exporting} disabled={!stats} onClick={() => void exportXlsx()} data-testid="office-stats-xlsx">
            {t('office.stats.exportXlsx')}
          </Button>
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="office-stats-error" />}
      {!stats && !error && <Spin />}
      {stats && (status?.committees.length ?? 0) === 0 && <Empty description={t('office.stats.empty')} />}
      {stats && (
        <Card size="small">
          <MonthlyForm report={stats.report} kind="month" rows={rows} />
        </Card>
      )}
      {stats && checked.length > 0 && <Checks committees={checked} />}
    </Flex>
  );
}

/** Where the office's recomputation differs from each committee's own statistics.json for the month. */
function Checks({ committees }: { committees: CommitteeFigures[] }) {
  const { t, i18n } = useTranslation();
  // The figure's name in the reader's language where the statistics screen has one; the core's Chinese label otherwise.
  const labelOf = (d: Difference) => {
    const key = `statistics.figures.${d.key.replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key) : d.label;
  };
  const differing = committees.filter((c) => c.packageReport && c.differences.length > 0);
  const missing = committees.filter((c) => !c.packageReport);
  return (
    <Flex vertical gap={12} data-testid="office-stats-checks">
      {differing.length === 0 && missing.length < committees.length && (
        <Alert type="success" showIcon title={t('office.stats.consistent')} data-testid="office-stats-consistent" />
      )}
      {missing.map((c) => <Alert key={c.code} type="info" showIcon title={t('office.stats.noPackageReport', { name: c.name })} />)}
      {differing.map((c) => (
        <Alert
          key={c.code} type="warning" showIcon data-testid="office-stats-differences"
          title={t('office.stats.differencesTitle', { name: c.name, count: c.differences.length })}
          description={(
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('office.stats.differencesHint')}</Typography.Text>
              {c.packageFile && <Typography.Text type="secondary">{t('office.stats.packageFile', { file: c.packageFile })}</Typography.Text>}
              <Table<Difference>
                size="small" rowKey="key" dataSource={c.differences} pagination={c.differences.length > 15 ? { pageSize: 15 } : false}
                columns={[
                  { title: t('office.stats.col.figure'), key: 'label', render: (_, d) => labelOf(d) },
                  { title: t('office.stats.col.office'), dataIndex: 'office', align: 'right', render: (v: Difference['office']) => v ?? t('common.empty') },
                  { title: t('office.stats.col.package'), dataIndex: 'package', align: 'right', render: (v: Difference['package']) => v ?? t('common.empty') },
                ]}
              />
            </Flex>
          )}
        />
      ))}
    </Flex>
  );
}
