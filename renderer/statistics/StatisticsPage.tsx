import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined, ImportOutlined, LockOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { roleHas } from '../../shared/domain/permissions';
import type { Snapshot, StatisticsReport } from '../../shared/domain/statistics';
import { useSignedIn } from '../auth/session';
import { api, isDesktop } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { ChartsTab } from './ChartsTab';
import { download } from './download';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { SWEEP_FIGURES } from './figures';
import { MediatorsTab } from './MediatorsTab';
import { MonthlyForm } from './MonthlyForm';
import { lastMonth, periodFromSearch, type UiPeriod } from './period';
import { PeriodPicker } from './PeriodPicker';
import { SnapshotsTab } from './SnapshotsTab';
import { SweepsTab } from './SweepsTab';
import { usePeriodLabel } from './use-period-label';
import './statistics.css';

const TABS = ['form', 'charts', 'mediators', 'sweeps', 'snapshots'] as const;
type Tab = (typeof TABS)[number];

/** 统计: the monthly form, charts, mediators, the sweep log and the reports sent, for a month, quarter, year or range. */
export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const periodLabel = usePeriodLabel();
  const canWrite = roleHas(user.role, 'stats.write');
  const [search, setSearch] = useSearchParams();

  const period: UiPeriod = useMemo(() => periodFromSearch(search) ?? lastMonth(), [search]);
  const tab: Tab = TABS.find((x) => x === search.get('tab')) ?? 'form';
  const setParams = useCallback((p: UiPeriod, nextTab: Tab) => {
    setSearch({ kind: p.kind, from: p.from, to: p.to, tab: nextTab }, { replace: true });
  }, [setSearch]);

  const [report, setReport] = useState<StatisticsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [snapshotsVersion, setSnapshotsVersion] = useState(0);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    void api.call('stats:report', { from: period.from, to: period.to }).then((r) => {
      if (!live) return;
      if (r.ok) setReport(r.value); else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [period.from, period.to, version, problemText]);

  const figureTitle = useCallback((key: string): string | undefined => {
    const flat = `statistics.figures.${key.replace(/\./g, '_')}`;
    const [head, part, sub] = key.split('.');
    let name: string | undefined;
    if (i18n.exists(flat)) name = t(flat);
    else if (head === 'accepted_by_category') name = `${t('statistics.figures.accepted')} · ${t(`categories.${part}`)}`;
    else if (head === 'accepted_by_bucket') name = `${t('statistics.figures.accepted')} · ${t(`statistics.buckets.${part}`)}`;
    else if (head === 'prevented') name = `${t(`statistics.form.prevent.${part}`)}（${t(`statistics.form.${sub}`)}）`;
    return name && `${periodLabel(period)} · ${name}`;
  }, [t, i18n, periodLabel, period]);

  const onFigure = useCallback((key: string, title?: string) => {
    if (SWEEP_FIGURES.has(key)) { setParams(period, 'sweeps'); return; }
    setDrill({ from: period.from, to: period.to, figure: key, title: title ? `${periodLabel(period)} · ${title}` : figureTitle(key) });
  }, [period, setParams, periodLabel, figureTitle]);

  const exportCsv = async () => {
    setBusy('csv');
    const r = await api.call('stats:csv', tab === 'snapshots' && snapshot ? { snapshotId: snapshot.id } : { from: period.from, to: period.to });
    setBusy(null);
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    download(r.value.fileName, r.value.csv, 'text/csv;charset=utf-8');
    void message.success(t('statistics.actions.exported', { file: r.value.fileName }));
  };

  const exportXlsx = async () => {
    setBusy('xlsx');
    const r = await api.call('stats:exportXlsx', { from: period.from, to: period.to });
    setBusy(null);
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    // The desktop has written the file where the user chose (or the dialog was cancelled: nothing frozen); the
    // preview sends the bytes, downloaded as a browser does.
    if (r.value.contentBase64 !== undefined) {
      const bytes = Uint8Array.from(atob(r.value.contentBase64), (c) => c.charCodeAt(0));
      download(r.value.fileName, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } else if (!r.value.saved) return;
    void message.success(t('statistics.actions.exported', { file: r.value.fileName }));
    // Exporting freezes the report as exported: 已报送 lists it.
    setSnapshotsVersion((v) => v + 1);
  };

  // 存为PDF (the desktop app): the open snapshot as it is, else the period's report, frozen as exported first.
  const savePdf = async () => {
    setBusy('pdf');
    const openSnapshot = tab === 'snapshots' && snapshot;
    const r = await api.call('stats:savePdf', openSnapshot ? { snapshotId: snapshot.id } : { from: period.from, to: period.to });
    setBusy(null);
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    if (r.value.saved) void message.success(t('statistics.actions.pdfSaved', { file: r.value.fileName }));
    if (!openSnapshot) setSnapshotsVersion((v) => v + 1);
  };

  const print = () => {
    // Prints the form on screen (a frozen snapshot when one is open); the print stylesheet hides the rest.
    if (!(tab === 'snapshots' && snapshot) && tab !== 'form') setParams(period, 'form');
    setTimeout(() => window.print(), 300);
  };

  // Ctrl+P prints the form on screen (UX.md, Keyboard), not the whole window.
  const printRef = useRef(print);
  useEffect(() => { printRef.current = print; });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        printRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const freeze = () => {
    modal.confirm({
      title: t('statistics.actions.freezeTitle', { period: periodLabel(period) }),
      content: t('statistics.actions.freezeContent'),
      okText: t('statistics.actions.freezeOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'freeze-ok' },
      onOk: async () => {
        const r = await api.call('stats:snapshot', { from: period.from, to: period.to, reason: 'sent' });
        if (!r.ok) { void message.error(problemText(r.error)); return; }
        void message.success(t('statistics.actions.frozen', { period: periodLabel(period) }));
        setSnapshotsVersion((v) => v + 1);
      },
    });
  };

  const body = (node: (r: StatisticsReport) => ReactNode) => {
    if (error) {
      return <Alert type="error" showIcon title={t('statistics.reportFailed', { period: periodLabel(period) })} description={error} data-testid="stats-error" />;
    }
    if (!report) return <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>;
    return node(report);
  };

  return (
    <Flex vertical gap="middle" data-testid="statistics-page">
      <Flex justify="space-between" align="center" wrap gap="middle" className="stats-no-print">
        <Space wrap size="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('statistics.title')}</Typography.Title>
          <PeriodPicker value={period} onChange={(p) => { setSnapshot(null); setParams(p, tab); }} />
        </Space>
        <Space wrap>
          {canWrite && (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/statistics/import')} data-testid="stats-import">
              {t('statistics.actions.import')}
            </Button>
          )}
          {canWrite && (
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void exportXlsx()} disabled={!report}
              data-testid="stats-xlsx">
              {t('statistics.actions.excel')}
            </Button>
          )}
          <Button icon={<FileTextOutlined />} loading={busy === 'csv'} onClick={() => void exportCsv()} data-testid="stats-csv"
            disabled={!report && !snapshot}>
            {t('statistics.actions.csv')}
          </Button>
          {canWrite && isDesktop() && (
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void savePdf()} disabled={!report && !snapshot}
              data-testid="stats-pdf">
              {t('statistics.actions.pdf')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={print} disabled={!report && !snapshot} data-testid="stats-print">{t('statistics.actions.print')}</Button>
          {canWrite && (
            <Button type="primary" icon={<LockOutlined />} onClick={freeze} disabled={!report} data-testid="stats-freeze">
              {t('statistics.actions.freeze')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(period, k as Tab)}
          destroyOnHidden
          data-testid="stats-tabs"
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`stats-tab-${k}`}>{t(`statistics.tabs.${k}`)}</span>,
            children: k === 'form' ? body((r) => <MonthlyForm report={r} kind={period.kind} onFigure={onFigure} />)
              : k === 'charts' ? body((r) => <ChartsTab report={r} onDrill={setDrill} />)
                : k === 'mediators' ? body((r) => <MediatorsTab report={r} onFigure={onFigure} />)
                  : k === 'sweeps' ? <SweepsTab from={period.from} to={period.to} canWrite={canWrite} onChanged={() => setVersion((v) => v + 1)} />
                    : <SnapshotsTab version={snapshotsVersion} open={snapshot} onOpen={setSnapshot} />,
          }))}
        />
      </Card>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Flex>
  );
}
