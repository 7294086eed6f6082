import { Alert, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { CreateButton, IntroBar } from '../../components/page-header.js';
import { ProtectionLink } from '../protection/protection-link.js';
import { IconCopy, IconGavel, IconLink, IconPencil, IconRoute } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseRoles, type CaseRole } from '../../../../src/core/cases/case-records.js';
import { canRecordVerdict } from '../../../../src/core/cases/case-stages.js';
import { RouterAnchor } from '../../components/router-links.js';
import { RowButton } from '../../components/table-columns.js';
import { useCan } from '../session/session.js';
import { codeText, codeTexts, formatAmount, formatDate, qualificationText } from './case-labels.js';
import {
  legalQualificationsQuery,
  type CasePersonView,
  type CaseView,
  type IdentityView,
} from './cases.api.js';
import { Detail, Details } from './details.js';
import { HistoricEventDialog } from './historic-event.dialog.js';
import { LinkRequestDialog } from './link-request.dialog.js';
import { DuplicateElsewhere } from './duplicate-elsewhere.js';
import { IdentityPanel, RevealButton } from './person-identity.js';
import { PersonAddDialog } from './person-add.dialog.js';
import { PersonEditDialog } from './person-edit.dialog.js';
import { VerdictDialog } from './verdict.dialog.js';
import { plainBadge } from './plain-badge.js';
import { countriesText, countryText } from '../../components/country.js';

type CasePeopleProps = {
  kase: CaseView;
  revealed: Record<string, IdentityView>;
  onRevealed: (identity: IdentityView | null, casePersonId: string) => void;
};

/** Victims, suspects and witnesses, by pseudonym; an identity is shown only when revealed. */
export function CasePeople({ kase, revealed, onRevealed }: CasePeopleProps) {
  const { t } = useTranslation(['cases']);
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CasePersonView | null>(null);
  const [judging, setJudging] = useState<CasePersonView | null>(null);
  const [recordingEvent, setRecordingEvent] = useState<CasePersonView | null>(null);
  const [linking, setLinking] = useState<CasePersonView | null>(null);
  // Who may add and change people is the server's decision (members of the case).
  const mayUpdate = kase.can.workPeople;
  // Someone who reads the case without seeing a person may ask to link them into a case of their own.
  const mayAskToLink = can('case.update');

  return (
    <Stack gap="lg">
      <IntroBar
        intro={t('cases:people.intro')}
        action={mayUpdate && <CreateButton label={t('cases:people.add')} onClick={() => setAdding(true)} />}
      />
      {kase.people.length === 0 && <Text c="dimmed">{t('cases:people.empty')}</Text>}
      {caseRoles.map((role) => {
        const people = kase.people.filter((person) => person.role === role);
        if (people.length === 0) return null;
        return (
          <section key={role} aria-labelledby={`people-${role}`}>
            <Title order={2} size="h4" id={`people-${role}`} mb="sm">
              {t(`cases:rolePlural.${role}`)}
            </Title>
            <Stack gap="md">
              {people.map((person) => (
                <PersonCard
                  key={person.id}
                  kase={kase}
                  person={person}
                  identity={revealed[person.id] ?? null}
                  onRevealed={(identity) => onRevealed(identity, person.id)}
                  onEdit={mayUpdate ? () => setEditing(person) : undefined}
                  onVerdict={mayUpdate && mayHaveVerdict(kase, person) ? () => setJudging(person) : undefined}
                  onEvent={mayUpdate ? () => setRecordingEvent(person) : undefined}
                  onAskToLink={
                    mayAskToLink && person.person.id === null ? () => setLinking(person) : undefined
                  }
                />
              ))}
            </Stack>
          </section>
        );
      })}
      {mayUpdate && (
        <>
          <PersonAddDialog kase={kase} opened={adding} onClose={() => setAdding(false)} />
          <PersonEditDialog kase={kase} person={editing} onClose={() => setEditing(null)} />
          <VerdictDialog kase={kase} person={judging} onClose={() => setJudging(null)} />
          <HistoricEventDialog kase={kase} person={recordingEvent} onClose={() => setRecordingEvent(null)} />
        </>
      )}
      {mayAskToLink && (
        <LinkRequestDialog
          source={linking && { caseId: kase.id, reference: kase.reference, person: linking }}
          onClose={() => setLinking(null)}
        />
      )}
    </Stack>
  );
}

