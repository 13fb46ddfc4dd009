import { CalendarOutlined, CloseCircleOutlined, EditOutlined, MessageOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { roleHas } from '../../shared/domain/permissions';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import type { Input } from '../../shared/ipc/contract';
import { useSignedIn } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatMoment } from '../lib/format';
import { TAG_COLOURS } from '../lib/tag-colours';
import { usePreferences } from '../settings/preferences';
import { CancelMeetingModal } from './CancelMeetingModal';
import { ClashList } from './ClashList';
import { downloadText, useSpanText, useVenueLabel } from './data';
import { MeetingModal } from './MeetingModal';
import { NoticeModal } from './NoticeModal';
import { SmsModal } from './SmsModal';
import { minutesBetween } from './time';

type Open = 'edit' | 'cancel' | 'notice' | 'sms' | null;

export function MeetingStatusTag({ meeting }: { meeting: ScheduledMeeting }) {
  const { t } = useTranslation();
  return (
    <Tag style={meeting.status === 'cancelled' ? TAG_COLOURS.grey : TAG_COLOURS.green} data-testid="meeting-status">
      {t(`schedule.statuses.${meeting.status}`)}
    </Tag>
  );
}

/** Downloads the .ics of one meeting, a person's, a room's, a case's or the committee's calendar. */
export function useIcsExport(): (input: Input<'schedule:exportIcs'>) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  return useCallback(async (input) => {
    const r = await api.call('schedule:exportIcs', input);
    if (!r.ok) { void message.error(problemText(r.error)); return; }
    downloadText(r.value.fileName, r.value.ics);
    void message.success(t('schedule.ics.done', { file: r.value.fileName }));
  }, [message, problemText, t]);
}

/**
 * One meeting: the case, the time, the venue, who is invited, why, and what was accepted to hold it;
 * from here it is changed, cancelled, its notices printed, its SMS texts copied and its .ics exported.
 */
