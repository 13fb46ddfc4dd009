import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Typography } from 'antd';
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
import { TODO_LISTS, TodoCard, type Todo } from './TodoCard';
import { UpcomingMeetingsCard } from './UpcomingMeetingsCard';

function RecentCases({ recent }: { recent: CaseSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  return (
    <div data-testid="dashboard-recent">
      {recent.map((c, i) => (
        <Flex key={c.id} justify="space-between" align="center" wrap gap={8} role="link" tabIndex={0}
          style={{ padding: '12px 4px', borderTop: i ? '1px solid #f0f0f0' : undefined, cursor: 'pointer' }}
          onClick={() => void navigate(`/cases/${c.id}`)}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.nativeEvent.isComposing) void navigate(`/cases/${c.id}`); }}>
          <Flex vertical>
            <a href={`#/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>{c.caseNo}</a>
            <Typography.Text type="secondary">
              {`${t(`categories.${c.category}`)} · ${c.applicants}${c.respondents ? ` — ${c.respondents}` : ''} · ${formatDate(c.registeredOn)}`}
            </Typography.Text>
          </Flex>
          <StatusTag status={c.status} />
        </Flex>
      ))}
    </div>
  );
}

/** 工作台: what needs doing today (mine first), then the cases touched last. Real data only. */
export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  const formatDate = useFormatDate();
  const problemText = useProblemText();
  const [todo, setTodo] = useState<Todo | null>(null);
  const [recent, setRecent] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('dashboard:todo', {}).then((r) => {
      if (!live) return;
      if (r.ok) setTodo(r.value);
      else setError(problemText(r.error));
    });
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
            <Typography.Text type="secondary">{t('dashboard.today', { date: formatDate(todo?.today ?? shanghaiDate()) })}</Typography.Text>
          </div>
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
            {t('cases.list.register')}
          </Button>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <UpcomingMeetingsCard />
      <Row gutter={[16, 16]} data-testid="dashboard-todo">
        {TODO_LISTS.map((list) => (
          <Col key={list} xs={24} xl={12}>
            <TodoCard list={list} items={todo ? todo[list] : error ? [] : null} />
          </Col>
        ))}
      </Row>
      <Card title={t('dashboard.recent')}
        extra={<Button type="link" onClick={() => void navigate('/cases')}>{t('dashboard.viewAll')}</Button>}>
        {recent === null && !error && <Skeleton active paragraph={{ rows: 3 }} />}
        {recent !== null && recent.length === 0 && <Empty description={t('dashboard.noCases')} />}
        {recent !== null && recent.length > 0 && <RecentCases recent={recent} />}
      </Card>
    </Space>
  );
}
