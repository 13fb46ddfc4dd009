import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The plain frame of the screens before sign-in: the app's name and one card. */
export function CenteredPage({ children, width = 560, subtitle }: {
  children: ReactNode; width?: number; subtitle?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '48px 16px' }}>
      <div style={{ textAlign: 'center', marginBottom: 24 }}>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>{t('app.name')}</Typography.Title>
        <Typography.Text type="secondary">{subtitle ?? t('app.title')}</Typography.Text>
      </div>
      <Card style={{ width: '100%', maxWidth: `${width / 16}em` }}>{children}</Card>
    </div>
  );
}
