import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { compareCodePoints, type StatisticsReport } from '../../shared/domain/statistics';
import { percent } from './figures';

type Row = StatisticsReport['by_mediator'][number] & { rate: number | null };

/** 按调解员: each lead mediator's accepted and successful cases in the period; the numbers open their cases. */
export function MediatorsTab({ report, onFigure }: { report: StatisticsReport; onFigure: (key: string, title: string) => void }) {
  const { t } = useTranslation();
  const rows: Row[] = report.by_mediator.map((m) => ({ ...m, rate: m.accepted ? Math.round((m.success / m.accepted) * 10_000) / 10_000 : null }));
  const num = (m: Row, field: 'accepted' | 'success') => (
    <button type="button" className="stats-figure" data-figure={`by_mediator.${m.id}.${field}`}
      onClick={() => onFigure(`by_mediator.${m.id}.${field}`, `${m.name} · ${t(`statistics.mediators.${field}`)}`)}>
      {m[field]}
    </button>
  );
  return (
    <>
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        data-testid="stats-mediators"
        locale={{ emptyText: t('statistics.mediators.empty') }}
        columns={[
          { key: 'name', title: t('statistics.mediators.name'), dataIndex: 'name', sorter: (a, b) => compareCodePoints(a.name, b.name) || a.id - b.id },
          { key: 'accepted', title: t('statistics.mediators.accepted'), align: 'right', sorter: (a, b) => a.accepted - b.accepted, render: (_, m) => num(m, 'accepted') },
          { key: 'success', title: t('statistics.mediators.success'), align: 'right', sorter: (a, b) => a.success - b.success, render: (_, m) => num(m, 'success') },
          {
            key: 'rate', title: t('statistics.mediators.rate'), align: 'right',
            sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
            render: (_, m) => (m.rate === null ? t('common.empty') : `${percent(m.rate)} %`),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('statistics.mediators.rateNote')}</Typography.Paragraph>
    </>
  );
}
