import type { CreateTableBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Table = CreateTableBuilder<string, any>;

// Columns ending in `_enc` hold AES-256-GCM ciphertext (see src/crypto/field-cipher.ts);
// columns ending in `_hash` or `_key` hold keyed hashes for search and duplicate detection.
// Code-list values and dates that statistics need stay in clear.

const stamped = (table: Table) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

const rolePermissions: [role: string, permission: string, scope: string][] = [
  ['administrator', 'legal_qualification.manage', 'all'],
  ['secretariat', 'case.read', 'all'],
  ['analyst', 'case.read', 'all'],
  ['agency_officer', 'case.read', 'agency'],
  ['agency_officer', 'case.create', 'agency'],
  ['agency_officer', 'case.update', 'agency'],
  ['agency_officer', 'case.transition', 'agency'],
  ['agency_officer', 'person.reveal', 'own'],
  ['agency_officer', 'protection.read', 'agency'],
  ['agency_officer', 'protection.write', 'own'],
  ['agency_officer', 'referral.respond', 'agency'],
  ['case_worker', 'case.read', 'own'],
  ['case_worker', 'case.create', 'agency'],
  ['case_worker', 'case.update', 'own'],
  ['case_worker', 'person.reveal', 'own'],
  ['case_worker', 'protection.read', 'own'],
  ['case_worker', 'protection.write', 'own'],
  ['case_worker', 'referral.respond', 'agency'],
];

export const casesAndProtection = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('agencies').addColumn('case_reference_pattern', 'text').execute();

    await db.schema
      .createTable('reference_counters')
      .addColumn('scope', 'text', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('legal_qualifications')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('law', 'text', (c) => c.notNull())
      .addColumn('article', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('label_zh_hant', 'text', (c) => c.notNull())
      .addColumn('label_pt', 'text', (c) => c.notNull())
      .addColumn('trafficking', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await stamped(
      db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('lead_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('facts_date', 'text')
        .addColumn('report_date', 'text', (c) => c.notNull())
        .addColumn('registration_date', 'text', (c) => c.notNull())
        .addColumn('places', 'text', (c) => c.notNull())
        .addColumn('exploitation_types', 'text', (c) => c.notNull())
        .addColumn('sectors', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('stage_changed_at', 'text', (c) => c.notNull())
        .addColumn('summary_enc', 'text'),
    ).execute();
    await db.schema
      .createIndex('cases_stage_idx')
      .on('cases')
      .columns(['stage', 'registration_date'])
      .execute();
    await db.schema
      .createIndex('cases_lead_idx')
      .on('cases')
      .columns(['lead_agency_id', 'registration_date'])
      .execute();
    await db.schema.createIndex('cases_registration_idx').on('cases').column('registration_date').execute();

    await db.schema
      .createTable('case_agencies')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_agencies_pk', ['case_id', 'agency_id'])
      .execute();
    await db.schema
      .createIndex('case_agencies_agency_idx')
      .on('case_agencies')
      .columns(['agency_id', 'case_id'])
      .execute();

    await db.schema
      .createTable('case_members')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text')
      .addPrimaryKeyConstraint('case_members_pk', ['case_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('case_members_user_idx')
      .on('case_members')
      .columns(['user_id', 'case_id'])
      .execute();

    await db.schema
      .createTable('case_qualifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().references('legal_qualifications.code'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text')
      .addColumn('removed_at', 'text')
      .addColumn('removed_by', 'text')
      .addColumn('removed_stage', 'text')
      .addColumn('note_enc', 'text')
      .execute();
    await db.schema
      .createIndex('case_qualifications_case_idx')
      .on('case_qualifications')
      .column('case_id')
      .execute();

    await db.schema
      .createTable('case_transitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('from_stage', 'text')
      .addColumn('to_stage', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .addColumn('decided_by_agency_id', 'text', (c) => c.references('agencies.id'))
      .addColumn('authority', 'text')
      .addColumn('note_enc', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_transitions_case_idx')
      .on('case_transitions')
      .columns(['case_id', 'recorded_at'])
      .execute();
    await db.schema
      .createIndex('case_transitions_stage_idx')
      .on('case_transitions')
      .columns(['to_stage', 'decided_on'])
      .execute();

    await db.schema
      .createTable('judicial_acts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('authority', 'text', (c) => c.notNull())
      .addColumn('act_date', 'text', (c) => c.notNull())
      .addColumn('description_enc', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('judicial_acts_case_idx').on('judicial_acts').column('case_id').execute();

    await stamped(
      db.schema
        .createTable('persons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pseudonym', 'text', (c) => c.notNull().unique())
        .addColumn('given_names_enc', 'text')
        .addColumn('family_name_enc', 'text')
        .addColumn('identity_number_enc', 'text')
        .addColumn('birth_date_enc', 'text')
        .addColumn('contacts_enc', 'text')
        .addColumn('address_enc', 'text')
        .addColumn('notes_enc', 'text')
        .addColumn('gender', 'text')
        .addColumn('citizenship', 'text', (c) => c.notNull())
        .addColumn('duplicate_key', 'text'),
    ).execute();
    await db.schema.createIndex('persons_duplicate_idx').on('persons').column('duplicate_key').execute();

    await db.schema
      .createTable('person_name_tokens')
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_name_tokens_pk', ['token_hash', 'person_id'])
      .execute();

    await stamped(
      db.schema
        .createTable('case_persons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        // victim (HTCDS vic_)
        .addColumn('trafficking_status', 'text')
        .addColumn('status_decided_by', 'text')
        .addColumn('status_decided_on', 'text')
        .addColumn('recruitment_method', 'text')
        .addColumn('means_of_control', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('exploitation_types', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('sex_exploitation_types', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('labour_sector', 'text')
        .addColumn('age_when_trafficked', 'integer')
        .addColumn('relationship_to_trafficker', 'text')
        .addColumn('migration_status', 'text')
        // suspect or defendant (HTCDS per_)
        .addColumn('roles_in_process', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('charges', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('verdict', 'text')
        .addColumn('verdict_date', 'text')
        .addColumn('sentence_months', 'integer')
        .addColumn('sentence_suspended', 'integer')
        .addColumn('fine_amount', 'integer')
        .addColumn('confiscation', 'text')
        .addColumn('compensation_amount', 'integer')
        .addUniqueConstraint('case_persons_unique', ['case_id', 'person_id', 'role']),
    ).execute();
    await db.schema.createIndex('case_persons_person_idx').on('case_persons').column('person_id').execute();
    await db.schema
      .createIndex('case_persons_case_idx')
      .on('case_persons')
      .columns(['case_id', 'role'])
      .execute();

    await db.schema
      .createTable('historic_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_person_id', 'text', (c) =>
        c.notNull().references('case_persons.id').onDelete('cascade'),
      )
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('locality', 'text')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('note_enc', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('historic_events_cp_idx')
      .on('historic_events')
      .column('case_person_id')
      .execute();

    await db.schema
      .createTable('case_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title_enc', 'text', (c) => c.notNull())
      .addColumn('document_date', 'text')
      .addColumn('issuing_agency_id', 'text', (c) => c.references('agencies.id'))
      .addColumn('reference', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_documents_case_idx').on('case_documents').column('case_id').execute();

    // --- protection ----------------------------------------------------------------------

    await stamped(
      db.schema
        .createTable('screenings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) =>
          c.notNull().references('case_persons.id').onDelete('cascade'),
        )
        .addColumn('catalogue_version', 'text', (c) => c.notNull())
        .addColumn('list_id', 'text', (c) => c.notNull())
        .addColumn('child', 'integer', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('presumed_victim', 'integer')
        .addColumn('positive_dimensions', 'text', (c) => c.notNull())
        .addColumn('screened_on', 'text', (c) => c.notNull()),
    ).execute();
    await db.schema.createIndex('screenings_cp_idx').on('screenings').column('case_person_id').execute();

    await stamped(
      db.schema
        .createTable('consents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) =>
          c.notNull().references('case_persons.id').onDelete('cascade'),
        )
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('informed_of', 'text', (c) => c.notNull())
        .addColumn('given_on', 'text', (c) => c.notNull())
        .addColumn('withdrawn_on', 'text')
        .addColumn('note_enc', 'text'),
    ).execute();
    await db.schema
      .createIndex('consents_cp_idx')
      .on('consents')
      .columns(['case_person_id', 'purpose'])
      .execute();

    await stamped(
      db.schema
        .createTable('referrals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) =>
          c.notNull().references('case_persons.id').onDelete('cascade'),
        )
        .addColumn('from_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('to_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('service_kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('details_enc', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sent_on', 'text', (c) => c.notNull())
        .addColumn('responded_on', 'text')
        .addColumn('responded_by', 'text')
        .addColumn('decline_reason_enc', 'text')
        .addColumn('completed_on', 'text')
        .addColumn('consent_override_reason_enc', 'text'),
    ).execute();
    await db.schema
      .createIndex('referrals_inbox_idx')
      .on('referrals')
      .columns(['to_agency_id', 'status', 'sent_on'])
      .execute();
    await db.schema.createIndex('referrals_cp_idx').on('referrals').column('case_person_id').execute();

    await stamped(
      db.schema
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) =>
          c.notNull().references('case_persons.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('provider_agency_id', 'text', (c) => c.references('agencies.id'))
        .addColumn('referral_id', 'text', (c) => c.references('referrals.id'))
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .addColumn('note_enc', 'text'),
    ).execute();
    await db.schema.createIndex('services_cp_idx').on('services').column('case_person_id').execute();
    await db.schema.createIndex('services_kind_idx').on('services').columns(['kind', 'start_date']).execute();

    await stamped(
      db.schema
        .createTable('support_plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) =>
          c.notNull().references('case_persons.id').onDelete('cascade'),
        )
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('objectives_enc', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('planned_end_date', 'text')
        .addColumn('actual_end_date', 'text'),
    ).execute();
    await db.schema
      .createIndex('support_plans_cp_idx')
      .on('support_plans')
      .column('case_person_id')
      .execute();

    await db
      .insertInto('role_permissions')
      .values(rolePermissions.map(([role_id, permission, scope]) => ({ role_id, permission, scope })))
      .execute();
  },
};
