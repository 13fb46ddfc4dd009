import { Alert, Button, Checkbox, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const MONO = 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Consolas, "Courier New", monospace';

/** Shown once: the only key to the data if this PC's key store is lost. */
export function PassphraseStep({ passphrase, onDone }: { passphrase: string; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div data-testid="setup-passphrase-step">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('setup.passphrase.title')}</Typography.Title>
      <Alert type="warning" showIcon title={t('setup.passphrase.warning')} description={t('setup.passphrase.explain')}
        style={{ marginBottom: 24 }} />
      <div
        data-testid="recovery-passphrase"
        style={{
          fontFamily: MONO, fontSize: '1.6em', lineHeight: 1.6, fontWeight: 600, letterSpacing: '0.04em',
          padding: '20px 24px', border: '2px dashed #d48806', borderRadius: 8, background: '#fffbe6',
          textAlign: 'center', wordBreak: 'break-word', userSelect: 'all', marginBottom: 24,
        }}
      >
        {passphrase}
      </div>
      <Checkbox checked={copied} onChange={(e) => setCopied(e.target.checked)} data-testid="setup-passphrase-confirm"
        style={{ marginBottom: 24 }}>
        {t('setup.passphrase.confirm')}
      </Checkbox>
      <div style={{ textAlign: 'right' }}>
        <Button type="primary" size="large" disabled={!copied} onClick={onDone} data-testid="setup-finish">
          {t('setup.passphrase.finish')}
        </Button>
      </div>
    </div>
  );
}
