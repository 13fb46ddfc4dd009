import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import { FormModal } from '../cases/detail/FormModal';
import { ReasonInput } from '../cases/detail/ReasonInput';
import { api } from '../lib/api';
import { useSpanText } from './data';

/** 取消会议: the reason is required and goes into the case's history; the meeting stays on file, struck through. */
export function CancelMeetingModal({ meeting, onClose, onDone }: { meeting: ScheduledMeeting; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const span = useSpanText();
  return (
    <FormModal<{ reason: string }, object>
      title={t('schedule.cancel.title')}
      testId="meeting-cancel-modal"
      okText={t('schedule.cancel.ok')}
      danger
      success={t('schedule.cancel.done')}
      onCancel={onClose}
      locate={(p) => (p[0] === 'reason' ? ['reason'] : null)}
      submit={(v) => api.call('schedule:cancel', { id: meeting.id, reason: v.reason.trim() })}
      onDone={onDone}
    >
      <Typography.Paragraph>
        {t('schedule.cancel.what', { caseNo: meeting.caseNo, time: span(meeting.startsAt, meeting.endsAt), venue: meeting.venue.name })}
      </Typography.Paragraph>
      <Form.Item name="reason" label={t('schedule.cancel.reason')}
        rules={[{ required: true, whitespace: true, message: t('schedule.cancel.reasonRequired') }]}>
        <ReasonInput testId="meeting-cancel-reason"
          choices={[t('schedule.cancel.choiceParty'), t('schedule.cancel.choiceMediator'), t('schedule.cancel.choiceSettled')]} />
      </Form.Item>
    </FormModal>
  );
}
