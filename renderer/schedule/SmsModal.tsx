import { Alert, Card, Empty, Flex, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduledMeeting } from '../../shared/domain/scheduling';
import type { Output } from '../../shared/ipc/contract';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';

/** 短信文本: each invited party's message, to copy into a phone (the app sends nothing itself). */
export function SmsModal({ meeting, onClose }: { meeting: ScheduledMeeting; onClose(): void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [texts, setTexts] = useState<Output<'schedule:sms'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('schedule:sms', { id: meeting.id }).then((r) => {
      if (!live) return;
      if (r.ok) setTexts(r.value); else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [meeting.id, problemText]);

  return (
    <Modal open width={680} title={t('schedule.sms.title')} onCancel={onClose} footer={null}>
      <div data-testid="meeting-sms-modal">
        <Typography.Paragraph type="secondary">{t('schedule.sms.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} />}
        {!texts && !error && <Skeleton active />}
        {texts && texts.length === 0 && <Empty description={t('schedule.sms.none')} />}
        <Flex vertical gap={12}>
          {texts?.map((s) => (
            <Card key={s.partyId} size="small" data-testid="sms-item"
              title={<Flex gap={12} wrap><span>{s.name}</span><Typography.Text type="secondary">{s.phone ?? t('schedule.sms.noPhone')}</Typography.Text></Flex>}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="sms-text"
                copyable={{ text: s.text, tooltips: [t('schedule.sms.copy'), t('schedule.sms.copied')] }}>
                {s.text}
              </Typography.Paragraph>
            </Card>
          ))}
        </Flex>
      </div>
    </Modal>
  );
}
