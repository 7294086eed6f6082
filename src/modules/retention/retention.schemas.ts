import { z } from 'zod';
import { Id, Version } from '../access/access.schemas.js';
import { IdentityInput, IsoDate } from '../cases/cases.schemas.js';
import { VictimRef } from '../shared.schemas.js';

// A victim's request to erase or correct their identity. The register holds codes, dates and
// ids only — what was asked, by whom, what was decided — never the corrected values or a
// reason in words, so that it has nothing to erase itself.

export const identityFields = [
  'givenNames',
  'familyName',
  'identityNumber',
  'birthDate',
  'contacts',
  'address',
  'notes',
] as const satisfies readonly (keyof IdentityInput)[];
export type IdentityField = (typeof identityFields)[number];

export const dataRequestKinds = ['erasure', 'correction'] as const;
export const dataRequesters = ['data_subject', 'legal_representative', 'lawyer'] as const;
export const dataRequestRefusals = [
  'identity_not_verified',
  'legal_obligation',
  'ongoing_proceedings',
  'rights_of_others',
] as const;
export const dataRequestStatuses = ['open', 'refused', 'carried_out'] as const;

export const DataRequestBody = z.strictObject({
  kind: z.enum(dataRequestKinds),
  requestedBy: z.enum(dataRequesters),
  receivedOn: IsoDate,
  /** The identity fields a correction is about; an erasure is about all of them. */
  fields: z.array(z.enum(identityFields)).min(1).max(identityFields.length).optional(),
});
export type DataRequestBody = z.infer<typeof DataRequestBody>;

export const DataRequestParams = z.strictObject({ requestId: Id });
export const DataRequestQuery = z.strictObject({
  status: z.enum(dataRequestStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const RefuseBody = z.strictObject({ version: Version, reason: z.enum(dataRequestRefusals) });
export type RefuseBody = z.infer<typeof RefuseBody>;

/** Carrying a request out: an erasure needs nothing more; a correction brings the corrected values. */
export const CarryOutBody = z.strictObject({ version: Version, identity: IdentityInput.optional() });
export type CarryOutBody = z.infer<typeof CarryOutBody>;

export const DataRequestView = z.object({
  id: Id,
  ...VictimRef.shape,
  kind: z.enum(dataRequestKinds),
  requestedBy: z.enum(dataRequesters),
  receivedOn: z.string(),
  fields: z.array(z.enum(identityFields)),
  status: z.enum(dataRequestStatuses),
  refusalReason: z.enum(dataRequestRefusals).nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Whether the person's identity has been erased (by this request, another or retention). */
  identityErased: z.boolean(),
  version: z.number(),
});
export type DataRequestView = z.infer<typeof DataRequestView>;
export const DataRequestList = z.object({ items: z.array(DataRequestView) });
