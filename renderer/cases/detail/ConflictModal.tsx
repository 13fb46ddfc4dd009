import { Alert, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { TAG_COLOURS } from '../../lib/tag-colours';
import { useCaseWork, type ConflictHit, type OpenConflict } from './context';
import { FormModal } from './FormModal';

interface Values { decision: 'withdraw' | 'proceed'; reason: string }

/** Why the person may have an interest in the case, one line per hit with its evidence. */
export function ConflictHits({ hits }: { hits: ConflictHit[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6 }} data-testid="conflict-hits">
      {hits.map((h, i) => (
        <div key={i} style={{ padding: '8px 12px', borderTop: i ? '1px solid #f0f0f0' : undefined }} data-testid="conflict-hit">
          <Space wrap>
            <Tag style={TAG_COLOURS.volcano}>
              {i18n.exists(`caseWork.conflict.kinds.${h.kind}`) ? t(`caseWork.conflict.kinds.${h.kind}`) : h.kind}
            </Tag>
            <Typography.Text>{t('caseWork.conflict.party', { party: h.party })}</Typography.Text>
            <Typography.Text type="secondary">{h.evidence}</Typography.Text>
          </Space>
        </div>
      ))}
    </div>
  );
}

/**
 * A conflict of interest found when someone joined the team: it cannot be dismissed, only decided —
 * the person withdraws (回避) or goes on taking part, with the reason recorded.
 */
export function ConflictModal({ conflict, onClose }: { conflict: OpenConflict; onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const name = conflict.personName || w.checks.conflictChecks.find((c) => c.id === conflict.checkId)?.personName || '';
  return (
    <FormModal<Values, object>
      form={form}
      required
      title={t('caseWork.conflict.title', { name })}
      testId="conflict-modal"
      width={720}
      okText={t('caseWork.conflict.ok')}
      success={t('caseWork.conflict.done')}
      onCancel={onClose}
      submit={(v) => api.call('cases:decideConflict', { caseId: w.caseId, checkId: conflict.checkId, decision: v.decision, reason: v.reason })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Alert type="warning" showIcon title={t('caseWork.conflict.intro', { name })} style={{ marginBottom: 16 }} />
      <div style={{ marginBottom: 16 }}><ConflictHits hits={conflict.hits} /></div>
      <Form.Item name="decision" label={t('caseWork.conflict.decision')}
        rules={[{ required: true, message: t('caseWork.conflict.decisionRequired') }]}>
        <Radio.Group data-testid="conflict-decision" size="large"
          onChange={(e) => {
            if (e.target.value === 'withdraw' && !form.getFieldValue('reason')) form.setFieldValue('reason', t('caseWork.conflict.withdrawDefault'));
          }}
          options={[
            { value: 'withdraw', label: t('caseWork.conflict.withdraw') },
            { value: 'proceed', label: t('caseWork.conflict.proceed') },
          ]} />
      </Form.Item>
      <Form.Item name="reason"
        label={decision === 'proceed' ? t('caseWork.conflict.proceedReason') : t('caseWork.conflict.reason')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.conflict.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="conflict-reason"
          placeholder={decision === 'proceed' ? t('caseWork.conflict.proceedPlaceholder') : undefined} />
      </Form.Item>
    </FormModal>
  );
}
