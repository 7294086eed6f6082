import {
  CASE_ORIGIN,
  HISTORIC_EVENT_TYPE,
  TRAFFICKING_STATUS,
  TRAFFICKING_STATUS_DECIDED_BY,
} from './case.codes.js';
import type { Code, CodeList } from './code-list.js';
import {
  FORCED_LABOUR_INDUSTRY,
  MEANS_OF_CONTROL,
  METHOD_OF_RECRUITMENT,
  TYPE_OF_EXPLOITATION,
  TYPE_OF_SEX_EXPLOITATION,
} from './exploitation.codes.js';
import type { LocalizedLabel } from './localized-label.js';
import { AGENCY_KIND } from './organisation.codes.js';
import {
  AGE_BAND,
  GENDER,
  MIGRATION_STATUS,
  RELATIONSHIP_TO_TRAFFICKER,
  ROLE_IN_PROCESS,
} from './person.codes.js';
import {
  CONSENT_INFORMATION,
  CONSENT_PURPOSE,
  REFERRAL_REASON,
  SERVICE_KIND,
  SUPPORT_PLAN_TYPE,
} from './protection.codes.js';

/** Every seed code list, keyed by id; the database is seeded from these and an administrator edits there. */
export const CODE_LISTS = [
  GENDER,
  AGE_BAND,
  MIGRATION_STATUS,
  RELATIONSHIP_TO_TRAFFICKER,
  ROLE_IN_PROCESS,
  METHOD_OF_RECRUITMENT,
  MEANS_OF_CONTROL,
  TYPE_OF_EXPLOITATION,
  FORCED_LABOUR_INDUSTRY,
  TYPE_OF_SEX_EXPLOITATION,
  TRAFFICKING_STATUS,
  TRAFFICKING_STATUS_DECIDED_BY,
  CASE_ORIGIN,
  HISTORIC_EVENT_TYPE,
  AGENCY_KIND,
  SERVICE_KIND,
  SUPPORT_PLAN_TYPE,
  CONSENT_PURPOSE,
  CONSENT_INFORMATION,
  REFERRAL_REASON,
] as const;

type SeedList = (typeof CODE_LISTS)[number];
export type CodeListId = SeedList['id'];
/** The codes of one list, e.g. `CodeIn<'gender'>` is `'female' | 'male' | ...`. */
export type CodeIn<Id extends CodeListId> = Extract<SeedList, { id: Id }>['codes'][number]['code'];

export type VocabularyErrorCode = 'vocabulary.unknown_list' | 'vocabulary.unknown_code';

/** Raised for a list id or code that is not in the vocabulary: stored data or a caller is wrong. */
export class VocabularyError extends Error {
  readonly code: VocabularyErrorCode;
  readonly listId: string;
  readonly value: string | undefined;

  constructor(code: VocabularyErrorCode, listId: string, value?: string) {
    super(
      code === 'vocabulary.unknown_list'
        ? `unknown code list "${listId}"`
        : `"${value ?? ''}" is not a code of the ${listId} list`,
    );
    this.name = 'VocabularyError';
    this.code = code;
    this.listId = listId;
    this.value = value;
  }
}

const LISTS_BY_ID: ReadonlyMap<string, CodeList> = new Map(CODE_LISTS.map((list) => [list.id, list]));

/** Ids come from stored data as plain strings, so the lookup accepts any string and checks it. */
export function codeList(id: CodeListId | (string & {})): CodeList {
  const list = LISTS_BY_ID.get(id);
  if (list === undefined) throw new VocabularyError('vocabulary.unknown_list', id);
  return list;
}

export function isCode<Id extends CodeListId>(listId: Id, code: string): code is CodeIn<Id> {
  return codeList(listId).codes.some((entry) => entry.code === code);
}

function entryOf(listId: CodeListId, code: string): Code {
  const entry = codeList(listId).codes.find((candidate) => candidate.code === code);
  if (entry === undefined) throw new VocabularyError('vocabulary.unknown_code', listId, code);
  return entry;
}

export function codeLabel(listId: CodeListId, code: string): LocalizedLabel {
  return entryOf(listId, code).label;
}

/**
 * The HTCDS value to export for a code, or undefined when the standard has no value for it and the list
 * no fallback (the field is then left empty). An unknown code throws: it means corrupt data, not a gap.
 */
export function toHtcds(listId: CodeListId, code: string): string | undefined {
  return entryOf(listId, code).htcds ?? codeList(listId).htcdsFallback;
}

/**
 * The Guia code for an imported HTCDS value, or undefined when the value is not one the list knows, so the
 * importer can report the row. When several codes export to one value, the first of them is chosen.
 */
export function fromHtcds<Id extends CodeListId>(listId: Id, value: string): CodeIn<Id> | undefined {
  const entry = codeList(listId).codes.find(
    (candidate) => candidate.htcds === value || (candidate.htcdsAliases?.includes(value) ?? false),
  );
  return entry?.code as CodeIn<Id> | undefined;
}

/** The CTDC value (or flag column) for a code; CTDC groups codes, so there is no way back. */
export function toCtdc(listId: CodeListId, code: string): string | undefined {
  return entryOf(listId, code).ctdc;
}
