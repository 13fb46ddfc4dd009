import { InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CaseSummary } from '../../shared/domain/case';
import { shanghaiDate } from '../../shared/domain/dates';
import { useSignedIn } from '../auth/session';
import { StatusTag } from '../cases/StatusTag';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';

/** Today: real data only. Reminders arrive with the case lifecycle, and it says so. */
export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  const formatDate = useFormatDate();
  const problemText = useProblemText();
  const [recent, setRecent] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('cases:list', { page: 1, pageSize: 5, sortBy: 'updatedAt', order: 'desc' }).then((r) => {
      if (!live) return;
      if (r.ok) setRecent(r.value.items);
      else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [problemText]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-greeting">
              {t('dashboard.greeting', { name: user.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('dashboard.today', { date: formatDate(shanghaiDate()) })}</Typography.Text>
          </div>
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
            {t('cases.list.register')}
          </Button>
        </Flex>
      </Card>
      <Alert type="info" showIcon icon={<InfoCircleOutlined />} title={t('dashboard.reminders')} />
      <Card title={t('dashboard.recent')}
        extra={<Button type="link" onClick={() => void navigate('/cases')}>{t('dashboard.viewAll')}</Button>}>
        {error && <Alert type="error" showIcon title={error} />}
        {!error && recent !== null && recent.length === 0 && <Empty description={t('dashboard.noCases')} />}
        {!error && (recent === null || recent.length > 0) && (
          <List<CaseSummary>
            loading={recent === null}
            dataSource={recent ?? []}
            data-testid="dashboard-recent"
            renderItem={(c) => (
              <List.Item style={{ cursor: 'pointer' }} onClick={() => void navigate(`/cases/${c.id}`)}
                extra={<StatusTag status={c.status} />}>
                <List.Item.Meta
                  title={<a href={`#/cases/${c.id}`}>{c.caseNo}</a>}
                  description={`${t(`categories.${c.category}`)} · ${c.applicants}${c.respondents ? ` — ${c.respondents}` : ''} · ${formatDate(c.registeredOn)}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
