import { heading, paragraph, table, type Block, type GuiaDocument } from '../../documents/index.js';
import { auditService } from '../audit/audit.service.js';
import { asIds } from '../audit/audit-values.js';
import type { PersonGrant } from '../cases/case-access.js';
import type { IdentityView, RevealPurpose } from '../cases/cases.schemas.js';
import { identitiesService } from '../cases/identities.service.js';
import { journalService } from '../cases/journal-attachments.service.js';
import type { ReferralView } from '../protection/protection.schemas.js';
import { referralsService } from '../protection/referrals.service.js';
import type { UseCase } from '../use-case.js';
import type { Labels } from './export-labels.js';

// The printable victim summary (issue 12): one person's identity, referrals and journal on
// paper, in the reader's language, through the same writers and labels as the case summary.
// Only for a reader who may reveal the person, with a purpose: the print reveals the identity
// through the same use case (and audit entry) as the screen, and is itself audited.

function identityTable(identity: IdentityView, labels: Labels): Block {
  const rows: [string, string | null][] = [
    [labels.t('summary.pseudonym'), identity.pseudonym],
    [labels.cases('identity.familyName'), identity.familyName],
    [labels.cases('identity.givenNames'), identity.givenNames],
    [labels.cases('identity.identityNumber'), identity.identityNumber],
    [labels.cases('identity.birthDate'), identity.birthDate],
    [labels.cases('identity.contacts'), identity.contacts],
    [labels.cases('identity.address'), identity.address],
    [labels.cases('identity.notes'), identity.notes],
  ];
  return table(
    rows.filter((row): row is [string, string] => Boolean(row[1])),
    { widths: [1, 2] },
  );
}

function referralBlocks(referrals: ReferralView[], labels: Labels): Block[] {
  const { t } = labels;
  if (referrals.length === 0) return [paragraph(t('victimSummary.noReferrals'))];
  const rows = referrals.map((r) => [
    r.sentOn,
    `${r.fromAgency.code} → ${r.toAgency.code}`,
    labels.code('service_kind', r.serviceKind),
    labels.cases(`referralStatus.${r.status}`),
    r.assignedTo?.name ?? '',
    r.details ?? '',
  ]);
  const header = [
    t('summary.date'),
    t('victimSummary.agencies'),
    t('victimSummary.service'),
    t('victimSummary.status'),
    t('victimSummary.assignedTo'),
    t('victimSummary.details'),
  ];
  return [table(rows, { header, widths: [1, 1.2, 1.4, 1, 1.2, 2.5] })];
}

export const victimSummaryService = {
  async document(
    uc: UseCase,
    grant: PersonGrant,
    labels: Labels,
    purpose: RevealPurpose,
  ): Promise<GuiaDocument> {
    const { t } = labels;
    const identity = await identitiesService.reveal(uc, grant, purpose);
    // Protection records are kept for victims, and read only by those who may.
    const victim = grant.role === 'victim' && grant.can.protectionRead;
    const referrals = victim ? await referralsService.list(uc, grant) : [];
    const journal = victim ? await journalService.list(uc, grant) : [];
    await auditService.record(uc.tx, uc.actor, 'person.summary_printed', {
      entityType: 'case_person',
      entityId: grant.casePersonId,
      summary: { ...asIds({ caseId: grant.caseId }), language: labels.language, identity: true },
    });
    const journalBlocks: Block[] =
      journal.length === 0
        ? [paragraph(t('victimSummary.noNotes'))]
        : [
            table(
              journal.map((n) => [n.noteDate, n.author?.name ?? '', n.text]),
              {
                header: [t('summary.date'), t('victimSummary.author'), t('victimSummary.note')],
                widths: [1, 1.2, 4],
              },
            ),
          ];
    return {
      language: labels.language,
      title: t('victimSummary.title', { pseudonym: grant.pseudonym }),
      subtitle: t('summary.subtitle'),
      meta: [t('summary.printed', { date: uc.today, name: uc.actor.name }), t('summary.identitiesShown')],
      blocks: [
        heading(t('victimSummary.identity')),
        identityTable(identity, labels),
        ...(victim
          ? [
              heading(t('victimSummary.referrals')),
              ...referralBlocks(referrals, labels),
              heading(t('victimSummary.journal')),
              ...journalBlocks,
            ]
          : []),
      ],
    };
  },
};
