import { Form, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DeadlineTag } from './DeadlineTag';
import { DateField } from './fields';
import { FormModal } from './FormModal';

type Next = 'applied' | 'confirmed' | 'refused';

/** 司法确认 (Art 33): applied within 30 days of the agreement taking effect, then the court's answer. */
export function JudicialModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const a = w.file.agreement!;
  const applying = a.jcStatus === 'none';
  return (
    <FormModal<{ jcStatus: Next; on: Dayjs }, object>
      title={applying ? t('caseWork.jc.applyTitle') : t('caseWork.jc.decideTitle')}
      testId="jc-modal"
      success={t('caseWork.jc.done')}
      initialValues={{ on: todayPicker() }}
      onCancel={onClose}
      submit={(v) => api.call('cases:judicialConfirmation', { caseId: w.caseId, jcStatus: applying ? 'applied' : v.jcStatus, on: ymd(v.on) })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      {applying ? (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <Typography.Text>{t('caseWork.jc.deadline')}</Typography.Text>
            <DeadlineTag due={a.jcDeadline} />
          </Space>
          <DateField name="on" label={t('caseWork.jc.appliedOn')} testId="jc-date" min={a.effectiveOn} />
        </>
      ) : (
        <>
          <Form.Item name="jcStatus" label={t('caseWork.jc.decision')}
            rules={[{ required: true, message: t('caseWork.jc.decisionRequired') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="jc-decision"
              options={(['confirmed', 'refused'] as const).map((s) => ({ value: s, label: t(`jcStatuses.${s}`) }))} />
          </Form.Item>
          <DateField name="on" label={t('caseWork.jc.decidedOn')} testId="jc-date" min={a.jcAppliedOn} />
        </>
      )}
    </FormModal>
  );
}