/** Only a charged defendant receives a verdict, and only once the court has ruled. */
function mayHaveVerdict(kase: CaseView, person: CasePersonView): boolean {
  return (
    person.role === 'suspect' && (person.suspect?.charges.length ?? 0) > 0 && canRecordVerdict(kase.stage)
  );
}

const roleColors: Record<CaseRole, string> = { victim: 'teal', suspect: 'red', witness: 'gray' };

type PersonCardProps = {
  kase: CaseView;
  person: CasePersonView;
  identity: IdentityView | null;
  onRevealed: (identity: IdentityView | null) => void;
  onEdit: (() => void) | undefined;
  onVerdict: (() => void) | undefined;
  onEvent: (() => void) | undefined;
  onAskToLink: (() => void) | undefined;
};

function PersonCard(props: PersonCardProps) {
  const { kase, person, identity, onRevealed, onEdit, onVerdict, onEvent, onAskToLink } = props;
  const { t } = useTranslation(['cases']);
  const headingId = `person-${person.id}`;
  // Only the people working the case see who someone is; everyone else works with the pseudonym.
  const mayReveal = kase.can.revealPeople;
  const pseudonym = person.person.pseudonym;
  const personId = person.person.id;

  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Group gap="sm" align="center">
          <Title order={3} size="h4" id={headingId}>
            {personId ? (
              <RouterAnchor to="/persons/$personId" params={{ personId }} inherit>
                {pseudonym}
              </RouterAnchor>
            ) : (
              pseudonym
            )}
          </Title>
          <Badge color={roleColors[person.role]} variant="light" style={plainBadge}>
            {t(`cases:role.${person.role}`)}
          </Badge>
          {person.suspect?.verdict && (
            <Badge
              color={person.suspect.verdict === 'convicted' ? 'red' : 'gray'}
              variant="light"
              style={plainBadge}
            >
              {t(`cases:verdict.${person.suspect.verdict}`)}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {mayReveal && !identity && (
            <RevealButton
              caseId={kase.id}
              casePersonId={person.id}
              pseudonym={pseudonym}
              onRevealed={onRevealed}
            />
          )}
          {onEdit && (
            <RowButton
              variant="light"
              icon={<IconPencil size={16} aria-hidden />}
              onClick={onEdit}
              name={t('cases:people.editNamed', { pseudonym })}
              label={t('cases:people.edit')}
            />
          )}
          {onEvent && (
            <RowButton
              icon={<IconRoute size={16} aria-hidden />}
              onClick={onEvent}
              name={t('cases:event.addNamed', { pseudonym })}
              label={t('cases:event.add')}
            />
          )}
          {onVerdict && (
            <RowButton
              variant="light"
              color="grape"
              icon={<IconGavel size={16} aria-hidden />}
              onClick={onVerdict}
              name={t('cases:verdict.recordNamed', { pseudonym })}
              label={t('cases:verdict.record')}
            />
          )}
          {onAskToLink && (
            <RowButton
              variant="light"
              icon={<IconLink size={16} aria-hidden />}
              onClick={onAskToLink}
              name={t('cases:link.askNamed', { pseudonym })}
              label={t('cases:link.ask')}
            />
          )}
          {person.role === 'victim' && kase.can.protectionRead && (
            <ProtectionLink
              caseId={kase.id}
              casePersonId={person.id}
              name={t('cases:protection.openNamed', { pseudonym })}
              label={t('cases:protection.open')}
            />
          )}
        </Group>
      </Group>

      {person.probableDuplicates.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconCopy aria-hidden />}
          title={t('cases:people.duplicatesFlag')}
          mb="sm"
          data-testid="duplicates-flag"
        >
          <Text size="sm">{t('cases:people.duplicatesText')}</Text>
          <Group gap="sm" mt={4}>
            {person.probableDuplicates.map((duplicate) => (
              <RouterAnchor
                key={duplicate.personId}
                to="/persons/$personId"
                params={{ personId: duplicate.personId }}
                size="sm"
                fw={600}
              >
                {duplicate.pseudonym}
              </RouterAnchor>
            ))}
          </Group>
        </Alert>
      )}

      <DuplicateElsewhere person={person} />
      {identity && <IdentityPanel identity={identity} onHide={() => onRevealed(null)} />}

      <PersonDetails person={person} />
    </Card>
  );
}

