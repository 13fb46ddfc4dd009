import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, shanghaiDate } from '../../../shared/domain/dates';
import { EXCEPTION_KINDS } from '../../../shared/domain/scheduling';
import type { Input as ChannelInput } from '../../../shared/ipc/contract';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { applyIssues } from '../../lib/form-errors';
import { guardImeEnter } from '../../lib/ime';
import { instantOf } from '../../lib/shanghai-time';
import { usePickerFormat } from '../../cases/detail/dates';

type Kind = ChannelInput<'availability:addException'>['kind'];
interface ExceptionForm { allDay: boolean; days?: [Dayjs, Dayjs]; range?: [Dayjs, Dayjs]; kind: Kind; note?: string }

// The picker's wall-clock date and time are read as Shanghai's, whatever zone the PC keeps.
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const moment = (d: Dayjs) => instantOf(day(d), d.format('HH:mm'));

/** 请假 · 其他公务 · 忙碌 for one person: whole days, or a stretch of time within them. */
export function ExceptionModal({ personId, name, onClose, onSaved }: { personId: number; name: string; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<ExceptionForm>();
  const allDay = Form.useWatch('allDay', form) ?? true;
  const dateFormat = usePickerFormat();
  const timeFormat = usePickerFormat(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tomorrow = dayjs(addDays(shanghaiDate(), 1));

  const submit = async (v: ExceptionForm) => {
    const [from, to] = (v.allDay ? v.days : v.range)!;
    const startsAt = v.allDay ? instantOf(day(from), '00:00') : moment(from);
    const endsAt = v.allDay ? instantOf(day(to), '24:00') : moment(to);
    setBusy(true);
    setError(null);
    const r = await api.call('availability:addException', { personId, startsAt, endsAt, kind: v.kind, note: v.note?.trim() || undefined });
    setBusy(false);
    if (r.ok) return onSaved();
    const field = v.allDay ? 'days' : 'range';
    const rest = applyIssues(form, r.error.details ?? [], problemText,
      (p) => (p[0] === 'startsAt' || p[0] === 'endsAt' ? [field] : p[0] === 'kind' || p[0] === 'note' ? [p[0]] : null));
    setError(rest.length || !r.error.details?.length ? [problemText(r.error), ...rest.map(problemText)].join('；') : null);
  };

  const rangeRules = [
    { required: true, message: t('scheduleSettings.availability.rangeRequired') },
    { validator: (_: unknown, v?: [Dayjs, Dayjs]) => (!v || allDay || v[1].isAfter(v[0])
      ? Promise.resolve() : Promise.reject(new Error(t('scheduleSettings.availability.rangeAfter')))) },
  ];

  return (
    <Modal open title={t('scheduleSettings.availability.addExceptionTitle', { name })} onCancel={onClose} mask={{ closable: false }}
      destroyOnHidden width={640} data-testid="exception-modal"
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" loading={busy} onClick={() => form.submit()} data-testid="exception-save">
          {t('scheduleSettings.availability.save')}
        </Button>,
      ]}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}
        initialValues={{
          allDay: true, kind: 'leave', days: [tomorrow, tomorrow],
          range: [tomorrow.hour(8).minute(30), tomorrow.hour(12).minute(0)],
        }}>
        <Form.Item name="kind" label={t('scheduleSettings.availability.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" data-testid="exception-kind"
            options={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(`scheduleSettings.availability.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="allDay" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="exception-all-day">{t('scheduleSettings.availability.allDay')}</Checkbox>
        </Form.Item>
        {allDay ? (
          <Form.Item name="days" label={t('scheduleSettings.availability.when')} rules={rangeRules}>
            <DatePicker.RangePicker format={dateFormat} allowClear={false} style={{ width: '100%' }} data-testid="exception-days" />
          </Form.Item>
        ) : (
          <Form.Item name="range" label={t('scheduleSettings.availability.when')} rules={rangeRules}>
            <DatePicker.RangePicker format={timeFormat} showTime={{ format: 'HH:mm', minuteStep: 5 }} allowClear={false}
              style={{ width: '100%' }} data-testid="exception-range" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('scheduleSettings.availability.note')}>
          <Input maxLength={200} placeholder={t('scheduleSettings.availability.notePlaceholder')} data-testid="exception-note" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
