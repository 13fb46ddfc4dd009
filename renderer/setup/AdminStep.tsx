import { Button, Form, Input, Space, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { UsernameSchema } from '../../shared/domain/committee';
import { usePasswordHelp, usePasswordRule } from '../auth/password-rule';
import { guardImeEnter } from '../lib/ime';

export interface AdminValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export function AdminStep({ form, busy, onBack, onSubmit }: {
  form: FormInstance<AdminValues>; busy: boolean; onBack(): void; onSubmit(): void;
}) {
  const { t } = useTranslation();
  const passwordRule = usePasswordRule();
  const passwordHelp = usePasswordHelp();
  return (
    <Form<AdminValues> form={form} layout="vertical" onFinish={onSubmit} onKeyDown={guardImeEnter}
      data-testid="setup-admin-form">
      <Typography.Paragraph type="secondary">{t('setup.admin.intro')}</Typography.Paragraph>
      <Form.Item name="username" label={t('setup.admin.username')} extra={t('setup.admin.usernameHelp')} required
        rules={[{
          validator: async (_, v: string | undefined) => {
            if (!UsernameSchema.safeParse(v ?? '').success) throw new Error(t('setup.admin.usernameInvalid'));
          },
        }]}>
        <Input maxLength={32} autoComplete="username" data-testid="setup-admin-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t('setup.admin.displayName')}
        rules={[{ required: true, whitespace: true, message: t('setup.admin.displayNameRequired') }]}>
        <Input maxLength={50} data-testid="setup-admin-display-name" />
      </Form.Item>
      {/* The same rule as every password (shared/domain/accounts.ts); the core checks it again. */}
      <Form.Item name="password" label={t('setup.admin.password')} extra={passwordHelp} dependencies={['username']} required
        rules={[passwordRule(() => form.getFieldValue('username') as string | undefined)]}>
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="setup-admin-password" />
      </Form.Item>
      <Form.Item name="confirm" label={t('setup.admin.confirm')} dependencies={['password']}
        rules={[
          { required: true, message: t('setup.admin.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (v && v !== getFieldValue('password')) throw new Error(t('setup.admin.mismatch'));
            },
          }),
        ]}>
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="setup-admin-confirm" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Space>
          <Button size="large" onClick={onBack} disabled={busy}>{t('common.previous')}</Button>
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="setup-submit">
            {t('setup.admin.submit')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
