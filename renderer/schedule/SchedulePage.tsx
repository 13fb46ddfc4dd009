import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import type { DateSelectArg, DatesSetArg, EventChangeArg, EventClickArg, EventContentArg, EventInput } from '@fullcalendar/core';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, App, Button, Card, Flex, Select, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { PersonOption } from '../../shared/domain/committee';
import { isCalendarDate } from '../../shared/domain/dates';
import { roleHas } from '../../shared/domain/permissions';
import { VENUE_KINDS, type Availability, type CalendarMeeting, type Clash } from '../../shared/domain/scheduling';
import type { Input } from '../../shared/ipc/contract';
import { useSignedIn } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { ClashDecisionModal } from './ClashDecisionModal';
import { CANCELLED_COLOUR, useVenues, VENUE_COLOURS } from './data';
import { MeetingDrawer, useIcsExport } from './MeetingDrawer';
import { MeetingModal } from './MeetingModal';
import './schedule.css';
import { dayText, fromWall, instantOf, shanghaiClock, toWall, wallNow, weekdayText } from './time';

/** Whose calendar: the whole committee, one person or one room. */
type Whose = { kind: 'all' } | { kind: 'person'; id: number } | { kind: 'venue'; id: number };
const whoseValue = (w: Whose) => (w.kind === 'all' ? 'all' : `${w.kind}:${w.id}`);
const parseWhose = (v: string | null): Whose => {
  const m = /^(person|venue):(\d+)$/.exec(v ?? '');
  return m ? { kind: m[1] as 'person' | 'venue', id: Number(m[2]) } : { kind: 'all' };
};

interface PendingMove {
  input: Input<'schedule:move'>;
  clashes: Clash[];
  revert(): void;
}

const HOUR_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
const hourOf = (clock: string) => Number(clock.slice(0, 2));
const pad = (h: number) => `${String(h).padStart(2, '0')}:00:00`;

/** What an event shows: the time, the case number and the venue; a cancelled one struck through. */
function EventBody({ arg }: { arg: EventContentArg }) {
  const m = arg.event.extendedProps.meeting as CalendarMeeting | undefined;
  if (!m) return <span>{arg.event.title}</span>;
  const cancelled = m.status === 'cancelled';
  return (
    <div data-testid="calendar-event" data-meeting-id={m.id} data-status={m.status}
      style={{ overflow: 'hidden', lineHeight: 1.35, padding: '1px 3px', fontSize: '0.85em', whiteSpace: 'normal', textDecoration: cancelled ? 'line-through' : undefined }}>
      <div><strong>{arg.timeText}</strong> {m.caseNo}</div>
      <div>{m.venue.name}{m.purpose ? ` · ${m.purpose}` : ''}</div>
    </div>
  );
}

/**
 * 日程: the committee's meetings by day, week (the default) or month, for everyone, one person or one
 * room, in Shanghai time with weeks from Monday. Dragging or stretching a meeting moves it; a clash
 * asks for a reason or puts it back.
 */
