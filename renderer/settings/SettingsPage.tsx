import { Card, Form, Radio, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n';
import { useSignedIn } from '../auth/session';
import { usePreferences } from './preferences';
import { RetentionDueCard } from './RetentionDueCard';
import { PeopleCard } from './PeopleCard';
import { roleHas } from '../../shared/domain/permissions';
import { AvailabilityCard } from './scheduling/AvailabilityCard';
import { ReminderSettingsCard } from './scheduling/ReminderSettingsCard';
import { VenuesCard } from './scheduling/VenuesCard';
import { LocalCategoriesCard } from './LocalCategoriesCard';
import { BackupCard } from './BackupCard';
import { UsersCard } from './UsersCard';
import { RecoveryCard } from './RecoveryCard';

export function SettingsPage() {
  const { t } = useTranslation();
  const { language, setLanguage, largeText, setLargeText } = usePreferences();
  const { user } = useSignedIn();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card data-testid="settings-page">
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('settings.title')}</Typography.Title>
        <Form layout="vertical" style={{ maxWidth: '40em' }}>
          <Form.Item label={t('settings.language')} extra={t('settings.languageHelp')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={language}
              onChange={(e) => setLanguage(e.target.value as Language)}
              options={[{ value: 'zh-CN', label: t('settings.languageNames.zhCN') }, { value: 'en', label: t('settings.languageNames.en') }]}
              data-testid="settings-language"
            />
          </Form.Item>
          <Form.Item label={t('settings.largeText')} extra={t('settings.largeTextHelp')}>
            <Switch checked={largeText} onChange={setLargeText} data-testid="settings-large-text" />
          </Form.Item>
        </Form>
      </Card>
      {roleHas(user.role, 'cases.write') && <PeopleCard />}
      <VenuesCard />
      <AvailabilityCard />
      {user.role === 'admin' && <UsersCard />}
      {user.role === 'admin' && <LocalCategoriesCard />}
      {user.role === 'admin' && <ReminderSettingsCard />}
      {user.role === 'admin' && <RetentionDueCard />}
      {user.role === 'admin' && <BackupCard />}
      {user.role === 'admin' && <RecoveryCard />}
    </Space>
  );
}
