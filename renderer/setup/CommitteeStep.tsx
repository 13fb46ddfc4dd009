import { Button, Form, Input, Select, type FormInstance } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMITTEE_TYPES, defaultShortName, SetupSchema } from '../../shared/domain/committee';
import { guardImeEnter } from '../lib/ime';

export interface CommitteeValues {
  name: string;
  code: string;
  shortName: string;
  type: (typeof COMMITTEE_TYPES)[number];
}

const codeSchema = SetupSchema.shape.committee.shape.code;

export function CommitteeStep({ form, onNext }: { form: FormInstance<CommitteeValues>; onNext(): void }) {
  const { t } = useTranslation();
  // The short name follows the name until the user edits it themselves.
  const shortNameEdited = useRef(false);
  const shortName = Form.useWatch('shortName', form);
  const year = new Date().getFullYear();

  return (
    <Form<CommitteeValues>
      form={form}
      layout="vertical"
      requiredMark
      initialValues={{ type: 'residential' }}
      onFinish={onNext}
      onKeyDown={guardImeEnter}
      onValuesChange={(changed: Partial<CommitteeValues>) => {
        if ('shortName' in changed) shortNameEdited.current = true;
        if ('name' in changed && !shortNameEdited.current) {
          form.setFieldValue('shortName', defaultShortName(changed.name ?? ''));
        }
      }}
      data-testid="setup-committee-form"
    >
      <Form.Item name="name" label={t('setup.committee.name')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('setup.committee.nameRequired') }]}>
        <Input placeholder={t('setup.committee.namePlaceholder')} maxLength={100} autoFocus data-testid="setup-committee-name" />
      </Form.Item>
      <Form.Item name="code" label={t('setup.committee.code')} extra={t('setup.committee.codeHelp')}
        rules={[{
          validator: async (_, v: string | undefined) => {
            if (!codeSchema.safeParse(v ?? '').success) throw new Error(t('setup.committee.codeInvalid'));
          },
        }]} required>
        <Input maxLength={32} data-testid="setup-committee-code" />
      </Form.Item>
      <Form.Item name="shortName" label={t('setup.committee.shortName')}
        extra={t('setup.committee.shortNameHelp', { year, short: shortName || '…' })}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={20} data-testid="setup-committee-short-name" />
      </Form.Item>
      <Form.Item name="type" label={t('setup.committee.type')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          data-testid="setup-committee-type"
          options={COMMITTEE_TYPES.map((v) => ({ value: v, label: t(`committeeTypes.${v}`) }))}
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" size="large" data-testid="setup-next">{t('common.next')}</Button>
      </Form.Item>
    </Form>
  );
}
