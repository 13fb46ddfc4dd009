import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_MINUTES_DEFAULT, type UserAccount } from '../../shared/domain/accounts';
import { UsernameSchema } from '../../shared/domain/committee';
import { ROLES, type Role } from '../../shared/domain/enums';
import { useSignedIn } from '../auth/session';
import { usePasswordHelp, usePasswordRule } from '../auth/password-rule';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';
import { TAG_COLOURS } from '../lib/tag-colours';

type Editing = { kind: 'new' } | { kind: 'edit'; user: UserAccount } | { kind: 'reset'; user: UserAccount };
interface UserForm { username?: string; displayName?: string; role?: Role; password?: string }

/** Add a user, edit one's name and role, or set a temporary password: one modal, three shapes. */
function UserModal({ editing, onClose, onSaved }: { editing: Editing; onClose(): void; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const passwordRule = usePasswordRule();
  const passwordHelp = usePasswordHelp();
  const [form] = Form.useForm<UserForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = editing.kind === 'new' ? null : editing.user;

  const submit = async (v: UserForm) => {
    setBusy(true);
    setError(null);
    const r = editing.kind === 'new'
      ? await api.call('users:create', { username: v.username!.trim(), displayName: v.displayName!.trim(), role: v.role!, password: v.password! })
      : editing.kind === 'edit'
        ? await api.call('users:update', { id: editing.user.id, displayName: v.displayName!.trim(), role: v.role! })
        : await api.call('users:resetPassword', { id: editing.user.id, password: v.password! });
    setBusy(false);
    if (r.ok) {
      const name = editing.kind === 'new' ? v.displayName!.trim() : editing.user.displayName;
      return onSaved(t(editing.kind === 'new' ? 'accounts.users.created' : editing.kind === 'reset' ? 'accounts.users.resetDone' : 'accounts.users.saved', { name }));
    }
    const rest = applyIssues(form, r.error.details ?? [], problemText, (p) => (['username', 'displayName', 'role', 'password'].includes(String(p[0])) ? p : null));
    setError(rest.length || !r.error.details?.length ? [problemText(r.error), ...rest.map(problemText)].join('；') : null);
  };

  const title = editing.kind === 'new' ? t('accounts.users.addTitle')
    : t(editing.kind === 'edit' ? 'accounts.users.editTitle' : 'accounts.users.resetTitle', { name: editing.user.displayName });
  return (
    <Modal open title={title} onCancel={onClose} mask={{ closable: false }} destroyOnHidden width={560} data-testid="user-modal"
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-save">
          {t('accounts.users.save')}
        </Button>,
      ]}>
      {editing.kind === 'reset' && <Typography.Paragraph>{t('accounts.users.resetIntro')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-modal-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}
        initialValues={user ? { displayName: user.displayName, role: user.role } : { role: 'mediator' }}>
        {editing.kind === 'new' && (
          <Form.Item name="username" label={t('accounts.users.username')} required
            rules={[{ validator: async (_, v?: string) => { if (!UsernameSchema.safeParse(v ?? '').success) throw new Error(t('accounts.users.usernameInvalid')); } }]}>
            <Input maxLength={32} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        {editing.kind !== 'reset' && (
          <>
            <Form.Item name="displayName" label={t('accounts.users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('accounts.users.displayNameRequired') }]}>
              <Input maxLength={50} data-testid="user-display-name" />
            </Form.Item>
            <Form.Item name="role" label={t('accounts.users.role')} rules={[{ required: true }]}>
              <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          </>
        )}
        {editing.kind !== 'edit' && (
          <Form.Item name="password" label={t(editing.kind === 'new' ? 'accounts.users.firstPassword' : 'accounts.users.tempPassword')}
            extra={`${passwordHelp}${editing.kind === 'new' ? ` ${t('accounts.users.firstPasswordHelp')}` : ''}`}
            dependencies={['username']} required
            rules={[passwordRule(() => user?.username ?? form.getFieldValue('username'))]}>
            <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** The idle lock's minutes (0 = off): the core enforces them, every screen's timer reads them. */
function IdleSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [minutes, setMinutes] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('accounts:settings', {}).then((r) => setMinutes(r.ok ? r.value.idleMinutes : IDLE_MINUTES_DEFAULT));
  }, []);

  const save = async () => {
    if (minutes === null) return;
    setBusy(true);
    const r = await api.call('accounts:saveSettings', { idleMinutes: minutes });
    setBusy(false);
    if (r.ok) void message.success(t('accounts.idle.saved'));
    else void message.error(problemText(r.error.details?.[0] ?? r.error));
  };

  return (
    <Form layout="vertical" style={{ marginTop: 24, maxWidth: '40em' }}>
      <Form.Item label={t('accounts.idle.label')} extra={t('accounts.idle.help')}>
        <Space>
          <InputNumber min={0} max={480} precision={0} value={minutes ?? undefined} onChange={(v) => setMinutes(v ?? 0)}
            suffix={t('accounts.idle.minutes')} style={{ width: '10em' }} data-testid="idle-minutes" />
          <Button onClick={() => void save()} loading={busy} disabled={minutes === null} data-testid="idle-save">{t('accounts.idle.save')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

/** 设置 → 用户 (administrators): who can sign in, their role, and their passwords; the last admin stays one. */
export function UsersCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { user: me } = useSignedIn();
  const [rows, setRows] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  const load = useCallback(() => {
    void api.call('users:list', {}).then((r) => {
      if (r.ok) { setRows(r.value); setError(null); } else { setRows([]); setError(t('accounts.users.loadFailed', { reason: problemText(r.error) })); }
    });
  }, [problemText, t]);
  useEffect(load, [load]);

  const setDisabled = async (u: UserAccount, disabled: boolean) => {
    const r = await api.call(disabled ? 'users:disable' : 'users:enable', { id: u.id });
    if (!r.ok) return void message.error(problemText(r.error));
    void message.success(t(disabled ? 'accounts.users.disabledDone' : 'accounts.users.enabledDone', { name: u.displayName }));
    load();
  };

  return (
    <Card title={t('accounts.users.title')} data-testid="users-card"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'new' })} data-testid="user-add">{t('accounts.users.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('accounts.users.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<UserAccount> rowKey="id" loading={rows === null} dataSource={rows ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }} data-testid="users-table"
        onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('accounts.users.displayName'), dataIndex: 'displayName',
            render: (name: string, u) => (
              <Typography.Text type={u.disabled ? 'secondary' : undefined} strong={!u.disabled}>
                {name}{u.id === me.id ? t('accounts.users.you') : ''}
              </Typography.Text>
            ) },
          { title: t('accounts.users.username'), dataIndex: 'username' },
          { title: t('accounts.users.role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
          { title: t('accounts.users.status'), key: 'status',
            render: (_: unknown, u: UserAccount) => (
              <Space size={4} wrap>
                <Tag style={TAG_COLOURS[u.disabled ? 'grey' : 'green']} data-testid="user-status">{t(u.disabled ? 'accounts.users.disabled' : 'accounts.users.active')}</Tag>
                {u.mustChangePassword && <Tag style={TAG_COLOURS.orange} data-testid="user-must-change">{t('accounts.users.mustChange')}</Tag>}
              </Space>
            ) },
          { title: t('accounts.users.actions'), key: 'actions',
            render: (_: unknown, u: UserAccount) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing({ kind: 'edit', user: u })} data-testid="user-edit">{t('accounts.users.edit')}</Button>
                <Button size="small" onClick={() => setEditing({ kind: 'reset', user: u })} data-testid="user-reset">{t('accounts.users.reset')}</Button>
                {u.disabled ? (
                  <Popconfirm title={t('accounts.users.enableConfirm', { name: u.displayName })} onConfirm={() => void setDisabled(u, false)}
                    okText={t('accounts.users.enable')} cancelText={t('common.cancel')}>
                    <Button size="small" data-testid="user-enable">{t('accounts.users.enable')}</Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm title={t('accounts.users.disableConfirm', { name: u.displayName })} onConfirm={() => void setDisabled(u, true)}
                    okText={t('accounts.users.disable')} cancelText={t('common.cancel')}>
                    <Button size="small" danger data-testid="user-disable">{t('accounts.users.disable')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ) },
        ]} />
      <IdleSetting />
      {editing !== null && (
        <UserModal editing={editing} onClose={() => setEditing(null)}
          onSaved={(text) => { setEditing(null); void message.success(text); load(); }} />
      )}
    </Card>
  );
}
