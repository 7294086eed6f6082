import { GuiaError } from '../../core/errors.js';
import { heading, paragraph, table, type Block, type GuiaDocument } from '../../documents/index.js';
import { auditService } from '../audit/audit.service.js';
import { grantPerson, type CaseGrant } from '../cases/case-access.js';
import { caseViewService } from '../cases/case-view.js';
import type { CaseView, RevealPurpose } from '../cases/cases.schemas.js';
import { identitiesService } from '../cases/identities.service.js';
import type { UseCase } from '../use-case.js';
import type { Labels } from './export-labels.js';

// The printable case summary is the case page on paper: built from the same view the page
// shows the reader (free text only for those who work the case), people by pseudonym, and
// names only when the reader asks with a purpose and may reveal them — each reveal audited
// exactly as on screen.

/** Names by case person, revealed one by one through the same use case (and audit entry) as on screen. */
async function revealedNames(
  uc: UseCase,
  grant: CaseGrant,
  view: CaseView,
  purpose: RevealPurpose | undefined,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!purpose || !grant.can.revealPeople) return names;
  for (const person of view.people) {
    let personGrant;
    try {
      personGrant = await grantPerson(uc.tx, uc.actor, grant.caseId, person.id, 'reveal');
    } catch (error) {
      // A person the reader may not reveal stays a pseudonym on paper too.
      if (error instanceof GuiaError) continue;
      throw error;
    }
    const identity = await identitiesService.reveal(uc, personGrant, purpose);
    const name = [identity.familyName, identity.givenNames].filter(Boolean).join(' ');
    if (name) names.set(person.id, name);
  }
  return names;
}

function factsTable(view: CaseView, labels: Labels): Block {
  const { t } = labels;
  const rows: [string, string][] = [
    [t('summary.stage'), labels.stage(view.stage)],
    [t('summary.leadAgency'), view.leadAgency.code],
    [t('summary.participatingAgencies'), view.participatingAgencies.map((a) => a.code).join(', ')],
    [t('summary.origin'), labels.code('case_origin', view.origin)],
    [t('summary.reportDate'), view.reportDate],
    [t('summary.registrationDate'), view.registrationDate],
    [t('summary.factsDate'), view.factsDate ?? ''],
    [t('summary.exploitation'), labels.codes('type_of_exploitation', view.exploitationTypes)],
    [t('summary.sectors'), labels.codes('forced_labour_industry', view.sectors)],
    [
      t('summary.places'),
      view.places.map((p) => [p.country, p.locality].filter(Boolean).join(' ')).join('; '),
    ],
    [
      t('summary.qualifications'),
      view.qualifications
        .filter((q) => !q.removedAt)
        .map((q) => q.code)
        .join('; '),
    ],
    [t('summary.members'), view.members.map((m) => `${m.name} (${m.agencyCode})`).join('; ')],
  ];
  return table(
    rows.filter(([, value]) => value !== ''),
    { widths: [1, 2] },
  );
}

function peopleBlocks(view: CaseView, names: Map<string, string>, labels: Labels): Block[] {
  const { t } = labels;
  if (view.people.length === 0) return [paragraph(t('summary.noPeople'))];
  const showNames = names.size > 0;
  const header = [
    t('summary.pseudonym'),
    ...(showNames ? [t('summary.name')] : []),
    t('summary.role'),
    t('summary.gender'),
    t('summary.citizenship'),
  ];
  const rows = view.people.map((p) => [
    p.person.pseudonym,
    ...(showNames ? [names.get(p.id) ?? ''] : []),
    labels.cases(`role.${p.role}`),
    p.person.gender ? labels.code('gender', p.person.gender) : '',
    p.person.citizenship.join(', '),
  ]);
  return [table(rows, { header, widths: showNames ? [1, 2, 1.4, 1, 1] : [1, 1.4, 1, 1] })];
}

function timelineBlocks(view: CaseView, labels: Labels): Block[] {
  const { t } = labels;
  if (view.timeline.length === 0) return [paragraph(t('summary.noEvents'))];
  const describe = (entry: CaseView['timeline'][number]): string => {
    switch (entry.type) {
      case 'transition':
        return t('summary.eventTransition', { stage: labels.stage(entry.to) });
      case 'judicial_act':
        return t('summary.eventJudicialAct', { kind: labels.cases(`judicialAct.${entry.kind}`) });
      case 'qualification':
        return t(
          entry.change === 'added' ? 'summary.eventQualificationAdded' : 'summary.eventQualificationRemoved',
          {
            code: entry.code,
          },
        );
      case 'document':
        return t('summary.eventDocument', { kind: labels.cases(`documentKind.${entry.kind}`) });
    }
  };
  const rows = view.timeline.map((entry) => [entry.at.slice(0, 10), describe(entry)]);
  return [table(rows, { header: [t('summary.date'), t('summary.event')], widths: [1, 4] })];
}

export const caseSummaryService = {
  /** The case summary document in the reader's language; the print is audited with the reveals it made. */
  async document(
    uc: UseCase,
    grant: CaseGrant,
    labels: Labels,
    purpose: RevealPurpose | undefined,
  ): Promise<GuiaDocument> {
    const view = await caseViewService.view(uc, grant);
    const names = await revealedNames(uc, grant, view, purpose);
    await auditService.record(uc.tx, uc.actor, 'case.summary_printed', {
      entityType: 'case',
      entityId: grant.caseId,
      summary: { language: labels.language, identities: names.size > 0 },
    });
    const { t } = labels;
    const summary: Block[] = view.textWithheld
      ? [paragraph({ text: t('summary.textWithheld'), italics: true })]
      : view.summary
        ? [paragraph(view.summary)]
        : [];
    return {
      language: labels.language,
      title: t('summary.title', { reference: view.reference }),
      subtitle: t('summary.subtitle'),
      meta: [
        t('summary.printed', { date: uc.today, name: uc.actor.name }),
        t(names.size > 0 ? 'summary.identitiesShown' : 'summary.identitiesWithheld'),
      ],
      blocks: [
        heading(t('summary.facts')),
        factsTable(view, labels),
        ...(summary.length ? [heading(t('summary.summary'), 2), ...summary] : []),
        heading(t('summary.people')),
        ...peopleBlocks(view, names, labels),
        heading(t('summary.timeline')),
        ...timelineBlocks(view, labels),
      ],
    };
  },
};
