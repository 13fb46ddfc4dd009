import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../shared/domain/dates';
import { ID_TYPES, SEXES, type IdType, type PartyRole } from '../../shared/domain/enums';
import { checkIdDocument, checkPhone, checkResidentId } from '../../shared/domain/identity';
import { useProblemText } from '../lib/errors';
import { isBlankParty, type PartyListName, type PartyValues } from './case-form';

interface Props {
  list: PartyListName;
  role: PartyRole;
  /** The Form.List field name (index) of this party. */
  name: number;
  index: number;
  removable: boolean;
  onRemove(): void;
  dateFormat: string;
}

/** One party's fields; the ID number is checked here and fills in sex and birth date. */
export function PartyCard({ list, role, name, index, removable, onRemove, dateFormat }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const problemText = useProblemText();
  const path = (field: keyof PartyValues) => [list, name, field];
  const roleText = t(`partyRoles.${role}`);
  const idType = (Form.useWatch(path('idType'), form) as IdType | undefined) ?? 'resident_id';
  const idNumber = Form.useWatch(path('idNumber'), form) as string | undefined;
  const readsFromId = idType === 'resident_id' && !!idNumber && checkResidentId(idNumber, shanghaiDate()).ok;
  const testId = (field: string) => `party-${list}-${index}-${field}`;

  const onIdNumberChange = (value: string) => {
    if (form.getFieldValue(path('idType')) === 'resident_id') {
      const r = checkResidentId(value, shanghaiDate());
      if (r.ok) {
        form.setFieldValue(path('sex'), r.value.sex);
        form.setFieldValue(path('birthDate'), dayjs(r.value.birthDate));
      }
    }
    // Checked on leaving the field; once shown, an error clears as soon as the number is right.
    if (form.getFieldError(path('idNumber')).length > 0) void form.validateFields([path('idNumber')]).catch(() => undefined);
  };

  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 16 }}
      title={t('cases.form.partyN', { role: roleText, n: index + 1 })}
      data-testid={`party-${list}-${index}`}
      extra={removable && (
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid={testId('remove')}>
          {t('cases.form.removeParty', { role: roleText })}
        </Button>
      )}
    >
      <Row gutter={16}>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item
            name={[name, 'name']}
            label={t('cases.form.name')}
            required={role === 'applicant'}
            rules={[({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if ((v ?? '').trim()) return;
                if (role === 'applicant' || !isBlankParty(getFieldValue([list, name]) as PartyValues)) {
                  throw new Error(t('cases.form.nameRequired', { role: roleText }));
                }
              },
            })]}
          >
            <Input maxLength={200} data-testid={testId('name')} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item name={[name, 'sex']} label={t('cases.form.sex')}>
            <Radio.Group
              optionType="button"
              options={SEXES.map((s) => ({ value: s, label: t(`sexes.${s}`) }))}
              data-testid={testId('sex')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item name={[name, 'ethnicity']} label={t('cases.form.ethnicity')}>
            <Input maxLength={20} data-testid={testId('ethnicity')} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item name={[name, 'idType']} label={t('cases.form.idType')}>
            <Select
              data-testid={testId('idType')}
              options={ID_TYPES.map((v) => ({ value: v, label: t(`idTypes.${v}`) }))}
              onChange={() => {
                if (form.getFieldValue(path('idNumber'))) void form.validateFields([path('idNumber')]).catch(() => undefined);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item
            name={[name, 'idNumber']}
            label={t('cases.form.idNumber')}
            validateTrigger="onBlur"
            extra={idType !== 'resident_id' ? undefined : readsFromId ? t('cases.form.filledFromId') : t('cases.form.idNumberHelp')}
            rules={[{
              validator: async (_, v: string | undefined) => {
                const type = (form.getFieldValue(path('idType')) as IdType | undefined) ?? 'resident_id';
                if (!(v ?? '').trim() && type === 'resident_id') return;
                const r = checkIdDocument(type, v, shanghaiDate());
                if (!r.ok) throw new Error(problemText(r.problem));
              },
            }]}
          >
            <Input
              maxLength={40}
              disabled={idType === 'none'}
              spellCheck={false}
              autoComplete="off"
              data-testid={testId('idNumber')}
              onChange={(e) => onIdNumberChange(e.target.value)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item name={[name, 'birthDate']} label={t('cases.form.birthDate')}>
            <DatePicker
              style={{ width: '100%' }}
              format={dateFormat}
              disabledDate={(d) => d.isAfter(dayjs(shanghaiDate()), 'day')}
              data-testid={testId('birthDate')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Form.Item
            name={[name, 'phone']}
            label={t('cases.form.phone')}
            validateTrigger="onBlur"
            rules={[{
              validator: async (_, v: string | undefined) => {
                if (!(v ?? '').trim()) return;
                const r = checkPhone(v ?? '');
                if (!r.ok) throw new Error(problemText(r.problem));
              },
            }]}
          >
            <Input maxLength={40} inputMode="tel" autoComplete="off" data-testid={testId('phone')} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={16}>
          <Form.Item name={[name, 'address']} label={t('cases.form.address')}>
            <Input maxLength={300} data-testid={testId('address')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
