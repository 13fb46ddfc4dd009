import { Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PERFORMANCE_STATES, SATISFACTION_LEVELS } from '../../../shared/domain/enums';
import { useSignedIn } from '../../auth/session';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DateField, PersonSelect } from './fields';
import { FormModal } from './FormModal';

interface Values {
  visitedOn: Dayjs;
  visitorPersonId?: number;
  performance?: (typeof PERFORMANCE_STATES)[number];
  satisfaction?: (typeof SATISFACTION_LEVELS)[number];
  notes: string;
}

/** 回访: performance, satisfaction and what was found (回访记录). */
export function FollowupModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const { user } = useSignedIn();
  const c = w.file.case;
  const tracksPerformance = c.status === 'agreed';
  const me = user.personId !== null && w.people.some((p) => p.id === user.personId) ? user.personId : undefined;
  return (
    <FormModal<Values, { id: number }>
      title={t('caseWork.followup.title')}
      testId="followup-modal"
      width={680}
      success={t('caseWork.followup.done')}
      initialValues={{ visitedOn: todayPicker(), visitorPersonId: me }}
      onCancel={onClose}
      submit={(v) => api.call('cases:followup', {
        caseId: w.caseId, visitedOn: ymd(v.visitedOn), visitorPersonId: v.visitorPersonId,
        performance: v.performance, satisfaction: v.satisfaction, notes: v.notes,
      })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <DateField name="visitedOn" label={t('caseWork.followup.date')} testId="followup-date" min={c.concludedOn ?? c.registeredOn} />
      <Form.Item name="visitorPersonId" label={t('caseWork.followup.visitor')}>
        <PersonSelect options={w.people} testId="followup-visitor" placeholder={t('caseWork.followup.visitorPlaceholder')} />
      </Form.Item>
      {tracksPerformance && (
        <Form.Item name="performance" label={t('caseWork.followup.performance')}>
          <Radio.Group optionType="button" size="large" data-testid="followup-performance"
            options={PERFORMANCE_STATES.map((p) => ({ value: p, label: t(`performance.${p}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="satisfaction" label={t('caseWork.followup.satisfaction')}>
        <Radio.Group optionType="button" size="large" data-testid="followup-satisfaction"
          options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))} />
      </Form.Item>
      <Form.Item name="notes" label={t('caseWork.followup.notes')}
        rules={[{ required: true, whitespace: true, message: t('caseWork.followup.notesRequired') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('caseWork.followup.notesPlaceholder')}
          data-testid="followup-notes" />
      </Form.Item>
    </FormModal>
  );
}
