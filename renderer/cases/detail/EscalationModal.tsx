import { Checkbox, Col, Form, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { ymd } from './dates';
import { DateField } from './fields';
import { FormModal } from './FormModal';

interface Values { risk: string; steps: string; policeReported?: boolean; policeUnit?: string; policeReportedAt?: Dayjs }

/** Art 25: a dispute that may turn violent — the risk, the steps taken, any report to the police. */
export function EscalationModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [form] = Form.useForm<Values>();
  const reported = Form.useWatch('policeReported', form);
  return (
    <FormModal<Values, { id: number }>
      form={form}
      title={t('caseWork.escalation.addTitle')}
      testId="escalation-modal"
      width={720}
      success={t('caseWork.escalation.saved')}
      onCancel={onClose}
      submit={(v) => api.call('cases:escalation', {
        caseId: w.caseId, risk: v.risk, steps: v.steps, policeReported: !!v.policeReported,
        policeUnit: v.policeReported ? v.policeUnit?.trim() || undefined : undefined,
        policeReportedAt: v.policeReported && v.policeReportedAt ? ymd(v.policeReportedAt) : undefined,
      })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Form.Item name="risk" label={t('caseWork.escalation.risk')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.escalation.riskRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('caseWork.escalation.riskPlaceholder')} data-testid="escalation-risk" />
      </Form.Item>
      <Form.Item name="steps" label={t('caseWork.escalation.steps')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.escalation.stepsRequired') }]}>
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('caseWork.escalation.stepsPlaceholder')} data-testid="escalation-steps" />
      </Form.Item>
      <Form.Item name="policeReported" valuePropName="checked">
        <Checkbox data-testid="escalation-police">{t('caseWork.escalation.policeReported')}</Checkbox>
      </Form.Item>
      {reported && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="policeUnit" label={t('caseWork.escalation.policeUnit')}
              rules={[{ required: true, whitespace: true, message: t('caseWork.escalation.policeUnitRequired') }]}>
              <Input maxLength={200} placeholder={t('caseWork.escalation.policeUnitPlaceholder')} data-testid="escalation-police-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <DateField name="policeReportedAt" label={t('caseWork.escalation.policeReportedAt')} testId="escalation-police-date"
              required={false} min={w.file.case.registeredOn} />
          </Col>
        </Row>
      )}
    </FormModal>
  );
}
