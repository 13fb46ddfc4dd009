import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Popconfirm, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../shared/domain/dates';
import type { Sweep } from '../../shared/domain/statistics';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';
import { LogTable, useLoadedRows } from './LogTable';

interface Props {
  from: string;
  to: string;
  canWrite: boolean;
  /** After a sweep is added or removed: the report's 排查 figures change. */
  onChanged(): void;
}

interface Values { sweptOn: Dayjs; scope: string; found: number; prevented: number; note?: string }

/** 排查记录: the committee's proactive sweeps in the period; office staff and admins add and remove them. */
export function SweepsTab({ from, to, canWrite, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const formatDate = useFormatDate();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const dateFormat = i18n.language === 'en' ? 'YYYY-MM-DD' : 'YYYY年M月D日';

  const { rows, error, reload: load } = useLoadedRows(useCallback(() => api.call('stats:sweeps', { from, to }), [from, to]));

  const openAdd = () => {
    // A sweep on a day of the period: today if it is in it, else its last day.
    const today = shanghaiDate();
    form.setFieldsValue({ sweptOn: dayjs(today >= from && today <= to ? today : to), scope: '', found: 0, prevented: 0, note: '' });
    setSaveError(null);
    setAdding(true);
  };
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    const r = await api.call('stats:sweepAdd', {
      sweptOn: v.sweptOn.format('YYYY-MM-DD'), scope: v.scope, found: v.found, prevented: v.prevented, note: v.note?.trim() || undefined,
    });
    setSaving(false);
    if (!r.ok) { setSaveError(problemText(r.error)); return; }
    setAdding(false);
    void message.success(t('statistics.sweeps.added'));
    await load();
    onChanged();
  };
  const remove = async (s: Sweep) => {
    const r = await api.call('stats:sweepRemove', { id: s.id });
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    void message.success(t('statistics.sweeps.removed'));
    await load();
    onChanged();
  };

  const found = rows?.reduce((n, s) => n + s.found, 0) ?? 0;
  const prevented = rows?.reduce((n, s) => n + s.prevented, 0) ?? 0;
  return (
    <Flex vertical gap="middle" data-testid="stats-sweeps">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text strong data-testid="sweeps-total">
          {t('statistics.sweeps.total', { n: rows?.length ?? 0, found, prevented })}
        </Typography.Text>
        {canWrite
          ? <Button type="primary" icon={<PlusOutlined />} onClick={openAdd} data-testid="sweep-add">{t('statistics.sweeps.add')}</Button>
          : <Typography.Text type="secondary">{t('statistics.sweeps.readOnly')}</Typography.Text>}
      </Flex>
      <LogTable<Sweep>
        rows={rows}
        error={error}
        testId="sweeps-table"
        empty={t('statistics.sweeps.empty')}
        columns={[
          { key: 'sweptOn', title: t('statistics.sweeps.date'), render: (_, s) => formatDate(s.sweptOn), sorter: (a, b) => a.sweptOn.localeCompare(b.sweptOn) },
          { key: 'scope', title: t('statistics.sweeps.scope'), dataIndex: 'scope' },
          { key: 'found', title: t('statistics.sweeps.found'), dataIndex: 'found', align: 'right' },
          { key: 'prevented', title: t('statistics.sweeps.prevented'), dataIndex: 'prevented', align: 'right' },
          { key: 'note', title: t('statistics.sweeps.note'), render: (_, s) => s.note || t('common.empty') },
          { key: 'createdBy', title: t('statistics.sweeps.createdBy'), render: (_, s) => s.createdBy ?? t('common.empty') },
          ...(canWrite ? [{
            key: 'actions', title: '', width: 90,
            render: (_: unknown, s: Sweep) => (
              <Popconfirm title={t('statistics.sweeps.removeConfirm', { date: formatDate(s.sweptOn), scope: s.scope })}
                okText={t('common.remove')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, 'data-testid': 'sweep-remove-ok' }}
                onConfirm={() => remove(s)}>
                <Button danger type="link" data-testid="sweep-remove">{t('common.remove')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
      <Modal open={adding} title={t('statistics.sweeps.modalTitle')} onCancel={() => setAdding(false)} onOk={() => void save()}
        okText={t('statistics.sweeps.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden
        okButtonProps={{ 'data-testid': 'sweep-save' }} data-testid="sweep-modal">
        <Form form={form} layout="vertical" requiredMark={false}>
          {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} />}
          <Form.Item name="sweptOn" label={t('statistics.sweeps.date')} rules={[{ required: true, message: t('statistics.sweeps.dateRequired') }]}>
            <DatePicker format={dateFormat} allowClear={false} style={{ width: '100%' }} data-testid="sweep-date" />
          </Form.Item>
          <Form.Item name="scope" label={t('statistics.sweeps.scope')} rules={[{ required: true, whitespace: true, message: t('statistics.sweeps.scopeRequired') }]}>
            <Input placeholder={t('statistics.sweeps.scopePlaceholder')} maxLength={200} data-testid="sweep-scope" />
          </Form.Item>
          <Flex gap="middle">
            <Form.Item name="found" label={t('statistics.sweeps.found')} rules={[{ required: true, message: t('statistics.sweeps.countRequired') }]} style={{ flex: 1 }}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="sweep-found" />
            </Form.Item>
            <Form.Item name="prevented" label={t('statistics.sweeps.prevented')} rules={[{ required: true, message: t('statistics.sweeps.countRequired') }]} style={{ flex: 1 }}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="sweep-prevented" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('statistics.sweeps.note')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="sweep-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
