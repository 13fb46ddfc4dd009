import { Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfficeSetupWizard } from './OfficeSetupWizard';
import { SetupWizard } from './SetupWizard';

type Mode = 'committee' | 'office';

/** First run: a committee's PC (the usual case, chosen already) or the city office's, which only compiles packages. */
export function FirstRun() {
  const [mode, setMode] = useState<Mode>('committee');
  const choice = <ModeChoice mode={mode} onChange={setMode} />;
  return mode === 'office' ? <OfficeSetupWizard header={choice} /> : <SetupWizard header={choice} />;
}

function ModeChoice({ mode, onChange }: { mode: Mode; onChange(m: Mode): void }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 24 }} data-testid="setup-mode">
      <Typography.Text strong>{t('office.mode.question')}</Typography.Text>
      <Radio.Group
        value={mode} onChange={(e) => onChange(e.target.value as Mode)} style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
        options={(['committee', 'office'] as const).map((m) => ({
          value: m,
          label: (
            <span data-testid={`setup-mode-${m}`}>
              <Typography.Text strong>{t(`office.mode.${m}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{t(`office.mode.${m}Hint`)}</Typography.Text>
            </span>
          ),
        }))}
      />
    </div>
  );
}
