import { App, Button, Checkbox, Flex, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PREVENTION_KINDS, canEdit } from '../../../shared/domain/lifecycle';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { guardImeEnter } from '../../lib/ime';
import { useCaseWork, type CaseHistory } from './context';

type Kind = (typeof PREVENTION_KINDS)[number];
interface Flag { prevented: boolean; persons: number }

/** The flags as last set: the case file does not carry them, its history does (case.prevention). */
export function preventionFlags(history: CaseHistory): Record<Kind, Flag> {
  const flags = Object.fromEntries(PREVENTION_KINDS.map((k) => [k, { prevented: false, persons: 0 }])) as Record<Kind, Flag>;
  for (const e of history.entries) {
    if (e.action !== 'case.prevention' || typeof e.after !== 'object' || e.after === null) continue;
    const after = e.after as Record<string, unknown>;
    for (const k of PREVENTION_KINDS) {
      if (`prevented_${k}` in after) flags[k] = { prevented: after[`prevented_${k}`] === 1 || after[`prevented_${k}`] === true, persons: Number(after[`prevented_${k}_persons`] ?? 0) };
    }
  }
  return flags;
}

function PreventionRow({ kind, flag, editable }: { kind: Kind; flag: Flag; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const w = useCaseWork();
  const [form] = Form.useForm<Flag>();
  const [busy, setBusy] = useState(false);
  const prevented = Form.useWatch('prevented', form) as boolean | undefined;

  const save = async (v: Flag) => {
    setBusy(true);
    const r = await api.call('cases:prevention', { caseId: w.caseId, kind, prevented: !!v.prevented, persons: v.prevented ? v.persons ?? 0 : 0 });
    setBusy(false);
    if (!r.ok) {
      form.setFields([{ name: 'persons', errors: [(r.error.details ?? []).map(problemText).join('；') || problemText(r.error)] }]);
      return;
    }
    void message.success(t('caseWork.prevention.saved'));
    void w.reload();
  };

  return (
    <Form<Flag> form={form} layout="inline" initialValues={flag} onFinish={(v) => void save(v)} onKeyDown={guardImeEnter}
      disabled={!editable} data-testid={`prevention-${kind}`}
      style={{ rowGap: 8, padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Typography.Text strong style={{ flex: '0 1 20em', paddingTop: 6, marginInlineEnd: 16 }}>{t(`caseWork.prevention.kinds.${kind}`)}</Typography.Text>
      <Form.Item name="prevented" valuePropName="checked">
        <Checkbox>{t('caseWork.prevention.prevented')}</Checkbox>
      </Form.Item>
      <Form.Item name="persons" label={t('caseWork.prevention.persons')}>
        <InputNumber min={0} max={100000} precision={0} disabled={!editable || !prevented} style={{ width: '7em' }} />
      </Form.Item>
      {editable && <Button htmlType="submit" loading={busy}>{t('caseWork.form.save')}</Button>}
    </Form>
  );
}

/** 防激化: the four prevention flags of the monthly report, each with its person count. */
export function PreventionPanel() {
  const { t } = useTranslation();
  const w = useCaseWork();
  const flags = preventionFlags(w.history);
  const editable = w.canWrite && canEdit(w.file.case.status, 'escalation');
  return (
    <Flex vertical>
      <Typography.Title level={5}>{t('caseWork.prevention.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('caseWork.prevention.help')}</Typography.Paragraph>
      {PREVENTION_KINDS.map((k) => (
        <PreventionRow key={`${k}-${flags[k].prevented}-${flags[k].persons}`} kind={k} flag={flags[k]} editable={editable} />
      ))}
    </Flex>
  );
}
