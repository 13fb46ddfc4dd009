import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { FormModal } from './FormModal';
import { ReasonInput } from './ReasonInput';

/** 不予受理 (Art 17): outside scope, a party refuses, or a court/police/agency already has it. */
export function RejectModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  return (
    <FormModal<{ reason: string }, object>
      title={t('caseWork.reject.title')}
      testId="reject-modal"
      okText={t('caseWork.reject.ok')}
      danger
      success={t('caseWork.reject.done')}
      onCancel={onClose}
      submit={(v) => api.call('cases:reject', { caseId: w.caseId, reason: v.reason })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Form.Item name="reason" label={t('caseWork.reject.reason')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.reject.reasonRequired') }]}>
        <ReasonInput testId="reject-reason" maxLength={500}
          choices={[t('caseWork.reject.outOfScope'), t('caseWork.reject.partyRefuses'), t('caseWork.reject.handledElsewhere')]} />
      </Form.Item>
    </FormModal>
  );
}
