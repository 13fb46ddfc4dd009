import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_ROLES, MEMBER_ROLES, type MemberRole } from '../../../shared/domain/case-file';
import type { Output } from '../../../shared/ipc/contract';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { PersonSelect } from './fields';
import { FormModal } from './FormModal';

type Role = Exclude<MemberRole, 'lead_mediator'>;
interface Values { role: Role; personId?: number; name?: string; consent?: string }

/** Adds someone to the team, from the committee's people or by name; a conflict check runs on the core. */
export function AddMemberModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const personId = Form.useWatch('personId', form);
  const needsConsent = role !== undefined && CONSENT_ROLES.includes(role);
  const active = new Set(w.file.members.filter((m) => m.removedAt === null && m.personId !== null).map((m) => m.personId));
  return (
    <FormModal<Values, Output<'cases:addMember'>>
      form={form}
      title={t('caseWork.team.addTitle')}
      testId="member-modal"
      width={680}
      okText={t('caseWork.team.addOk')}
      success={t('caseWork.team.added')}
      onCancel={onClose}
      submit={(v) => api.call('cases:addMember', {
        caseId: w.caseId, role: v.role, personId: v.personId,
        name: v.personId === undefined ? v.name?.trim() : undefined,
        consent: needsConsent ? v.consent?.trim() : undefined,
      })}
      onDone={(r) => {
        const v = form.getFieldsValue();
        onClose();
        void w.reload();
        if (r.conflicts) {
          const name = v.personId !== undefined ? w.people.find((p) => p.id === v.personId)?.name : v.name?.trim();
          w.showConflict({ ...r.conflicts, personName: name });
        }
      }}
    >
      <Form.Item name="role" label={t('caseWork.team.role')} rules={[{ required: true, message: t('caseWork.team.roleRequired') }]}>
        <Select data-testid="member-role"
          options={MEMBER_ROLES.filter((r): r is Role => r !== 'lead_mediator').map((r) => ({ value: r, label: t(`caseWork.memberRoles.${r}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="personId" label={t('caseWork.team.person')}>
            <PersonSelect options={w.people.filter((p) => !active.has(p.id))} testId="member-person"
              placeholder={t('caseWork.team.personPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('caseWork.team.name')} dependencies={['personId']}
            rules={[{
              validator: async (_, v: string | undefined) => {
                if (form.getFieldValue('personId') === undefined && !v?.trim()) throw new Error(t('caseWork.team.whoRequired'));
              },
            }]}>
            <Input maxLength={100} disabled={personId !== undefined} placeholder={t('caseWork.team.namePlaceholder')}
              data-testid="member-name" />
          </Form.Item>
        </Col>
      </Row>
      {needsConsent && (
        <Form.Item name="consent" label={t('caseWork.team.consent')} extra={t('caseWork.team.consentHelp')}
          rules={[{ required: true, whitespace: true, message: t('caseWork.team.consentRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="member-consent"
            placeholder={t('caseWork.team.consentPlaceholder')} />
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('caseWork.team.checkHint')}</Typography.Paragraph>
    </FormModal>
  );
}
