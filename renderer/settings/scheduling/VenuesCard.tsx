import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { roleHas } from '../../../shared/domain/permissions';
import { VENUE_KINDS, type Venue, type VenueKind } from '../../../shared/domain/scheduling';
import type { Input as ChannelInput } from '../../../shared/ipc/contract';
import { useSignedIn } from '../../auth/session';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { applyIssues } from '../../lib/form-errors';
import { guardImeEnter } from '../../lib/ime';
import { TAG_COLOURS, type TagColour } from '../../lib/tag-colours';

type VenueInput = ChannelInput<'venues:create'>;
interface VenueForm { name: string; kind: VenueKind; capacity?: number | null; address?: string; link?: string; note?: string; active: boolean }

/** Rooms and offices are booked by seats; an online venue is its link. */
const needsCapacity = (k: VenueKind | undefined) => k === 'room' || k === 'office';
export const KIND_COLOUR: Record<VenueKind, TagColour> = { room: 'blue', office: 'cyan', home_visit: 'gold', online: 'purple' };

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
const toInput = (v: VenueForm): VenueInput => ({
  name: v.name, kind: v.kind, active: v.active,
  capacity: needsCapacity(v.kind) && v.capacity ? v.capacity : undefined,
  address: v.kind === 'online' ? undefined : text(v.address),
  link: v.kind === 'online' ? text(v.link) : undefined,
  note: text(v.note),
});
const fromVenue = (v: Venue): VenueInput => ({
  name: v.name, kind: v.kind, active: v.active, capacity: v.capacity ?? undefined,
  address: v.address ?? undefined, link: v.link ?? undefined, note: v.note ?? undefined,
});

