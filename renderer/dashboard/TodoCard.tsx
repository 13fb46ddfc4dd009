import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Output } from '../../shared/ipc/contract';
import { URGENT_ORANGE, URGENT_RED, UrgencyTag } from '../cases/detail/DeadlineTag';
import { useFormatDate } from '../lib/format';
import { TAG_COLOURS } from '../lib/tag-colours';

export type Todo = Output<'dashboard:todo'>;
export const TODO_LISTS = ['overdue', 'dueThisWeek', 'followupsDue', 'jcDeadlines'] as const;
export type TodoList = (typeof TODO_LISTS)[number];
type Item = Todo['overdue'][number];

/** A case that needs doing: number, applicants, who leads it, the date and how near it is; mine marked. */
export function TodoRow({ list, item, first }: { list: TodoList; item: Item; first: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} role="link" tabIndex={0}
      style={{ padding: '10px 4px', borderTop: first ? undefined : '1px solid #f0f0f0', cursor: 'pointer' }}
      onClick={() => void navigate(`/cases/${item.id}`)}
      onKeyDown={(e) => { if (e.key === 'Enter' && !e.nativeEvent.isComposing) void navigate(`/cases/${item.id}`); }}
      data-testid={`todo-${list}-item`}>
      <Flex vertical style={{ minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <a href={`#/cases/${item.id}`} onClick={(e) => e.stopPropagation()}>{item.caseNo}</a>
          {item.mine && <Tag style={{ ...TAG_COLOURS.blue, marginInlineEnd: 0 }} data-testid="todo-mine">{t('dashboard.todo.mine')}</Tag>}
        </Flex>
        <Typography.Text type="secondary">
          {item.applicants || t('common.empty')}
          {item.leadMediator ? ` · ${t('dashboard.todo.lead', { name: item.leadMediator })}` : ''}
        </Typography.Text>
      </Flex>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t(`dashboard.todo.dateLabel.${list}`, { date: formatDate(item.date) })}</Typography.Text>
        <UrgencyTag due={item.date} />
      </Flex>
    </Flex>
  );
}

const COUNT_COLOUR: Record<TodoList, string> = { overdue: URGENT_RED, dueThisWeek: URGENT_ORANGE, followupsDue: URGENT_ORANGE, jcDeadlines: URGENT_ORANGE };

/** One of the four lists of the 工作台, with its count. */
export function TodoCard({ list, items }: { list: TodoList; items: Item[] | null }) {
  const { t } = useTranslation();
  const n = items?.length ?? 0;
  return (
    <Card loading={items === null} style={{ height: '100%' }} data-testid={`todo-${list}`}
      title={
        <Flex gap={8} align="center">
          <span>{t(`dashboard.todo.${list}`)}</span>
          <Tag color={n > 0 ? COUNT_COLOUR[list] : undefined} style={{ marginInlineEnd: 0 }} data-testid={`todo-${list}-count`}>{n}</Tag>
        </Flex>
      }>
      {n === 0
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`dashboard.todo.empty.${list}`)} />
        : <div style={{ marginTop: -10 }}>{items!.map((i, k) => <TodoRow key={i.id} list={list} item={i} first={k === 0} />)}</div>}
    </Card>
  );
}
