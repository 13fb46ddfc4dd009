import { Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/ipc/contract';
import { MEDIATION_DAYS } from '../../../shared/domain/lifecycle';
import { useSignedIn } from '../../auth/session';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DateField, PersonSelect } from './fields';
import { FormModal } from './FormModal';

interface Values { acceptedOn: Dayjs; leadMediatorId?: number }

/** 受理: the date (today by default) and the lead mediator, who is checked for conflicts. */
export function AcceptModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const { user } = useSignedIn();
  const c = w.file.case;
  const me = user.personId !== null && w.mediators.some((m) => m.id === user.personId) ? user.personId : undefined;
  return (
    <FormModal<Values, Output<'cases:accept'>>
      title={t('caseWork.accept.title')}
      testId="accept-modal"
      okText={t('caseWork.accept.ok')}
      success={t('caseWork.accept.done')}
      initialValues={{ acceptedOn: todayPicker(), leadMediatorId: c.leadMediatorId ?? me }}
      onCancel={onClose}
      submit={(v) => api.call('cases:accept', { caseId: w.caseId, acceptedOn: ymd(v.acceptedOn), leadMediatorId: v.leadMediatorId })}
      onDone={(r) => {
        onClose();
        void w.reload();
        if (r.conflicts) w.showConflict(r.conflicts);
      }}
    >
      <DateField name="acceptedOn" label={t('caseWork.accept.date')} testId="accept-date" min={c.registeredOn} />
      <Form.Item name="leadMediatorId" label={t('caseWork.accept.lead')}
        rules={[{ required: true, message: t('caseWork.accept.leadRequired') }]}>
        <PersonSelect options={w.mediators} testId="accept-lead" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('caseWork.accept.hint', { days: MEDIATION_DAYS })}
      </Typography.Paragraph>
    </FormModal>
  );
}
