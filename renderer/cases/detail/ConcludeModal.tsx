import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Radio, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FAILURE_ROUTES } from '../../../shared/domain/case-file';
import { AGREEMENT_FORMS, OUTCOMES, type Outcome } from '../../../shared/domain/enums';
import type { ConcludeInput } from '../../../shared/domain/lifecycle';
import { yuanToFen } from '../../../shared/domain/money';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { todayPicker, ymd } from './dates';
import { DateField } from './fields';
import { FormModal } from './FormModal';
import { termMarker } from './numbering';
import { ReasonInput } from './ReasonInput';

interface Values {
  outcome: Outcome;
  concludedOn: Dayjs;
  form?: (typeof AGREEMENT_FORMS)[number];
  terms?: string[];
  amount?: string;
  performanceMethod?: string;
  performanceDeadline?: Dayjs;
  performedImmediately?: boolean;
  facts?: string;
  failureRoutes?: (typeof FAILURE_ROUTES)[number][];
  reason?: string;
}

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function toInput(caseId: number, v: Values): ConcludeInput {
  const base = { caseId, concludedOn: ymd(v.concludedOn) };
  if (v.outcome === 'agreed') {
    const immediate = v.form === 'oral' && !!v.performedImmediately;
    const amount = optional(v.amount);
    return {
      ...base, outcome: 'agreed', form: v.form!, terms: (v.terms ?? []).map((s) => s.trim()),
      facts: optional(v.facts), amountFen: amount ? yuanToFen(amount) ?? undefined : undefined,
      performanceMethod: immediate ? undefined : optional(v.performanceMethod),
      performanceDeadline: !immediate && v.performanceDeadline ? ymd(v.performanceDeadline) : undefined,
      performedImmediately: immediate,
    };
  }
  if (v.outcome === 'failed') return { ...base, outcome: 'failed', failureRoutes: v.failureRoutes ?? [], reason: optional(v.reason) };
  return { ...base, outcome: 'withdrawn', reason: v.reason!.trim() };
}

function AgreementFields() {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const agreementForm = Form.useWatch('form', form);
  const immediate = Form.useWatch('performedImmediately', form) as boolean | undefined;
  const oralNow = agreementForm === 'oral' && !!immediate;
  return (
    <>
      <Form.Item name="form" label={t('caseWork.conclude.form')} rules={[{ required: true, message: t('caseWork.conclude.formRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="conclude-form"
          options={AGREEMENT_FORMS.map((f) => ({ value: f, label: t(`agreementForms.${f}`) }))} />
      </Form.Item>
      <Form.Item label={t('caseWork.conclude.terms')} required style={{ marginBottom: 0 }}>
        <Form.List name="terms" rules={[{
          validator: async (_, terms: string[] | undefined) => {
            if (!terms || terms.length === 0) throw new Error(t('caseWork.conclude.termsRequired'));
          },
        }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Typography.Text style={{ minWidth: '2.2em', paddingTop: 6 }}>{termMarker(i + 1, i18n.language !== 'en')}</Typography.Text>
                  <Form.Item name={field.name} style={{ flex: 1, marginBottom: 12 }}
                    rules={[{ required: true, whitespace: true, message: t('caseWork.conclude.termRequired') }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000}
                      placeholder={t('caseWork.conclude.termPlaceholder', { n: i + 1 })} data-testid={`conclude-term-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('caseWork.conclude.removeTerm')}
                      onClick={() => remove(field.name)} data-testid={`conclude-term-${i}-remove`} />
                  )}
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="conclude-add-term">
                  {t('caseWork.conclude.addTerm')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="amount" label={t('caseWork.conclude.amount')} rules={[{
            validator: async (_, v: string | undefined) => {
              if ((v ?? '').trim() && yuanToFen(v ?? '') === null) throw new Error(t('cases.form.amountInvalid'));
            },
          }]}>
            <Input inputMode="decimal" prefix="¥" maxLength={20} placeholder={t('cases.form.amountPlaceholder')} data-testid="conclude-amount" />
          </Form.Item>
        </Col>
        {agreementForm === 'oral' && (
          <Col xs={24} md={12}>
            <Form.Item name="performedImmediately" valuePropName="checked" label=" ">
              <Checkbox data-testid="conclude-immediate">{t('caseWork.conclude.immediate')}</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      {!oralNow && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="performanceMethod" label={t('caseWork.conclude.method')}>
              <Input maxLength={1000} placeholder={t('caseWork.conclude.methodPlaceholder')} data-testid="conclude-method" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <DateField name="performanceDeadline" label={t('caseWork.conclude.deadline')} testId="conclude-deadline" future required={false} />
          </Col>
        </Row>
      )}
      <Form.Item name="facts" label={t('caseWork.conclude.facts')} extra={t('caseWork.conclude.factsHelp')}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="conclude-facts" />
      </Form.Item>
    </>
  );
}

/** 调结: 调解成功 (书面/口头, with its terms), 调解不成功 (the routes the parties were told of), or 撤回/终止. */
export function ConcludeModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <FormModal<Values, object>
      form={form}
      title={t('caseWork.conclude.title')}
      testId="conclude-modal"
      width={800}
      okText={t('caseWork.conclude.ok')}
      success={t('caseWork.conclude.done')}
      initialValues={{ concludedOn: todayPicker(), terms: [''] }}
      onCancel={onClose}
      submit={(v) => api.call('cases:conclude', toInput(w.caseId, v))}
      locate={(p) => (p[0] === 'caseId' ? null : p[0] === 'amountFen' ? ['amount'] : p)}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Form.Item name="outcome" label={t('caseWork.conclude.outcome')} rules={[{ required: true, message: t('caseWork.conclude.outcomeRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="conclude-outcome"
          options={OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))} />
      </Form.Item>
      <DateField name="concludedOn" label={t('caseWork.conclude.date')} testId="conclude-date" min={w.file.case.acceptedOn} />
      {outcome === 'agreed' && <AgreementFields />}
      {outcome === 'failed' && (
        <>
          <Form.Item name="failureRoutes" label={t('caseWork.conclude.routes')} extra={t('caseWork.conclude.routesHelp')}
            rules={[{ required: true, type: 'array', min: 1, message: t('caseWork.conclude.routesRequired') }]}>
            <Checkbox.Group data-testid="conclude-routes"
              options={FAILURE_ROUTES.map((r) => ({ value: r, label: t(`caseWork.routes.${r}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('caseWork.conclude.failReason')}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="conclude-fail-reason" />
          </Form.Item>
        </>
      )}
      {outcome === 'withdrawn' && (
        <Form.Item name="reason" label={t('caseWork.conclude.withdrawReason')}
          rules={[{ required: true, whitespace: true, message: t('caseWork.conclude.withdrawReasonRequired') }]}>
          <ReasonInput testId="conclude-withdraw-reason" maxLength={1000}
            choices={[t('caseWork.conclude.withdrawApplicant'), t('caseWork.conclude.withdrawParty'), t('caseWork.conclude.withdrawCourt')]} />
        </Form.Item>
      )}
    </FormModal>
  );
}
