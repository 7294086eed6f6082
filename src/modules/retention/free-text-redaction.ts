import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import type { PersonRow } from '../cases/cases.repo.js';
import { nameRedactor } from './name-redaction.js';
import { freeTextRepo, type FreeTextColumn } from './retention.repo.js';

// Erasing an identity empties its sealed columns, but the free text written about the case
// names her too: a journal note, a referral's details, a screening officer's observations.
// Every sealed free-text column of her cases (the case's own, and those of every person in
// them: a co-victim's referral may name her) is opened, her names replaced by her pseudonym
// (name-redaction.ts), and sealed again, in the erasure's transaction.
// Files attached to a case keep their content (a scanned document cannot be rewritten); their
// names are redacted like any text. The identities of other people are theirs and not touched.

const texts: readonly FreeTextColumn[] = [
  { table: 'cases', column: 'summary_enc', link: 'id', stamped: true },
  { table: 'case_journal', column: 'text_enc', link: 'case_id', stamped: false },
  { table: 'case_qualifications', column: 'note_enc', link: 'case_id', stamped: false },
  { table: 'case_transitions', column: 'note_enc', link: 'case_id', stamped: false },
  { table: 'judicial_acts', column: 'description_enc', link: 'case_id', stamped: false },
  { table: 'case_documents', column: 'title_enc', link: 'case_id', stamped: false },
  { table: 'case_attachments', column: 'file_name_enc', link: 'case_id', stamped: false },
  { table: 'historic_events', column: 'note_enc', link: 'case_person_id', stamped: false },
  { table: 'screenings', column: 'notes_enc', link: 'case_person_id', stamped: true },
  { table: 'consents', column: 'note_enc', link: 'case_person_id', stamped: true },
  { table: 'referrals', column: 'details_enc', link: 'case_person_id', stamped: true },
  { table: 'referrals', column: 'decline_reason_enc', link: 'case_person_id', stamped: true },
  { table: 'referrals', column: 'consent_override_reason_enc', link: 'case_person_id', stamped: true },
  { table: 'services', column: 'note_enc', link: 'case_person_id', stamped: true },
  { table: 'support_plans', column: 'objectives_enc', link: 'case_person_id', stamped: true },
];

/** The name the field cipher binds into a column's ciphertexts: `table.column` without `_enc`. */
const boundName = (text: FreeTextColumn) => `${text.table}.${text.column.replace(/_enc$/, '')}`;

/** What the redaction changed: texts rewritten and mentions replaced (counts only, for the audit trail). */
export type RedactionCount = { texts: number; mentions: number };

/**
 * Replaces the names of `person` (her identity as it stands, before it is emptied) by her
 * pseudonym in every sealed free text of her cases.
 */
export async function redactFreeText(
  tx: Executor,
  context: { cipher: FieldCipher; now: string; userId: string | null },
  person: PersonRow,
): Promise<RedactionCount> {
  const { cipher } = context;
  const redact = nameRedactor(
    {
      givenNames: cipher.decryptOptional(person.given_names_enc, 'persons.given_names_enc'),
      familyName: cipher.decryptOptional(person.family_name_enc, 'persons.family_name_enc'),
    },
    person.pseudonym,
  );
  const count: RedactionCount = { texts: 0, mentions: 0 };
  if (!redact) return count;
  const reach = await freeTextRepo.reach(tx, person.id);
  for (const text of texts) {
    const ids = text.link === 'case_person_id' ? reach.casePersonIds : reach.caseIds;
    const column = boundName(text);
    for (const row of await freeTextRepo.sealed(tx, text, ids)) {
      const { text: redacted, mentions } = redact(cipher.decrypt(row.value, column));
      if (mentions === 0) continue;
      await freeTextRepo.replace(tx, text, row.id, cipher.encrypt(redacted, column), {
        at: context.now,
        by: context.userId,
      });
      count.texts++;
      count.mentions += mentions;
    }
  }
  return count;
}
