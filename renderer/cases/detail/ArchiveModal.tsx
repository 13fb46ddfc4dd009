import { Form, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RETENTIONS } from '../../../shared/domain/case-file';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DateField } from './fields';
import { FormModal } from './FormModal';

type Retention = (typeof RETENTIONS)[number];

/** 归档, with the retention period (保管期限) the committee sets. */
export function ArchiveModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  return (
    <FormModal<{ archivedOn: Dayjs; retention: Retention }, object>
      title={t('caseWork.archive.title')}
      testId="archive-modal"
      okText={t('caseWork.archive.ok')}
      success={t('caseWork.archive.done')}
      initialValues={{ archivedOn: todayPicker() }}
      onCancel={onClose}
      submit={(v) => api.call('cases:archive', { caseId: w.caseId, archivedOn: ymd(v.archivedOn), retention: v.retention })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <DateField name="archivedOn" label={t('caseWork.archive.date')} testId="archive-date" min={w.file.case.closedOn} />
      <Form.Item name="retention" label={t('caseWork.archive.retention')} extra={t('caseWork.archive.retentionHelp')}
        rules={[{ required: true, message: t('caseWork.archive.retentionRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="archive-retention"
          options={RETENTIONS.map((r) => ({ value: r, label: t(`caseWork.retention.${r}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
