import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../lib/format';
import { LIFECYCLE_STEPS, lifecyclePosition } from '../lifecycle';
import type { CaseFile } from './context';

/** 登记 → 受理 → 调解 → 调结 → 结案 → 归档, each step with its date once reached. */
export function LifecycleSteps({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const c = file.case;
  const { current, state } = lifecyclePosition(c.status);
  const dates: (string | null)[] = [c.registeredOn, c.acceptedOn, null, c.concludedOn, c.closedOn, file.archivedOn];
  return (
    <div data-testid="case-lifecycle" data-current={current} data-state={state}>
      <Steps
        current={current}
        status={state}
        titlePlacement="vertical"
        items={LIFECYCLE_STEPS.map((s, i) => {
          const lines = [
            i === 3 && c.outcome ? t(`outcomes.${c.outcome}`) : null,
            i <= current && dates[i] ? formatDate(dates[i]) : null,
          ].filter(Boolean);
          return {
            title: c.status === 'rejected' && i === 1 ? t('cases.detail.notAccepted') : t(`lifecycle.${s}`),
            content: lines.length ? lines.map((l) => <div key={l}>{l}</div>) : undefined,
          };
        })}
      />
    </div>
  );
}
