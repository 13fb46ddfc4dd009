import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERFORMANCE_STATES } from '../../../shared/domain/enums';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { FormModal } from './FormModal';

type Performance = (typeof PERFORMANCE_STATES)[number];

/** 履行情况 of the agreement: urged by the committee, tracked as a field. */
export function PerformanceModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  return (
    <FormModal<{ performance: Performance; note?: string }, object>
      title={t('caseWork.performance.title')}
      testId="performance-modal"
      success={t('caseWork.performance.done')}
      initialValues={{ performance: w.file.agreement?.performance }}
      onCancel={onClose}
      submit={(v) => api.call('cases:performance', { caseId: w.caseId, performance: v.performance, note: v.note?.trim() || undefined })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Form.Item name="performance" label={t('caseWork.performance.label')}
        rules={[{ required: true, message: t('caseWork.performance.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="performance-value"
          options={PERFORMANCE_STATES.map((p) => ({ value: p, label: t(`performance.${p}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('caseWork.performance.note')} extra={t('caseWork.performance.noteHelp')}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="performance-note" />
      </Form.Item>
    </FormModal>
  );
}
