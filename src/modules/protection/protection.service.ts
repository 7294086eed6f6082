import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid, type FieldError } from '../../core/errors.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  ILO_INDICATOR_CATALOGUE,
  LIST_IDS,
  LIST_LABELS,
  type Dimension,
  type IndicatorCatalogue,
  type ListId,
} from '../../core/screening/indicator-catalogue.js';
import {
  indicatorIndex,
  screen,
  ScreeningError,
  type DimensionResult,
} from '../../core/screening/screening-rule.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import type { Actor } from '../access/actor.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import type { PersonGrant, ReferralGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import {
  protectionRepo,
  type ConsentRow,
  type InboxRow,
  type ReferralRow,
  type ScreeningRow,
  type ServiceRow,
  type SupportPlanRow,
} from './protection.repo.js';
import type {
  AcceptReferralBody,
  CatalogueView,
  CompleteReferralBody,
  ConsentBody,
  ConsentView,
  DeclineReferralBody,
  InboxQuery,
  ReferralBody,
  ReferralInbox,
  ReferralInboxItem,
  ReferralStatus,
  ReferralView,
  ScreeningBody,
  ScreeningView,
  ServiceBody,
  ServiceUpdate,
  ServiceView,
  SupportPlanBody,
  SupportPlanUpdate,
  SupportPlanView,
  WithdrawConsentBody,
} from './protection.schemas.js';

const parse = <T>(json: string): T => JSON.parse(json) as T;
const isChildList = (list: ListId) => list.startsWith('child-');
const stamp = () => new Date().toISOString();

/** The victim a protection record is about: a person of the case, in the role of victim. */
type Victim = { id: string; caseId: string; pseudonym: string };

export function createProtectionService(
  cipher: FieldCipher,
  catalogue: IndicatorCatalogue = ILO_INDICATOR_CATALOGUE,
) {
  const seal = (value: string | null | undefined, column: string) =>
    value ? cipher.encrypt(value, column) : null;
  const open = (value: string | null, column: string) => (value ? cipher.decrypt(value, column) : null);

  /** The victim a grant reaches. Screening, consent, referrals and services are kept for victims; a suspect or witness has none. */
  function victim(grant: PersonGrant): Victim {
    if (grant.role !== 'victim') throw invalid('casePersonId', 'not_a_victim');
    return { id: grant.casePersonId, caseId: grant.caseId, pseudonym: grant.pseudonym };
  }

  /** The case a protection record belongs to, for the route to authorise against. */
  async function caseOf(db: Executor, casePersonId: string): Promise<string> {
    const row = await protectionRepo.casePerson(db, casePersonId);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'case_person' });
    return row.case_id;
  }

  async function userRefs(db: Executor, ids: (string | null)[]) {
    const users = await protectionRepo.users(db, [...new Set(ids.filter((id): id is string => Boolean(id)))]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return (id: string | null) => {
      const user = id ? byId.get(id) : undefined;
      return user ? { id: user.id, name: user.name } : null;
    };
  }

  async function agencyRefs(db: Executor, ids: (string | null)[]) {
    const agencies = await protectionRepo.agencies(db, [
      ...new Set(ids.filter((id): id is string => Boolean(id))),
    ]);
    const byId = new Map(agencies.map((a) => [a.id, { id: a.id, code: a.code }]));
    return (id: string | null) => (id ? (byId.get(id) ?? null) : null);
  }

  // --- screening ---

  /** Every answer must name an indicator of the chosen list; each one that does not is its own field error. */
  function assertAnswers(list: ListId, answers: Record<string, string>): void {
    const index = indicatorIndex(catalogue);
    const problems: FieldError[] = [];
    for (const id of Object.keys(answers)) {
      const indicator = index.get(id);
      if (!indicator) problems.push({ path: `answers.${id}`, code: 'unknown_indicator' });
      else if (indicator.list !== list)
        problems.push({ path: `answers.${id}`, code: 'other_list', params: { list: indicator.list } });
    }
    if (problems.length > 0) {
      throw new GuiaError(
        'screening.unknown_indicator',
        { indicatorId: problems[0]!.path.slice('answers.'.length) },
        problems.slice(0, 50),
      );
    }
  }

  function score(answers: Parameters<typeof screen>[0]) {
    try {
      return screen(answers, catalogue);
    } catch (error) {
      if (!(error instanceof ScreeningError)) throw error;
      throw new GuiaError(error.code, {
        indicatorId: 'indicatorId' in error.details ? error.details.indicatorId : '',
      });
    }
  }

  function presentScreening(
    row: ScreeningRow,
    caseId: string,
    user: (id: string | null) => { id: string; name: string } | null,
  ): ScreeningView {
    const answers = parse<Record<string, 'yes' | 'no' | 'unanswered'>>(row.answers);
    return {
      id: row.id,
      caseId,
      casePersonId: row.case_person_id,
      catalogueVersion: row.catalogue_version,
      list: row.list_id as ListId,
      child: row.child === 1,
      screenedOn: row.screened_on,
      answers,
      result: {
        status: row.status as 'complete' | 'incomplete',
        presumedVictim: row.presumed_victim === null ? null : row.presumed_victim === 1,
        positiveDimensions: parse<Dimension[]>(row.positive_dimensions),
        dimensions: parse<Record<Dimension, DimensionResult>>(row.dimension_counts),
        unanswered: Object.values(answers).filter((a) => a === 'unanswered').length,
      },
      screenedBy: user(row.created_by),
      recordedAt: row.created_at,
    };
  }

  // --- consent ---

  function presentConsent(
    row: ConsentRow,
    caseId: string,
    user: (id: string | null) => { id: string; name: string } | null,
  ): ConsentView {
    return {
      id: row.id,
      caseId,
      casePersonId: row.case_person_id,
      purpose: row.purpose,
      informedOf: parse<string[]>(row.informed_of),
      givenOn: row.given_on,
      withdrawnOn: row.withdrawn_on,
      active: row.withdrawn_on === null,
      note: open(row.note_enc, 'consents.note'),
      recordedBy: user(row.created_by),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  // --- referrals ---

  async function presentReferrals(
    db: Executor,
    rows: ReferralRow[],
    caseId: string,
  ): Promise<ReferralView[]> {
    const agency = await agencyRefs(
      db,
      rows.flatMap((r) => [r.from_agency_id, r.to_agency_id]),
    );
    const user = await userRefs(
      db,
      rows.flatMap((r) => [r.created_by, r.responded_by]),
    );
    return rows.map((row) => ({
      id: row.id,
      caseId,
      casePersonId: row.case_person_id,
      fromAgency: agency(row.from_agency_id)!,
      toAgency: agency(row.to_agency_id)!,
      serviceKind: row.service_kind,
      reason: row.reason,
      details: open(row.details_enc, 'referrals.details'),
      status: row.status as ReferralStatus,
      sentOn: row.sent_on,
      sentBy: user(row.created_by),
      respondedOn: row.responded_on,
      respondedBy: user(row.responded_by),
      declineReason: open(row.decline_reason_enc, 'referrals.decline_reason'),
      completedOn: row.completed_on,
      sentWithoutConsent: row.consent_override_reason_enc !== null,
      consentOverrideReason: open(row.consent_override_reason_enc, 'referrals.consent_override_reason'),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  function presentInboxItem(row: InboxRow): ReferralInboxItem {
    return {
      id: row.id,
      caseId: row.case_id,
      caseReference: row.case_reference,
      casePersonId: row.case_person_id,
      pseudonym: row.pseudonym,
      fromAgency: { id: row.from_agency_id, code: row.from_agency_code },
      serviceKind: row.service_kind,
      reason: row.reason,
      details: open(row.details_enc, 'referrals.details'),
      status: row.status as ReferralStatus,
      sentOn: row.sent_on,
      respondedOn: row.responded_on,
      completedOn: row.completed_on,
      sentWithoutConsent: row.consent_override_reason_enc !== null,
      version: row.version,
    };
  }

  async function inboxItem(db: Executor, id: string): Promise<ReferralInboxItem> {
    return presentInboxItem((await protectionRepo.inboxEntry(db, id))!);
  }

  // --- services and plans ---

  async function presentServices(db: Executor, rows: ServiceRow[], caseId: string): Promise<ServiceView[]> {
    const agency = await agencyRefs(
      db,
      rows.map((r) => r.provider_agency_id),
    );
    return rows.map((row) => ({
      id: row.id,
      caseId,
      casePersonId: row.case_person_id,
      kind: row.kind,
      providerAgency: agency(row.provider_agency_id),
      referralId: row.referral_id,
      startDate: row.start_date,
      endDate: row.end_date,
      note: open(row.note_enc, 'services.note'),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  function presentPlan(row: SupportPlanRow, caseId: string): SupportPlanView {
    return {
      id: row.id,
      caseId,
      casePersonId: row.case_person_id,
      type: row.type,
      objectives: cipher.decrypt(row.objectives_enc, 'support_plans.objectives'),
      startDate: row.start_date,
      plannedEndDate: row.planned_end_date,
      actualEndDate: row.actual_end_date,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  return {
    caseOf,

    // --- screening ---

    catalogue(): CatalogueView {
      return {
        version: catalogue.version,
        source: catalogue.source,
        dimensions: DIMENSIONS.map((id) => ({ id, label: DIMENSION_LABELS[id] })),
        lists: LIST_IDS.map((id) => {
          const list = catalogue.lists[id];
          return {
            id,
            label: LIST_LABELS[id],
            source: list.source,
            complete: list.complete,
            child: isChildList(id),
            indicators: list.indicators.map((i) => ({
              id: i.id,
              dimension: i.dimension,
              strength: i.strength,
              label: i.label,
            })),
          };
        }),
      };
    },

    async listScreenings(db: Executor, grant: PersonGrant): Promise<ScreeningView[]> {
      const person = victim(grant);
      const { caseId } = person;
      const rows = await protectionRepo.screenings(db, person.id);
      const user = await userRefs(
        db,
        rows.map((r) => r.created_by),
      );
      return rows.map((row) => presentScreening(row, caseId, user));
    },

    /** Stores every answer (missing ones as unanswered), the catalogue version and the result of the rule. */
    async recordScreening(
      tx: Executor,
      grant: PersonGrant,
      input: ScreeningBody,
      today: string,
    ): Promise<ScreeningView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      assertNotFuture(today, { screenedOn: input.screenedOn });
      // The child lists rate the facts for children; scoring them under the adult rule, or the
      // reverse, would mix two standards in one result.
      if (input.child !== isChildList(input.list))
        throw invalid('child', 'list_mismatch', { list: input.list });
      assertAnswers(input.list, input.answers);
      const answers = Object.fromEntries(
        catalogue.lists[input.list].indicators.map((i) => [i.id, input.answers[i.id] ?? 'unanswered']),
      );
      const result = score({ list: input.list, child: input.child, answers });
      const now = stamp();
      const id = uuidv7();
      await protectionRepo.insertScreening(tx, {
        id,
        case_person_id: person.id,
        catalogue_version: catalogue.version,
        list_id: input.list,
        child: input.child ? 1 : 0,
        answers: JSON.stringify(answers),
        status: result.status,
        presumed_victim: result.presumedVictim === null ? null : result.presumedVictim ? 1 : 0,
        positive_dimensions: JSON.stringify(result.positiveDimensions),
        dimension_counts: JSON.stringify(result.dimensions),
        screened_on: input.screenedOn,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, 'screening.recorded', {
        entityType: 'screening',
        entityId: id,
        summary: {
          caseId,
          casePersonId,
          list: input.list,
          catalogueVersion: catalogue.version,
          status: result.status,
          presumedVictim: result.presumedVictim,
          positiveDimensions: result.positiveDimensions,
        },
      });
      const user = await userRefs(tx, [actor.userId]);
      return presentScreening((await protectionRepo.getScreening(tx, id))!, caseId, user);
    },

    // --- consent ---

    async listConsents(db: Executor, grant: PersonGrant): Promise<ConsentView[]> {
      const person = victim(grant);
      const { caseId } = person;
      const rows = await protectionRepo.consents(db, person.id);
      const user = await userRefs(
        db,
        rows.map((r) => r.created_by),
      );
      return rows.map((row) => presentConsent(row, caseId, user));
    },

    async recordConsent(
      tx: Executor,
      grant: PersonGrant,
      input: ConsentBody,
      today: string,
    ): Promise<ConsentView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      assertNotFuture(today, { givenOn: input.givenOn });
      const now = stamp();
      const id = uuidv7();
      const informedOf = [...new Set(input.informedOf)];
      await protectionRepo.insertConsent(tx, {
        id,
        case_person_id: person.id,
        purpose: input.purpose,
        informed_of: JSON.stringify(informedOf),
        given_on: input.givenOn,
        withdrawn_on: null,
        note_enc: seal(input.note, 'consents.note'),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, 'consent.recorded', {
        entityType: 'consent',
        entityId: id,
        summary: { caseId, casePersonId, purpose: input.purpose, informedOf },
      });
      return presentConsent(
        (await protectionRepo.getConsent(tx, id))!,
        caseId,
        await userRefs(tx, [actor.userId]),
      );
    },

    async withdrawConsent(
      tx: Executor,
      grant: PersonGrant,
      consentId: string,
      input: WithdrawConsentBody,
      today: string,
    ): Promise<ConsentView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      const consent = await protectionRepo.getConsent(tx, consentId);
      if (!consent || consent.case_person_id !== person.id)
        throw new GuiaError('resource.not_found', { entity: 'consent' });
      if (consent.withdrawn_on)
        throw new GuiaError('consent.already_withdrawn', { withdrawnOn: consent.withdrawn_on });
      assertNotFuture(today, { withdrawnOn: input.withdrawnOn });
      assertNotBefore('withdrawnOn', input.withdrawnOn, consent.given_on, 'before_given_on');
      if (!(await protectionRepo.withdrawConsent(tx, consent.id, input.withdrawnOn, actor.userId, stamp()))) {
        throw new GuiaError('consent.already_withdrawn', { withdrawnOn: input.withdrawnOn });
      }
      await auditService.record(tx, actor, 'consent.withdrawn', {
        entityType: 'consent',
        entityId: consent.id,
        summary: { caseId, casePersonId, purpose: consent.purpose },
      });
      const row = (await protectionRepo.getConsent(tx, consent.id))!;
      return presentConsent(row, caseId, await userRefs(tx, [row.created_by]));
    },

    // --- referrals ---

    async listReferrals(db: Executor, grant: PersonGrant): Promise<ReferralView[]> {
      const person = victim(grant);
      const { caseId } = person;
      return presentReferrals(db, await protectionRepo.referrals(db, person.id), caseId);
    },

    /**
     * Refers a victim to another agency. The person's active `referral` consent is the gate; without
     * it the referral goes only with a stated reason, kept sealed and audited as sent without consent.
     */
    async sendReferral(
      tx: Executor,
      grant: PersonGrant,
      input: ReferralBody,
      today: string,
    ): Promise<ReferralView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      assertNotFuture(today, { sentOn: input.sentOn });
      if (input.toAgencyId === actor.agencyId) {
        throw new GuiaError('referral.own_agency', {}, [{ path: 'toAgencyId', code: 'own_agency' }]);
      }
      await assertActiveAgency(tx, input.toAgencyId, 'toAgencyId');
      // A consent given after the day the referral went out does not cover it.
      const consent = await protectionRepo.activeConsent(tx, person.id, 'referral', input.sentOn);
      if (!consent && !input.consentOverrideReason) {
        throw new GuiaError('referral.consent_required', { pseudonym: person.pseudonym }, [
          { path: 'consentOverrideReason', code: 'consent_required' },
        ]);
      }
      const override = consent ? null : input.consentOverrideReason!;
      const now = stamp();
      const id = uuidv7();
      await protectionRepo.insertReferral(tx, {
        id,
        case_person_id: person.id,
        from_agency_id: actor.agencyId,
        to_agency_id: input.toAgencyId,
        service_kind: input.serviceKind,
        reason: input.reason,
        details_enc: seal(input.details, 'referrals.details'),
        status: 'sent',
        sent_on: input.sentOn,
        responded_on: null,
        responded_by: null,
        decline_reason_enc: null,
        completed_on: null,
        consent_override_reason_enc: seal(override, 'referrals.consent_override_reason'),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, override ? 'referral.sent_without_consent' : 'referral.sent', {
        entityType: 'referral',
        entityId: id,
        summary: {
          caseId,
          casePersonId,
          toAgencyId: input.toAgencyId,
          serviceKind: input.serviceKind,
          reason: input.reason,
          ...(consent ? { consentId: consent.id } : { consentOverride: true }),
        },
      });
      const [view] = await presentReferrals(tx, [(await protectionRepo.getReferral(tx, id))!], caseId);
      return view!;
    },

    /** Accepting gives the accepting user access to the referred victim (a person grant), not to the case. */
    async acceptReferral(
      tx: Executor,
      grant: ReferralGrant,
      input: AcceptReferralBody,
      today: string,
    ): Promise<ReferralInboxItem> {
      const { actor } = grant;
      const referral = (await protectionRepo.getReferral(tx, grant.referralId))!;
      if (referral.status !== 'sent')
        throw new GuiaError('referral.not_pending', { status: referral.status });
      const acceptedOn = input.acceptedOn ?? today;
      assertNotFuture(today, { acceptedOn });
      assertNotBefore('acceptedOn', acceptedOn, referral.sent_on, 'before_sent_on');
      const now = stamp();
      const moved = await protectionRepo.moveReferral(tx, referral.id, 'sent', {
        status: 'accepted',
        responded_on: acceptedOn,
        responded_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
      });
      if (!moved) throw new GuiaError('referral.not_pending', { status: 'changed' });
      const caseId = await caseOf(tx, referral.case_person_id);
      // The acceptor reaches the referred victim and nobody else of the case; the identity
      // only when the victim consented to the referral.
      const identity = referral.consent_override_reason_enc === null;
      const grantId = uuidv7();
      await protectionRepo.grantPerson(tx, {
        id: grantId,
        user_id: actor.userId,
        case_id: caseId,
        case_person_id: referral.case_person_id,
        reason: 'referral',
        referral_id: referral.id,
        identity: identity ? 1 : 0,
        granted_by: actor.userId,
        granted_at: now,
        revoked_at: null,
        revoked_by: null,
      });
      await auditService.record(tx, actor, 'referral.accepted', {
        entityType: 'referral',
        entityId: referral.id,
        summary: { caseId, casePersonId: referral.case_person_id, toAgencyId: referral.to_agency_id },
      });
      await auditService.record(tx, actor, 'person_grant.granted', {
        entityType: 'case_person',
        entityId: referral.case_person_id,
        summary: { caseId, grantId, userId: actor.userId, referralId: referral.id, identity },
      });
      return inboxItem(tx, referral.id);
    },

    async declineReferral(
      tx: Executor,
      grant: ReferralGrant,
      input: DeclineReferralBody,
      today: string,
    ): Promise<ReferralInboxItem> {
      const { actor } = grant;
      const referral = (await protectionRepo.getReferral(tx, grant.referralId))!;
      if (referral.status !== 'sent')
        throw new GuiaError('referral.not_pending', { status: referral.status });
      const declinedOn = input.declinedOn ?? today;
      assertNotFuture(today, { declinedOn });
      assertNotBefore('declinedOn', declinedOn, referral.sent_on, 'before_sent_on');
      const moved = await protectionRepo.moveReferral(tx, referral.id, 'sent', {
        status: 'declined',
        responded_on: declinedOn,
        responded_by: actor.userId,
        decline_reason_enc: cipher.encrypt(input.reason, 'referrals.decline_reason'),
        updated_at: stamp(),
        updated_by: actor.userId,
      });
      if (!moved) throw new GuiaError('referral.not_pending', { status: 'changed' });
      const caseId = await caseOf(tx, referral.case_person_id);
      await auditService.record(tx, actor, 'referral.declined', {
        entityType: 'referral',
        entityId: referral.id,
        summary: { caseId, casePersonId: referral.case_person_id, toAgencyId: referral.to_agency_id },
      });
      return inboxItem(tx, referral.id);
    },

    async completeReferral(
      tx: Executor,
      grant: ReferralGrant,
      input: CompleteReferralBody,
      today: string,
    ): Promise<ReferralInboxItem> {
      const { actor } = grant;
      const referral = (await protectionRepo.getReferral(tx, grant.referralId))!;
      if (referral.status !== 'accepted')
        throw new GuiaError('referral.not_accepted', { status: referral.status });
      assertNotFuture(today, { completedOn: input.completedOn });
      assertNotBefore(
        'completedOn',
        input.completedOn,
        referral.responded_on ?? referral.sent_on,
        'before_accepted_on',
      );
      const moved = await protectionRepo.moveReferral(tx, referral.id, 'accepted', {
        status: 'completed',
        completed_on: input.completedOn,
        updated_at: stamp(),
        updated_by: actor.userId,
      });
      if (!moved) throw new GuiaError('referral.not_accepted', { status: 'changed' });
      const caseId = await caseOf(tx, referral.case_person_id);
      await auditService.record(tx, actor, 'referral.completed', {
        entityType: 'referral',
        entityId: referral.id,
        summary: { caseId, casePersonId: referral.case_person_id, toAgencyId: referral.to_agency_id },
      });
      return inboxItem(tx, referral.id);
    },

    async inbox(db: Executor, actor: Actor, query: InboxQuery): Promise<ReferralInbox> {
      const rows = await protectionRepo.inbox(db, {
        agencyId: actor.agencyId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
        limit: query.limit,
      });
      return {
        items: rows.map(presentInboxItem),
        nextCursor: rows.length === query.limit ? encodeCursor(rows.at(-1)!.sent_on, rows.at(-1)!.id) : null,
      };
    },

    // --- services ---

    async listServices(db: Executor, grant: PersonGrant): Promise<ServiceView[]> {
      const person = victim(grant);
      const { caseId } = person;
      return presentServices(db, await protectionRepo.services(db, person.id), caseId);
    },

    async recordService(
      tx: Executor,
      grant: PersonGrant,
      input: ServiceBody,
      today: string,
    ): Promise<ServiceView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      assertNotFuture(today, { startDate: input.startDate, endDate: input.endDate });
      assertNotBefore('endDate', input.endDate, input.startDate);
      let provider = input.providerAgencyId ?? null;
      if (input.referralId) {
        const referral = await protectionRepo.getReferral(tx, input.referralId);
        if (!referral || referral.case_person_id !== person.id) throw invalid('referralId', 'unknown');
        if (referral.status !== 'accepted' && referral.status !== 'completed')
          throw invalid('referralId', 'not_accepted');
        // A service given under a referral is given by the agency that took the referral.
        if (provider && provider !== referral.to_agency_id)
          throw invalid('providerAgencyId', 'not_referral_agency');
        provider = referral.to_agency_id;
      }
      if (input.providerAgencyId) await assertActiveAgency(tx, input.providerAgencyId, 'providerAgencyId');
      const now = stamp();
      const id = uuidv7();
      await protectionRepo.insertService(tx, {
        id,
        case_person_id: person.id,
        kind: input.kind,
        provider_agency_id: provider,
        referral_id: input.referralId ?? null,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        note_enc: seal(input.note, 'services.note'),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, 'service.recorded', {
        entityType: 'service',
        entityId: id,
        summary: {
          caseId,
          casePersonId,
          kind: input.kind,
          providerAgencyId: provider,
          referralId: input.referralId ?? null,
        },
      });
      const [view] = await presentServices(tx, [(await protectionRepo.getService(tx, id))!], caseId);
      return view!;
    },

    async service(db: Executor, serviceId: string): Promise<ServiceRow> {
      const row = await protectionRepo.getService(db, serviceId);
      if (!row) throw new GuiaError('resource.not_found', { entity: 'service' });
      return row;
    },

    async updateService(
      tx: Executor,
      grant: PersonGrant,
      row: ServiceRow,
      input: ServiceUpdate,
      today: string,
    ): Promise<ServiceView> {
      const { actor, caseId } = grant;
      assertNotFuture(today, { endDate: input.endDate });
      assertNotBefore('endDate', input.endDate, row.start_date);
      const changes = {
        ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
        ...(input.note !== undefined ? { note_enc: seal(input.note, 'services.note') } : {}),
      };
      if (
        !(await protectionRepo.updateService(tx, row.id, input.version, {
          ...changes,
          updated_at: stamp(),
          updated_by: actor.userId,
        }))
      ) {
        throw new GuiaError('resource.stale', { entity: 'service' });
      }
      // Which fields changed is recorded; a note's words never are.
      await auditService.record(tx, actor, 'service.updated', {
        entityType: 'service',
        entityId: row.id,
        summary: {
          caseId,
          casePersonId: row.case_person_id,
          fields: Object.keys(input).filter((k) => k !== 'version'),
        },
      });
      const [view] = await presentServices(tx, [(await protectionRepo.getService(tx, row.id))!], caseId);
      return view!;
    },

    // --- support plans ---

    async listPlans(db: Executor, grant: PersonGrant): Promise<SupportPlanView[]> {
      const person = victim(grant);
      const { caseId } = person;
      return (await protectionRepo.plans(db, person.id)).map((row) => presentPlan(row, caseId));
    },

    async createPlan(
      tx: Executor,
      grant: PersonGrant,
      input: SupportPlanBody,
      today: string,
    ): Promise<SupportPlanView> {
      const { actor, caseId, casePersonId } = grant;
      const person = victim(grant);
      // A plan is recorded once agreed with the person: it has started by then.
      assertNotFuture(today, { startDate: input.startDate });
      assertNotBefore('plannedEndDate', input.plannedEndDate, input.startDate);
      const now = stamp();
      const id = uuidv7();
      await protectionRepo.insertPlan(tx, {
        id,
        case_person_id: person.id,
        type: input.type,
        objectives_enc: cipher.encrypt(input.objectives, 'support_plans.objectives'),
        start_date: input.startDate,
        planned_end_date: input.plannedEndDate ?? null,
        actual_end_date: null,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, 'support_plan.created', {
        entityType: 'support_plan',
        entityId: id,
        summary: { caseId, casePersonId, type: input.type },
      });
      return presentPlan((await protectionRepo.getPlan(tx, id))!, caseId);
    },

    async plan(db: Executor, planId: string): Promise<SupportPlanRow> {
      const row = await protectionRepo.getPlan(db, planId);
      if (!row) throw new GuiaError('resource.not_found', { entity: 'support_plan' });
      return row;
    },

    async updatePlan(
      tx: Executor,
      grant: PersonGrant,
      row: SupportPlanRow,
      input: SupportPlanUpdate,
      today: string,
    ): Promise<SupportPlanView> {
      const { actor, caseId } = grant;
      assertNotFuture(today, { actualEndDate: input.actualEndDate });
      assertNotBefore('plannedEndDate', input.plannedEndDate, row.start_date);
      assertNotBefore('actualEndDate', input.actualEndDate, row.start_date);
      const changes = {
        ...(input.objectives !== undefined
          ? { objectives_enc: cipher.encrypt(input.objectives, 'support_plans.objectives') }
          : {}),
        ...(input.plannedEndDate !== undefined ? { planned_end_date: input.plannedEndDate } : {}),
        ...(input.actualEndDate !== undefined ? { actual_end_date: input.actualEndDate } : {}),
      };
      if (
        !(await protectionRepo.updatePlan(tx, row.id, input.version, {
          ...changes,
          updated_at: stamp(),
          updated_by: actor.userId,
        }))
      ) {
        throw new GuiaError('resource.stale', { entity: 'support_plan' });
      }
      await auditService.record(tx, actor, 'support_plan.updated', {
        entityType: 'support_plan',
        entityId: row.id,
        summary: {
          caseId,
          casePersonId: row.case_person_id,
          fields: Object.keys(input).filter((k) => k !== 'version'),
        },
      });
      return presentPlan((await protectionRepo.getPlan(tx, row.id))!, caseId);
    },
  };
}

export type ProtectionService = ReturnType<typeof createProtectionService>;
