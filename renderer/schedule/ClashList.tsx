import { Flex, Tag, Typography } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import type { Clash } from '../../shared/domain/scheduling';
import { useFormatDate } from '../lib/format';
import { TAG_COLOURS, type TagColour } from '../lib/tag-colours';
import { useSpanText } from './data';

const KIND_COLOUR: Record<Clash['kind'], TagColour> = {
  room_busy: 'volcano', person_busy: 'volcano', party_busy: 'volcano', unavailable: 'orange', after_deadline: 'gold', room_capacity: 'gold',
};

/** One clash in plain words, naming what it clashes with: the other meeting, the leave, the deadline, the seats. */
function ClashText({ clash }: { clash: Clash }) {
  const { t } = useTranslation();
  const span = useSpanText();
  const formatDate = useFormatDate();
  const c = clash;
  // <b> the case number or what matters, <n> a time kept on one line.
  const b = { b: <strong />, n: <span style={{ whiteSpace: 'nowrap' }} /> };
  switch (c.kind) {
    case 'room_busy': case 'person_busy': case 'party_busy':
      if (!c.with) break;
      return (
        <Trans i18nKey={`schedule.clash.text.${c.kind}`} components={b}
          values={{ subject: c.subject, caseNo: c.with.caseNo, time: span(c.with.startsAt, c.with.endsAt), venue: c.with.venue }} />
      );
    case 'unavailable': {
      const d = c.detail;
      if (d.exceptionKind && d.exceptionStartsAt && d.exceptionEndsAt) {
        return (
          <Trans i18nKey="schedule.clash.text.exception" components={b} values={{
            subject: c.subject, kind: t(`schedule.exceptionKinds.${d.exceptionKind}`), time: span(d.exceptionStartsAt, d.exceptionEndsAt),
            note: d.exceptionNote ? t('schedule.clash.note', { note: d.exceptionNote }) : '',
          }} />
        );
      }
      if (d.outsideHours) return <Trans i18nKey="schedule.clash.text.outsideHours" components={b} values={{ subject: c.subject }} />;
      break;
    }
    case 'after_deadline':
      if (!c.detail.dueOn) break;
      return <Trans i18nKey="schedule.clash.text.after_deadline" components={b} values={{ date: formatDate(c.detail.dueOn) }} />;
    case 'room_capacity':
      if (c.detail.capacity === undefined || c.detail.invited === undefined) break;
      return (
        <Trans i18nKey="schedule.clash.text.room_capacity" components={b}
          values={{ subject: c.subject, capacity: c.detail.capacity, invited: c.detail.invited }} />
      );
  }
  // The core's own sentence when a detail is missing.
  return <>{c.message}</>;
}

/** Every clash with what it clashes with; never a bare count. */
export function ClashList({ clashes, testId = 'clash-list' }: { clashes: Clash[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid={testId} role="list">
      {clashes.map((c, i) => (
        <Flex key={`${c.kind}-${i}`} gap={8} align="baseline" role="listitem" data-testid="clash-item" data-kind={c.kind}>
          <Tag style={{ ...TAG_COLOURS[KIND_COLOUR[c.kind]], flex: 'none' }}>{t(`schedule.clash.kinds.${c.kind}`)}</Tag>
          <Typography.Text>
            <ClashText clash={c} />
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
