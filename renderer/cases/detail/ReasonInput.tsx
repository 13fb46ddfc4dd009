import { Button, Flex, Input } from 'antd';

interface Props {
  value?: string;
  onChange?(value: string): void;
  /** Common reasons, one click each; the text stays editable. */
  choices: string[];
  placeholder?: string;
  maxLength?: number;
  testId: string;
}

/** A reason in the committee's usual words, or in the mediator's own. */
export function ReasonInput({ value, onChange, choices, placeholder, maxLength = 500, testId }: Props) {
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8}>
        {choices.map((c, i) => (
          <Button key={c} type={value === c ? 'primary' : 'default'} onClick={() => onChange?.(c)}
            data-testid={`${testId}-choice-${i}`} style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}>
            {c}
          </Button>
        ))}
      </Flex>
      <Input.TextArea value={value} onChange={(e) => onChange?.(e.target.value)} rows={3} maxLength={maxLength}
        showCount placeholder={placeholder} data-testid={testId} />
    </Flex>
  );
}
