import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Divider, Flex, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../../shared/domain/people';
import { roleHas } from '../../../shared/domain/permissions';
import type { Availability } from '../../../shared/domain/scheduling';
import { useSignedIn } from '../../auth/session';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { wallClock } from '../../lib/shanghai-time';
import { TAG_COLOURS, type TagColour } from '../../lib/tag-colours';
import { addDays } from '../../../shared/domain/dates';
import { ExceptionModal } from './ExceptionModal';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

type Exception = Availability['exceptions'][number];
const KIND_COLOUR: Record<Exception['kind'], TagColour> = { leave: 'orange', duty: 'blue', busy: 'grey' };
/** The core takes up to 5 000 000 characters of calendar text. */
const MAX_ICS_BYTES = 5_000_000;

/** 2026年12月1日（全天）, 2026年12月1日 08:00–12:00, or both ends in full. */
function useSpanText(): (e: Pick<Exception, 'startsAt' | 'endsAt'>) => string {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return useCallback(({ startsAt, endsAt }) => {
    const a = wallClock(startsAt);
    const b = wallClock(endsAt);
    if (a.time === '00:00' && b.time === '00:00' && b.date > a.date) {
      const last = addDays(b.date, -1);
      const range = last === a.date ? formatDate(a.date) : t('scheduleSettings.availability.span', { from: formatDate(a.date), to: formatDate(last) });
      return t('scheduleSettings.availability.allDayValue', { range });
    }
    if (a.date === b.date) return `${formatDate(a.date)} ${a.time}–${b.time}`;
    return t('scheduleSettings.availability.span', { from: `${formatDate(a.date)} ${a.time}`, to: `${formatDate(b.date)} ${b.time}` });
  }, [t, formatDate]);
}

