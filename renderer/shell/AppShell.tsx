import {
  BarChartOutlined, CalendarOutlined, FileTextOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, SettingOutlined,
  SwapOutlined, UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { roleHas } from '../../shared/domain/permissions';
import { ChangePasswordModal } from '../auth/ChangePasswordScreen';
import { useSession, useSignedIn } from '../auth/session';
import { CaseDetailPage } from '../cases/CaseDetailPage';
import { CaseListPage } from '../cases/CaseListPage';
import { CaseRegisterPage } from '../cases/CaseRegisterPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { SchedulePage } from '../schedule/SchedulePage';
import { useMeetingReminders } from '../dashboard/use-reminders';
import { SettingsPage } from '../settings/SettingsPage';
import { StatisticsPage } from '../statistics/StatisticsPage';
import { LedgerImportPage } from '../ledger/LedgerImportPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { TAG_COLOURS } from '../lib/tag-colours';
import { usePreferences } from '../settings/preferences';

const SECTIONS = [
  { key: 'dashboard', path: '/', icon: <HomeOutlined /> },
  { key: 'cases', path: '/cases', icon: <FileTextOutlined /> },
  { key: 'schedule', path: '/schedule', icon: <CalendarOutlined /> },
  { key: 'statistics', path: '/statistics', icon: <BarChartOutlined /> },
  { key: 'exchange', path: '/exchange', icon: <SwapOutlined /> },
  { key: 'settings', path: '/settings', icon: <SettingOutlined /> },
] as const;

const sectionOf = (pathname: string) =>
  SECTIONS.find((s) => s.path !== '/' && (pathname === s.path || pathname.startsWith(`${s.path}/`)))?.key ?? 'dashboard';

/** Ctrl+N registers a new case from anywhere in the shell (UX.md, Keyboard). */
function useRegisterShortcut() {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n' && !e.isComposing) {
        e.preventDefault();
        void navigate('/cases/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}

/** Ctrl+K opens case search from anywhere (UX.md, Keyboard): the case list, its search box focused. */
function useSearchShortcut() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k' && !e.isComposing) {
        e.preventDefault();
        // On the list already, keep its search and filters; the stamp makes the page focus the box again.
        const search = location.pathname === '/cases' ? location.search : '';
        void navigate({ pathname: '/cases', search }, { state: { focusSearch: Date.now() }, replace: location.pathname === '/cases' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, location.pathname, location.search]);
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const { signOut } = useSession();
  const { message } = App.useApp();
  const [changing, setChanging] = useState(false);
  return (
    <>
      {changing && (
        <ChangePasswordModal username={user.username} onClose={() => setChanging(false)}
          onDone={() => { setChanging(false); void message.success(t('accounts.change.done')); }} />
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('accounts.change.title')}</span> },
            { key: 'signOut', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('shell.signOut')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            if (key === 'signOut') void signOut().then(() => message.success(t('shell.signedOut')));
          },
        }}
      >
        <Button type="text" size="large" data-testid="user-menu" style={{ height: 'auto', paddingBlock: 4 }}>
          <Space>
            <UserOutlined />
            <span data-testid="user-name">{user.displayName}</span>
            <Tag style={{ ...TAG_COLOURS.blue, marginInlineEnd: 0 }} data-testid="user-role">{t(`roles.${user.role}`)}</Tag>
          </Space>
        </Button>
      </Dropdown>
    </>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const { committee, user } = useSignedIn();
  const { largeText } = usePreferences();
  const location = useLocation();
  const navigate = useNavigate();
  useRegisterShortcut();
  useSearchShortcut();
  useMeetingReminders();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={largeText ? 250 : 200} breakpoint="md" collapsedWidth={largeText ? 80 : 64}
        style={{ borderInlineEnd: '1px solid #e5e7eb' }}>
        <div style={{ padding: '18px 24px', fontWeight: 700, fontSize: '1.4em', letterSpacing: '0.1em' }}>
          {t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[sectionOf(location.pathname)]}
          style={{ borderInlineEnd: 'none' }}
          data-testid="main-menu"
          // The menu mirrors the matrix (shared/domain/permissions.ts): volunteers have no statistics to open.
          items={SECTIONS.filter((s) => s.key !== 'statistics' || roleHas(user.role, 'stats.read')).map((s) => ({
            key: s.key,
            icon: s.icon,
            label: <span data-testid={`menu-${s.key}`}>{t(`shell.menu.${s.key}`)}</span>,
            onClick: () => void navigate(s.path),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e5e7eb' }}>
          <Typography.Text strong style={{ fontSize: '1.15em' }} ellipsis data-testid="committee-name">
            {committee?.name ?? ''}
          </Typography.Text>
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/cases" element={<CaseListPage />} />
            <Route path="/cases/new" element={<CaseRegisterPage />} />
            <Route path="/cases/:id" element={<CaseDetailPage />} />
            <Route path="/schedule" element={<SchedulePage />} />
            {/* Without stats.read (a volunteer) the figures' address leads home, as the menu has no entry for it. */}
            <Route path="/statistics" element={roleHas(user.role, 'stats.read') ? <StatisticsPage /> : <Navigate to="/" replace />} />
            <Route path="/statistics/import" element={<LedgerImportPage />} />
            <Route path="/exchange" element={<ExchangePage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
