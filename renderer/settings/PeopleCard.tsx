import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFESSIONS } from '../../shared/domain/enums';
import { EMPLOYMENTS, RELATION_KINDS, type PersonDetail } from '../../shared/domain/people';
import type { AppError } from '../../shared/ipc/result';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';

/** Sends a form; puts the core's refusal on its fields, or above the form. */
function useSubmit<T>(form: ReturnType<typeof Form.useForm>[0], call: (v: T) => Promise<{ ok: true } | { ok: false; error: AppError }>, done: () => void) {
  const problemText = useProblemText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = (await form.validateFields()) as T;
    setBusy(true);
    const r = await call(values);
    setBusy(false);
    if (r.ok) { setError(null); done(); return; }
    const rest = applyIssues(form, r.error.details ?? [], (i) => problemText(i));
    setError(rest.length || !r.error.details?.length ? problemText(r.error) : null);
  };
  return { submit, error, busy };
}

function PersonModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit, error, busy } = useSubmit<Record<string, unknown>>(form, (v) => api.call('people:create', {
    name: v.name as string, sex: v.sex as 'male' | 'female' | undefined, phone: (v.phone as string) || undefined,
    idNumber: (v.idNumber as string) || undefined, address: (v.address as string) || undefined,
    professions: (v.professions as PersonDetail['professions']) ?? [], employment: v.employment as PersonDetail['employment'] ?? undefined,
  }), () => { form.resetFields(); onSaved(); });
  return (
    <Modal open={open} title={t('people.add')} onCancel={onClose} onOk={() => void submit()} okText={t('people.save')} confirmLoading={busy} destroyOnHidden data-testid="person-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onKeyDown={guardImeEnter}>
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, message: t('people.nameRequired') }]}><Input data-testid="person-name" /></Form.Item>
        <Form.Item name="professions" label={t('people.professions')}>
          <Checkbox.Group options={PROFESSIONS.map((p) => ({ value: p, label: t(`people.professionNames.${p}`) }))} />
        </Form.Item>
        <Form.Item name="employment" label={t('people.employment')}>
          <Radio.Group options={EMPLOYMENTS.map((e) => ({ value: e, label: t(`people.employmentNames.${e}`) }))} />
        </Form.Item>
        <Form.Item name="sex" label={t('people.sex')}>
          <Radio.Group options={[{ value: 'male', label: t('sexes.male') }, { value: 'female', label: t('sexes.female') }]} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('people.idNumber')} extra={t('people.idNumberHelp')}><Input maxLength={18} /></Form.Item>
        <Form.Item name="phone" label={t('people.phone')}><Input /></Form.Item>
        <Form.Item name="address" label={t('people.address')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function RelationsModal({ person, onClose, onChanged }: { person: PersonDetail | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit, error, busy } = useSubmit<Record<string, string>>(form, (v) => api.call('people:addRelation', {
    personId: person!.id, kind: v.kind as PersonDetail['relations'][number]['kind'], otherName: v.otherName,
    otherIdNumber: v.otherIdNumber || undefined, note: v.note || undefined,
  }), () => { form.resetFields(); onChanged(); });
  const remove = async (relationId: number) => {
    const r = await api.call('people:removeRelation', { personId: person!.id, relationId });
    if (r.ok) onChanged();
  };
  return (
    <Modal open={person !== null} title={t('people.relationsOf', { name: person?.name ?? '' })} onCancel={onClose} footer={null} width={720} destroyOnHidden data-testid="relations-modal">
      <Typography.Paragraph type="secondary">{t('people.relationsHelp')}</Typography.Paragraph>
      <Table size="small" rowKey="id" pagination={false} dataSource={person?.relations ?? []} locale={{ emptyText: t('people.noRelations') }}
        columns={[
          { title: t('people.relationKind'), dataIndex: 'kind', render: (k: string) => t(`people.relationKinds.${k}`) },
          { title: t('people.otherName'), dataIndex: 'otherName' },
          { title: t('people.idNumber'), dataIndex: 'otherIdNumber', render: (v: string | null) => v ?? t('common.empty') },
          { title: t('people.note'), dataIndex: 'note', render: (v: string | null) => v ?? t('common.empty') },
          { title: '', key: 'x', render: (_: unknown, r: { id: number }) => (
            <Popconfirm title={t('people.removeRelationConfirm')} onConfirm={() => void remove(r.id)}><Button size="small" danger>{t('common.remove')}</Button></Popconfirm>
          ) },
        ]} />
      {error && <Alert type="error" showIcon title={error} style={{ margin: '16px 0' }} />}
      <Form form={form} layout="inline" onKeyDown={guardImeEnter} style={{ marginTop: 16, rowGap: 8 }}>
        <Form.Item name="kind" rules={[{ required: true, message: t('people.relationKind') }]}>
          <Select style={{ width: 120 }} placeholder={t('people.relationKind')} options={RELATION_KINDS.map((k) => ({ value: k, label: t(`people.relationKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="otherName" rules={[{ required: true, message: t('people.otherName') }]}><Input placeholder={t('people.otherName')} style={{ width: 140 }} /></Form.Item>
        <Form.Item name="otherIdNumber"><Input placeholder={t('people.idNumberOptional')} style={{ width: 200 }} maxLength={18} /></Form.Item>
        <Form.Item name="note"><Input placeholder={t('people.note')} style={{ width: 140 }} /></Form.Item>
        <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={() => void submit()}>{t('people.addRelation')}</Button>
      </Form>
    </Modal>
  );
}

/** 人员: the committee's mediators and helpers, with what the conflict check needs to know of them. */
export function PeopleCard() {
  const { t } = useTranslation();
  const [people, setPeople] = useState<PersonDetail[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [relationsOf, setRelationsOf] = useState<number | null>(null);
  const load = useCallback(() => {
    void api.call('people:directory', {}).then((r) => setPeople(r.ok ? r.value : []));
  }, []);
  useEffect(load, [load]);
  return (
    <Card title={t('people.title')} data-testid="people-card"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="person-add">{t('people.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('people.help')}</Typography.Paragraph>
      <Table rowKey="id" loading={people === null} dataSource={people ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('people.name'), dataIndex: 'name' },
          { title: t('people.professions'), dataIndex: 'professions', render: (ps: string[]) => <Space size={4} wrap>{ps.map((p) => <Tag key={p}>{t(`people.professionNames.${p}`)}</Tag>)}</Space> },
          { title: t('people.employment'), dataIndex: 'employment', render: (e: string | null) => (e ? t(`people.employmentNames.${e}`) : t('common.empty')) },
          { title: t('people.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.empty') },
          { title: t('people.relations'), key: 'relations', render: (_: unknown, p: PersonDetail) => (
            <Button size="small" onClick={() => setRelationsOf(p.id)} data-testid={`person-relations-${p.id}`}>{t('people.relationsCount', { n: p.relations.length })}</Button>
          ) },
        ]} />
      <PersonModal open={adding} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); void message.success(t('people.saved')); load(); }} />
      <RelationsModal person={people?.find((p) => p.id === relationsOf) ?? null} onClose={() => setRelationsOf(null)} onChanged={load} />
    </Card>
  );
}
