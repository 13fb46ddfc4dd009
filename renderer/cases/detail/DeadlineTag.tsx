import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../../shared/domain/dates';
import { useFormatDate } from '../../lib/format';
import { daysBetween, urgencyOf } from './dates';

// Solid colours with white text: WCAG AA on both (UX.md: overdue red, due this week orange).
export const URGENT_RED = '#a8071a';
export const URGENT_ORANGE = '#ad4e00';

/** A tag for a deadline: red when past, orange when due this week, nothing otherwise. */
export function UrgencyTag({ due, testId }: { due: string; testId?: string }) {
  const { t } = useTranslation();
  const today = shanghaiDate();
  const urgency = urgencyOf(due, today);
  if (urgency === null) return null;
  const days = daysBetween(today, due);
  const text = urgency === 'overdue'
    ? t('caseWork.deadline.overdue', { days: -days })
    : days === 0 ? t('caseWork.deadline.today') : t('caseWork.deadline.inDays', { days });
  return (
    <Tag color={urgency === 'overdue' ? URGENT_RED : URGENT_ORANGE} style={{ marginInlineEnd: 0 }}
      data-testid={testId} data-urgency={urgency}>
      {text}
    </Tag>
  );
}

/** The date, and its tag when it is near or past. */
export function DeadlineTag({ due, testId }: { due: string | null; testId?: string }) {
  const formatDate = useFormatDate();
  if (!due) return <>{formatDate(null)}</>;
  return (
    <Space size="small" wrap>
      <span>{formatDate(due)}</span>
      <UrgencyTag due={due} testId={testId} />
    </Space>
  );
}
