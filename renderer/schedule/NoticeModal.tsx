import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import { DocumentFrame } from '../documents/DocumentFrame';

/** 调解通知书: one page for each invited party, previewed and printed like every case document. */
export function NoticeModal({ meeting, onClose }: { meeting: ScheduledMeeting; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal open width={960} title={t('schedule.notice.title', { caseNo: meeting.caseNo })} onCancel={onClose} footer={null}>
      <div data-testid="meeting-notice-modal">
        <Typography.Paragraph type="secondary">
          {meeting.parties.length > 0
            ? t('schedule.notice.pages', { count: meeting.parties.length, names: meeting.parties.map((p) => p.name).join('、') })
            : t('schedule.notice.noParties')}
        </Typography.Paragraph>
        <DocumentFrame caseId={meeting.caseId} document="meeting_notice" meetingId={meeting.id} />
      </div>
    </Modal>
  );
}
