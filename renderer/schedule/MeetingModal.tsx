import { AutoComplete, Alert, App, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../shared/domain/dates';
import { EDITS } from '../../shared/domain/lifecycle';
import type { Clash, ScheduledMeeting } from '../../shared/domain/scheduling';
import type { Input as In, Output } from '../../shared/ipc/contract';
import type { CaseSummary } from '../../shared/domain/case';
import { FormModal } from '../cases/detail/FormModal';
import { usePickerFormat } from '../cases/detail/dates';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { ClashDecisionModal } from './ClashDecisionModal';
import { ClashList } from './ClashList';
import { useVenueLabel, useVenues } from './data';
import { instantOf, minutesBetween, QUARTER_HOURS, shanghaiClock, shanghaiDay } from './time';

type CaseFile = Output<'cases:file'>;
type Created = Output<'schedule:create'>;

interface Values {
  caseId?: number;
  date?: Dayjs;
  start?: string;
  end?: string;
  venueId?: number;
  purpose?: string;
  personIds: number[];
  partyIds: number[];
  note?: string;
}

export interface MeetingModalProps {
  /** Changing this meeting; otherwise scheduling a new one. */
  meeting?: ScheduledMeeting;
  /** The case, fixed: opened from the case page (or when changing a meeting). */
  caseId?: number;
  /** The case file, when the opener has it already. */
  file?: CaseFile;
  /** A time picked in the calendar. */
  slot?: { startsAt: string; endsAt: string };
  /** The room whose calendar is on screen. */
  venueId?: number;
  onClose(): void;
  onSaved(id: number): void;
}

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const PURPOSES = ['first', 'separate', 'site', 'investigation', 'performance'] as const;
const MEETING_STATUSES = [...EDITS.meeting];
const DEFAULT_MINUTES = 60;
type CheckState = 'idle' | 'checking' | 'done' | 'refused';

/** Cases a meeting can be for, found by number, name or pinyin initials (the case list's search). */
function CasePicker({ value, onChange }: { value?: number; onChange?(id: number): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      void api.call('cases:list', { q: q.trim() || undefined, status: MEETING_STATUSES, pageSize: 30, sortBy: 'updatedAt', order: 'desc' })
        .then((r) => { if (live) { setLoading(false); if (r.ok) setItems(r.value.items); } });
    }, 250);
    return () => { live = false; window.clearTimeout(timer); };
  }, [q]);
  return (
    <Select value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: setQ }} loading={loading}
      placeholder={t('schedule.form.casePlaceholder')} data-testid="meeting-case"
      notFoundContent={loading ? <Spin size="small" /> : t('schedule.form.noCases')}
      options={items.map((c) => ({ value: c.id, label: `${c.caseNo} ${c.applicants}` }))} />
  );
}

/** The live clash check under the form: what the meeting would clash with, before anything is saved. */
function CheckPanel({ state, clashes, problem }: { state: CheckState; clashes: Clash[]; problem?: string }) {
  const { t } = useTranslation();
  if (state === 'idle') return null;
  // The draft itself is refused (a time already past, a venue no longer used): said before saving.
  if (state === 'refused') return <Alert type="error" showIcon title={problem} data-testid="meeting-check" data-state="refused" />;
  if (state === 'checking' && clashes.length === 0) {
    return <Flex gap={8} align="center" data-testid="meeting-check" data-state="checking"><Spin size="small" /><Typography.Text type="secondary">{t('schedule.form.checking')}</Typography.Text></Flex>;
  }
  if (clashes.length === 0) {
    return <Alert type="success" showIcon title={t('schedule.form.noClash')} data-testid="meeting-check" data-state="clear" />;
  }
  return (
    <Alert type="warning" showIcon data-testid="meeting-check" data-state={state === 'checking' ? 'checking' : 'clashes'}
      title={t('schedule.form.clashes', { count: clashes.length })}
      description={<ClashList clashes={clashes} />} />
  );
}

/**
 * 安排会议 / 调整会议: one form for the case page and the calendar. The clash check runs as the user
 * types; saving with clashes asks for a reason (ClashDecisionModal) or a change of time.
 */
