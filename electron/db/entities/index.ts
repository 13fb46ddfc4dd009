import { EntitySchema } from 'typeorm';

// Entities never cross IPC: repositories map rows to shared/domain types.

export interface CommitteeRow {
  id: number; name: string; code: string; short_name: string; type: string; station_id: string; created_at: string;
}
export const CommitteeEntity = new EntitySchema<CommitteeRow>({
  name: 'committee',
  tableName: 'committee',
  columns: {
    id: { type: Number, primary: true },
    name: { type: String }, code: { type: String }, short_name: { type: String }, type: { type: String },
    station_id: { type: String }, created_at: { type: String },
  },
});

export interface SettingRow { key: string; value: string }
export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'setting',
  tableName: 'settings',
  columns: { key: { type: String, primary: true }, value: { type: String } },
});

export interface PersonRow {
  id: number; name: string; sex: string | null; phone: string | null; professions: string;
  employment: string | null; active: number; created_at: string;
}
export const PersonEntity = new EntitySchema<PersonRow>({
  name: 'person',
  tableName: 'persons',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    name: { type: String }, sex: { type: String, nullable: true }, phone: { type: String, nullable: true },
    professions: { type: String }, employment: { type: String, nullable: true }, active: { type: Number },
    created_at: { type: String },
  },
});

export interface UserRow {
  id: number; username: string; display_name: string; role: string; password_hash: string;
  disabled: number; must_change_password: number; person_id: number | null; created_at: string; updated_at: string;
}
export const UserEntity = new EntitySchema<UserRow>({
  name: 'user',
  tableName: 'users',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    username: { type: String }, display_name: { type: String }, role: { type: String },
    password_hash: { type: String }, disabled: { type: Number }, must_change_password: { type: Number },
    person_id: { type: Number, nullable: true }, created_at: { type: String }, updated_at: { type: String },
  },
});

export interface CaseRow {
  id: number; case_no: string; case_year: number; case_seq: number; category: string; channel: string;
  referral_body: string | null; summary: string; requests: string; amount_fen: number | null;
  persons_involved: number; status: string; registered_on: string; accepted_on: string | null;
  rejection_reason: string | null; due_on: string | null; extended_due_on: string | null;
  outcome: string | null; concluded_on: string | null; closed_on: string | null; archived_on: string | null;
  retention: string | null; agreement_form: string | null; agreement_amount_fen: number | null;
  performance: string | null; jc_status: string; satisfaction: string | null;
  prevented_criminal: number; prevented_criminal_persons: number; prevented_suicide: number;
  prevented_suicide_persons: number; prevented_group_petition: number; prevented_group_petition_persons: number;
  prevented_group_fight: number; prevented_group_fight_persons: number;
  failure_routes: string | null; termination_reason: string | null; anonymised_at: string | null;
  lead_mediator_id: number | null; applicant_names: string; respondent_names: string;
  external_code: string | null; created_by: number | null; created_at: string; updated_at: string;
  /** The local category chosen (migration 0007); `category` is then its roll-up. Absent in bulk rows that have none. */
  local_category_id?: number | null;
}
export const CaseEntity = new EntitySchema<CaseRow>({
  name: 'case',
  tableName: 'cases',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    case_no: { type: String }, case_year: { type: Number }, case_seq: { type: Number },
    category: { type: String }, channel: { type: String }, referral_body: { type: String, nullable: true },
    summary: { type: String }, requests: { type: String }, amount_fen: { type: Number, nullable: true },
    persons_involved: { type: Number }, status: { type: String }, registered_on: { type: String },
    accepted_on: { type: String, nullable: true }, rejection_reason: { type: String, nullable: true },
    due_on: { type: String, nullable: true }, extended_due_on: { type: String, nullable: true },
    outcome: { type: String, nullable: true }, concluded_on: { type: String, nullable: true },
    closed_on: { type: String, nullable: true }, archived_on: { type: String, nullable: true },
    retention: { type: String, nullable: true }, agreement_form: { type: String, nullable: true },
    agreement_amount_fen: { type: Number, nullable: true }, performance: { type: String, nullable: true },
    jc_status: { type: String }, satisfaction: { type: String, nullable: true },
    prevented_criminal: { type: Number }, prevented_criminal_persons: { type: Number },
    prevented_suicide: { type: Number }, prevented_suicide_persons: { type: Number },
    prevented_group_petition: { type: Number }, prevented_group_petition_persons: { type: Number },
    prevented_group_fight: { type: Number }, prevented_group_fight_persons: { type: Number },
    failure_routes: { type: String, nullable: true }, termination_reason: { type: String, nullable: true },
    anonymised_at: { type: String, nullable: true },
    lead_mediator_id: { type: Number, nullable: true },
    applicant_names: { type: String }, respondent_names: { type: String },
    external_code: { type: String, nullable: true }, created_by: { type: Number, nullable: true },
    created_at: { type: String }, updated_at: { type: String }, local_category_id: { type: Number, nullable: true },
  },
});

