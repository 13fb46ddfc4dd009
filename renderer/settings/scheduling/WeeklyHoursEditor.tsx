import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeeklyHours } from '../../../shared/domain/scheduling';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { minutesOf } from '../../lib/shanghai-time';
import { TAG_COLOURS } from '../../lib/tag-colours';

interface Range { start?: string; end?: string }
type Week = Record<number, Range[]>;

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const pad = (n: number) => String(n).padStart(2, '0');
/** Quarter hours: enough for 08:30 or 17:45 without a long list to scroll. */
const SLOTS = Array.from({ length: 97 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`);
const START_OPTIONS = SLOTS.slice(0, -1).map((s) => ({ value: s, label: s }));
const END_OPTIONS = SLOTS.slice(1).map((s) => ({ value: s, label: s }));

const WORKDAYS: Week = Object.fromEntries(WEEKDAYS.map((d) => [d, d <= 5
  ? [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }]
  : []]));

export const weekOf = (weekly: WeeklyHours[]): Week => Object.fromEntries(WEEKDAYS.map((d) => [d,
  weekly.filter((w) => w.weekday === d).sort((a, b) => minutesOf(a.start) - minutesOf(b.start)).map(({ start, end }) => ({ start, end }))]));

const flatten = (week: Week): WeeklyHours[] =>
  WEEKDAYS.flatMap((d) => week[d].filter((r) => r.start && r.end).map((r) => ({ weekday: d, start: r.start!, end: r.end! })));

/** What is wrong with a day's ranges, as an i18n key, or null. */
function dayProblem(ranges: Range[]): string | null {
  if (ranges.some((r) => !r.start || !r.end)) return 'rangeMissing';
  if (ranges.some((r) => minutesOf(r.end!) <= minutesOf(r.start!))) return 'rangeOrder';
  const sorted = [...ranges].sort((a, b) => minutesOf(a.start!) - minutesOf(b.start!));
  if (sorted.some((r, i) => i > 0 && minutesOf(r.start!) < minutesOf(sorted[i - 1].end!))) return 'rangeOverlap';
  return null;
}

/** The hours one person keeps each week, Monday first; a day may have several ranges or none. */
export function WeeklyHoursEditor({ personId, weekly, canWrite, onSaved }: {
  personId: number; weekly: WeeklyHours[]; canWrite: boolean; onSaved(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const saved = useMemo(() => weekOf(weekly), [weekly]);
  const [week, setWeek] = useState<Week>(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = JSON.stringify(flatten(week)) !== JSON.stringify(flatten(saved)) || WEEKDAYS.some((d) => week[d].length !== saved[d].length);
  const day = (d: number) => t(`scheduleSettings.weekdays.${d}`);
  const problems = WEEKDAYS.map((d) => dayProblem(week[d]));
  const firstProblem = WEEKDAYS.find((_, i) => problems[i]);

  const change = (d: number, ranges: Range[]) => setWeek((w) => ({ ...w, [d]: ranges }));
  const save = async () => {
    if (firstProblem) return setError(t(`scheduleSettings.availability.${problems[firstProblem - 1]}`, { weekday: day(firstProblem) }));
    setBusy(true);
    setError(null);
    const r = await api.call('availability:setWeekly', { personId, weekly: flatten(week) });
    setBusy(false);
    if (!r.ok) return setError([problemText(r.error), ...(r.error.details ?? []).map(problemText)].join('；'));
    void message.success(t('scheduleSettings.availability.weeklySaved'));
    onSaved();
  };

  return (
    <Flex vertical gap={8} data-testid="weekly-hours">
      <Typography.Text type="secondary">{t('scheduleSettings.availability.weeklyHelp')}</Typography.Text>
      {flatten(week).length === 0 && <Alert type="info" showIcon title={t('scheduleSettings.availability.weeklyEmpty')} data-testid="weekly-empty" />}
      {WEEKDAYS.map((d, i) => (
        <Flex key={d} gap={12} align="flex-start" wrap data-testid={`weekly-day-${d}`}
          style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
          <Typography.Text strong style={{ minWidth: '5em', lineHeight: '32px' }}>{day(d)}</Typography.Text>
          <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
            {week[d].length === 0 && (
              <Typography.Text type="secondary" style={{ lineHeight: '32px' }} data-testid={`weekly-${d}-closed`}>{t('scheduleSettings.availability.closed')}</Typography.Text>
            )}
            {canWrite ? week[d].map((r, k) => (
              <Space key={k} wrap size={8} data-testid={`weekly-${d}-range`}>
                <Select value={r.start} options={START_OPTIONS} showSearch style={{ width: '7.5em' }} placeholder={t('scheduleSettings.availability.from')}
                  aria-label={`${day(d)} ${t('scheduleSettings.availability.from')}`} data-testid={`weekly-${d}-${k}-start`}
                  onChange={(v: string) => change(d, week[d].map((x, j) => (j === k ? { ...x, start: v } : x)))} />
                <span aria-hidden>–</span>
                <Select value={r.end} options={END_OPTIONS} showSearch style={{ width: '7.5em' }} placeholder={t('scheduleSettings.availability.to')}
                  aria-label={`${day(d)} ${t('scheduleSettings.availability.to')}`} data-testid={`weekly-${d}-${k}-end`}
                  onChange={(v: string) => change(d, week[d].map((x, j) => (j === k ? { ...x, end: v } : x)))} />
                <Tooltip title={t('scheduleSettings.availability.removeRange')}>
                  <Button type="text" icon={<CloseOutlined />} aria-label={t('scheduleSettings.availability.removeRange')}
                    onClick={() => change(d, week[d].filter((_, j) => j !== k))} data-testid={`weekly-${d}-${k}-remove`} />
                </Tooltip>
              </Space>
            )) : week[d].length > 0 && (
              <Space wrap size={8} style={{ lineHeight: '32px' }}>
                {week[d].map((r, k) => <Tag key={k} style={{ ...TAG_COLOURS.green, marginInlineEnd: 0 }}>{`${r.start}–${r.end}`}</Tag>)}
              </Space>
            )}
            {problems[i] && <Typography.Text type="danger">{t(`scheduleSettings.availability.${problems[i]}`, { weekday: day(d) })}</Typography.Text>}
          </Flex>
          {canWrite && (
            <Button icon={<PlusOutlined />} onClick={() => change(d, [...week[d], {}])} data-testid={`weekly-${d}-add`}>
              {t('scheduleSettings.availability.addRange')}
            </Button>
          )}
        </Flex>
      ))}
      {error && <Alert type="error" showIcon title={error} data-testid="weekly-error" />}
      {canWrite && (
        <Flex gap={8} wrap align="center" style={{ paddingTop: 8 }}>
          <Button type="primary" size="large" loading={busy} disabled={!dirty} onClick={() => void save()} data-testid="weekly-save">
            {t('scheduleSettings.availability.saveWeekly')}
          </Button>
          <Tooltip title={t('scheduleSettings.availability.presetWorkdaysHelp')}>
            <Button size="large" onClick={() => setWeek(WORKDAYS)} data-testid="weekly-preset-workdays">{t('scheduleSettings.availability.presetWorkdays')}</Button>
          </Tooltip>
          <Button size="large" onClick={() => setWeek(weekOf([]))} data-testid="weekly-clear">{t('scheduleSettings.availability.clear')}</Button>
          {dirty && <Tag style={{ ...TAG_COLOURS.orange, marginInlineEnd: 0 }} data-testid="weekly-unsaved">{t('scheduleSettings.availability.unsaved')}</Tag>}
        </Flex>
      )}
    </Flex>
  );
}
