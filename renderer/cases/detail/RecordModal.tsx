import { Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useCaseWork } from './context';
import { DateField } from './fields';
import { FormModal } from './FormModal';

export type RecordKind = 'investigation' | 'mediation';

interface Values {
  heldAt: Dayjs;
  place?: string;
  subject?: string;
  interviewee?: string;
  attendees?: string;
  partiesPresent?: string[];
  private?: boolean;
  content: string;
  result?: string;
  recorder?: string;
}

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
/** 张三、李四 → ['张三', '李四']: names as people write them, separated by 、 or commas. */
export const splitNames = (s: string | undefined): string[] =>
  (s ?? '').split(/[、，,;；\n]+/).map((x) => x.trim()).filter(Boolean);

/** 调查记录 (时间, 地点, 被调查人, 参加人, 记录) or 调解记录 (时间, 地点, 事由, 参加人, 到场当事人, 公开与否, 经过, 结果). */
export function RecordModal({ kind, onClose }: { kind: RecordKind; onClose(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const c = w.file.case;
  const mediation = kind === 'mediation';
  const k = `caseWork.records.${kind}`;
  return (
    <FormModal<Values, { id: number }>
      title={t(`${k}.add`)}
      testId="record-modal"
      width={820}
      success={t('caseWork.records.saved')}
      initialValues={{
        heldAt: dayjs().second(0).millisecond(0),
        partiesPresent: mediation ? c.parties.map((p) => p.name) : undefined,
        private: mediation ? false : undefined,
      }}
      onCancel={onClose}
      locate={(p) => (p[0] === 'caseId' || p[0] === 'kind' ? null : p[0] === 'attendees' ? ['attendees'] : p)}
      submit={(v) => api.call('cases:addRecord', {
        caseId: w.caseId, kind, heldAt: v.heldAt.toISOString(), place: optional(v.place),
        subject: mediation ? optional(v.subject) : undefined, interviewee: mediation ? undefined : optional(v.interviewee),
        attendees: splitNames(v.attendees), partiesPresent: mediation ? v.partiesPresent ?? [] : [],
        private: mediation ? !!v.private : false, content: v.content, result: mediation ? optional(v.result) : undefined,
        recorder: optional(v.recorder),
      })}
      onDone={() => { onClose(); void w.reload(); }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <DateField name="heldAt" label={t('caseWork.records.heldAt')} testId="record-held-at" showTime min={c.registeredOn} />
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="place" label={t('caseWork.records.place')}>
            <Input maxLength={200} placeholder={t('caseWork.records.placePlaceholder')} data-testid="record-place" />
          </Form.Item>
        </Col>
        {mediation ? (
          <Col xs={24}>
            <Form.Item name="subject" label={t('caseWork.records.subject')}>
              <Input maxLength={500} placeholder={t('caseWork.records.subjectPlaceholder')} data-testid="record-subject" />
            </Form.Item>
          </Col>
        ) : (
          <Col xs={24} md={12}>
            <Form.Item name="interviewee" label={t('caseWork.records.interviewee')}
              rules={[{ required: true, whitespace: true, message: t('caseWork.records.intervieweeRequired') }]}>
              <Input maxLength={200} data-testid="record-interviewee" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={mediation ? 24 : 12}>
          <Form.Item name="attendees" label={t('caseWork.records.attendees')} extra={t('caseWork.records.attendeesHelp')}>
            <Input maxLength={1000} data-testid="record-attendees" />
          </Form.Item>
        </Col>
        {mediation && (
          <>
            <Col xs={24} md={16}>
              <Form.Item name="partiesPresent" label={t('caseWork.records.partiesPresent')}
                rules={[{ required: true, type: 'array', min: 1, message: t('caseWork.records.partiesPresentRequired') }]}>
                <Checkbox.Group data-testid="record-parties" options={c.parties.map((p) => ({ value: p.name, label: p.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="private" label={t('caseWork.records.openness')}>
                <Radio.Group optionType="button" data-testid="record-private" options={[
                  { value: false, label: t('caseWork.records.public') },
                  { value: true, label: t('caseWork.records.private') },
                ]} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24}>
          <Form.Item name="content" label={t(`${k}.content`)}
            rules={[{ required: true, whitespace: true, message: t(`${k}.contentRequired`) }]}>
            <Input.TextArea rows={6} maxLength={50000} placeholder={t(`${k}.contentPlaceholder`)} data-testid="record-content" />
          </Form.Item>
        </Col>
        {mediation && (
          <Col xs={24}>
            <Form.Item name="result" label={t('caseWork.records.result')}>
              <Input.TextArea rows={2} maxLength={5000} placeholder={t('caseWork.records.resultPlaceholder')} data-testid="record-result" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="recorder" label={t('caseWork.records.recorder')} extra={t('caseWork.records.recorderHelp')}>
            <Input maxLength={100} data-testid="record-recorder" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
