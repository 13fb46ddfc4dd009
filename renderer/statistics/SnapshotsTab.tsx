import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Snapshot, SnapshotSummary } from '../../shared/domain/statistics';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatMoment } from '../lib/format';
import { TAG_COLOURS } from '../lib/tag-colours';
import { LogTable, useLoadedRows } from './LogTable';
import { MonthlyForm } from './MonthlyForm';
import { kindOf } from './period';
import { usePeriodLabel } from './use-period-label';

interface Props {
  /** Bumped after a freeze so the list shows it. */
  version: number;
  /** The snapshot open, or null for the list; kept by the page so the actions (CSV, print) know what is shown. */
  open: Snapshot | null;
  onOpen(s: Snapshot | null): void;
}

/** 已报送: reports frozen as sent or exported, each shown again exactly as it was frozen. */
export function SnapshotsTab({ version, open, onOpen }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const formatMoment = useFormatMoment();
  const periodLabel = usePeriodLabel();
  // A new loader when version changes: the list is loaded again after a freeze or an export.
  const load = useCallback(() => api.call('stats:snapshots', {}), [version]);
  const { rows, error, setError } = useLoadedRows(load);

  const show = useCallback(async (id: number) => {
    const r = await api.call('stats:snapshotGet', { id });
    if (r.ok) onOpen(r.value); else setError(problemText(r.error));
  }, [onOpen, problemText, setError]);

  const label = (s: { from: string; to: string }) => periodLabel({ kind: kindOf(s.from, s.to), from: s.from, to: s.to });

  if (open) {
    return (
      <Flex vertical gap="middle" data-testid="snapshot-view">
        <div className="stats-no-print">
          <Button icon={<ArrowLeftOutlined />} onClick={() => onOpen(null)} data-testid="snapshot-back">{t('statistics.snapshots.back')}</Button>
        </div>
        <MonthlyForm report={open.figures} kind={kindOf(open.from, open.to)} banner={(
          <Alert type="info" icon={<LockOutlined />} showIcon data-testid="snapshot-banner"
            title={t('statistics.snapshots.frozenBanner', {
              when: formatMoment(open.createdAt), who: open.createdBy ?? t('common.empty'), reason: t(`statistics.snapshots.reasons.${open.reason}`),
            })}
            description={<span className="stats-sha">{t('statistics.snapshots.sha', { sha: open.sha256 })}</span>} />
        )} />
      </Flex>
    );
  }
  return (
    <LogTable<SnapshotSummary>
      rows={rows}
      error={error}
      testId="snapshots-table"
      empty={t('statistics.snapshots.empty')}
      columns={[
        { key: 'period', title: t('statistics.snapshots.period'), render: (_, s) => label(s) },
        {
          key: 'reason', title: t('statistics.snapshots.reason'),
          render: (_, s) => <Tag style={s.reason === 'sent' ? TAG_COLOURS.green : TAG_COLOURS.blue}>{t(`statistics.snapshots.reasons.${s.reason}`)}</Tag>,
        },
        { key: 'createdAt', title: t('statistics.snapshots.createdAt'), render: (_, s) => formatMoment(s.createdAt) },
        { key: 'createdBy', title: t('statistics.snapshots.createdBy'), render: (_, s) => s.createdBy ?? t('common.empty') },
        { key: 'asOf', title: t('statistics.snapshots.asOf'), render: (_, s) => formatMoment(s.asOf) },
        { key: 'sha', title: 'SHA-256', render: (_, s) => <Typography.Text code title={s.sha256}>{s.sha256.slice(0, 12)}…</Typography.Text> },
        {
          key: 'open', title: '',
          render: (_, s) => <Button type="link" onClick={() => void show(s.id)} data-testid="snapshot-open">{t('statistics.snapshots.open')}</Button>,
        },
      ]}
    />
  );
}