export function MeetingModal({ meeting, caseId: fixedCase, file: givenFile, slot, venueId, onClose, onSaved }: MeetingModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const format = usePickerFormat();
  const [form] = Form.useForm<Values>();
  const { venues } = useVenues();
  const venueLabel = useVenueLabel();
  const caseFixed = fixedCase ?? meeting?.caseId;
  const [file, setFile] = useState<CaseFile | null>(givenFile ?? null);
  const [pending, setPending] = useState<{ input: In<'schedule:create'>; clashes: Clash[] } | null>(null);
  const duration = useRef(meeting ? minutesBetween(meeting.startsAt, meeting.endsAt) : slot ? minutesBetween(slot.startsAt, slot.endsAt) : DEFAULT_MINUTES);

  const initialValues = useMemo<Values>(() => {
    if (meeting) {
      return {
        caseId: meeting.caseId, date: dayjs(shanghaiDay(meeting.startsAt)), start: shanghaiClock(meeting.startsAt), end: shanghaiClock(meeting.endsAt),
        venueId: meeting.venue.id, purpose: meeting.purpose ?? undefined, personIds: meeting.people.map((p) => p.personId),
        partyIds: meeting.parties.map((p) => p.partyId), note: meeting.note ?? undefined,
      };
    }
    const day = slot ? shanghaiDay(slot.startsAt) : dayjs(shanghaiDate()).add(1, 'day').format('YYYY-MM-DD');
    return {
      caseId: fixedCase, date: dayjs(day), start: slot ? shanghaiClock(slot.startsAt) : '09:00', end: slot ? shanghaiClock(slot.endsAt) : '10:00',
      venueId, personIds: [], partyIds: [],
    };
  }, [meeting, slot, fixedCase, venueId]);

  const caseId = Form.useWatch('caseId', form) as number | undefined;
  const date = Form.useWatch('date', form) as Dayjs | undefined;
  const start = Form.useWatch('start', form) as string | undefined;
  const end = Form.useWatch('end', form) as string | undefined;
  const venue = Form.useWatch('venueId', form) as number | undefined;
  const personIds = Form.useWatch('personIds', form) as number[] | undefined;
  const partyIds = Form.useWatch('partyIds', form) as number[] | undefined;

  // The case's team and parties: from the opener, or loaded when the case is chosen.
  useEffect(() => {
    if (!caseId) { setFile(null); return; }
    if (givenFile && givenFile.case.id === caseId) { setFile(givenFile); return; }
    let live = true;
    setFile(null);
    void api.call('cases:file', { id: caseId }).then((r) => { if (live && r.ok) setFile(r.value); });
    return () => { live = false; };
  }, [caseId, givenFile]);

  // A new meeting invites the lead mediator and every party; the user unticks who is not needed.
  const filled = useRef<number | null>(meeting ? meeting.caseId : null);
  useEffect(() => {
    if (!file || filled.current === file.case.id) return;
    filled.current = file.case.id;
    const lead = file.members.find((m) => m.role === 'lead_mediator' && m.removedAt === null)?.personId ?? file.case.leadMediatorId;
    form.setFieldsValue({ personIds: lead ? [lead] : [], partyIds: file.case.parties.map((p) => p.id) });
  }, [file, form]);

  const draft = useMemo<In<'schedule:check'> | null>(() => {
    if (!caseId || !date || !start || !end || !venue || end <= start) return null;
    const day = date.format('YYYY-MM-DD');
    return {
      caseId, startsAt: instantOf(day, start), endsAt: instantOf(day, end), venueId: venue,
      personIds: personIds ?? [], partyIds: partyIds ?? [], meetingId: meeting?.id,
    };
  }, [caseId, date, start, end, venue, personIds, partyIds, meeting]);

  const [check, setCheck] = useState<{ state: CheckState; clashes: Clash[]; problem?: string }>({ state: 'idle', clashes: [] });
  const key = draft ? JSON.stringify(draft) : '';
  useEffect(() => {
    if (!draft) { setCheck({ state: 'idle', clashes: [] }); return; }
    let live = true;
    setCheck((c) => ({ state: 'checking', clashes: c.clashes }));
    const timer = window.setTimeout(() => {
      void api.call('schedule:check', draft).then((r) => {
        if (!live) return;
        if (r.ok) setCheck({ state: 'done', clashes: r.value.clashes });
        else setCheck({ state: 'refused', clashes: [], problem: (r.error.details?.length ? r.error.details.map(problemText) : [problemText(r.error)]).join('；') });
      });
    }, 350);
    return () => { live = false; window.clearTimeout(timer); };
    // Keyed on the draft's content: the object itself is new whenever a watched field renders.
  }, [key]);

  const inputOf = (v: Values): In<'schedule:create'> => {
    const day = (v.date as Dayjs).format('YYYY-MM-DD');
    return {
      caseId: caseFixed ?? (v.caseId as number), startsAt: instantOf(day, v.start as string), endsAt: instantOf(day, v.end as string),
      venueId: v.venueId as number, purpose: optional(v.purpose), personIds: v.personIds ?? [], partyIds: v.partyIds ?? [], note: optional(v.note),
    };
  };
  const send = (input: In<'schedule:create'>, overrideReason?: string) => {
    if (meeting) {
      const { caseId: _case, ...rest } = input;
      return api.call('schedule:update', { ...rest, id: meeting.id, overrideReason });
    }
    return api.call('schedule:create', { ...input, overrideReason });
  };
  const lastInput = useRef<In<'schedule:create'> | null>(null);
  const saved = (id: number) => {
    void message.success(meeting ? t('schedule.form.changed') : t('schedule.form.created'));
    onSaved(id);
  };

  const activeVenues = venues.filter((v) => v.active || v.id === meeting?.venue.id);
  const members = (file?.members ?? []).filter((m) => m.removedAt === null);
  // Before acceptance the lead mediator is on the case row only, not yet among the members.
  const lead = file?.case.leadMediatorId && !members.some((m) => m.personId === file.case.leadMediatorId)
    ? [{ value: file.case.leadMediatorId, disabled: false, label: t('schedule.form.memberLabel', { name: file.case.leadMediator ?? '', role: t('caseWork.memberRoles.lead_mediator') }) }]
    : [];
  const teamOptions = [
    ...lead,
    ...members.map((m) => ({
      value: m.personId ?? -m.id, disabled: m.personId === null,
      label: m.personId === null
        ? t('schedule.form.notInDirectory', { name: m.name })
        : t('schedule.form.memberLabel', { name: m.name, role: t(`caseWork.memberRoles.${m.role}`) }),
    })),
    // Someone invited earlier and since removed from the team stays visible, so nobody is dropped unseen.
    ...(meeting?.people ?? []).filter((p) => !members.some((m) => m.personId === p.personId) && p.personId !== file?.case.leadMediatorId)
      .map((p) => ({ value: p.personId, disabled: false, label: p.name })),
  ];
  const partyOptions = (file?.case.parties ?? []).map((p) => ({ value: p.id, label: t('schedule.form.partyLabel', { name: p.name, role: t(`partyRoles.${p.role}`) }) }));

  return (
    <>
      <FormModal<Values, Created>
        title={meeting ? t('schedule.form.editTitle', { caseNo: meeting.caseNo }) : t('schedule.form.title')}
        testId="meeting-modal"
        width={820}
        form={form}
        initialValues={initialValues as unknown as Record<string, unknown>}
        onCancel={onClose}
        locate={(p) => {
          const f = p[0];
          if (f === 'startsAt') return ['start'];
          if (f === 'endsAt') return ['end'];
          if (f === 'caseId') return caseFixed ? null : ['caseId'];
          return ['venueId', 'purpose', 'personIds', 'partyIds', 'note'].includes(String(f)) ? [f] : null;
        }}
        submit={(v) => {
          lastInput.current = inputOf(v);
          return send(lastInput.current);
        }}
        onDone={(r) => {
          if (r.id !== null) return saved(r.id);
          if (lastInput.current) setPending({ input: lastInput.current, clashes: r.clashes });
        }}
      >
        <Row gutter={16}>
          <Col xs={24}>
            {caseFixed ? (
              <>
                <Form.Item name="caseId" hidden><Input /></Form.Item>
                <Form.Item label={t('schedule.form.case')}>
                  <Typography.Text strong data-testid="meeting-case-fixed">
                    {file ? `${file.case.caseNo} ${file.case.applicants}` : meeting ? `${meeting.caseNo} ${meeting.caseTitle}` : ''}
                  </Typography.Text>
                </Form.Item>
              </>
            ) : (
              <Form.Item name="caseId" label={t('schedule.form.case')} rules={[{ required: true, message: t('schedule.form.caseRequired') }]}>
                <CasePicker />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="date" label={t('schedule.form.date')} rules={[{ required: true, message: t('schedule.form.dateRequired') }]}>
              <DatePicker format={format} allowClear={false} style={{ width: '100%' }} data-testid="meeting-date"
                disabledDate={meeting ? undefined : (d) => d.isBefore(dayjs(shanghaiDate()), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="start" label={t('schedule.form.start')} rules={[{ required: true, message: t('schedule.form.startRequired') }]}>
              <Select showSearch options={QUARTER_HOURS.map((h) => ({ value: h, label: h }))} data-testid="meeting-start"
                onChange={(s: string) => {
                  // Moving the start keeps the length of the meeting.
                  const [h, m] = s.split(':').map(Number);
                  const endMin = Math.min(h * 60 + m + duration.current, 23 * 60 + 45);
                  form.setFieldValue('end', QUARTER_HOURS[Math.floor(endMin / 15)]);
                  void form.validateFields(['end']).catch(() => undefined);
                }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="end" label={t('schedule.form.end')} dependencies={['start']} rules={[
              { required: true, message: t('schedule.form.endRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) => (!v || !getFieldValue('start') || v > getFieldValue('start')
                  ? Promise.resolve() : Promise.reject(new Error(t('schedule.form.endAfterStart')))),
              }),
            ]}>
              <Select showSearch options={QUARTER_HOURS.map((h) => ({ value: h, label: h }))} data-testid="meeting-end"
                onChange={(e: string) => {
                  const s = form.getFieldValue('start') as string | undefined;
                  if (s && e > s) duration.current = minutesBetween(`2000-01-01T${s}:00Z`, `2000-01-01T${e}:00Z`);
                }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="venueId" label={t('schedule.form.venue')} rules={[{ required: true, message: t('schedule.form.venueRequired') }]}
              extra={venues.length === 0 ? t('schedule.form.noVenues') : undefined}>
              <Select showSearch={{ optionFilterProp: 'label' }} data-testid="meeting-venue" placeholder={t('schedule.form.venuePlaceholder')}
                options={activeVenues.map((v) => ({ value: v.id, label: venueLabel(v) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="purpose" label={t('schedule.form.purpose')}>
              <AutoComplete maxLength={100} data-testid="meeting-purpose" placeholder={t('schedule.form.purposePlaceholder')}
                options={PURPOSES.map((p) => ({ value: t(`schedule.purposes.${p}`) }))} />
            </Form.Item>
          </Col>
          {/* The clash check beside the time and place it is about. */}
          <Col xs={24} style={{ marginBottom: check.state === 'idle' ? 0 : 24 }}>
            <CheckPanel state={check.state} clashes={check.clashes} problem={check.problem} />
          </Col>
          <Col xs={24}>
            <Form.Item name="personIds" label={t('schedule.form.people')} extra={t('schedule.form.peopleHelp')}>
              {file || meeting ? (
                <Checkbox.Group data-testid="meeting-people" options={teamOptions} />
              ) : <Typography.Text type="secondary">{t('schedule.form.chooseCaseFirst')}</Typography.Text>}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="partyIds" label={t('schedule.form.parties')}>
              {file ? (
                <Checkbox.Group data-testid="meeting-parties" options={partyOptions} />
              ) : <Typography.Text type="secondary">{t('schedule.form.chooseCaseFirst')}</Typography.Text>}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('schedule.form.note')}>
              <Input.TextArea rows={2} maxLength={1000} showCount data-testid="meeting-note" placeholder={t('schedule.form.notePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
      {pending && (
        <ClashDecisionModal clashes={pending.clashes} abandonText={t('schedule.decide.backToForm')}
          onAbandon={() => setPending(null)}
          override={(reason) => send(pending.input, reason)}
          onDone={(id) => { setPending(null); saved(id); }} />
      )}
    </>
  );
}
