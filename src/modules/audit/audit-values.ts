import type { Language } from '../../core/languages.js';

// What an audit summary may hold. The trail is kept for years and read by auditors who may
// not see the cases: a summary says which records and codes were involved, never a name, a
// note or any other free text. So a summary's values are not `string` but one of the kinds
// below, each a string only a known source can make (an id, a code of a closed list, a
// pseudonym, a date), or a number, a boolean, a literal union, or a list of field names.
//
// The constructors check nothing at run time: they are casts that name what the value is, so
// that `asCode(person.familyName)` reads as the mistake it is in review. They return their
// argument unchanged, so a summary serialises exactly as it did before it was typed.

declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

/** A record's id (a UUID). */
export type Id = Branded<string, 'Id'>;
/** A value of a closed list: a code list, a permission, an agency's or a qualification's code. */
export type Code = Branded<string, 'Code'>;
/** A person's pseudonym, as the pseudonym formatter made it (e.g. `V-2020-0003`). */
export type Pseudonym = Branded<string, 'Pseudonym'>;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = Branded<string, 'IsoDate'>;
/** An instant, as `Date.prototype.toISOString` writes it. */
export type Timestamp = Branded<string, 'Timestamp'>;
/** A case reference, made by the agency's reference pattern from a year and a sequence. */
export type CaseReference = Branded<string, 'CaseReference'>;
/**
 * The label of reference data an administrator maintains (an agency's name, a law and
 * article): public names of institutions, never about a person in a case.
 */
export type Label = Branded<string, 'Label'>;
/** The e-mail an account signs in with: staff, never a person in a case. */
export type AccountEmail = Branded<string, 'AccountEmail'>;
/** A route pattern as registered (`/api/v1/cases/:id`), never the URL as requested. */
export type Route = Branded<string, 'Route'>;
/** A position in the trail, `<seq>:<hash>`. */
export type TrailPosition = Branded<string, 'TrailPosition'>;
/** A JSON-encoded list of codes, as a column stores it. */
export type CodesJson = Branded<string, 'CodesJson'>;

export const asId = (value: string): Id => value as Id;
export const asIdOrNull = (value: string | null): Id | null => value as Id | null;
export const asLanguage = (value: string): Language => value as Language;
export const asCode = (value: string): Code => value as Code;
export const asCodes = (values: readonly string[]): Code[] => values as Code[];
export const asPseudonym = (value: string): Pseudonym => value as Pseudonym;
export const asIsoDate = (value: string): IsoDate => value as IsoDate;
export const asTimestamp = (value: string): Timestamp => value as Timestamp;
export const asCaseReference = (value: string): CaseReference => value as CaseReference;
export const asLabel = (value: string): Label => value as Label;
export const asAccountEmail = (value: string): AccountEmail => value as AccountEmail;
export const asRoute = (value: string): Route => value as Route;
export const asTrailPosition = (value: string): TrailPosition => value as TrailPosition;
export const asCodesJson = (value: string): CodesJson => value as CodesJson;
/** For an update's field that holds a number (`changedFields`). */
export const asNumber = (value: number): number => value;

/**
 * The names of the fields an update carried, but never their values: the keys of a typed
 * input or set of columns, so a list of field names cannot hold anything else.
 */
export function fieldNames<T extends object, E extends keyof T & string = never>(
  input: T,
  ...except: E[]
): Exclude<keyof T & string, E>[] {
  return Object.keys(input).filter((key) => !(except as string[]).includes(key)) as Exclude<
    keyof T & string,
    E
  >[];
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export const asHttpMethod = (value: string): HttpMethod => value as HttpMethod;

/** Several ids at once: `asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId })`. */
export const asIds = <K extends string>(ids: Record<K, string>): Record<K, Id> => ids as Record<K, Id>;
