import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalCategory } from '../../shared/domain/categories';
import { CATEGORIES, type Category } from '../../shared/domain/enums';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';
import { TAG_COLOURS } from '../lib/tag-colours';

interface CategoryForm { name: string; rollsUpTo: Category }

/** Adds a local category, or renames one; its roll-up is locked once a case uses it (the core refuses it too). */
function CategoryModal({ category, onClose, onSaved }: { category: LocalCategory | 'new'; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<CategoryForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = category !== 'new';
  const locked = editing && category.caseCount > 0;

  const submit = async (v: CategoryForm) => {
    setBusy(true);
    setError(null);
    const r = editing
      ? await api.call('categories:update', { id: category.id, name: v.name, ...(locked ? {} : { rollsUpTo: v.rollsUpTo }) })
      : await api.call('categories:create', { name: v.name, rollsUpTo: v.rollsUpTo });
    setBusy(false);
    if (r.ok) return onSaved();
    const rest = applyIssues(form, r.error.details ?? [], problemText, (p) => p);
    setError(rest.length || !r.error.details?.length ? [problemText(r.error), ...rest.map(problemText)].join('；') : null);
  };

  const rollUp = (
    <Select disabled={locked} data-testid="local-category-rollup" showSearch={{ optionFilterProp: 'label' }}
      options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
  );
  return (
    <Modal open title={editing ? t('localCategories.editTitle', { name: category.name }) : t('localCategories.addTitle')}
      onCancel={onClose} mask={{ closable: false }} destroyOnHidden width={520} data-testid="local-category-modal"
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" loading={busy} onClick={() => form.submit()} data-testid="local-category-save">
          {t('localCategories.save')}
        </Button>,
      ]}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={editing ? { name: category.name, rollsUpTo: category.rollsUpTo } : {}}
        onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}>
        <Form.Item name="name" label={t('localCategories.name')}
          rules={[{ required: true, whitespace: true, message: t('localCategories.nameRequired') }]}>
          <Input maxLength={30} placeholder={t('localCategories.namePlaceholder')} data-testid="local-category-name" />
        </Form.Item>
        <Form.Item name="rollsUpTo" label={t('localCategories.rollsUpTo')}
          rules={[{ required: true, message: t('localCategories.rollsUpToRequired') }]}
          extra={locked ? t('localCategories.rollsUpToLocked', { count: category.caseCount }) : undefined}>
          {locked ? <Tooltip title={t('localCategories.rollsUpToLocked', { count: category.caseCount })}>{rollUp}</Tooltip> : rollUp}
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** 设置 → 纠纷类型 (administrators): the committee's local categories, each counted in one of the 15 national ones. */
export function LocalCategoriesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [rows, setRows] = useState<LocalCategory[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<LocalCategory | 'new' | null>(null);

  const load = useCallback(() => {
    void api.call('categories:list', {}).then((r) => {
      if (r.ok) { setRows(r.value); setError(null); } else { setRows([]); setError(problemText(r.error)); }
    });
  }, [problemText]);
  useEffect(load, [load]);

  const setActive = async (c: LocalCategory, active: boolean) => {
    const r = await api.call('categories:update', { id: c.id, active });
    if (!r.ok) return void message.error(problemText(r.error));
    void message.success(t(active ? 'localCategories.reactivated' : 'localCategories.deactivated', { name: c.name }));
    load();
  };

  return (
    <Card title={t('localCategories.title')} data-testid="local-categories-card"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="local-category-add">{t('localCategories.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('localCategories.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<LocalCategory> rowKey="id" loading={rows === null} dataSource={rows ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }} locale={{ emptyText: t('localCategories.none') }} data-testid="local-categories-table"
        onRow={(c) => ({ 'data-testid': 'local-category-row', 'data-name': c.name } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('localCategories.name'), dataIndex: 'name',
            render: (name: string, c) => <Typography.Text type={c.active ? undefined : 'secondary'} strong={c.active}>{name}</Typography.Text> },
          { title: t('localCategories.rollsUpTo'), dataIndex: 'rollsUpTo', render: (v: Category) => t(`categories.${v}`) },
          { title: t('localCategories.caseCount'), dataIndex: 'caseCount', align: 'right' },
          { title: t('localCategories.status'), dataIndex: 'active',
            render: (a: boolean) => <Tag style={TAG_COLOURS[a ? 'green' : 'grey']} data-testid="local-category-status">{t(a ? 'localCategories.active' : 'localCategories.inactive')}</Tag> },
          { title: t('localCategories.actions'), key: 'actions',
            render: (_: unknown, c: LocalCategory) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(c)} data-testid="local-category-edit">{t('localCategories.edit')}</Button>
                {c.active ? (
                  <Popconfirm title={t('localCategories.deactivateConfirm', { name: c.name })} onConfirm={() => void setActive(c, false)}
                    okText={t('localCategories.deactivate')} cancelText={t('common.cancel')}>
                    <Button size="small" danger data-testid="local-category-deactivate">{t('localCategories.deactivate')}</Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(c, true)} data-testid="local-category-reactivate">{t('localCategories.reactivate')}</Button>
                )}
              </Space>
            ) },
        ]} />
      {editing !== null && (
        <CategoryModal category={editing} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void message.success(t('localCategories.saved')); load(); }} />
      )}
    </Card>
  );
}
