import { Alert, Drawer, Flex, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DrillDown, DrillRow } from '../../shared/domain/statistics';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';
import { reportCategoryText } from '../cases/categories';

export interface DrillTarget { from: string; to: string; figure: string; title?: string }

/** 分 → 万元, half up to 2 decimals in whole numbers (1,005,000 fen is 1.01, as the report rounds it, not 1.00). */
function fenToWanText(fen: number): string {
  const hundredths = Math.floor((fen + 5_000) / 10_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** 分 → 元 with grouping: ¥12,345.00 (UX.md). */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The cases a figure counts (stats:cases): exactly as many rows as the figure, each linking to its case. */
export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const formatDate = useFormatDate();
  const [data, setData] = useState<DrillDown | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!target) return;
    let live = true;
    setData(null);
    setError(null);
    void api.call('stats:cases', { from: target.from, to: target.to, figure: target.figure }).then((r) => {
      if (!live) return;
      if (r.ok) setData(r.value); else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [target, problemText]);

  const total = data?.cases.reduce((s, c) => s + c.value, 0) ?? 0;
  const summary = !data ? '' : data.kind === 'count'
    ? t('statistics.drill.count', { n: data.cases.length })
    : data.kind === 'rate'
      ? t('statistics.drill.rate', { n: data.cases.length, hits: total })
      : data.unit === 'fen'
        ? t('statistics.drill.sumMoney', { n: data.cases.length, yuan: yuan(total), wan: fenToWanText(total) })
        : t('statistics.drill.sumPersons', { n: data.cases.length, total });

  const valueTitle = data?.kind === 'rate' ? t('statistics.drill.valueRate') : data?.unit === 'fen' ? t('statistics.drill.valueFen') : t('statistics.drill.valuePerson');
  return (
    <Drawer open={target !== null} onClose={onClose} size="min(1100px, 92vw)" destroyOnHidden data-testid="drill-drawer"
      title={<span data-testid="drill-title">{target?.title ?? data?.label ?? ''}</span>}>
      <Flex vertical gap="middle">
        {error && <Alert type="error" showIcon title={error} data-testid="drill-error" />}
        {data && (
          <Typography.Text strong data-testid="drill-count" data-count={data.cases.length}>
            {t('statistics.drill.period', { from: formatDate(target?.from), to: formatDate(target?.to) })}{' · '}{summary}
          </Typography.Text>
        )}
        <Table<DrillRow>
          rowKey="id"
          size="small"
          loading={!data && !error}
          dataSource={data?.cases ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="drill-table"
          locale={{ emptyText: t('statistics.drill.empty') }}
          columns={[
            { key: 'caseNo', title: t('statistics.drill.caseNo'), render: (_, c) => <Link to={`/cases/${c.id}`} data-testid="drill-case">{c.caseNo}</Link> },
            { key: 'applicants', title: t('statistics.drill.applicants'), render: (_, c) => c.applicants || t('common.empty') },
            { key: 'category', title: t('statistics.drill.category'), render: (_, c) => reportCategoryText(t, c.category, c.localCategory) },
            { key: 'channel', title: t('statistics.drill.channel'), render: (_, c) => t(`channels.${c.channel}`) },
            { key: 'registeredOn', title: t('statistics.drill.registeredOn'), render: (_, c) => formatDate(c.registeredOn) },
            { key: 'acceptedOn', title: t('statistics.drill.acceptedOn'), render: (_, c) => formatDate(c.acceptedOn) },
            { key: 'concludedOn', title: t('statistics.drill.concludedOn'), render: (_, c) => formatDate(c.concludedOn) },
            { key: 'status', title: t('statistics.drill.status'), render: (_, c) => t(`statuses.${c.status}`) },
            { key: 'lead', title: t('statistics.drill.leadMediator'), render: (_, c) => c.leadMediator ?? t('common.empty') },
            ...(data && data.kind !== 'count' ? [{
              key: 'value', title: valueTitle, align: 'right' as const,
              render: (_: unknown, c: DrillRow) => (data.kind === 'rate' ? (c.value ? t('statistics.drill.yes') : t('statistics.drill.no')) : data.unit === 'fen' ? yuan(c.value) : c.value),
            }] : []),
          ]}
        />
      </Flex>
    </Drawer>
  );
}
