import { DatePicker, Form, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonOption } from '../../../shared/domain/committee';
import { notFuture, usePickerFormat } from './dates';

interface DateFieldProps {
  name: string | (string | number)[];
  label: ReactNode;
  testId: string;
  /** The earliest day that can be picked (YYYY-MM-DD). */
  min?: string | null;
  /** Days after today may be picked (deadlines). */
  future?: boolean;
  required?: boolean;
  extra?: ReactNode;
  showTime?: boolean;
}

/** A date the committee writes down: 2026年10月5日, never after today unless it is a deadline. */
export function DateField({ name, label, testId, min, future, required = true, extra, showTime }: DateFieldProps) {
  const { t } = useTranslation();
  const format = usePickerFormat(showTime);
  return (
    <Form.Item name={name} label={label} extra={extra}
      rules={required ? [{ required: true, message: t('caseWork.form.dateRequired') }] : []}>
      <DatePicker format={format} allowClear={!required} style={{ width: '100%' }} showTime={showTime ? { format: 'HH:mm' } : false}
        disabledDate={(d) => (!future && notFuture(d)) || (min ? d.isBefore(dayjs(min), 'day') : false)}
        data-testid={testId} />
    </Form.Item>
  );
}

/** Picks one of the committee's people by name (typing filters). */
export function PersonSelect({ options, testId, value, onChange, placeholder }: {
  options: PersonOption[]; testId: string; value?: number; onChange?(v: number | undefined): void; placeholder?: string;
}) {
  return (
    <Select value={value} onChange={onChange} allowClear placeholder={placeholder} data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }} options={options.map((m) => ({ value: m.id, label: m.name }))} />
  );
}
