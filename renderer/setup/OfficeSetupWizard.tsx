import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Steps, Typography, Upload, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../shared/ipc/result';
import { useSession } from '../auth/session';
import { Fingerprint, MONO, readText } from '../exchange/keys';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';
import { CenteredPage } from '../shell/CenteredPage';
import { AdminStep, type AdminValues } from './AdminStep';
import { PassphraseStep } from './PassphraseStep';

interface OfficeValues { name: string; identity: 'new' | 'import'; identityText?: string }
interface Made { recoveryPassphrase: string; recipient: string; fingerprint: string }

/** First run in office mode (EXCHANGE.md): the office, its age key (new or age-keygen's), the first administrator, the passphrase. */
export function OfficeSetupWizard({ header }: { header?: ReactNode }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const problemText = useProblemText();
  const [officeForm] = Form.useForm<OfficeValues>();
  const [adminForm] = Form.useForm<AdminValues>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<Made | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const o = officeForm.getFieldsValue(true) as OfficeValues;
    const a = adminForm.getFieldsValue(true) as AdminValues;
    const r = await api.call('office:setup', {
      name: o.name.trim(),
      identityText: o.identity === 'import' ? o.identityText : undefined,
      admin: { username: a.username.trim(), displayName: a.displayName.trim(), password: a.password },
    });
    setBusy(false);
    if (r.ok) {
      setMade(r.value);
      setStep(2);
      return;
    }
    const issues: Issue[] = r.error.details ?? [];
    const toAdmin = issues.filter((i) => i.path.startsWith('admin.'));
    const toOffice = issues.filter((i) => !toAdmin.includes(i));
    applyIssues(adminForm, toAdmin, problemText, (p) => p.slice(1));
    const unplaced = applyIssues(officeForm, toOffice, problemText, (p) => (p[0] === 'name' || p[0] === 'identityText' ? p : null));
    if (toOffice.length > unplaced.length) setStep(0);
    setError([problemText(r.error), ...unplaced.map(problemText)].join('；'));
  };

  return (
    <CenteredPage width={720} subtitle={t('office.setup.title')}>
      <div data-testid="office-setup-wizard">
        {step === 0 && header}
        <Typography.Paragraph>{t('office.setup.intro')}</Typography.Paragraph>
        <Steps
          current={step} style={{ marginBottom: 32 }}
          items={[{ title: t('office.setup.steps.office') }, { title: t('office.setup.steps.admin') }, { title: t('office.setup.steps.passphrase') }]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 24 }} data-testid="setup-error" />}
        <div hidden={step !== 0}>
          <OfficeStep form={officeForm} onNext={() => { setError(null); setStep(1); }} />
        </div>
        <div hidden={step !== 1}>
          <AdminStep form={adminForm} busy={busy} onBack={() => setStep(0)} onSubmit={() => void submit()} />
        </div>
        {step === 2 && made && (
          <>
            <Card size="small" title={t('office.setup.keyTitle')} style={{ marginBottom: 24 }} data-testid="office-setup-key">
              <Typography.Paragraph type="secondary">{t('office.setup.keyIntro')}</Typography.Paragraph>
              <Descriptions bordered size="small" column={1}>
                <Descriptions.Item label={t('exchange.recipients.label')}>
                  <Typography.Text copyable style={{ fontFamily: MONO, wordBreak: 'break-all' }}>{made.recipient}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('exchange.fingerprint')}><Fingerprint value={made.fingerprint} /></Descriptions.Item>
              </Descriptions>
            </Card>
            <PassphraseStep passphrase={made.recoveryPassphrase} onDone={() => void refresh()} />
          </>
        )}
      </div>
    </CenteredPage>
  );
}

function OfficeStep({ form, onNext }: { form: FormInstance<OfficeValues>; onNext(): void }) {
  const { t } = useTranslation();
  const identity = Form.useWatch('identity', form) ?? 'new';
  return (
    <Form<OfficeValues> form={form} layout="vertical" initialValues={{ identity: 'new' }} onFinish={onNext} onKeyDown={guardImeEnter}
      data-testid="office-setup-form">
      <Form.Item name="name" label={t('office.setup.name')} rules={[{ required: true, whitespace: true, message: t('office.setup.nameRequired') }]}>
        <Input maxLength={100} placeholder={t('office.setup.namePlaceholder')} data-testid="office-setup-name" />
      </Form.Item>
      <Form.Item name="identity" label={t('office.setup.identity')}>
        <Radio.Group options={[
          { value: 'new', label: t('office.setup.identityNew') },
          { value: 'import', label: t('office.setup.identityImport') },
        ]} />
      </Form.Item>
      {identity === 'import' && (
        <>
          <Form.Item name="identityText" label={t('office.setup.identityText')} extra={t('office.setup.identityHelp')}
            rules={[{ required: true, whitespace: true, message: t('office.setup.identityRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} style={{ fontFamily: MONO }} placeholder="AGE-SECRET-KEY-1…" />
          </Form.Item>
          <Upload accept=".txt,.key,text/plain" showUploadList={false}
            beforeUpload={(f) => { void readText(f).then((text) => form.setFieldValue('identityText', text)); return false; }}>
            <Button icon={<UploadOutlined />} style={{ marginBottom: 24 }}>{t('office.setup.fromFile')}</Button>
          </Upload>
        </>
      )}
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" size="large" data-testid="setup-next">{t('common.next')}</Button>
      </Form.Item>
    </Form>
  );
}
