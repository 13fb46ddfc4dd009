import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Table, Tooltip, Typography, type InputRef, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { CaseList, CaseSummary } from '../../shared/domain/case';
import { CASE_STATUSES, CHANNELS, type Category } from '../../shared/domain/enums';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';
import { usePreferences } from '../settings/preferences';
import { isNarrowed, PAGE_SIZES, readListState, toListQuery, writeListState, type ListState, type Order, type SortField } from './list-query';
import { shouldRunSearch } from './search-keys';
import { StatusTag } from './StatusTag';
import { categoryOptions, localValue, parseLocalValue, useLocalCategories } from './categories';
import { useMediators } from './use-mediators';

/** Paging, sorting, search and filters live in the address, so a reload or Back returns to the same list. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const set = (next: Partial<ListState>) => setParams(writeListState({ ...state, ...next }), { replace: true });
  return { state, set };
}


/**
 * The search box and filters above the list (docs/ARCHITECTURE.md, Search). Enter searches, but
 * not the Enter that confirms a pinyin candidate; Ctrl+K from anywhere lands here (AppShell).
 */
function SearchBar({ state, set }: ReturnType<typeof useListState>) {
  const { t } = useTranslation();
  const location = useLocation();
  const mediators = useMediators();
  const locals = useLocalCategories();
  const input = useRef<InputRef>(null);
  const composing = useRef(false);
  const [draft, setDraft] = useState(state.q);
  useEffect(() => setDraft(state.q), [state.q]);
  // Ctrl+K: the shell navigates here with a fresh focusSearch stamp.
  const focusStamp = (location.state as { focusSearch?: number } | null)?.focusSearch;
  useEffect(() => {
    if (focusStamp) input.current?.focus({ cursor: 'all' });
  }, [focusStamp]);

  const filter = (next: Partial<ListState>) => set({ ...next, page: 1 });
  const selectStyle = { minWidth: 150, maxWidth: 260 };
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }} data-testid="case-search-bar">
      <Tooltip title={t('cases.search.hint')} placement="topLeft">
        <Input.Search
          ref={input}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onCompositionStart={() => { composing.current = true; }}
          onCompositionEnd={() => { composing.current = false; }}
          onSearch={(value, event) => {
            if (shouldRunSearch(event, composing.current)) filter({ q: value.trim().slice(0, 100) });
          }}
          placeholder={t('cases.search.placeholder')}
          aria-label={t('cases.search.label')}
          enterButton={t('cases.search.button')}
          allowClear
          maxLength={100}
          size="large"
          style={{ width: 480, maxWidth: '100%' }}
          data-testid="case-search"
        />
      </Tooltip>
      <Select mode="multiple" allowClear maxTagCount="responsive" style={selectStyle} size="large"
        placeholder={t('cases.columns.status')} aria-label={t('cases.columns.status')} data-testid="filter-status"
        value={state.status} onChange={(status) => filter({ status })}
        options={CASE_STATUSES.map((v) => ({ value: v, label: t(`statuses.${v}`) }))} />
      <Select mode="multiple" allowClear maxTagCount="responsive" style={selectStyle} size="large"
        placeholder={t('cases.columns.category')} aria-label={t('cases.columns.category')} data-testid="filter-category"
        value={[...state.category, ...state.localCategoryId.map(localValue)]} optionFilterProp="label"
        onChange={(chosen: string[]) => filter({
          // A national category lists its local ones too; a local one alone lists just its cases.
          category: chosen.filter((v) => parseLocalValue(v) === null) as Category[],
          localCategoryId: chosen.map(parseLocalValue).filter((id): id is number => id !== null),
        })}
        options={categoryOptions(t, locals, true)} />
      <Select mode="multiple" allowClear maxTagCount="responsive" style={selectStyle} size="large"
        placeholder={t('cases.columns.channel')} aria-label={t('cases.columns.channel')} data-testid="filter-channel"
        value={state.channel} onChange={(channel) => filter({ channel })} optionFilterProp="label"
        options={CHANNELS.map((v) => ({ value: v, label: t(`channels.${v}`) }))} />
      <Select mode="multiple" allowClear maxTagCount="responsive" style={selectStyle} size="large"
        placeholder={t('cases.columns.leadMediator')} aria-label={t('cases.columns.leadMediator')} data-testid="filter-mediator"
        value={state.leadMediatorId} onChange={(leadMediatorId) => filter({ leadMediatorId })} optionFilterProp="label"
        options={mediators.map((m) => ({ value: m.id, label: m.name }))} />
      <DatePicker.RangePicker size="large" allowEmpty={[true, true]} data-testid="filter-registered"
        aria-label={t('cases.columns.registeredOn')}
        placeholder={[t('cases.search.registeredFrom'), t('cases.search.registeredTo')]}
        value={[state.registeredFrom ? dayjs(state.registeredFrom) : null, state.registeredTo ? dayjs(state.registeredTo) : null]}
        onChange={(range) => filter({
          registeredFrom: range?.[0]?.format('YYYY-MM-DD') ?? null,
          registeredTo: range?.[1]?.format('YYYY-MM-DD') ?? null,
        })} />
      {isNarrowed(state) && (
        <Button size="large" data-testid="filter-clear" onClick={() => filter({
          q: '', status: [], category: [], localCategoryId: [], channel: [], leadMediatorId: [], registeredFrom: null, registeredTo: null,
        })}>
          {t('cases.search.clear')}
        </Button>
      )}
    </Flex>
  );
}

export function CaseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const problemText = useProblemText();
  const list = useListState();
  const { state, set } = list;
  const { largeText } = usePreferences();
  const [data, setData] = useState<CaseList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const { page, pageSize, sortBy, order } = state;
  // One key per distinct request, so the effect runs when any part of it changes.
  const request = JSON.stringify(toListQuery(state));

  useEffect(() => {
    let live = true;
    setLoading(true);
    void api.call('cases:list', JSON.parse(request) as ReturnType<typeof toListQuery>).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [request, problemText]);

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
      sortOrder: sortOrder('category'), render: (v: Category, r) => r.localCategory ?? t(`categories.${v}`),
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
      <SearchBar state={state} set={set} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onChange}
        tableLayout="auto"
        scroll={{ x: largeText ? 1350 : 1000 }}
        locale={{ emptyText: t(isNarrowed(state) ? 'cases.search.noMatch' : 'cases.list.empty') }}
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
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.totalCases', { count: total }),
        }}
      />
    </Card>
  );
}
