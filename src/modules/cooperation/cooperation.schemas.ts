import { z } from 'zod';
import { Text } from '../shared.schemas.js';
import { Id, Version } from '../access/access.schemas.js';
import { Country, IsoDate } from '../cases/cases.schemas.js';

// Exchanges with other jurisdictions and organisations (issue 7, item 5). A linked case stays
// need-to-know: a reader who may not read the case sees that a case is linked, never which.

export const exchangeKinds = [
  'agreement',
  'joint_operation',
  'information_request_sent',
  'information_request_received',
  'mutual_legal_assistance',
  'surrender_request',
  'training',
  'visit',
  'conference',
] as const;
export const counterpartKinds = [
  'mainland_china',
  'hong_kong',
  'foreign_government',
  'international_organisation',
  'ngo',
] as const;

const ExchangeFields = {
  kind: z.enum(exchangeKinds),
  counterpartKind: z.enum(counterpartKinds),
  /** The institution: "IOM", "Ministry of Public Security", "Hong Kong Police Force". */
  counterpart: Text(200),
  /** ISO 3166 alpha-3, for a foreign government or an organisation's country office. */
  country: Country.nullable().optional(),
  subject: Text(2000),
  startedOn: IsoDate,
  endedOn: IsoDate.nullable().optional(),
  outcome: Text(4000).nullable().optional(),
  /** Cases the exchange concerns: each must be readable by whoever links it. */
  caseIds: z.array(Id).max(50),
  taskIds: z.array(Id).max(50),
};

/** An exchange's own facts: what the dialog edits and an update writes to its row. */
export const exchangeFacts = [
  'kind',
  'counterpartKind',
  'counterpart',
  'country',
  'subject',
  'startedOn',
  'endedOn',
  'outcome',
] as const;

export const ExchangeBody = z.strictObject({
  /** The recording agency; the actor's own when omitted. */
  agencyId: Id.optional(),
  ...ExchangeFields,
  caseIds: ExchangeFields.caseIds.default([]),
  taskIds: ExchangeFields.taskIds.default([]),
});
export type ExchangeBody = z.infer<typeof ExchangeBody>;

/**
 * Changes; `caseIds` lists the linked cases the writer can read (links to cases the writer
 * cannot read are neither shown to nor removable by them).
 */
export const ExchangeUpdate = z.strictObject({
  kind: ExchangeFields.kind.optional(),
  counterpartKind: ExchangeFields.counterpartKind.optional(),
  counterpart: ExchangeFields.counterpart.optional(),
  country: ExchangeFields.country,
  subject: ExchangeFields.subject.optional(),
  startedOn: ExchangeFields.startedOn.optional(),
  endedOn: ExchangeFields.endedOn,
  outcome: ExchangeFields.outcome,
  caseIds: ExchangeFields.caseIds.optional(),
  taskIds: ExchangeFields.taskIds.optional(),
  version: Version,
});
export type ExchangeUpdate = z.infer<typeof ExchangeUpdate>;

export const ExchangeParams = z.strictObject({ exchangeId: Id });

export const ExchangeQuery = z.strictObject({
  kind: z.enum(exchangeKinds).optional(),
  counterpartKind: z.enum(counterpartKinds).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type ExchangeQuery = z.infer<typeof ExchangeQuery>;

/** A linked case as the reader may see it: its id and reference only if the reader may read the case. */
export const LinkedCase = z.object({
  readable: z.boolean(),
  id: Id.nullable(),
  reference: z.string().nullable(),
});

export const ExchangeView = z.object({
  id: Id,
  agency: z.object({ id: Id, code: z.string() }),
  kind: z.enum(exchangeKinds),
  counterpartKind: z.enum(counterpartKinds),
  counterpart: z.string(),
  country: z.string().nullable(),
  subject: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  cases: z.array(LinkedCase),
  tasks: z.array(z.object({ id: Id, title: z.string(), dueDate: z.string() })),
  version: z.number().int(),
  /** Whether the viewer may change it (`cooperation.write` reaching its agency). */
  canEdit: z.boolean(),
});
export type ExchangeView = z.infer<typeof ExchangeView>;
