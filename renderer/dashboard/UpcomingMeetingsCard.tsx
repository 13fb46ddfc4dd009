import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Output } from '../../shared/ipc/contract';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { TAG_COLOURS } from '../lib/tag-colours';
import { phaseOf, useMeetingWhen } from './meeting-when';

type Upcoming = Output<'schedule:upcoming'>;
/** Often enough that 「即将开始」 appears near when the reminder does. */
const REFRESH_MS = 60_000;

function MeetingRow({ m, reminderMinutes, first }: { m: ScheduledMeeting; reminderMinutes: number; first: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const when = useMeetingWhen();
  const phase = m.status === 'cancelled' ? null : phaseOf(m, reminderMinutes);
  const open = () => void navigate(`/cases/${m.caseId}`);
  const sep = t('scheduleSettings.history.listSeparator');
  return (
    <Flex vertical gap={2} role="link" tabIndex={0} data-testid="upcoming-meeting" data-meeting={m.id}
      style={{ padding: '10px 4px', borderTop: first ? undefined : '1px solid #f0f0f0', cursor: 'pointer' }}
      onClick={open} onKeyDown={(e) => { if (e.key === 'Enter' && !e.nativeEvent.isComposing) open(); }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong delete={m.status === 'cancelled'} data-testid="upcoming-when">{when(m)}</Typography.Text>
        {phase === 'soon' && <Tag style={{ ...TAG_COLOURS.orange, marginInlineEnd: 0 }} data-testid="upcoming-soon">{t('scheduleSettings.upcoming.soon')}</Tag>}
        {phase === 'ongoing' && <Tag style={{ ...TAG_COLOURS.green, marginInlineEnd: 0 }} data-testid="upcoming-ongoing">{t('scheduleSettings.upcoming.ongoing')}</Tag>}
        {m.status === 'cancelled' && <Tag style={{ ...TAG_COLOURS.grey, marginInlineEnd: 0 }}>{t('scheduleSettings.upcoming.cancelled')}</Tag>}
      </Flex>
      <Typography.Text style={{ wordBreak: 'break-word' }}>
        <a href={`#/cases/${m.caseId}`} onClick={(e) => e.stopPropagation()} data-testid="upcoming-case">{m.caseNo}</a>
        {m.caseTitle ? ` ${m.caseTitle}` : ''}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
        {[
          t('scheduleSettings.upcoming.venue', { venue: m.venue.name }),
          m.purpose ? t('scheduleSettings.upcoming.purpose', { purpose: m.purpose }) : null,
          m.people.length ? t('scheduleSettings.upcoming.people', { names: m.people.map((p) => p.name).join(sep) }) : null,
        ].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Flex>
  );
}

function MeetingList({ meetings, reminderMinutes, empty, testId }: { meetings: ScheduledMeeting[]; reminderMinutes: number; empty: string; testId: string }) {
  if (meetings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} data-testid={`${testId}-empty`} />;
  return (
    <div data-testid={testId}>
      {meetings.map((m, i) => <MeetingRow key={m.id} m={m} reminderMinutes={reminderMinutes} first={i === 0} />)}
    </div>
  );
}

/** 工作台 → 近期会议: the next 7 days, mine first, then the whole committee's. */
export function UpcomingMeetingsCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [data, setData] = useState<Upcoming | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<'mine' | 'committee' | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('schedule:upcoming', {});
    if (r.ok) {
      setData(r.value);
      setError(null);
      // Open on the committee's list when I have nothing and others do; the choice then stays.
      setTab((k) => k ?? (r.value.mine.length === 0 && r.value.committee.length > 0 ? 'committee' : 'mine'));
    } else {
      setError(t('scheduleSettings.upcoming.loadFailed', { reason: problemText(r.error) }));
    }
  }, [t, problemText]);

  useEffect(() => {
    let live = true;
    const run = () => { if (live) void load(); };
    run();
    const timer = window.setInterval(run, REFRESH_MS);
    return () => { live = false; window.clearInterval(timer); };
  }, [load]);

  return (
    <Card data-testid="upcoming-meetings" loading={data === null && !error}
      title={<Flex gap={8} align="center"><CalendarOutlined /><span>{t('scheduleSettings.upcoming.title')}</span></Flex>}
      extra={<Button type="link" onClick={() => void navigate('/schedule')}>{t('scheduleSettings.upcoming.openCalendar')}</Button>}>
      {error && <Alert type="warning" showIcon title={error} />}
      {data && (
        <Tabs activeKey={tab ?? 'mine'} onChange={(k) => setTab(k as 'mine' | 'committee')} style={{ marginTop: -8 }}
          items={[
            { key: 'mine', label: <span data-testid="upcoming-tab-mine">{t('scheduleSettings.upcoming.mine', { n: data.mine.length })}</span>,
              children: <MeetingList meetings={data.mine} reminderMinutes={data.reminderMinutes} empty={t('scheduleSettings.upcoming.noneMine')} testId="upcoming-mine" /> },
            { key: 'committee', label: <span data-testid="upcoming-tab-committee">{t('scheduleSettings.upcoming.committee', { n: data.committee.length })}</span>,
              children: <MeetingList meetings={data.committee} reminderMinutes={data.reminderMinutes} empty={t('scheduleSettings.upcoming.noneCommittee')} testId="upcoming-committee" /> },
          ]} />
      )}
    </Card>
  );
}
