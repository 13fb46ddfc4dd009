import fc from 'fast-check';
import { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract';

/** The ids of what a fixture has made, for inputs that reach the handler with something to find. */
export interface FixtureIds {
  caseId: number;
  personId: number;
  meetingId: number;
  venueId: number;
}

type Json = Record<string, unknown> & {
  type?: string; properties?: Record<string, Json>; required?: string[]; items?: Json; anyOf?: Json[]; oneOf?: Json[];
  enum?: unknown[]; const?: unknown; default?: unknown; pattern?: string; format?: string; minLength?: number;
  minimum?: number; exclusiveMinimum?: number; minItems?: number;
};

const jsonSchemaOf = (c: Channel): Json =>
  z.toJSONSchema(contract[c].input as z.ZodType, { unrepresentable: 'any', io: 'input' }) as Json;

// Calendar dates are a refinement JSON Schema cannot show: known by their field names.
const DATE_KEY = /(^on$|On$|^from$|^to$|Date$|Deadline$)/;

/** The smallest input the schema describes: required fields only, each its first or smallest value. */
function sample(js: Json, key = ''): unknown {
  if (js.const !== undefined) return js.const;
  if (js.enum) return js.enum[0];
  const alt = js.anyOf ?? js.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], key);
  switch (js.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of js.required ?? []) out[k] = sample(js.properties?.[k] ?? {}, k);
      return out;
    }
    case 'array': return Array.from({ length: js.minItems ?? 0 }, () => sample(js.items ?? {}, key));
    case 'string':
      if (js.format === 'date-time') return '2026-10-05T02:00:00.000Z';
      if (js.format === 'uri') return 'https://example.org/';
      if (js.pattern) return fc.sample(fc.stringMatching(new RegExp(js.pattern)), { numRuns: 1, seed: 7 })[0];
      if (DATE_KEY.test(key)) return '2026-10-05';
      return '测'.repeat(Math.max(js.minLength ?? 1, 1));
    case 'integer': case 'number':
      return js.exclusiveMinimum !== undefined ? js.exclusiveMinimum + 1 : Math.max(js.minimum ?? 1, 1);
    case 'boolean': return false;
    case 'null': return null;
    default: return {};
  }
}

/**
 * Inputs that mean something in the walk: pointing at the fixture's case, person, meeting, venue; harmless when allowed
 * (ids of users and backups that do not exist, a wrong current password, a case that cannot be destroyed yet).
 */
function known(ids: FixtureIds): Partial<Record<Channel, unknown>> {
  const { caseId, personId, meetingId, venueId } = ids;
  const month = { from: '2026-10-01', to: '2026-10-31' };
  return {
    'app:unlock': { passphrase: 'not-the-passphrase' },
    'auth:signIn': { username: 'nobody', password: 'wrong-password' },
    'cases:get': { id: caseId }, 'cases:file': { id: caseId }, 'cases:checks': { id: caseId }, 'cases:history': { id: caseId },
    'cases:attachment': { caseId, id: 999_999 },
    'cases:reject': { caseId, reason: '走查：不应执行' },
    'cases:startMediation': { caseId },
    'cases:addMember': { caseId, role: 'volunteer', name: '走查' },
    'cases:close': { caseId, closedOn: '2026-10-05' },
    'cases:anonymise': { caseId, reason: '走查' }, 'cases:destroy': { caseId, reason: '走查' },
    'people:get': { id: personId },
    'documents:render': { caseId, document: 'registration' },
    'documents:savePdf': { caseId, document: 'registration' },
    'documents:printed': { caseId, document: 'registration' },
    'documents:missing': { caseId },
    'availability:get': { personId },
    'schedule:get': { id: meetingId }, 'schedule:sms': { id: meetingId }, 'schedule:caseMeetings': { caseId },
    'schedule:cancel': { id: 999_999, reason: '走查' },
    'schedule:range': { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    'schedule:check': { caseId, startsAt: '2026-10-20T01:00:00.000Z', endsAt: '2026-10-20T02:00:00.000Z', venueId },
    'venues:update': { id: 999_999, venue: { name: '走查', kind: 'room' } },
    'stats:report': month, 'stats:sweeps': month, 'stats:csv': month,
    'stats:cases': { ...month, figure: 'accepted' },
    'stats:trend': { to: '2026-10' },
    'stats:sweepRemove': { id: 999_999 }, 'stats:snapshotGet': { id: 999_999 },
    'stats:exportXlsx': month,
    'ledger:progress': { jobId: 'no-such-job' }, 'exchange:progress': { jobId: 'no-such-job' },
  };
}

/** The channels whose input neither `known` nor the schema's sample can give: a new channel needs a line in `known`. */
export const unsampled = (ids: FixtureIds): Channel[] => CHANNELS.filter((c) => !contract[c].input.safeParse(validInput(c, ids)).success);

/** An input the channel's schema accepts: the walk's own where it has one, else the schema's smallest. */
export function validInput(c: Channel, ids: FixtureIds): unknown {
  const k = known(ids)[c];
  if (k !== undefined) return k;
  const s = sample(jsonSchemaOf(c));
  if (s && typeof s === 'object' && !Array.isArray(s)) {
    const o = s as Record<string, unknown>;
    // The fixture's case is the one to find; any other id (a user, a backup, a snapshot) one that does not exist,
    // so an allowed call never disables the walk's own accounts.
    if ('caseId' in o) o.caseId = ids.caseId;
    for (const k of ['id', 'userId']) if (k in o) o[k] = 999_999;
  }
  return s;
}