export interface PartyRow {
  id: number; case_id: number; position: number; role: string; kind: string; name: string;
  sex: string | null; ethnicity: string | null; birth_date: string | null; id_type: string;
  id_number: string | null; phone: string | null; address: string | null; occupation: string | null;
  credit_code: string | null; representative: string | null; representative_title: string | null;
  created_at: string;
}
export const PartyEntity = new EntitySchema<PartyRow>({
  name: 'party',
  tableName: 'parties',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    case_id: { type: Number }, position: { type: Number }, role: { type: String }, kind: { type: String },
    name: { type: String }, sex: { type: String, nullable: true }, ethnicity: { type: String, nullable: true },
    birth_date: { type: String, nullable: true }, id_type: { type: String }, id_number: { type: String, nullable: true },
    phone: { type: String, nullable: true }, address: { type: String, nullable: true },
    occupation: { type: String, nullable: true }, credit_code: { type: String, nullable: true },
    representative: { type: String, nullable: true }, representative_title: { type: String, nullable: true },
    created_at: { type: String },
  },
});

export interface AgreementRow {
  id: number; case_id: number; form: string; facts: string | null; terms: string; amount_fen: number | null;
  performance_method: string | null; performance_deadline: string | null; effective_on: string;
  performance: string; jc_status: string; jc_applied_on: string | null; jc_decided_on: string | null; created_at: string;
}
export const AgreementEntity = new EntitySchema<AgreementRow>({
  name: 'agreement',
  tableName: 'agreements',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    case_id: { type: Number }, form: { type: String }, facts: { type: String, nullable: true }, terms: { type: String },
    amount_fen: { type: Number, nullable: true }, performance_method: { type: String, nullable: true },
    performance_deadline: { type: String, nullable: true }, effective_on: { type: String },
    performance: { type: String }, jc_status: { type: String }, jc_applied_on: { type: String, nullable: true },
    jc_decided_on: { type: String, nullable: true }, created_at: { type: String },
  },
});

export interface FollowupRow {
  id: number; case_id: number; visited_on: string; visitor_person_id: number | null; performance: string | null;
  satisfaction: string | null; notes: string | null; created_at: string;
}
export const FollowupEntity = new EntitySchema<FollowupRow>({
  name: 'followup',
  tableName: 'followups',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    case_id: { type: Number }, visited_on: { type: String }, visitor_person_id: { type: Number, nullable: true },
    performance: { type: String, nullable: true }, satisfaction: { type: String, nullable: true },
    notes: { type: String, nullable: true }, created_at: { type: String },
  },
});

export interface AuditRow {
  id: number; at: string; user_id: number | null; action: string; entity: string | null; entity_id: number | null;
  before_json: string | null; after_json: string | null; before_sha256: string | null; after_sha256: string | null;
  redacted_at: string | null; prev_hash: string; hash: string;
}
export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'audit_event',
  tableName: 'audit_events',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    at: { type: String }, user_id: { type: Number, nullable: true }, action: { type: String },
    entity: { type: String, nullable: true }, entity_id: { type: Number, nullable: true },
    before_json: { type: String, nullable: true }, after_json: { type: String, nullable: true },
    before_sha256: { type: String, nullable: true }, after_sha256: { type: String, nullable: true },
    redacted_at: { type: String, nullable: true }, prev_hash: { type: String }, hash: { type: String },
  },
});

export const ENTITIES = [
  CommitteeEntity, SettingEntity, PersonEntity, UserEntity, CaseEntity, PartyEntity, AgreementEntity, FollowupEntity, AuditEntity,
];