/** Adds a venue, or edits one: the fields follow the kind, the core's refusals land on them. */
function VenueModal({ venue, onClose, onSaved }: { venue: Venue | 'new'; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<VenueForm>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = venue !== 'new';

  const submit = async (v: VenueForm) => {
    setBusy(true);
    setError(null);
    const input = toInput(v);
    const r = editing ? await api.call('venues:update', { id: venue.id, venue: input }) : await api.call('venues:create', input);
    setBusy(false);
    if (r.ok) return onSaved();
    // venues:update names its fields venue.capacity …; the form has them at the top.
    const rest = applyIssues(form, r.error.details ?? [], problemText, (p) => (p[0] === 'venue' ? p.slice(1) : p));
    setError(rest.length || !r.error.details?.length ? [problemText(r.error), ...rest.map(problemText)].join('；') : null);
  };

  const initial: Partial<VenueForm> = editing
    ? { ...venue, capacity: venue.capacity, address: venue.address ?? undefined, link: venue.link ?? undefined, note: venue.note ?? undefined }
    : { kind: 'room', active: true };

  return (
    <Modal open title={editing ? t('scheduleSettings.venues.editTitle', { name: venue.name }) : t('scheduleSettings.venues.addTitle')}
      onCancel={onClose} mask={{ closable: false }} destroyOnHidden width={600} data-testid="venue-modal"
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" loading={busy} onClick={() => form.submit()} data-testid="venue-save">
          {t('scheduleSettings.venues.save')}
        </Button>,
      ]}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}>
        <Form.Item name="name" label={t('scheduleSettings.venues.name')}
          rules={[{ required: true, whitespace: true, message: t('scheduleSettings.venues.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('scheduleSettings.venues.namePlaceholder')} data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('scheduleSettings.venues.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" data-testid="venue-kind"
            options={VENUE_KINDS.map((k) => ({ value: k, label: t(`scheduleSettings.venues.kinds.${k}`) }))} />
        </Form.Item>
        {needsCapacity(kind) && (
          <Form.Item name="capacity" label={t('scheduleSettings.venues.capacity')}
            rules={[{ required: true, type: 'integer', min: 1, max: 500, message: t('scheduleSettings.venues.capacityRequired') }]}>
            <InputNumber min={1} max={500} precision={0} style={{ width: '10em' }} data-testid="venue-capacity" />
          </Form.Item>
        )}
        {kind === 'online' ? (
          <Form.Item name="link" label={t('scheduleSettings.venues.link')}
            rules={[{ required: true, whitespace: true, message: t('scheduleSettings.venues.linkRequired') },
              { pattern: /^https:\/\/\S+$/, message: t('scheduleSettings.venues.linkRequired') }]}>
            <Input maxLength={500} placeholder={t('scheduleSettings.venues.linkPlaceholder')} data-testid="venue-link" />
          </Form.Item>
        ) : (
          <Form.Item name="address" label={t('scheduleSettings.venues.address')}>
            <Input maxLength={200} placeholder={t('scheduleSettings.venues.addressPlaceholder')} data-testid="venue-address" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('scheduleSettings.venues.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="venue-note" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('scheduleSettings.venues.status')} valuePropName="checked">
            <Switch checkedChildren={t('scheduleSettings.venues.active')} unCheckedChildren={t('scheduleSettings.venues.inactive')} data-testid="venue-active" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** 设置 → 场所: the rooms, offices and links meetings are held in; retired ones are deactivated, never deleted. */
export function VenuesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { user } = useSignedIn();
  const canWrite = roleHas(user.role, 'schedule.write');
  const [venues, setVenues] = useState<Venue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);

  const load = useCallback(() => {
    void api.call('venues:list', {}).then((r) => {
      if (r.ok) { setVenues(r.value); setError(null); } else { setVenues([]); setError(problemText(r.error)); }
    });
  }, [problemText]);
  useEffect(load, [load]);

  const setActive = async (v: Venue, active: boolean) => {
    const r = await api.call('venues:update', { id: v.id, venue: { ...fromVenue(v), active } });
    if (!r.ok) return void message.error(problemText(r.error));
    void message.success(t(active ? 'scheduleSettings.venues.reactivated' : 'scheduleSettings.venues.deactivated', { name: v.name }));
    load();
  };

  const empty = t('common.empty');
  return (
    <Card title={t('scheduleSettings.venues.title')} data-testid="venues-card"
      extra={canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="venue-add">{t('scheduleSettings.venues.add')}</Button>
      )}>
      <Typography.Paragraph type="secondary">{t('scheduleSettings.venues.help')}</Typography.Paragraph>
      {!canWrite && <Alert type="info" showIcon title={t('scheduleSettings.venues.readOnly')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<Venue> rowKey="id" loading={venues === null} dataSource={venues ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }} locale={{ emptyText: t('scheduleSettings.venues.none') }} data-testid="venues-table"
        onRow={(v) => ({ 'data-testid': 'venue-row', 'data-venue': v.name } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('scheduleSettings.venues.name'), dataIndex: 'name',
            render: (name: string, v) => <Typography.Text type={v.active ? undefined : 'secondary'} strong={v.active}>{name}</Typography.Text> },
          { title: t('scheduleSettings.venues.kind'), dataIndex: 'kind',
            render: (k: VenueKind) => <Tag style={TAG_COLOURS[KIND_COLOUR[k]]}>{t(`scheduleSettings.venues.kinds.${k}`)}</Tag> },
          { title: t('scheduleSettings.venues.capacity'), dataIndex: 'capacity',
            render: (n: number | null) => (n ? t('scheduleSettings.venues.capacityValue', { n }) : empty) },
          { title: t('scheduleSettings.venues.address'), dataIndex: 'address', render: (a: string | null) => a ?? empty },
          { title: t('scheduleSettings.venues.link'), dataIndex: 'link',
            render: (l: string | null) => (l ? <Typography.Text copyable={{ text: l }} style={{ wordBreak: 'break-all' }}>{l}</Typography.Text> : empty) },
          { title: t('scheduleSettings.venues.status'), dataIndex: 'active',
            render: (a: boolean) => <Tag style={TAG_COLOURS[a ? 'green' : 'grey']} data-testid="venue-status">{t(a ? 'scheduleSettings.venues.active' : 'scheduleSettings.venues.inactive')}</Tag> },
          ...(canWrite ? [{
            title: t('scheduleSettings.venues.actions'), key: 'actions',
            render: (_: unknown, v: Venue) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(v)} data-testid="venue-edit">{t('scheduleSettings.venues.edit')}</Button>
                {v.active ? (
                  <Popconfirm title={t('scheduleSettings.venues.deactivateConfirm', { name: v.name })} onConfirm={() => void setActive(v, false)}
                    okText={t('scheduleSettings.venues.deactivate')} cancelText={t('common.cancel')}>
                    <Button size="small" danger data-testid="venue-deactivate">{t('scheduleSettings.venues.deactivate')}</Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(v, true)} data-testid="venue-reactivate">{t('scheduleSettings.venues.reactivate')}</Button>
                )}
              </Space>
            ),
          }] : []),
        ]} />
      {editing !== null && (
        <VenueModal venue={editing} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void message.success(t('scheduleSettings.venues.saved')); load(); }} />
      )}
    </Card>
  );
}
