import { CASE_SORT_FIELDS, type CaseListQuery } from '../../shared/domain/case';
import { isCalendarDate } from '../../shared/domain/dates';
import { CASE_STATUSES, CATEGORIES, CHANNELS, type CaseStatus, type Category, type Channel } from '../../shared/domain/enums';

export type SortField = (typeof CASE_SORT_FIELDS)[number];
export type Order = 'asc' | 'desc';
export const PAGE_SIZES = [10, 20, 50, 100];

/** The case list's state, as the address keeps it (a reload or Back returns to the same list). */
export interface ListState {
  page: number;
  pageSize: number;
  sortBy: SortField;
  order: Order;
  q: string;
  status: CaseStatus[];
  category: Category[];
  /** Local categories (设置 → 纠纷类型); a national category in `category` already includes its local ones. */
  localCategoryId: number[];
  channel: Channel[];
  leadMediatorId: number[];
  registeredFrom: string | null;
  registeredTo: string | null;
}

const list = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  [...new Set((raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v)))];
const ids = (raw: string | null): number[] =>
  [...new Set((raw ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))];
const date = (raw: string | null): string | null => (raw && isCalendarDate(raw) ? raw : null);

/** Reads the address; anything unknown or malformed is dropped, never sent to the core. */
export function readListState(params: URLSearchParams): ListState {
  const sort = params.get('sort');
  return {
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    pageSize: PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20,
    sortBy: sort && (CASE_SORT_FIELDS as readonly string[]).includes(sort) ? (sort as SortField) : 'caseNo',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    status: list(params.get('status'), CASE_STATUSES),
    category: list(params.get('category'), CATEGORIES),
    localCategoryId: ids(params.get('local')),
    channel: list(params.get('channel'), CHANNELS),
    leadMediatorId: ids(params.get('mediator')),
    registeredFrom: date(params.get('from')),
    registeredTo: date(params.get('to')),
  };
}

/** The address for a state: paging and sorting always, filters only when set. */
export function writeListState(s: ListState): Record<string, string> {
  const out: Record<string, string> = { page: String(s.page), size: String(s.pageSize), sort: s.sortBy, order: s.order };
  if (s.q) out.q = s.q;
  if (s.status.length) out.status = s.status.join(',');
  if (s.category.length) out.category = s.category.join(',');
  if (s.localCategoryId.length) out.local = s.localCategoryId.join(',');
  if (s.channel.length) out.channel = s.channel.join(',');
  if (s.leadMediatorId.length) out.mediator = s.leadMediatorId.join(',');
  if (s.registeredFrom) out.from = s.registeredFrom;
  if (s.registeredTo) out.to = s.registeredTo;
  return out;
}

/** Whether any search or filter narrows the list (the empty list then says so). */
export const isNarrowed = (s: ListState): boolean =>
  !!(s.q || s.status.length || s.category.length || s.localCategoryId.length || s.channel.length || s.leadMediatorId.length || s.registeredFrom || s.registeredTo);

/** The `cases:list` input for a state; empty filters are left out. */
export function toListQuery(s: ListState): CaseListQuery {
  const q: CaseListQuery = { page: s.page, pageSize: s.pageSize, sortBy: s.sortBy, order: s.order };
  if (s.q) q.q = s.q;
  if (s.status.length) q.status = s.status;
  if (s.category.length) q.category = s.category;
  if (s.localCategoryId.length) q.localCategoryId = s.localCategoryId;
  if (s.channel.length) q.channel = s.channel;
  if (s.leadMediatorId.length) q.leadMediatorId = s.leadMediatorId;
  if (s.registeredFrom) q.registeredFrom = s.registeredFrom;
  if (s.registeredTo) q.registeredTo = s.registeredTo;
  return q;
}