export function MeetingDrawer({ meetingId, onClose, onChanged, caseLink = true }: {
  meetingId: number; onClose(): void; onChanged(): void; caseLink?: boolean;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const span = useSpanText();
  const formatMoment = useFormatMoment();
  const { largeText } = usePreferences();
  const { user } = useSignedIn();
  const exportIcs = useIcsExport();
  const venueLabel = useVenueLabel();
  const [m, setM] = useState<ScheduledMeeting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);

  const load = useCallback(async () => {
    const r = await api.call('schedule:get', { id: meetingId });
    if (r.ok) { setM(r.value); setError(null); } else setError(problemText(r.error));
  }, [meetingId, problemText]);
  useEffect(() => { setM(null); void load(); }, [load]);

  const changed = () => { setOpen(null); void load(); onChanged(); };
  const canWrite = roleHas(user.role, 'schedule.write');
  const dash = t('common.empty');

  return (
    <Drawer open size={largeText ? 680 : 560} onClose={onClose} data-testid="meeting-drawer"
      title={m ? <Space wrap><span data-testid="meeting-title">{t('schedule.drawer.title', { caseNo: m.caseNo })}</span><MeetingStatusTag meeting={m} /></Space> : t('schedule.drawer.loading')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!m && !error && <Skeleton active paragraph={{ rows: 8 }} />}
      {m && (
        <Flex vertical gap="large">
          <Flex wrap gap={8} data-testid="meeting-actions">
            {canWrite && m.status === 'scheduled' && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="meeting-edit">{t('schedule.drawer.edit')}</Button>
                <Button danger icon={<CloseCircleOutlined />} onClick={() => setOpen('cancel')} data-testid="meeting-cancel">{t('schedule.drawer.cancel')}</Button>
              </>
            )}
            {m.status === 'scheduled' && (
              <>
                <Button icon={<PrinterOutlined />} onClick={() => setOpen('notice')} data-testid="meeting-notice">{t('schedule.drawer.notice')}</Button>
                <Button icon={<MessageOutlined />} onClick={() => setOpen('sms')} data-testid="meeting-sms">{t('schedule.drawer.sms')}</Button>
              </>
            )}
            <Button icon={<CalendarOutlined />} onClick={() => void exportIcs({ meetingId: m.id })} data-testid="meeting-ics">{t('schedule.drawer.ics')}</Button>
          </Flex>
          {m.status === 'cancelled' && (
            <Alert type="info" showIcon title={t('schedule.drawer.cancelled')} description={m.cancelReason ?? undefined} data-testid="meeting-cancelled" />
          )}
          <Descriptions bordered size="small" column={1} styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }} items={[
            {
              key: 'case', label: t('schedule.drawer.case'),
              children: caseLink
                ? <Link to={`/cases/${m.caseId}`} data-testid="meeting-case-link">{m.caseNo}</Link>
                : <span data-testid="meeting-case-link">{m.caseNo}</span>,
            },
            { key: 'title', label: t('schedule.drawer.applicants'), children: m.caseTitle || dash },
            {
              key: 'time', label: t('schedule.drawer.time'),
              children: (
                <span data-testid="meeting-time">
                  {span(m.startsAt, m.endsAt)}
                  <Typography.Text type="secondary"> {t('schedule.drawer.minutes', { count: minutesBetween(m.startsAt, m.endsAt) })}</Typography.Text>
                </span>
              ),
            },
            {
              key: 'venue', label: t('schedule.drawer.venue'),
              children: (
                <Flex vertical data-testid="meeting-venue">
                  <span>{venueLabel(m.venue)}</span>
                  {m.venue.address && <Typography.Text type="secondary">{m.venue.address}</Typography.Text>}
                  {m.venue.link && (
                    <Typography.Text copyable={{ text: m.venue.link }}>
                      <a href={m.venue.link} target="_blank" rel="noreferrer" data-testid="meeting-link">{t('schedule.drawer.join')}</a>
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              key: 'people', label: t('schedule.drawer.people'),
              children: m.people.length
                ? <Flex wrap gap={6} data-testid="meeting-people-list">{m.people.map((p) => (
                  <Tag key={p.personId} style={TAG_COLOURS.blue}>
                    {p.role ? t('schedule.form.memberLabel', { name: p.name, role: t(`caseWork.memberRoles.${p.role}`, { defaultValue: p.role }) }) : p.name}
                  </Tag>
                ))}</Flex>
                : dash,
            },
            {
              key: 'parties', label: t('schedule.drawer.parties'),
              children: m.parties.length
                ? <Flex vertical data-testid="meeting-parties-list">{m.parties.map((p) => (
                  <span key={p.partyId}>
                    {t('schedule.form.partyLabel', { name: p.name, role: t(`partyRoles.${p.role}`, { defaultValue: p.role }) })}
                    {p.phone && <Typography.Text type="secondary"> {p.phone}</Typography.Text>}
                  </span>
                ))}</Flex>
                : dash,
            },
            { key: 'purpose', label: t('schedule.drawer.purpose'), children: m.purpose ?? dash },
            { key: 'note', label: t('schedule.drawer.note'), children: m.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{m.note}</span> : dash },
            { key: 'updated', label: t('schedule.drawer.updated'), children: formatMoment(m.updatedAt) },
          ]} />
          {m.override && (
            <Alert type="warning" showIcon data-testid="meeting-override"
              title={t('schedule.drawer.override', { reason: m.override.reason })}
              description={m.override.clashes.length ? <ClashList clashes={m.override.clashes} testId="meeting-override-clashes" /> : undefined} />
          )}
        </Flex>
      )}
      {m && open === 'edit' && (
        <MeetingModal meeting={m} onClose={() => setOpen(null)} onSaved={changed} />
      )}
      {m && open === 'cancel' && <CancelMeetingModal meeting={m} onClose={() => setOpen(null)} onDone={changed} />}
      {m && open === 'notice' && <NoticeModal meeting={m} onClose={() => setOpen(null)} />}
      {m && open === 'sms' && <SmsModal meeting={m} onClose={() => setOpen(null)} />}
    </Drawer>
  );
}
