import { z } from 'zod';

// Permission roles (DOMAIN.md, Users). Profession is a person attribute, not a role.
export const ROLES = ['mediator', 'volunteer', 'office_staff', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

// The 15 national categories of the Ministry's monthly report, in report order.
export const CATEGORIES = [
  'marriage_family', 'neighbour', 'housing_homestead', 'contract', 'production_business',
  'damages', 'forest_land', 'land_requisition', 'pollution', 'labour', 'consumer', 'medical',
  'traffic', 'property_management', 'other',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

export const CATEGORY_ZH: Record<Category, string> = {
  marriage_family: '婚姻家庭', neighbour: '邻里', housing_homestead: '房屋宅基地', contract: '合同',
  production_business: '生产经营', damages: '损害赔偿', forest_land: '山林土地',
  land_requisition: '征地拆迁', pollution: '环境污染', labour: '劳动争议', consumer: '消费',
  medical: '医疗', traffic: '道路交通事故', property_management: '物业', other: '其他',
};

export const CHANNELS = [
  'application', 'initiative', 'grid_report', 'court_assigned', 'court_entrusted',
  'police_referral', 'petition_referral', 'hotline_12345', 'agency_referral',
] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const CHANNEL_BUCKETS = ['application', 'initiative', 'referral'] as const;
export type ChannelBucket = (typeof CHANNEL_BUCKETS)[number];

export const CHANNEL_BUCKET: Record<Channel, ChannelBucket> = {
  application: 'application', initiative: 'initiative', grid_report: 'initiative',
  court_assigned: 'referral', court_entrusted: 'referral', police_referral: 'referral',
  petition_referral: 'referral', hotline_12345: 'referral', agency_referral: 'referral',
};

/** Referred channels name the referring body (受理登记表: 委托移送 with the referring body). */
export const isReferral = (c: Channel): boolean => CHANNEL_BUCKET[c] === 'referral';

export const CASE_STATUSES = [
  'registered', 'rejected', 'accepted', 'in_mediation', 'agreed', 'failed', 'withdrawn',
  'closed', 'archived',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export const PartyRoleSchema = z.enum(PARTY_ROLES);
export type PartyRole = z.infer<typeof PartyRoleSchema>;

export const PARTY_KINDS = ['person', 'organisation'] as const;
export const PartyKindSchema = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKindSchema>;

export const SEXES = ['male', 'female'] as const;
export const SexSchema = z.enum(SEXES);
export type Sex = z.infer<typeof SexSchema>;

export const ID_TYPES = [
  'resident_id', 'hk_macao_permit', 'taiwan_permit', 'hmt_residence_permit', 'passport',
  'foreign_permanent_residence', 'none',
] as const;
export const IdTypeSchema = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdTypeSchema>;

export const PROFESSIONS = ['mediator', 'lawyer', 'social_worker', 'counsellor', 'volunteer'] as const;
export const ProfessionSchema = z.enum(PROFESSIONS);
export type Profession = z.infer<typeof ProfessionSchema>;

export const OUTCOMES = ['agreed', 'failed', 'withdrawn'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const AGREEMENT_FORMS = ['written', 'oral'] as const;
export const AgreementFormSchema = z.enum(AGREEMENT_FORMS);

export const PERFORMANCE_STATES = ['performing', 'performed', 'partial', 'unperformed'] as const;
export const PerformanceSchema = z.enum(PERFORMANCE_STATES);

export const JC_STATUSES = ['none', 'applied', 'confirmed', 'refused'] as const;
export const JcStatusSchema = z.enum(JC_STATUSES);

export const SATISFACTION_LEVELS = ['satisfied', 'fairly_satisfied', 'dissatisfied'] as const;
export const SatisfactionSchema = z.enum(SATISFACTION_LEVELS);
