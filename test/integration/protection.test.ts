import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCasePerson, openCase } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addAgency, rowCount, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Catalogue = {
  version: string;
  lists: {
    id: string;
    child: boolean;
    complete: boolean;
    indicators: { id: string; dimension: string; strength: string; label: { en: string } }[];
  }[];
};
type Screening = {
  id: string;
  catalogueVersion: string;
  answers: Record<string, string>;
  result: {
    status: string;
    presumedVictim: boolean | null;
    positiveDimensions: string[];
    dimensions: Record<string, { strong: number; medium: number; weak: number; positive: boolean }>;
    unanswered: number;
  };
  screenedBy: { name: string } | null;
};
type Consent = {
  id: string;
  active: boolean;
  withdrawnOn: string | null;
  note: string | null;
  version: number;
};
type Referral = {
  id: string;
  status: string;
  sentWithoutConsent: boolean;
  details: string | null;
  consentOverrideReason: string | null;
  declineReason: string | null;
};
type InboxItem = {
  id: string;
  caseReference: string;
  pseudonym: string;
  fromAgency: { code: string };
  details: string | null;
  sentWithoutConsent: boolean;
  serviceKind: string;
  status: string;
  sentOn: string;
};
type Problem = {
  code: string;
  status: number;
  title: string;
  errors?: { path: string; code: string; message: string }[];
};

// Free text that must only ever be stored sealed.
const secrets = {
  consentNote: 'Consent explained in Tagalog, interpreter Rosa present',
  details: 'Needs a shelter bed away from the Rua da Felicidade flat',
  override: 'Immediate danger tonight: the employer knows where she sleeps',
  decline: 'No female shelter bed free until the end of the month',
  serviceNote: 'Shelter room 12, counselling on Tuesdays',
  objectives: 'Recover identity papers and find work in Manila within six months',
};
const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz' };

