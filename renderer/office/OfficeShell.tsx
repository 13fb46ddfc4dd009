import { BarChartOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import { Layout, Menu, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { OfficeStatus } from '../../shared/domain/office';
import { api } from '../lib/api';
import { usePreferences } from '../settings/preferences';
import { UserMenu } from '../shell/AppShell';
import { CityStatsPage } from './CityStatsPage';
import { CommitteesPage } from './CommitteesPage';
import { ImportPage } from './ImportPage';

const SECTIONS = [
  { key: 'committees', path: '/committees', icon: <TeamOutlined /> },
  { key: 'import', path: '/import', icon: <ImportOutlined /> },
  { key: 'stats', path: '/stats', icon: <BarChartOutlined /> },
] as const;

/** The office mode's app (EXCHANGE.md): its own navigation, its pages sharing the office's status. */
export function OfficeShell() {
  const { t } = useTranslation();
  const { largeText } = usePreferences();
  const location = useLocation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<OfficeStatus | null>(null);

  const reload = useCallback(async () => {
    const r = await api.call('office:status', {});
    if (r.ok) setStatus(r.value);
  }, []);
  useEffect(() => { void reload(); }, [reload]);

  const section = SECTIONS.find((s) => location.pathname.startsWith(s.path))?.key ?? 'committees';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={largeText ? 250 : 200} breakpoint="md" collapsedWidth={largeText ? 80 : 64}
        style={{ borderInlineEnd: '1px solid #e5e7eb' }}>
        <div style={{ padding: '18px 24px', fontWeight: 700, fontSize: '1.4em', letterSpacing: '0.1em' }}>{t('app.name')}</div>
        <Menu
          mode="inline" selectedKeys={[section]} style={{ borderInlineEnd: 'none' }} data-testid="main-menu"
          items={SECTIONS.map((s) => ({
            key: s.key, icon: s.icon,
            label: <span data-testid={`menu-office-${s.key}`}>{t(`office.menu.${s.key}`)}</span>,
            onClick: () => void navigate(s.path),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e5e7eb' }}>
          <Typography.Text strong style={{ fontSize: '1.15em' }} ellipsis data-testid="office-name">{status?.name ?? ''}</Typography.Text>
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Routes>
            <Route path="/committees" element={<CommitteesPage status={status} onChanged={reload} />} />
            <Route path="/import" element={<ImportPage status={status} onChanged={reload} />} />
            <Route path="/stats" element={<CityStatsPage status={status} />} />
            <Route path="*" element={<Navigate to="/committees" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
