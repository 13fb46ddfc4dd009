import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A plain statement that a section is not built yet; never placeholder figures. */
export function ComingSoon({ feature }: { feature: 'schedule' | 'statistics' | 'exchange' }) {
  const { t } = useTranslation();
  return (
    <Card data-testid={`coming-soon-${feature}`}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t(`shell.menu.${feature}`)}</Typography.Title>
      <Empty
        style={{ padding: '48px 0' }}
        description={
          <>
            <Typography.Title level={4}>{t('comingSoon.title')}</Typography.Title>
            <Typography.Text type="secondary">{t(`comingSoon.${feature}`)}</Typography.Text>
          </>
        }
      />
    </Card>
  );
}
