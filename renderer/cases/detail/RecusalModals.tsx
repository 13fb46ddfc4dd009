import { Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/ipc/contract';
import { api } from '../../lib/api';
import { useCaseWork, type Recusal } from './context';
import { PersonSelect } from './fields';
import { FormModal } from './FormModal';

/** 当事人申请回避 (Art 23): which party asks, and why. */
export function RecusalRequestModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const c = w.file.case;
  return (
    <FormModal<{ partyId?: number; reason: string }, { id: number }>
      title={t('caseWork.recusal.requestTitle')}
      testId="recusal-request-modal"
      success={t('caseWork.recusal.requested')}
      onCancel={onClose}
      submit={(v) => api.call('cases:requestRecusal', { caseId: w.caseId, partyId: v.partyId, reason: v.reason })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Typography.Paragraph>{t('caseWork.recusal.requestExplain', { name: c.leadMediator ?? t('common.empty') })}</Typography.Paragraph>
      <Form.Item name="partyId" label={t('caseWork.recusal.party')}>
        <Select allowClear data-testid="recusal-party" placeholder={t('caseWork.recusal.partyPlaceholder')}
          options={c.parties.map((p) => ({ value: p.id, label: `${p.name}（${t(`partyRoles.${p.role}`)}）` }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('caseWork.recusal.reason')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.recusal.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="recusal-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface DecisionValues { decision: 'replaced' | 'refused'; replacementPersonId?: number; reason: string }

/** Acting on the request: another lead mediator (checked for conflicts too), or a reasoned refusal. */
export function RecusalDecisionModal({ request, onClose }: { request: Recusal; onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const lead = w.file.case.leadMediatorId;
  return (
    <FormModal<DecisionValues, Output<'cases:decideRecusal'>>
      form={form}
      title={t('caseWork.recusal.decideTitle')}
      testId="recusal-decide-modal"
      success={t('caseWork.recusal.decided')}
      onCancel={onClose}
      submit={(v) => api.call('cases:decideRecusal', {
        caseId: w.caseId, requestId: request.id, decision: v.decision,
        replacementPersonId: v.decision === 'replaced' ? v.replacementPersonId : undefined, reason: v.reason,
      })}
      onDone={(r) => {
        const replacement = w.mediators.find((m) => m.id === form.getFieldValue('replacementPersonId'))?.name;
        onClose();
        void w.reload();
        if (r.conflicts) w.showConflict({ ...r.conflicts, personName: replacement });
      }}
    >
      <Typography.Paragraph>
        {t('caseWork.recusal.summary', { party: request.party ?? t('caseWork.recusal.someParty'), name: request.mediator ?? t('common.empty'), reason: request.reason })}
      </Typography.Paragraph>
      <Form.Item name="decision" label={t('caseWork.recusal.decision')}
        rules={[{ required: true, message: t('caseWork.recusal.decisionRequired') }]}>
        <Radio.Group size="large" data-testid="recusal-decision" options={[
          { value: 'replaced', label: t('caseWork.recusal.replace') },
          { value: 'refused', label: t('caseWork.recusal.refuse') },
        ]} />
      </Form.Item>
      {decision === 'replaced' && (
        <Form.Item name="replacementPersonId" label={t('caseWork.recusal.replacement')}
          rules={[{ required: true, message: t('caseWork.recusal.replacementRequired') }]}>
          <PersonSelect options={w.mediators.filter((m) => m.id !== lead)} testId="recusal-replacement" />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('caseWork.recusal.decisionReason')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.recusal.decisionReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="recusal-decision-reason" />
      </Form.Item>
    </FormModal>
  );
}
