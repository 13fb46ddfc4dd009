import { App, Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import { api, isDesktop } from '../lib/api';
import { useMeetingWhen } from './meeting-when';

const POLL_MS = 60_000;

/**
 * Asks the core every minute, while signed in, for meetings starting within the reminder time; each
 * comes back once. In the desktop app the core raises the system notification itself, so the window
 * adds no popup of its own; in the preview the in-app notification is the reminder. Mount once, in
 * the signed-in shell. Like the desktop one, it names no party: the screen may be shared.
 */
export function useMeetingReminders(): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const when = useMeetingWhen();

  // The latest way to show one, so a language change does not restart the polling.
  const show = useRef<(m: ScheduledMeeting) => void>(() => undefined);
  useEffect(() => {
    show.current = (m) => {
      const key = `meeting-reminder-${m.id}-${m.sequence}`;
      notification.info({
        key,
        title: t('scheduleSettings.notify.title', { when: when(m) }),
        description: (
          <>
            <div>{t('scheduleSettings.notify.description', { caseNo: m.caseNo, venue: m.venue.name })}</div>
            {m.purpose && <Typography.Text type="secondary">{t('scheduleSettings.notify.purpose', { purpose: m.purpose })}</Typography.Text>}
          </>
        ),
        actions: (
          <Button type="primary" onClick={() => { notification.destroy(key); void navigate(`/cases/${m.caseId}`); }}>
            {t('scheduleSettings.notify.open')}
          </Button>
        ),
        // Stays until dismissed: a mediator may be away from the screen when it comes.
        duration: false,
        // Out of the way of the header and the page's main buttons, since it stays until dismissed.
        placement: 'bottomRight',
        props: { 'data-testid': 'meeting-reminder' },
      });
    };
  });

  useEffect(() => {
    // Shown even if the shell unmounted meanwhile: the core hands each reminder out only once.
    const poll = async () => {
      const r = await api.call('schedule:dueReminders', {});
      if (!r.ok || isDesktop()) return;
      for (const m of r.value) show.current(m);
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => window.clearInterval(timer);
  }, []);
}
