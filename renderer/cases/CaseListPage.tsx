import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_SORT_FIELDS, type CaseList, type CaseSummary } from '../../shared/domain/case';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';
import { usePreferences } from '../settings/preferences';
import { StatusTag } from './StatusTag';

type SortField = (typeof CASE_SORT_FIELDS)[number];
type Order = 'asc' | 'desc';

/** Paging and sorting live in the address, so a reload or Back returns to the same page. */
function useListQuery() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const sortParam = params.get('sort') as SortField | null;
  const sortBy: SortField = sortParam && CASE_SORT_FIELDS.includes(sortParam) ? sortParam : 'caseNo';
  const order: Order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const set = (q: { page: number; pageSize: number; sortBy: SortField; order: Order }) =>
    setParams({ page: String(q.page), size: String(q.pageSize), sort: q.sortBy, order: q.order }, { replace: true });
  return { query: { page, pageSize, sortBy, order }, set };
}

export function CaseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const problemText = useProblemText();
  const { query, set } = useListQuery();
  const { largeText } = usePreferences();
  const [data, setData] = useState<CaseList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const { page, pageSize, sortBy, order } = query;

  useEffect(() => {
    let live = true;
    setLoading(true);
    void api.call('cases:list', { page, pageSize, sortBy, order }).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [page, pageSize, sortBy, order, problemText]);

  const sortOrder = (field: SortField) => (sortBy === field ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<CaseSummary>['columns'] = [
    {
      key: 'caseNo', dataIndex: 'caseNo', title: t('cases.columns.caseNo'), sorter: true, sortOrder: sortOrder('caseNo'),
      fixed: 'left',
      render: (v: string, r) => (
        <Link to={`/cases/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>{v}</Link>
      ),
    },
    {
      key: 'registeredOn', dataIndex: 'registeredOn', title: t('cases.columns.registeredOn'), sorter: true,
      sortOrder: sortOrder('registeredOn'), render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span>,
    },
    {
      key: 'category', dataIndex: 'category', title: t('cases.columns.category'), sorter: true,
      sortOrder: sortOrder('category'), render: (v: string) => t(`categories.${v}`),
    },
    {
      key: 'channel', dataIndex: 'channel', title: t('cases.columns.channel'),
      render: (v: string) => <span style={{ display: 'inline-block', minWidth: '7em' }}>{t(`channels.${v}`)}</span>,
    },
    { key: 'applicants', dataIndex: 'applicants', title: t('cases.columns.applicants') },
    { key: 'respondents', dataIndex: 'respondents', title: t('cases.columns.respondents'), render: (v: string) => v || t('common.empty') },
    {
      key: 'status', dataIndex: 'status', title: t('cases.columns.status'), sorter: true, sortOrder: sortOrder('status'),
      render: (v: CaseSummary['status']) => <StatusTag status={v} />,
    },
    {
      key: 'leadMediator', dataIndex: 'leadMediator', title: t('cases.columns.leadMediator'),
      render: (v: string | null) => v ?? t('common.empty'),
    },
  ];

  // Headings stay on one line; cells wrap, and a narrow window scrolls sideways with the case number pinned.
  for (const col of columns ?? []) col.onHeaderCell = () => ({ style: { whiteSpace: 'nowrap' } });

  const onChange: TableProps<CaseSummary>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.columnKey as SortField) : 'caseNo';
    const nextOrder: Order = s?.order ? (s.order === 'ascend' ? 'asc' : 'desc') : 'desc';
    const sortChanged = field !== sortBy || nextOrder !== order;
    set({
      page: sortChanged ? 1 : (pagination.current ?? 1),
      pageSize: pagination.pageSize ?? pageSize,
      sortBy: field,
      order: nextOrder,
    });
  };

  return (
    <Card data-testid="case-list-page">
      <Flex justify="space-between" align="center" wrap gap={16} style={{ marginBottom: 16 }}>
        <Flex align="baseline" gap={16}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('cases.list.title')}</Typography.Title>
          {data && (
            <Typography.Text type="secondary" data-testid="case-total">
              {t('common.totalCases', { count: data.total })}
            </Typography.Text>
          )}
        </Flex>
        <Tooltip title={t('cases.list.registerHint')}>
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}
            data-testid="case-register-button">
            {t('cases.list.register')}
          </Button>
        </Tooltip>
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onChange}
        tableLayout="auto"
        scroll={{ x: largeText ? 1350 : 1000 }}
        locale={{ emptyText: t('cases.list.empty') }}
        data-testid="case-table"
        onRow={(r) => ({
          onClick: () => void navigate(`/cases/${r.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `case-row-${r.id}`,
        } as HTMLAttributes<HTMLElement>)}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.totalCases', { count: total }),
        }}
      />
    </Card>
  );
}
