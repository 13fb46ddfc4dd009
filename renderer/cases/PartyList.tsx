import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../shared/domain/case';
import { PARTY_ROLES } from '../../shared/domain/enums';
import { useFormatDate } from '../lib/format';
import { TAG_COLOURS } from '../lib/tag-colours';
import { maskIdNumber } from './lifecycle';

function IdDocument({ party }: { party: Party }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (party.idType === 'none' || !party.idNumber) {
    return <Tag style={TAG_COLOURS.orange} data-testid="party-no-document">{t('cases.detail.noDocument')}</Tag>;
  }
  return (
    <Space wrap>
      <span>{t(`idTypes.${party.idType}`)}</span>
      <Typography.Text code style={{ fontSize: '1em' }} data-testid="party-id-number">
        {shown ? party.idNumber : maskIdNumber(party.idNumber)}
      </Typography.Text>
      <Button size="small" type="link" icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        onClick={() => setShown(!shown)} data-testid="party-id-toggle">
        {shown ? t('cases.detail.hideId') : t('cases.detail.showId')}
      </Button>
    </Space>
  );
}

function PartyCardView({ party }: { party: Party }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const dash = t('common.empty');
  return (
    <Card size="small" type="inner" title={party.name} style={{ marginBottom: 12 }} data-testid={`party-${party.id}`}>
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" items={[
        { key: 'sex', label: t('cases.detail.sex'), children: party.sex ? t(`sexes.${party.sex}`) : dash },
        { key: 'ethnicity', label: t('cases.detail.ethnicity'), children: party.ethnicity ?? dash },
        { key: 'birthDate', label: t('cases.detail.birthDate'), children: formatDate(party.birthDate) },
        { key: 'id', label: t('cases.detail.idDocument'), children: <IdDocument party={party} />, span: 2 },
        { key: 'phone', label: t('cases.detail.phone'), children: party.phone ?? dash },
        { key: 'address', label: t('cases.detail.address'), children: party.address ?? dash, span: 'filled' },
      ]} />
    </Card>
  );
}

/** Parties grouped by role: 申请人, 被申请人, 第三人. */
export function PartyList({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  return (
    <>
      {PARTY_ROLES.map((role) => {
        const group = parties.filter((p) => p.role === role);
        if (role === 'third_party' && group.length === 0) return null;
        return (
          <div key={role} style={{ marginBottom: 16 }} data-testid={`parties-${role}`}>
            <Typography.Title level={5}>{t(`partyRoles.${role}`)}</Typography.Title>
            {group.length === 0
              ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.detail.noParties')} />
              : group.map((p) => <PartyCardView key={p.id} party={p} />)}
          </div>
        );
      })}
    </>
  );
}
