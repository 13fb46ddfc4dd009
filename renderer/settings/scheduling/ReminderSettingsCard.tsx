import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../../shared/domain/scheduling';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { applyIssues } from '../../lib/form-errors';
import { guardImeEnter } from '../../lib/ime';

type Unit = 'minutes' | 'hours';
interface ReminderForm { amount: number; unit: Unit; contactPhone?: string }
const MIN_MINUTES = 5;
const MAX_MINUTES = 7 * 24 * 60;
const FACTOR: Record<Unit, number> = { minutes: 1, hours: 60 };

/** 设置 → 日程提醒 (administrators): how long before a meeting the reminder comes, and the phone notices give. */
export function ReminderSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [form] = Form.useForm<ReminderForm>();
  const [initial, setInitial] = useState<ReminderForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.call('schedule:settings', {}).then((r) => {
      const s = r.ok ? r.value : DEFAULT_SCHEDULE_SETTINGS;
      if (!r.ok) setError(problemText(r.error));
      const hours = s.reminderMinutes % 60 === 0;
      setInitial({ amount: hours ? s.reminderMinutes / 60 : s.reminderMinutes, unit: hours ? 'hours' : 'minutes', contactPhone: s.contactPhone ?? '' });
    });
  }, [problemText]);

  const submit = async (v: ReminderForm) => {
    setBusy(true);
    setError(null);
    const r = await api.call('schedule:saveSettings', { reminderMinutes: v.amount * FACTOR[v.unit], contactPhone: v.contactPhone?.trim() || null });
    setBusy(false);
    if (r.ok) return void message.success(t('scheduleSettings.reminders.saved'));
    const rest = applyIssues(form, r.error.details ?? [], problemText,
      (p) => (p[0] === 'reminderMinutes' ? ['amount'] : p[0] === 'contactPhone' ? ['contactPhone'] : null));
    setError(rest.length || !r.error.details?.length ? [problemText(r.error), ...rest.map(problemText)].join('；') : null);
  };

  return (
    <Card title={t('scheduleSettings.reminders.title')} loading={initial === null} data-testid="reminder-settings-card">
      <Typography.Paragraph type="secondary">{t('scheduleSettings.reminders.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {initial && (
        <Form form={form} layout="vertical" style={{ maxWidth: '40em' }} onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}
          initialValues={initial}>
          <Form.Item label={t('scheduleSettings.reminders.leadTime')} extra={t('scheduleSettings.reminders.leadTimeHelp')} required>
            <Space.Compact>
              <Form.Item name="amount" noStyle dependencies={['unit']}
                rules={[{ required: true, message: t('scheduleSettings.reminders.leadTimeRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, v?: number) => {
                      const minutes = (v ?? 0) * FACTOR[getFieldValue('unit') as Unit];
                      return v == null || (minutes >= MIN_MINUTES && minutes <= MAX_MINUTES)
                        ? Promise.resolve() : Promise.reject(new Error(t('scheduleSettings.reminders.leadTimeRange')));
                    },
                  })]}>
                <InputNumber min={1} max={MAX_MINUTES} precision={0} style={{ width: '8em' }} data-testid="reminder-amount" />
              </Form.Item>
              <Form.Item name="unit" noStyle>
                <Select style={{ width: '7em' }} data-testid="reminder-unit"
                  options={(['minutes', 'hours'] as const).map((u) => ({ value: u, label: t(`scheduleSettings.reminders.units.${u}`) }))} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="contactPhone" label={t('scheduleSettings.reminders.contactPhone')} extra={t('scheduleSettings.reminders.contactPhoneHelp')}>
            <Input maxLength={40} style={{ maxWidth: '20em' }} placeholder={t('scheduleSettings.reminders.contactPhonePlaceholder')} data-testid="reminder-phone" />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" loading={busy} data-testid="reminder-save">{t('scheduleSettings.reminders.save')}</Button>
        </Form>
      )}
    </Card>
  );
}