/** 请假和其他安排, with the busy times imported from the person's own calendar marked. */
function ExceptionsTable({ personId, exceptions, canWrite, onChanged }: {
  personId: number; exceptions: Exception[]; canWrite: boolean; onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const span = useSpanText();
  const [showPast, setShowPast] = useState(false);
  const now = new Date().toISOString();
  const past = (e: Exception) => new Date(e.endsAt).toISOString() < now;
  const rows = exceptions.filter((e) => showPast || !past(e)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));

  const remove = async (id: number) => {
    const r = await api.call('availability:removeException', { personId, id });
    if (!r.ok) return void message.error(problemText(r.error));
    void message.success(t('scheduleSettings.availability.removed'));
    onChanged();
  };

  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Switch checked={showPast} onChange={setShowPast} data-testid="exceptions-show-past" />
        <Typography.Text>{t('scheduleSettings.availability.showPast')}</Typography.Text>
      </Space>
      <Table<Exception> rowKey="id" size="middle" dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }} locale={{ emptyText: t('scheduleSettings.availability.noExceptions') }} data-testid="exceptions-table"
        columns={[
          { title: t('scheduleSettings.availability.when'), key: 'when', render: (_: unknown, e) => span(e) },
          { title: t('scheduleSettings.availability.kind'), dataIndex: 'kind',
            render: (k: Exception['kind']) => <Tag style={TAG_COLOURS[KIND_COLOUR[k]]}>{t(`scheduleSettings.availability.kinds.${k}`)}</Tag> },
          { title: t('scheduleSettings.availability.note'), dataIndex: 'note',
            render: (n: string | null) => <span style={{ wordBreak: 'break-word' }}>{n ?? t('common.empty')}</span> },
          { title: t('scheduleSettings.availability.source'), dataIndex: 'source',
            render: (s: Exception['source']) => (s === 'ics'
              ? <Tag style={TAG_COLOURS.purple} data-testid="exception-from-ics">{t('scheduleSettings.availability.sources.ics')}</Tag>
              : <Typography.Text type="secondary">{t('scheduleSettings.availability.sources.manual')}</Typography.Text>) },
          ...(canWrite ? [{
            title: '', key: 'remove',
            render: (_: unknown, e: Exception) => (
              <Popconfirm title={t('scheduleSettings.availability.removeConfirm')} onConfirm={() => void remove(e.id)}
                okText={t('scheduleSettings.availability.remove')} cancelText={t('common.cancel')}>
                <Button size="small" danger data-testid="exception-remove">{t('scheduleSettings.availability.remove')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
        onRow={() => ({ 'data-testid': 'exception-row' } as HTMLAttributes<HTMLElement>)} />
    </Flex>
  );
}

/** 导入日历(.ics): the file's events become busy times; importing it again only updates them. */
function IcsImport({ personId, onImported }: { personId: number; onImported(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_ICS_BYTES) return setResult({ type: 'error', text: t('scheduleSettings.availability.fileTooLarge') });
    const ics = await file.text();
    if (!ics.trim()) return setResult({ type: 'error', text: t('scheduleSettings.availability.fileEmpty') });
    setBusy(true);
    setResult(null);
    const r = await api.call('availability:importIcs', { personId, ics });
    setBusy(false);
    if (!r.ok) {
      // The file's own problem says more than the general 「填写的内容有误」.
      const reason = r.error.details?.length ? r.error.details.map(problemText).join('；') : problemText(r.error);
      return setResult({ type: 'error', text: t('scheduleSettings.availability.importFailed', { reason }) });
    }
    setResult({ type: 'success', text: t('scheduleSettings.availability.imported', r.value) });
    onImported();
  };

  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Button icon={<ImportOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="ics-import">
          {t('scheduleSettings.availability.importIcs')}
        </Button>
        <Typography.Text type="secondary">{t('scheduleSettings.availability.importHelp')}</Typography.Text>
      </Space>
      <input ref={input} type="file" accept=".ics,text/calendar" hidden onChange={(e) => void pick(e)} data-testid="ics-file" />
      {result && <Alert type={result.type} showIcon closable={{ onClose: () => setResult(null) }} title={result.text} data-testid="ics-result" />}
    </Flex>
  );
}

/** 设置 → 人员可预约时间: a person's weekly hours, leave and duties, and busy times from their calendar. */
export function AvailabilityCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { user } = useSignedIn();
  const canWrite = roleHas(user.role, 'schedule.write');
  const [people, setPeople] = useState<PersonDetail[] | null>(null);
  const [personId, setPersonId] = useState<number | null>(null);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void api.call('people:directory', {}).then((r) => {
      const active = r.ok ? r.value.filter((p) => p.active) : [];
      setPeople(active);
      if (!r.ok) setError(problemText(r.error));
      setPersonId((id) => id ?? active.find((p) => p.id === user.personId)?.id ?? active[0]?.id ?? null);
    });
  }, [problemText, user.personId]);

  const load = useCallback(() => {
    if (personId === null) return;
    void api.call('availability:get', { personId }).then((r) => {
      if (r.ok) { setAvailability(r.value); setError(null); } else { setAvailability(null); setError(problemText(r.error)); }
    });
  }, [personId, problemText]);
  useEffect(load, [load]);

  const person = people?.find((p) => p.id === personId);
  const shown = availability && availability.personId === personId ? availability : null;
  return (
    <Card title={t('scheduleSettings.availability.title')} data-testid="availability-card" loading={people === null}>
      <Typography.Paragraph type="secondary">{t('scheduleSettings.availability.help')}</Typography.Paragraph>
      {!canWrite && <Alert type="info" showIcon title={t('scheduleSettings.availability.readOnly')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {people !== null && people.length === 0 && <Alert type="info" showIcon title={t('scheduleSettings.availability.noPeople')} />}
      {people !== null && people.length > 0 && (
        <Flex vertical gap={16}>
          <Space wrap>
            <Typography.Text strong>{t('scheduleSettings.availability.person')}</Typography.Text>
            <Select value={personId ?? undefined} onChange={(id: number) => { setAvailability(null); setPersonId(id); }}
              showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: '14em' }} placeholder={t('scheduleSettings.availability.personPlaceholder')}
              options={people.map((p) => ({ value: p.id, label: p.name }))} data-testid="availability-person" />
          </Space>
          {shown && person && (
            <>
              <Divider titlePlacement="start" style={{ margin: '4px 0' }}>{t('scheduleSettings.availability.weekly')}</Divider>
              <WeeklyHoursEditor key={`${shown.personId}:${JSON.stringify(shown.weekly)}`} personId={shown.personId} weekly={shown.weekly}
                canWrite={canWrite} onSaved={load} />
              <Divider titlePlacement="start" style={{ margin: '4px 0' }}>{t('scheduleSettings.availability.exceptions')}</Divider>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Typography.Text type="secondary">{t('scheduleSettings.availability.exceptionsHelp')}</Typography.Text>
                {canWrite && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="exception-add">
                    {t('scheduleSettings.availability.addException')}
                  </Button>
                )}
              </Flex>
              {canWrite && <IcsImport key={shown.personId} personId={shown.personId} onImported={load} />}
              <ExceptionsTable personId={shown.personId} exceptions={shown.exceptions} canWrite={canWrite} onChanged={load} />
              {adding && (
                <ExceptionModal personId={shown.personId} name={person.name} onClose={() => setAdding(false)}
                  onSaved={() => { setAdding(false); void message.success(t('scheduleSettings.availability.added')); load(); }} />
              )}
            </>
          )}
        </Flex>
      )}
    </Card>
  );
}
