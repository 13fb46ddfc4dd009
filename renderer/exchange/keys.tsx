import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const MONO = 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Consolas, "Courier New", monospace';

/** A key's fingerprint as it is read aloud over the phone (EXCHANGE.md, Keys): large, monospaced, easy to copy. */
export function Fingerprint({ value, testId, compact = false }: { value: string; testId?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      data-testid={testId} copyable={{ text: value, tooltips: [t('exchange.copy'), t('exchange.copied')] }}
      style={{ fontFamily: MONO, fontSize: compact ? '1em' : '1.15em', fontWeight: 600, letterSpacing: compact ? 0 : '0.06em', whiteSpace: 'nowrap' }}
    >
      {value}
    </Typography.Text>
  );
}

/** The text of a small key file the user picked (a PEM, an age key file). */
export const readText = (file: File): Promise<string> => file.text();

/** Every age recipient in a text: pasted keys, or an age-keygen file's "# public key: age1…" line. */
export const recipientsIn = (text: string): string[] =>
  [...new Set(text.match(/\bage1[02-9ac-hj-np-z]{20,}\b/g) ?? [])];
