import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DateField } from './fields';
import { FormModal } from './FormModal';

/** 结案: the date the closing report gives (after performance ended, for an agreement). */
export function CloseModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const c = w.file.case;
  return (
    <FormModal<{ closedOn: Dayjs }, object>
      title={t('caseWork.close.title')}
      testId="close-modal"
      okText={t('caseWork.close.ok')}
      success={t('caseWork.close.done')}
      initialValues={{ closedOn: todayPicker() }}
      onCancel={onClose}
      submit={(v) => api.call('cases:close', { caseId: w.caseId, closedOn: ymd(v.closedOn) })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <DateField name="closedOn" label={t('caseWork.close.date')} testId="close-date" min={c.concludedOn ?? c.registeredOn} />
    </FormModal>
  );
}
