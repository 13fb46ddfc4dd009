import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/domain/dates';
import { api } from '../../lib/api';
import { useFormatDate } from '../../lib/format';
import { useCaseWork } from './context';
import { ymd } from './dates';
import { DateField } from './fields';
import { FormModal } from './FormModal';

/** 延长调解期限: a later date, with the parties' consent recorded. */
export function ExtendModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const w = useCaseWork();
  const due = w.file.case.dueOn;
  return (
    <FormModal<{ newDueOn: Dayjs; consent: string }, object>
      title={t('caseWork.extend.title')}
      testId="extend-modal"
      success={t('caseWork.extend.done')}
      onCancel={onClose}
      submit={(v) => api.call('cases:extend', { caseId: w.caseId, newDueOn: ymd(v.newDueOn), consent: v.consent })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Typography.Paragraph>{t('caseWork.extend.current', { date: formatDate(due) })}</Typography.Paragraph>
      <DateField name="newDueOn" label={t('caseWork.extend.newDate')} testId="extend-date" future
        min={due ? addDays(due, 1) : null} />
      <Form.Item name="consent" label={t('caseWork.extend.consent')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.extend.consentRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('caseWork.extend.consentPlaceholder')}
          data-testid="extend-consent" />
      </Form.Item>
    </FormModal>
  );
}
