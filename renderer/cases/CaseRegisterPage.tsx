import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { shanghaiDate } from '../../shared/domain/dates';
import { CHANNELS, isReferral, type Channel } from '../../shared/domain/enums';
import { yuanToFen } from '../../shared/domain/money';
import { useSignedIn } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';
import { categoryOptions, useLocalCategories } from './categories';
import { emptyParty, locateField, PARTY_LISTS, toCaseCreate, type CaseFormValues } from './case-form';
import { PartyCard } from './PartyCard';
import { useMediators } from './use-mediators';


/** Walk-in intake: one form, four things required, the rest can wait (UX.md). */
export function CaseRegisterPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  const problemText = useProblemText();
  const [form] = Form.useForm<CaseFormValues>();
  const mediators = useMediators();
  const locals = useLocalCategories();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form) as Channel | undefined;
  const dateFormat = i18n.language === 'en' ? 'YYYY-MM-DD' : 'YYYY年M月D日';

  // The signed-in mediator leads by default, when they are one of the committee's mediators.
  useEffect(() => {
    if (user.personId && mediators.some((m) => m.id === user.personId) && !form.isFieldTouched('leadMediatorId')) {
      form.setFieldValue('leadMediatorId', user.personId);
    }
  }, [mediators, user.personId, form]);

  const submit = async (values: CaseFormValues) => {
    setBusy(true);
    setError(null);
    const mapped = toCaseCreate(values, locals);
    const r = await api.call('cases:create', mapped.input);
    setBusy(false);
    if (r.ok) {
      void message.success(t('cases.form.created', { caseNo: r.value.caseNo }));
      void navigate(`/cases/${r.value.id}`);
      return;
    }
    const unplaced = applyIssues(form, r.error.details ?? [], problemText, (p) => locateField(p, mapped));
    setError([problemText(r.error), ...unplaced.map(problemText)].join('；'));
  };

  return (
    <Form<CaseFormValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => void message.warning(t('cases.form.fixErrors'))}
      onKeyDown={guardImeEnter}
      scrollToFirstError={{ block: 'center' }}
      initialValues={{
        registeredOn: dayjs(shanghaiDate()),
        requests: [''],
        applicants: [emptyParty()],
        respondents: [emptyParty()],
        thirdParties: [],
      }}
      data-testid="case-register-form"
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('cases.form.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('cases.form.intro')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} data-testid="case-register-error" />}

        <Card title={t('cases.form.sectionCase')}>
          <Row gutter={16}>
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="category" label={t('cases.form.category')}
                rules={[{ required: true, message: t('cases.form.categoryRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="case-category"
                  options={categoryOptions(t, locals)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="channel" label={t('cases.form.channel')}
                rules={[{ required: true, message: t('cases.form.channelRequired') }]}>
                <Select
                  data-testid="case-channel"
                  options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                />
              </Form.Item>
            </Col>
            {channel && isReferral(channel) && (
              <Col xs={24} lg={12} xl={8}>
                <Form.Item name="referralBody" label={t('cases.form.referralBody')}
                  rules={[{ required: true, whitespace: true, message: t('validation.referralBody.missing') }]}>
                  <Input maxLength={200} placeholder={t('cases.form.referralBodyPlaceholder')} data-testid="case-referral-body" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="registeredOn" label={t('cases.form.registeredOn')}>
                <DatePicker style={{ width: '100%' }} format={dateFormat} allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs(shanghaiDate()), 'day')} data-testid="case-registered-on" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="summary" label={t('cases.form.summary')}
                rules={[{ required: true, whitespace: true, message: t('cases.form.summaryRequired') }]}>
                <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('cases.form.summaryPlaceholder')}
                  data-testid="case-summary" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('cases.form.requests')} style={{ marginBottom: 0 }}>
                <Form.List name="requests">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                          <Typography.Text>{i + 1}.</Typography.Text>
                          <Form.Item name={field.name} style={{ flex: 1, marginBottom: 12 }}>
                            <Input maxLength={1000} placeholder={t('cases.form.requestPlaceholder', { n: i + 1 })}
                              data-testid={`case-request-${i}`} />
                          </Form.Item>
                          {fields.length > 1 && (
                            <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')}
                              onClick={() => remove(field.name)} />
                          )}
                        </div>
                      ))}
                      <Form.Item>
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="case-add-request">
                          {t('cases.form.addRequest')}
                        </Button>
                      </Form.Item>
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="amount" label={t('cases.form.amount')}
                rules={[{
                  validator: async (_, v: string | undefined) => {
                    if ((v ?? '').trim() && yuanToFen(v ?? '') === null) throw new Error(t('cases.form.amountInvalid'));
                  },
                }]}>
                <Input inputMode="decimal" prefix="¥" placeholder={t('cases.form.amountPlaceholder')} maxLength={20}
                  data-testid="case-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="personsInvolved" label={t('cases.form.personsInvolved')}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="case-persons" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <Form.Item name="leadMediatorId" label={t('cases.form.leadMediator')}>
                <Select allowClear placeholder={t('cases.form.leadMediatorPlaceholder')} data-testid="case-lead-mediator"
                  options={mediators.map((m) => ({ value: m.id, label: m.name }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('cases.form.sectionParties')}>
          {PARTY_LISTS.map(({ list, role }) => (
            <Form.List name={list} key={list}>
              {(fields, { add, remove }) => (
                <div style={{ marginBottom: 8 }}>
                  {fields.map((field, i) => (
                    <PartyCard key={field.key} list={list} role={role} name={field.name} index={i}
                      dateFormat={dateFormat}
                      removable={role !== 'applicant' || fields.length > 1}
                      onRemove={() => remove(field.name)} />
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(emptyParty())}
                    style={{ marginBottom: 16 }} data-testid={`party-${list}-add`}>
                    {t('cases.form.addParty', { role: t(`partyRoles.${role}`) })}
                  </Button>
                  {role === 'third_party' && fields.length === 0 && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>{t('cases.form.noThirdParty')}</Typography.Text>
                  )}
                </div>
              )}
            </Form.List>
          ))}
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="case-submit">
            {t('cases.form.submit')}
          </Button>
          <Button size="large" onClick={() => void navigate('/cases')} disabled={busy}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    </Form>
  );
}
