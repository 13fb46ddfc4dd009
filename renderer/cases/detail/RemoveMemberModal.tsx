import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork, type CaseFile } from './context';
import { FormModal } from './FormModal';

/** Takes a helper off the team, with the reason (the member stays listed as removed). */
export function RemoveMemberModal({ member, onClose }: { member: CaseFile['members'][number]; onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  return (
    <FormModal<{ reason: string }, object>
      title={t('caseWork.team.removeTitle', { name: member.name })}
      testId="remove-member-modal"
      okText={t('caseWork.team.removeOk')}
      danger
      success={t('caseWork.team.removed')}
      onCancel={onClose}
      submit={(v) => api.call('cases:removeMember', { caseId: w.caseId, memberId: member.id, reason: v.reason })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Typography.Paragraph>{t('caseWork.team.removeExplain', { name: member.name })}</Typography.Paragraph>
      <Form.Item name="reason" label={t('caseWork.team.removeReason')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.team.removeReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="remove-member-reason" />
      </Form.Item>
    </FormModal>
  );
}
