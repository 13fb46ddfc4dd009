import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { canEdit } from '../../../shared/domain/lifecycle';
import { roleHas } from '../../../shared/domain/permissions';
import type { ScheduledMeeting } from '../../../shared/domain/scheduling';
import { useSignedIn } from '../../auth/session';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { useSpanText, useVenueLabel } from '../../schedule/data';
import { MeetingDrawer, MeetingStatusTag } from '../../schedule/MeetingDrawer';
import { MeetingModal } from '../../schedule/MeetingModal';
import { shanghaiDay } from '../../schedule/time';
import { useCaseWork } from './context';

/** 会议安排: the case's meetings, past and coming, and 安排会议 while the case's state allows meetings. */
export function MeetingsCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const span = useSpanText();
  const venueLabel = useVenueLabel();
  const { user } = useSignedIn();
  const w = useCaseWork();
  const [meetings, setMeetings] = useState<ScheduledMeeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const canSchedule = roleHas(user.role, 'schedule.write') && canEdit(w.file.case.status, 'meeting');

  const load = useCallback(async () => {
    // All the case's meetings, whole: the table shows who is invited.
    const r = await api.call('schedule:caseMeetings', { caseId: w.caseId });
    if (r.ok) { setMeetings(r.value); setError(null); } else setError(problemText(r.error));
  }, [w.caseId, problemText]);
  // Reloaded with the case file, so a step elsewhere on the page shows here too.
  useEffect(() => { void load(); }, [load, w.file]);

  const changed = () => { void load(); void w.reload(); };
  if (!canSchedule && !error && (meetings?.length ?? 0) === 0) return null;

  return (
    <Card title={t('schedule.caseCard.title')} data-testid="case-meetings"
      extra={(
        <Flex gap={8} wrap>
          <Button icon={<CalendarOutlined />} onClick={() => void navigate('/schedule')} data-testid="case-meetings-calendar">
            {t('schedule.caseCard.calendar')}
          </Button>
          {canSchedule && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-add">{t('schedule.new')}</Button>
          )}
        </Flex>
      )}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {/* Nothing yet: one quiet line, not an empty table on a page that is long already. */}
      {meetings?.length === 0 ? <Typography.Text type="secondary" data-testid="case-meetings-empty">{t('schedule.caseCard.none')}</Typography.Text> : (
        <Table<ScheduledMeeting> rowKey="id" pagination={false} size="middle" dataSource={meetings ?? []} loading={meetings === null}
          data-testid="case-meetings-table"
          onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' }, 'data-testid': `case-meeting-${m.id}` } as HTMLAttributes<HTMLElement>)}
          columns={[
            {
              key: 'time', title: t('schedule.drawer.time'),
              render: (_, m) => <span style={{ textDecoration: m.status === 'cancelled' ? 'line-through' : undefined }}>{span(m.startsAt, m.endsAt)}</span>,
            },
            { key: 'venue', title: t('schedule.drawer.venue'), render: (_, m) => venueLabel(m.venue) },
            { key: 'purpose', title: t('schedule.drawer.purpose'), render: (_, m) => m.purpose ?? t('common.empty') },
            { key: 'people', title: t('schedule.drawer.people'), render: (_, m) => m.people.map((p) => p.name).join('、') || t('common.empty') },
            { key: 'status', title: t('schedule.caseCard.status'), render: (_, m) => <MeetingStatusTag meeting={m} /> },
            {
              key: 'open', title: '', width: '1%',
              render: (_, m) => (
                <Button type="link" onClick={(e) => { e.stopPropagation(); void navigate(`/schedule?date=${shanghaiDay(m.startsAt)}&meeting=${m.id}`); }}
                  data-testid={`case-meeting-show-${m.id}`}>
                  {t('schedule.caseCard.show')}
                </Button>
              ),
            },
          ]} />
      )}
      {creating && (
        <MeetingModal caseId={w.caseId} file={w.file} onClose={() => setCreating(false)}
          onSaved={() => { setCreating(false); changed(); }} />
      )}
      {open !== null && <MeetingDrawer meetingId={open} caseLink={false} onClose={() => setOpen(null)} onChanged={changed} />}
    </Card>
  );
}