export function SchedulePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const canWrite = roleHas(user.role, 'schedule.write');
  const zh = i18n.language !== 'en';
  const calendar = useRef<FullCalendar>(null);

  const [whose, setWhose] = useState<Whose>(() => parseWhose(params.get('calendar')));
  const [showCancelled, setShowCancelled] = useState(true);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [meetings, setMeetings] = useState<CalendarMeeting[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [creating, setCreating] = useState<{ startsAt: string; endsAt: string } | null | 'blank'>(null);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const { venues } = useVenues();
  const exportIcs = useIcsExport();
  const openMeeting = Number(params.get('meeting')) || null;
  const initialDate = useRef(isCalendarDate(params.get('date') ?? '') ? params.get('date') as string : undefined);

  useEffect(() => {
    let live = true;
    void api.call('people:list', {}).then((r) => { if (live && r.ok) setPeople(r.value); });
    return () => { live = false; };
  }, []);

  // One person's calendar shows the hours they keep and their leave.
  useEffect(() => {
    setAvailability(null);
    if (whose.kind !== 'person') return;
    let live = true;
    void api.call('availability:get', { personId: whose.id }).then((r) => { if (live && r.ok) setAvailability(r.value); });
    return () => { live = false; };
  }, [whose]);

  const seq = useRef(0);
  const load = useCallback(async () => {
    if (!range) return;
    const n = ++seq.current;
    const r = await api.call('schedule:range', {
      from: range.from, to: range.to, includeCancelled: showCancelled,
      personId: whose.kind === 'person' ? whose.id : undefined, venueId: whose.kind === 'venue' ? whose.id : undefined,
    });
    if (n !== seq.current) return;
    if (r.ok) { setMeetings(r.value); setError(null); } else setError(problemText(r.error));
    setLoaded(true);
  }, [range, showCancelled, whose, problemText]);
  useEffect(() => { void load(); }, [load]);

  const setParam = (key: string, value: string | null) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (value === null) next.delete(key); else next.set(key, value);
    return next;
  }, { replace: true });
  const chooseWhose = (v: string) => {
    const w = parseWhose(v);
    setWhose(w);
    setParam('calendar', w.kind === 'all' ? null : v);
  };
  const openDrawer = (id: number | null) => setParam('meeting', id === null ? null : String(id));

  const events = useMemo<EventInput[]>(() => {
    const list: EventInput[] = meetings.map((m) => {
      const cancelled = m.status === 'cancelled';
      const colour = cancelled ? CANCELLED_COLOUR : VENUE_COLOURS[m.venue.kind];
      return {
        id: String(m.id), title: `${m.caseNo} ${m.venue.name}`, start: toWall(m.startsAt), end: toWall(m.endsAt),
        backgroundColor: colour, borderColor: colour, textColor: cancelled ? '#4a4a4a' : '#ffffff',
        editable: canWrite && !cancelled, extendedProps: { meeting: m },
      };
    });
    for (const e of availability?.exceptions ?? []) {
      list.push({
        id: `exception-${e.id}`, start: toWall(e.startsAt), end: toWall(e.endsAt), display: 'background', backgroundColor: '#ffccc7',
        title: t(`schedule.exceptionKinds.${e.kind}`),
      });
    }
    return list;
  }, [meetings, availability, canWrite, t]);

  const businessHours = useMemo(() => (availability && availability.weekly.length > 0
    ? availability.weekly.map((w) => ({ daysOfWeek: [w.weekday % 7], startTime: w.start, endTime: w.end }))
    : false), [availability]);

  // Working hours on screen, stretched to any meeting outside them.
  const { slotMinTime, slotMaxTime } = useMemo(() => {
    let min = 7;
    let max = 21;
    for (const m of meetings) {
      min = Math.min(min, hourOf(shanghaiClock(m.startsAt)));
      const end = shanghaiClock(m.endsAt);
      max = Math.max(max, hourOf(end) + (end.endsWith(':00') ? 0 : 1) || 24);
    }
    return { slotMinTime: pad(min), slotMaxTime: pad(Math.min(max, 24)) };
  }, [meetings]);

  const move = async (info: EventChangeArg) => {
    const m = info.event.extendedProps.meeting as CalendarMeeting;
    if (!info.event.start) return info.revert();
    const startsAt = fromWall(info.event.start);
    const endsAt = info.event.end ? fromWall(info.event.end) : new Date(Date.parse(startsAt) + (Date.parse(m.endsAt) - Date.parse(m.startsAt))).toISOString();
    // New times only: the core keeps the venue, people, parties, purpose and note as they are.
    const input: Input<'schedule:move'> = { id: m.id, startsAt, endsAt };
    const r = await api.call('schedule:move', input);
    if (!r.ok) {
      info.revert();
      void message.error(problemText(r.error));
      return;
    }
    if (r.value.id === null) {
      setPendingMove({ input, clashes: r.value.clashes, revert: info.revert });
      return;
    }
    void message.success(t('schedule.moved'));
    void load();
  };

  const select = (info: DateSelectArg) => {
    calendar.current?.getApi().unselect();
    if (!canWrite) return;
    if (info.allDay) {
      // A day picked in the month view: the usual morning hour on that day.
      const day = info.startStr.slice(0, 10);
      setCreating({ startsAt: instantOf(day, '09:00'), endsAt: instantOf(day, '10:00') });
      return;
    }
    setCreating({ startsAt: fromWall(info.start), endsAt: fromWall(info.end) });
  };

  const whoseOptions = [
    { value: 'all', label: t('schedule.whose.all') },
    ...(user.personId ? [{ value: `person:${user.personId}`, label: t('schedule.whose.mine') }] : []),
    {
      label: t('schedule.whose.people'),
      options: people.filter((p) => p.id !== user.personId).map((p) => ({ value: `person:${p.id}`, label: p.name })),
    },
    { label: t('schedule.whose.venues'), options: venues.map((v) => ({ value: `venue:${v.id}`, label: v.name })) },
  ];

  return (
    <Flex vertical gap="middle" data-testid="schedule-page">
      <Card>
        <Flex wrap gap={16} align="center" justify="space-between">
          <Flex wrap gap={16} align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>{t('schedule.title')}</Typography.Title>
            <Select value={whoseValue(whose)} onChange={chooseWhose} style={{ minWidth: 220 }} options={whoseOptions}
              showSearch={{ optionFilterProp: 'label' }} data-testid="schedule-whose" aria-label={t('schedule.whose.label')} />
            <Flex gap={8} align="center">
              <Switch checked={showCancelled} onChange={setShowCancelled} data-testid="schedule-show-cancelled" aria-label={t('schedule.showCancelled')} />
              <Typography.Text>{t('schedule.showCancelled')}</Typography.Text>
            </Flex>
          </Flex>
          <Flex wrap gap={8}>
            <Button icon={<CalendarOutlined />} data-testid="schedule-export"
              onClick={() => void exportIcs(whose.kind === 'person' ? { personId: whose.id } : whose.kind === 'venue' ? { venueId: whose.id } : {})}>
              {t(`schedule.export.${whose.kind}`)}
            </Button>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('blank')} data-testid="schedule-new">
                {t('schedule.new')}
              </Button>
            )}
          </Flex>
        </Flex>
        <Flex wrap gap={8} align="center" style={{ marginTop: 12 }} data-testid="schedule-legend">
          {VENUE_KINDS.map((k) => (
            <Tag key={k} style={{ background: VENUE_COLOURS[k], borderColor: VENUE_COLOURS[k], color: '#fff' }}>{t(`schedule.venueKinds.${k}`)}</Tag>
          ))}
          <Tag style={{ background: CANCELLED_COLOUR, borderColor: CANCELLED_COLOUR, color: '#4a4a4a', textDecoration: 'line-through' }}>
            {t('schedule.statuses.cancelled')}
          </Tag>
          {canWrite && <Typography.Text type="secondary">{t('schedule.dragHint')}</Typography.Text>}
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Card styles={{ body: { padding: 16 } }}>
        <div className="tj-calendar" data-testid="schedule-calendar" data-loaded={loaded ? 'true' : 'false'} data-count={meetings.length}>
          <FullCalendar
            ref={calendar}
            plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
            initialView="timeGridWeek"
            initialDate={initialDate.current}
            locales={[zhCnLocale]}
            locale={zh ? 'zh-cn' : 'en'}
            // Shanghai wall-clock times handed over as UTC (see time.ts): the same on every PC.
            timeZone="UTC"
            now={wallNow}
            firstDay={1}
            headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth' }}
            buttonText={{ today: t('schedule.today'), day: t('schedule.views.day'), week: t('schedule.views.week'), month: t('schedule.views.month') }}
            height="auto"
            allDaySlot={false}
            nowIndicator
            slotMinTime={slotMinTime}
            slotMaxTime={slotMaxTime}
            slotDuration="00:30:00"
            snapDuration="00:15:00"
            slotLabelFormat={HOUR_FORMAT}
            eventTimeFormat={HOUR_FORMAT}
            dayHeaderContent={(arg) => {
              // 周三 over 12月2日 in the day and week views, the weekday alone over the month.
              const day = arg.date.toISOString().slice(0, 10);
              if (arg.view.type === 'dayGridMonth') return weekdayText(day, zh);
              return (
                <div style={{ lineHeight: 1.3, padding: '2px 0' }}>
                  <div>{weekdayText(day, zh)}</div>
                  <div style={{ fontWeight: 400 }}>{dayText(day, zh).replace(/^\d{4}年|^\d{4}-/, '')}</div>
                </div>
              );
            }}
            // Coloured blocks in the month too (not FullCalendar's dots), at most four a day then 「还有 n 个」.
            eventDisplay="block"
            dayMaxEvents={4}
            businessHours={businessHours}
            events={events}
            eventContent={(arg) => <EventBody arg={arg} />}
            editable={canWrite}
            eventStartEditable={canWrite}
            eventDurationEditable={canWrite}
            selectable={canWrite}
            selectMirror
            eventDrop={(info) => void move(info)}
            eventResize={(info) => void move(info)}
            select={select}
            eventClick={(info: EventClickArg) => {
              const m = info.event.extendedProps.meeting as CalendarMeeting | undefined;
              if (m) openDrawer(m.id);
            }}
            datesSet={(info: DatesSetArg) => {
              const next = { from: fromWall(info.start), to: fromWall(info.end) };
              setRange((r) => (r && r.from === next.from && r.to === next.to ? r : next));
            }}
          />
        </div>
      </Card>
      {openMeeting && <MeetingDrawer meetingId={openMeeting} onClose={() => openDrawer(null)} onChanged={() => void load()} />}
      {creating && (
        <MeetingModal slot={creating === 'blank' ? undefined : creating} venueId={whose.kind === 'venue' ? whose.id : undefined}
          onClose={() => setCreating(null)}
          onSaved={(id) => { setCreating(null); void load(); openDrawer(id); }} />
      )}
      {pendingMove && (
        <ClashDecisionModal clashes={pendingMove.clashes} abandonText={t('schedule.decide.abandon')}
          onAbandon={() => { pendingMove.revert(); setPendingMove(null); }}
          override={(reason) => api.call('schedule:move', { ...pendingMove.input, overrideReason: reason })}
          onDone={() => { setPendingMove(null); void message.success(t('schedule.moved')); void load(); }} />
      )}
    </Flex>
  );
}