describe.each(databases)('victim protection on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let ias: string;
  let ngo: string;
  let officer: TestClient;
  let worker: TestClient;
  let ngoWorker: TestClient;
  let pjWorker: TestClient;
  let analyst: TestClient;
  let caseId: string;
  let caseReference: string;
  let victimPath: string;
  let suspectPath: string;
  let pseudonym: string;
  let catalogue: Catalogue;

  /**
   * The officer records a screening of the person at `path` (the victim unless said): against the
   * adult labour list, not of a child, on 3 March 2021, unless `more` says otherwise.
   */
  const screen = (answers: Record<string, string>, more: Record<string, unknown> = {}, path = victimPath) =>
    officer.post(`${path}/screenings`, {
      list: 'adult-labour',
      child: false,
      answers,
      screenedOn: '2021-03-03',
      ...more,
    });
  const referralBody = (extra: Record<string, unknown> = {}) => ({
    toAgencyId: ias,
    serviceKind: 'shelter',
    reason: 'additional_services_required',
    details: secrets.details,
    sentOn: '2021-03-10',
    ...extra,
  });
  const count = (table: 'referrals' | 'screenings' | 'consents') => rowCount(t, table);
  const audited = async (action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  const adultLabour = () => catalogue.lists.find((l) => l.id === 'adult-labour')!;
  /** Every adult-labour indicator answered "no", except those given as "yes". */
  const allNoExcept = (...yes: string[]) =>
    Object.fromEntries(adultLabour().indicators.map((i) => [i.id, yes.includes(i.id) ? 'yes' : 'no']));

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    ngo = await addAgency(admin, 'NGO', 'ngo');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    worker = await signedInClient(t, admin, ias, ['case_worker']);
    ngoWorker = await signedInClient(t, admin, ngo, ['case_worker']);
    pjWorker = await signedInClient(t, admin, pj, ['case_worker']);
    analyst = await signedInClient(t, admin, pj, ['analyst']);

    ({ id: caseId, reference: caseReference } = await openCase(officer, {
      reportDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
    }));
    ({ path: victimPath, pseudonym } = await addCasePerson(officer, caseId, {
      role: 'victim',
      person: { ...victimName, citizenship: ['PHL'] },
    }));
    ({ path: suspectPath } = await addCasePerson(officer, caseId, {
      role: 'suspect',
      person: { givenNames: 'Ka Wai', familyName: 'Leung', citizenship: ['CHN'] },
    }));
    catalogue = (await officer.get('/api/v1/screening/catalogue')).json() as Catalogue;
  });
  afterAll(() => t.close());

  describe('screening', () => {
    it('serves the versioned ILO catalogue with every indicator labelled', async () => {
      expect(catalogue.version).toBe('2009.09-1');
      expect(catalogue.lists.map((l) => l.id)).toEqual([
        'adult-labour',
        'adult-sexual',
        'child-labour',
        'child-sexual',
      ]);
      expect(adultLabour()).toMatchObject({ child: false, complete: true });
      expect(adultLabour().indicators).toHaveLength(67);
      expect(adultLabour().indicators[0]).toMatchObject({
        id: 'AL-D1-S01',
        dimension: 'D1',
        strength: 'strong',
        label: { en: expect.stringContaining('Deceived') },
      });
    });

    it('presumes an adult victim when recruitment, exploitation and coercion are shown, and says why', async () => {
      const answers = allNoExcept(
        'AL-D1-S01',
        'AL-D1-M01',
        'AL-D4-S01',
        'AL-D4-M01',
        'AL-D5-S01',
        'AL-D5-S02',
      );
      const response = await screen(answers, { screenedOn: '2021-03-02' });
      expect(response.statusCode, response.body).toBe(201);
      const screening = response.json() as Screening;
      expect(screening.result).toMatchObject({
        status: 'complete',
        presumedVictim: true,
        positiveDimensions: ['D1', 'D4', 'D5'],
        unanswered: 0,
      });
      expect(screening.result.dimensions.D1).toEqual({ strong: 1, medium: 1, weak: 0, positive: true });
      expect(screening.result.dimensions.D5).toEqual({ strong: 2, medium: 0, weak: 0, positive: true });
      expect(screening.result.dimensions.D2).toEqual({ strong: 0, medium: 0, weak: 0, positive: false });

      const listed = (await officer.get(`${victimPath}/screenings`)).json() as Screening[];
      const stored = listed.find((s) => s.id === screening.id)!;
      expect(stored).toMatchObject({
        catalogueVersion: '2009.09-1',
        screenedBy: { name: expect.any(String) as string },
      });
      expect(Object.keys(stored.answers)).toHaveLength(67);
      expect(stored.result.positiveDimensions).toEqual(['D1', 'D4', 'D5']);
      const [audit] = await audited('screening.recorded');
      expect(JSON.parse(audit!.summary)).toMatchObject({
        list: 'adult-labour',
        status: 'complete',
        presumedVictim: true,
        positiveDimensions: ['D1', 'D4', 'D5'],
      });
    });

    it('does not presume an adult victim without coercion or abuse of vulnerability at destination', async () => {
      const answers = allNoExcept('AL-D1-S01', 'AL-D1-M01', 'AL-D4-S01', 'AL-D4-M01', 'AL-D6-W01');
      const response = await screen(answers);
      expect(response.statusCode, response.body).toBe(201);
      expect((response.json() as Screening).result).toMatchObject({
        status: 'complete',
        presumedVictim: false,
        positiveDimensions: ['D1', 'D4'],
      });
      expect((response.json() as Screening).result.dimensions.D6).toEqual({
        strong: 0,
        medium: 0,
        weak: 1,
        positive: false,
      });
    });

    it('calls a screening with unanswered indicators incomplete, not negative', async () => {
      const response = await screen({ 'AL-D1-S01': 'yes', 'AL-D2-S01': 'no', 'AL-D3-M01': 'unanswered' });
      expect(response.statusCode, response.body).toBe(201);
      const screening = response.json() as Screening;
      expect(screening.result).toMatchObject({
        status: 'incomplete',
        presumedVictim: null,
        positiveDimensions: [],
        unanswered: 65,
      });
      expect(screening.answers).toMatchObject({
        'AL-D1-S01': 'yes',
        'AL-D2-S01': 'no',
        'AL-D3-M01': 'unanswered',
        'AL-D6-W01': 'unanswered',
      });
    });

    it('refuses unknown indicators and indicators of another list, naming each answer, and stores nothing', async () => {
      const before = await count('screenings');
      const otherList = catalogue.lists.find((l) => l.id === 'child-labour')!.indicators[0]!.id;
      const response = await screen({ 'AL-D1-S01': 'yes', 'AL-D9-X99': 'yes', [otherList]: 'no' });
      expect(response.statusCode).toBe(400);
      const problem = response.json() as Problem;
      expect(problem.code).toBe('screening.unknown_indicator');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'answers.AL-D9-X99', code: 'unknown_indicator' }),
          expect.objectContaining({
            path: `answers.${otherList}`,
            code: 'other_list',
            message: expect.stringContaining('child-labour') as string,
          }),
        ]),
      );
      const badValue = await screen({ 'AL-D1-S01': 'maybe' });
      expect((badValue.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'answers.AL-D1-S01', code: 'invalid_value' }),
      ]);
      const future = await screen({}, { screenedOn: '2099-01-01' });
      expect((future.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'screenedOn', code: 'future_date' }),
      ]);
      const childOnAdultRule = await screen({}, { list: 'child-labour' });
      expect((childOnAdultRule.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'child', code: 'list_mismatch' }),
      ]);
      expect(await count('screenings')).toBe(before);
    });

    it('keeps protection records for victims only', async () => {
      const response = await screen({}, {}, suspectPath);
      expect(response.statusCode).toBe(400);
      expect((response.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'casePersonId', code: 'not_a_victim' }),
      ]);
      expect((await officer.get(`${suspectPath}/consents`)).statusCode).toBe(400);
    });
  });

  describe('the consent gate on referrals', () => {
    let consent: Consent;

    it('refuses a referral without the person’s consent and writes nothing', async () => {
      const response = await officer.post(`${victimPath}/referrals`, referralBody());
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'referral.consent_required',
        title: expect.stringContaining(pseudonym) as string,
      });
      expect(await count('referrals')).toBe(0);
      expect(await audited('referral.sent')).toHaveLength(0);
    });

    it('refuses a referral to one’s own agency', async () => {
      const response = await officer.post(
        `${victimPath}/referrals`,
        referralBody({ toAgencyId: pj, consentOverrideReason: secrets.override }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'referral.own_agency',
        errors: [{ path: 'toAgencyId', code: 'own_agency' }],
      });
      expect(await count('referrals')).toBe(0);
    });

    it('sends without consent only with a stated reason, sealed and audited as such', async () => {
      const tooShort = await officer.post(
        `${victimPath}/referrals`,
        referralBody({ consentOverrideReason: 'urgent' }),
      );
      expect(tooShort.statusCode).toBe(400);
      expect((tooShort.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'consentOverrideReason', code: 'too_small' }),
      ]);

      const response = await officer.post(
        `${victimPath}/referrals`,
        referralBody({ consentOverrideReason: secrets.override }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const referral = response.json() as Referral;
      expect(referral).toMatchObject({
        status: 'sent',
        sentWithoutConsent: true,
        consentOverrideReason: secrets.override,
        details: secrets.details,
      });
      const [entry] = await audited('referral.sent_without_consent');
      expect(entry!.entity_id).toBe(referral.id);
      expect(JSON.parse(entry!.summary)).toMatchObject({
        toAgencyId: ias,
        serviceKind: 'shelter',
        reason: 'additional_services_required',
        consentOverride: true,
      });
      expect(entry!.summary).not.toContain('danger');
      expect(await audited('referral.sent')).toHaveLength(0);
    });

    it('sends a referral once the person has consented to it', async () => {
      const recorded = await officer.post(`${victimPath}/consents`, {
        purpose: 'referral',
        informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
        givenOn: '2021-03-05',
        note: secrets.consentNote,
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      consent = recorded.json() as Consent;
      expect(consent).toMatchObject({ active: true, withdrawnOn: null, note: secrets.consentNote });
      const response = await officer.post(`${victimPath}/referrals`, referralBody());
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        status: 'sent',
        sentWithoutConsent: false,
        consentOverrideReason: null,
        toAgency: { code: 'IAS' },
        fromAgency: { code: 'PJ' },
      });
      const [entry] = await audited('referral.sent');
      expect(JSON.parse(entry!.summary)).toMatchObject({ consentId: consent.id });
    });

    it('refuses a consent of an unknown purpose or given in the future', async () => {
      const response = await officer.post(`${victimPath}/consents`, {
        purpose: 'marketing',
        informedOf: ['gossip'],
        givenOn: '2099-01-01',
      });
      expect(response.statusCode).toBe(400);
      expect((response.json() as Problem).errors!.map((e) => `${e.path}:${e.code}`)).toEqual(
        expect.arrayContaining(['purpose:invalid_value', 'informedOf.0:invalid_value']),
      );
      const future = await officer.post(`${victimPath}/consents`, {
        purpose: 'interview',
        informedOf: ['purpose'],
        givenOn: '2099-01-01',
      });
      expect((future.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'givenOn', code: 'future_date' }),
      ]);
    });

    it('refuses referrals again once the consent is withdrawn, and withdraws only once', async () => {
      const early = await officer.post(`${victimPath}/consents/${consent.id}/withdraw`, {
        withdrawnOn: '2021-03-01',
      });
      expect((early.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'withdrawnOn', code: 'before_given_on' }),
      ]);
      const withdrawn = await officer.post(`${victimPath}/consents/${consent.id}/withdraw`, {
        withdrawnOn: '2021-03-20',
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json()).toMatchObject({
        active: false,
        withdrawnOn: '2021-03-20',
        version: consent.version + 1,
      });
      const again = await officer.post(`${victimPath}/consents/${consent.id}/withdraw`, {
        withdrawnOn: '2021-03-21',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'consent.already_withdrawn' });
      const before = await count('referrals');
      const refused = await officer.post(`${victimPath}/referrals`, referralBody({ sentOn: '2021-03-21' }));
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'referral.consent_required' });
      expect(await count('referrals')).toBe(before);
      const consents = (await officer.get(`${victimPath}/consents`)).json() as Consent[];
      expect(consents).toEqual([expect.objectContaining({ id: consent.id, active: false })]);
      expect(await audited('consent.withdrawn')).toHaveLength(1);
    });
  });

  describe('referrals between agencies', () => {
    let inbox: InboxItem[];

    it('shows the receiving agency its inbox with pseudonyms and what the referral shares, never names', async () => {
      const response = await worker.get('/api/v1/referrals/inbox?status=sent');
      expect(response.statusCode, response.body).toBe(200);
      inbox = (response.json() as { items: InboxItem[] }).items;
      expect(inbox).toHaveLength(2);
      for (const item of inbox) {
        expect(item).toMatchObject({
          caseReference,
          pseudonym,
          fromAgency: { code: 'PJ' },
          serviceKind: 'shelter',
          status: 'sent',
          sentOn: '2021-03-10',
        });
      }
      expect(response.body).not.toContain(victimName.familyName);
      // What the sender wrote for the receiving agency reaches it (safety information among it).
      expect(inbox.map((i) => i.details)).toContain(secrets.details);
    });

    it('shows another agency nothing and lets it answer nothing', async () => {
      const response = await ngoWorker.get('/api/v1/referrals/inbox');
      expect(response.statusCode).toBe(200);
      expect((response.json() as { items: unknown[] }).items).toEqual([]);
      // Another agency's referral is not there for it at all.
      expect((await ngoWorker.post(`/api/v1/referrals/${inbox[0]!.id}/accept`)).statusCode).toBe(404);
      expect(
        (await ngoWorker.post(`/api/v1/referrals/${inbox[0]!.id}/decline`, { reason: 'Not ours' }))
          .statusCode,
      ).toBe(404);
      expect((await analyst.get('/api/v1/referrals/inbox')).statusCode).toBe(403);
    });

    it('accepts, then completes, and the accepting worker reaches the referred victim and nobody else', async () => {
      const referral = inbox.find((i) => !i.sentWithoutConsent)!;
      expect((await worker.get(`${victimPath}/referrals`)).statusCode).toBe(404);
      const early = await worker.post(`/api/v1/referrals/${referral.id}/complete`, {
        completedOn: '2021-03-15',
      });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'referral.not_accepted' });

      const accepted = await worker.post(`/api/v1/referrals/${referral.id}/accept`, {
        acceptedOn: '2021-03-11',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 'accepted', respondedOn: '2021-03-11' });
      const twice = await worker.post(`/api/v1/referrals/${referral.id}/accept`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'referral.not_pending' });

      // Not a member of the case: the case itself stays closed to her, the victim is open.
      expect((await worker.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(403);
      const page = (await worker.get(victimPath)).json() as { via: string; can: { reveal: boolean } };
      expect(page).toMatchObject({ via: 'referral', can: { reveal: true, protectionWrite: true } });
      const revealed = await worker.post(`${victimPath}/reveal`, { purpose: 'victim_support' });
      expect(revealed.json()).toMatchObject({ familyName: victimName.familyName });
      const referrals = (await worker.get(`${victimPath}/referrals`)).json() as Referral[];
      expect(referrals.find((r) => r.id === referral.id)).toMatchObject({
        status: 'accepted',
        details: secrets.details,
      });

      const beforeAcceptance = await worker.post(`/api/v1/referrals/${referral.id}/complete`, {
        completedOn: '2021-03-10',
      });
      expect((beforeAcceptance.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'completedOn', code: 'before_accepted_on' }),
      ]);
      const completed = await worker.post(`/api/v1/referrals/${referral.id}/complete`, {
        completedOn: '2021-04-30',
      });
      expect(completed.statusCode, completed.body).toBe(200);
      expect(completed.json()).toMatchObject({ status: 'completed', completedOn: '2021-04-30' });
      expect(
        (
          await worker.post(`/api/v1/referrals/${referral.id}/complete`, { completedOn: '2021-04-30' })
        ).json(),
      ).toMatchObject({ code: 'referral.not_accepted' });
      const actions = (
        await t.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', 'in', [referral.id, caseId])
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['referral.accepted', 'referral.completed']));
      expect(actions).not.toContain('case.member_added');
      expect(await audited('person_grant.granted')).toHaveLength(1);
    });

    it('declines only with a reason, and a declined referral cannot be completed', async () => {
      const referral = inbox[1]!;
      const noReason = await worker.post(`/api/v1/referrals/${referral.id}/decline`, {});
      expect((noReason.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'reason', code: 'required' }),
      ]);
      const declined = await worker.post(`/api/v1/referrals/${referral.id}/decline`, {
        reason: secrets.decline,
        declinedOn: '2021-03-12',
      });
      expect(declined.statusCode, declined.body).toBe(200);
      expect(declined.json()).toMatchObject({ status: 'declined', respondedOn: '2021-03-12' });
      expect((await worker.post(`/api/v1/referrals/${referral.id}/accept`)).json()).toMatchObject({
        code: 'referral.not_pending',
      });
      expect(
        (
          await worker.post(`/api/v1/referrals/${referral.id}/complete`, { completedOn: '2021-04-01' })
        ).json(),
      ).toMatchObject({ code: 'referral.not_accepted' });
      const referrals = (await officer.get(`${victimPath}/referrals`)).json() as Referral[];
      expect(referrals.find((r) => r.id === referral.id)).toMatchObject({
        status: 'declined',
        declineReason: secrets.decline,
      });
    });

    it('filters the inbox by status', async () => {
      const statuses = async (status: string) =>
        (
          (await worker.get(`/api/v1/referrals/inbox?status=${status}`)).json() as { items: InboxItem[] }
        ).items.map((i) => i.status);
      expect(await statuses('sent')).toEqual([]);
      expect(await statuses('completed')).toEqual(['completed']);
      expect(await statuses('declined')).toEqual(['declined']);
      expect((await worker.get('/api/v1/referrals/inbox?status=lost')).statusCode).toBe(400);
    });
  });

  describe('services and support plans', () => {
    it('records a service given under a referral and refuses a stale update', async () => {
      const [completed] = ((await officer.get(`${victimPath}/referrals`)).json() as Referral[]).filter(
        (r) => r.status === 'completed',
      );
      const created = await worker.post(`${victimPath}/services`, {
        kind: 'shelter',
        referralId: completed!.id,
        startDate: '2021-03-11',
        note: secrets.serviceNote,
      });
      expect(created.statusCode, created.body).toBe(201);
      const service = created.json() as { id: string; version: number; providerAgency: { code: string } };
      expect(service).toMatchObject({
        kind: 'shelter',
        providerAgency: { code: 'IAS' },
        referralId: completed!.id,
        endDate: null,
        note: secrets.serviceNote,
        version: 1,
      });

      const backwards = await worker.patch(`/api/v1/services/${service.id}`, {
        version: 1,
        endDate: '2021-03-01',
      });
      expect((backwards.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'endDate', code: 'before_start' }),
      ]);
      const future = await worker.patch(`/api/v1/services/${service.id}`, {
        version: 1,
        endDate: '2099-01-01',
      });
      expect((future.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'endDate', code: 'future_date' }),
      ]);
      const updated = await worker.patch(`/api/v1/services/${service.id}`, {
        version: 1,
        endDate: '2021-04-30',
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ endDate: '2021-04-30', note: secrets.serviceNote, version: 2 });
      const stale = await officer.patch(`/api/v1/services/${service.id}`, {
        version: 1,
        note: 'Overwritten',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'resource.stale' });
      expect(((await officer.get(`${victimPath}/services`)).json() as { note: string }[])[0]!.note).toBe(
        secrets.serviceNote,
      );

      const unknownKind = await officer.post(`${victimPath}/services`, {
        kind: 'massage',
        startDate: '2021-03-11',
      });
      expect((unknownKind.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'kind', code: 'invalid_value' }),
      ]);
      const [declined] = ((await officer.get(`${victimPath}/referrals`)).json() as Referral[]).filter(
        (r) => r.status === 'declined',
      );
      const underDeclined = await officer.post(`${victimPath}/services`, {
        kind: 'shelter',
        referralId: declined!.id,
        startDate: '2021-03-11',
      });
      expect((underDeclined.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'referralId', code: 'not_accepted' }),
      ]);
    });

    it('keeps a support plan with sealed objectives and refuses a stale update', async () => {
      const created = await officer.post(`${victimPath}/support-plans`, {
        type: 'livelihood',
        objectives: secrets.objectives,
        startDate: '2021-03-15',
        plannedEndDate: '2021-09-15',
      });
      expect(created.statusCode, created.body).toBe(201);
      const plan = created.json() as { id: string; version: number };
      expect(plan).toMatchObject({
        type: 'livelihood',
        objectives: secrets.objectives,
        actualEndDate: null,
        version: 1,
      });
      const backwards = await officer.post(`${victimPath}/support-plans`, {
        type: 'health',
        objectives: 'Medical follow-up',
        startDate: '2021-03-15',
        plannedEndDate: '2021-01-01',
      });
      expect((backwards.json() as Problem).errors).toEqual([
        expect.objectContaining({ path: 'plannedEndDate', code: 'before_start' }),
      ]);

      const updated = await officer.patch(`/api/v1/support-plans/${plan.id}`, {
        version: 1,
        actualEndDate: '2021-08-01',
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ actualEndDate: '2021-08-01', version: 2 });
      const stale = await officer.patch(`/api/v1/support-plans/${plan.id}`, {
        version: 1,
        objectives: 'Something else entirely',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'resource.stale' });
      const plans = (await officer.get(`${victimPath}/support-plans`)).json() as {
        objectives: string;
        version: number;
      }[];
      expect(plans).toEqual([expect.objectContaining({ objectives: secrets.objectives, version: 2 })]);
      const [entry] = await audited('support_plan.updated');
      expect(JSON.parse(entry!.summary)).toMatchObject({ fields: ['actualEndDate'] });
    });
  });

  describe('who may see and change protection records', () => {
    it('lets an analyst read the case but neither read nor write protection records', async () => {
      expect((await analyst.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
      expect((await analyst.get(`${victimPath}/screenings`)).statusCode).toBe(403);
      const write = await analyst.post(`${victimPath}/consents`, {
        purpose: 'interview',
        informedOf: ['purpose'],
        givenOn: '2021-03-05',
      });
      expect(write.statusCode).toBe(403);
      expect(write.json()).toMatchObject({ code: 'permission.denied' });
    });

    it('keeps a case worker who is not a member of the case out: the victim is not there for her', async () => {
      for (const path of ['screenings', 'consents', 'referrals', 'services', 'support-plans']) {
        expect((await pjWorker.get(`${victimPath}/${path}`)).statusCode, path).toBe(404);
      }
      expect(
        (
          await pjWorker.post(`${victimPath}/support-plans`, {
            type: 'health',
            objectives: 'x',
            startDate: '2021-03-15',
          })
        ).statusCode,
      ).toBe(404);
    });

    it('lets an officer of the lead agency who is not a member read the case but not the victim’s records', async () => {
      const colleague = await signedInClient(t, admin, pj, ['agency_officer']);
      expect((await colleague.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
      // Consent notes and referral details are about the victim: members only.
      expect((await colleague.get(`${victimPath}/consents`)).statusCode).toBe(403);
      expect(
        (
          await colleague.post(`${victimPath}/consents`, {
            purpose: 'interview',
            informedOf: ['purpose'],
            givenOn: '2021-03-05',
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  it('stores free text sealed, and keeps it out of the audit trail', async () => {
    // Records of its own, with every kind of free text, so that the test also holds when run alone.
    const written = [
      await officer.post(`${victimPath}/consents`, {
        purpose: 'interview',
        informedOf: ['purpose'],
        givenOn: '2021-03-05',
        note: secrets.consentNote,
      }),
      await officer.post(
        `${victimPath}/referrals`,
        referralBody({ consentOverrideReason: secrets.override }),
      ),
      await officer.post(`${victimPath}/services`, {
        kind: 'shelter',
        startDate: '2021-03-11',
        note: secrets.serviceNote,
      }),
      await officer.post(`${victimPath}/support-plans`, {
        type: 'livelihood',
        objectives: secrets.objectives,
        startDate: '2021-03-15',
      }),
    ];
    expect(written.map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);
    const declined = await worker.post(`/api/v1/referrals/${(written[1]!.json() as Referral).id}/decline`, {
      reason: secrets.decline,
      declinedOn: '2021-03-12',
    });
    expect(declined.statusCode, declined.body).toBe(200);

    const db = t.database.db;
    const rows = [
      ...(await db.selectFrom('consents').selectAll().execute()),
      ...(await db.selectFrom('referrals').selectAll().execute()),
      ...(await db.selectFrom('services').selectAll().execute()),
      ...(await db.selectFrom('support_plans').selectAll().execute()),
    ];
    const stored = JSON.stringify(rows);
    const trail = JSON.stringify(await db.selectFrom('audit_log').select('summary').execute());
    for (const text of Object.values(secrets)) {
      expect(stored, text).not.toContain(text);
      expect(trail, text).not.toContain(text);
    }
    const referral = await db
      .selectFrom('referrals')
      .selectAll()
      .where('decline_reason_enc', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(referral.decline_reason_enc).toMatch(/^g1:/);
    expect(t.cipher.decrypt(referral.decline_reason_enc!, 'referrals.decline_reason')).toBe(secrets.decline);
    const plan = await db.selectFrom('support_plans').select('objectives_enc').executeTakeFirstOrThrow();
    expect(t.cipher.decrypt(plan.objectives_enc, 'support_plans.objectives')).toBe(secrets.objectives);
  });

  it('documents the protection routes in the OpenAPI document', async () => {
    const document = (await officer.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/screening/catalogue',
        '/api/v1/cases/{id}/people/{casePersonId}/screenings',
        '/api/v1/cases/{id}/people/{casePersonId}/consents/{consentId}/withdraw',
        '/api/v1/referrals/inbox',
        '/api/v1/referrals/{referralId}/accept',
        '/api/v1/services/{serviceId}',
        '/api/v1/support-plans/{planId}',
      ]),
    );
  });
});