export function PersonDetails({ person }: { person: CasePersonView }) {
  const { t } = useTranslation(['cases']);
  const qualifications = useQuery(legalQualificationsQuery).data ?? [];
  const none = t('cases:none');
  const { victim, suspect } = person;
  return (
    <Stack gap="sm">
      <Details>
        <Detail label={t('cases:person.gender')}>{codeText('gender', person.person.gender) || none}</Detail>
        <Detail label={t('cases:person.citizenship')}>
          {countriesText(person.person.citizenship) || none}
        </Detail>
        {victim && (
          <>
            <Detail label={t('cases:victim.traffickingStatus')}>
              {codeText('trafficking_status', victim.traffickingStatus) || none}
              {victim.statusDecidedBy &&
                ` · ${t('cases:victim.decidedByOn', {
                  by: codeText('trafficking_status_decided_by', victim.statusDecidedBy),
                  date: formatDate(victim.statusDecidedOn) || none,
                })}`}
            </Detail>
            <Detail label={t('cases:victim.exploitationTypes')}>
              {codeTexts('type_of_exploitation', victim.exploitationTypes) || none}
            </Detail>
            {victim.sexExploitationTypes.length > 0 && (
              <Detail label={t('cases:victim.sexExploitationTypes')}>
                {codeTexts('type_of_sex_exploitation', victim.sexExploitationTypes)}
              </Detail>
            )}
            <Detail label={t('cases:victim.labourSector')}>
              {codeText('forced_labour_industry', victim.labourSector) || none}
            </Detail>
            <Detail label={t('cases:victim.meansOfControl')}>
              {codeTexts('means_of_control', victim.meansOfControl) || none}
            </Detail>
            <Detail label={t('cases:victim.recruitmentMethod')}>
              {codeText('method_of_recruitment', victim.recruitmentMethod) || none}
            </Detail>
            <Detail label={t('cases:victim.ageWhenTrafficked')}>
              {victim.ageWhenTrafficked === null ? none : String(victim.ageWhenTrafficked)}
            </Detail>
            <Detail label={t('cases:victim.relationshipToTrafficker')}>
              {codeText('relationship_to_trafficker', victim.relationshipToTrafficker) || none}
            </Detail>
            <Detail label={t('cases:victim.migrationStatus')}>
              {codeText('migration_status', victim.migrationStatus) || none}
            </Detail>
          </>
        )}
        {suspect && (
          <>
            <Detail label={t('cases:suspect.rolesInProcess')}>
              {codeTexts('role_in_process', suspect.rolesInProcess) || none}
            </Detail>
            <Detail label={t('cases:suspect.charges')}>
              {suspect.charges.length > 0 ? (
                <List size="sm" spacing={2}>
                  {suspect.charges.map((code) => (
                    <List.Item key={code}>{qualificationText(qualifications, code)}</List.Item>
                  ))}
                </List>
              ) : (
                t('cases:suspect.notCharged')
              )}
            </Detail>
            {suspect.verdict && (
              <Detail label={t('cases:verdict.verdict')}>
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    {t(`cases:verdict.${suspect.verdict}`)} · {formatDate(suspect.verdictDate)}
                  </Text>
                  {suspect.sentenceMonths !== null && (
                    <Text size="sm">
                      {suspect.suspended
                        ? t('cases:verdict.sentenceSuspended', { months: suspect.sentenceMonths })
                        : t('cases:verdict.sentence', { months: suspect.sentenceMonths })}
                    </Text>
                  )}
                  {suspect.fineAmount !== null && (
                    <Text size="sm">
                      {t('cases:verdict.fine', { amount: formatAmount(suspect.fineAmount) })}
                    </Text>
                  )}
                  {suspect.compensationAmount !== null && (
                    <Text size="sm">
                      {t('cases:verdict.compensation', { amount: formatAmount(suspect.compensationAmount) })}
                    </Text>
                  )}
                  {suspect.confiscation && (
                    <Text size="sm">
                      {t('cases:verdict.confiscationText', { text: suspect.confiscation })}
                    </Text>
                  )}
                </Stack>
              </Detail>
            )}
          </>
        )}
      </Details>
      {person.historicEvents.length > 0 && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('cases:event.listTitle')}
          </Text>
          <List size="sm" spacing={4}>
            {person.historicEvents.map((event) => (
              <List.Item key={event.id}>
                <Text size="sm" span fw={500}>
                  {codeText('historic_event_type', event.type)}
                </Text>
                {[
                  [event.locality, countryText(event.country)].filter(Boolean).join(', '),
                  [formatDate(event.startDate), formatDate(event.endDate)].filter(Boolean).join(' – '),
                  event.note,
                ]
                  .filter(Boolean)
                  .map((part) => ` · ${part}`)
                  .join('')}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
