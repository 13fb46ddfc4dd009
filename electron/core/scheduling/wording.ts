import type { MemberRole } from '../../../shared/domain/case-file';
import type { VenueKind } from '../../../shared/domain/scheduling';

/** How a clash message names a person: by their part in the case (调解员李明). */
export const ROLE_ZH: Record<MemberRole, string> = {
  lead_mediator: '调解员', co_mediator: '调解员', lawyer: '律师', social_worker: '社会工作者', counsellor: '心理咨询师',
  volunteer: '志愿者', relative: '亲属', expert: '专家', organisation: '组织', recorder: '记录人',
};

export const roleZh = (role: string | null): string => (role && role in ROLE_ZH ? ROLE_ZH[role as MemberRole] : '');

/** 请假 · 其他公务 · 忙碌, as a clash message says them. */
export const EXCEPTION_ZH = { leave: '请假', duty: '有其他公务', busy: '忙碌' } as const;

export const VENUE_KIND_ZH: Record<VenueKind, string> = { room: '调解室', office: '办公室', home_visit: '上门调解', online: '线上视频' };

/** What a party is asked to bring, in notices and text messages. */
export const BRING_SHORT = '身份证及相关证据材料';
