import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/domain/enums';
import { TAG_COLOURS, type TagColour } from '../lib/tag-colours';

const COLOURS: Record<CaseStatus, TagColour> = {
  registered: 'blue',
  rejected: 'grey',
  accepted: 'cyan',
  in_mediation: 'gold',
  agreed: 'green',
  failed: 'volcano',
  withdrawn: 'grey',
  closed: 'purple',
  archived: 'grey',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={{ ...TAG_COLOURS[COLOURS[status]], marginInlineEnd: 0 }} data-testid="case-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}
