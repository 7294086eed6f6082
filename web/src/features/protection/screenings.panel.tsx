import { Alert, Badge, Stack, Text } from '@mantine/core';
import { dateColumn, unsortedColumn } from '../../components/table-columns.js';
import { IconClipboardCheck, IconMoodKid } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterButton } from '../../components/router-links.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatDate } from '../cases/case-labels.js';
import { SectionCard } from '../../components/section-card.js';
import { languageName } from './interview-language.js';
import { catalogueQuery, screeningContextQuery, screeningsQuery, type Screening } from './protection.api.js';
import { ScreeningResult } from './screening-result.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';

/** The latest screening with its reasons, and every earlier one. */
export function ScreeningsPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const screenings = useQuery(screeningsQuery(caseId, victim.id));
  const catalogue = useQuery(catalogueQuery);
  // Only those who may screen are told the age from the sealed birth date.
  const context = useQuery(screeningContextQuery(caseId, victim.id, mayWrite));
  const language = currentLanguage();
  const all = [...(screenings.data ?? [])].sort(
    (a, b) => b.screenedOn.localeCompare(a.screenedOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
  const latest = all[0];
  const listLabel = (id: string) =>
    catalogue.data?.lists.find((list) => list.id === id)?.label[language] ?? id;

  const columns: ColumnDef<Screening>[] = [
    dateColumn('date', t('cases:screening.screenedOn'), (s) => s.screenedOn),
    { id: 'list', header: t('cases:screening.list'), accessorFn: (s) => listLabel(s.list) },
    unsortedColumn('result', t('cases:screening.result'), (s) => <ResultBadge screening={s} />),
    unsortedColumn(
      'positive',
      t('cases:screening.positiveShort'),
      (s) => s.result.positiveDimensions.join(', ') || t('cases:none'),
    ),
    { id: 'by', header: t('cases:screening.by'), accessorFn: (s) => s.screenedBy?.name ?? '' },
  ];

  return (
    <SectionCard
      id="screening"
      title={t('cases:protection.screening')}
      action={
        mayWrite && (
          <RouterButton
            to="/cases/$caseId/victims/$casePersonId/screening"
            params={{ caseId: caseId, casePersonId: victim.id }}
            leftSection={<IconClipboardCheck size={18} aria-hidden />}
            variant="light"
          >
            {t('cases:screening.new')}
          </RouterButton>
        )
      }
    >
      <Stack gap="md">
        <ProblemAlert error={screenings.error} />
        {screenings.data?.length === 0 && context.data?.under18 === true && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconMoodKid aria-hidden />}
            title={t('cases:screening.under18Title', { pseudonym: victim.person.pseudonym })}
            data-testid="under-18-prompt"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {t('cases:screening.under18Prompt', { pseudonym: victim.person.pseudonym })}
              </Text>
              <RouterButton
                to="/cases/$caseId/victims/$casePersonId/screening"
                params={{ caseId: caseId, casePersonId: victim.id }}
                size="xs"
                color="orange"
              >
                {t('cases:screening.under18Action')}
              </RouterButton>
            </Stack>
          </Alert>
        )}
        {latest ? (
          <>
            <Text size="sm" c="dimmed">
              {t('cases:screening.latest', {
                date: formatDate(latest.screenedOn),
                list: listLabel(latest.list),
                name: latest.screenedBy?.name ?? t('cases:none'),
                version: latest.catalogueVersion,
              })}
            </Text>
            <ScreeningResult
              outcome={latest.result}
              child={latest.child}
              catalogue={catalogue.data}
              label={t('cases:screening.latestTable')}
            />
            <InterviewDetails screening={latest} />
          </>
        ) : (
          !screenings.isPending && <Text c="dimmed">{t('cases:screening.none')}</Text>
        )}
        {all.length > 1 && (
          <DataTable
            label={t('cases:screening.history')}
            columns={columns}
            rows={all}
            rowId={(s) => s.id}
            empty=""
            minWidth={640}
          />
        )}
      </Stack>
    </SectionCard>
  );
}

function ResultBadge({ screening }: { screening: Screening }) {
  const { t } = useTranslation(['cases']);
  const { presumedVictim } = screening.result;
  if (presumedVictim === true)
    return (
      <Badge color="orange" variant="light" style={plainBadge}>
        {t('cases:screening.presumed')}
      </Badge>
    );
  if (presumedVictim === false)
    return (
      <Badge color="gray" variant="light" style={plainBadge}>
        {t('cases:screening.notPresumed')}
      </Badge>
    );
  return (
    <Badge color="yellow" variant="light" style={plainBadge}>
      {t('cases:screening.incompleteResult')}
    </Badge>
  );
}

/** How the interview was held, and what was observed (the server sends notes only to those who work the victim). */
function InterviewDetails({ screening }: { screening: Screening }) {
  const { t } = useTranslation(['cases']);
  const { interviewLanguage, interpreter, notes } = screening;
  if (interviewLanguage === null && interpreter === null && notes === null) return null;
  const how = [
    interviewLanguage && t('cases:screening.interviewIn', { language: languageName(interviewLanguage) }),
    interpreter === true && t('cases:screening.interviewWithInterpreter'),
    interpreter === false && t('cases:screening.interviewWithoutInterpreter'),
  ].filter(Boolean);
  return (
    <Stack gap={4} data-testid="screening-interview">
      {how.length > 0 && <Text size="sm">{how.join(' ')}</Text>}
      {notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t('cases:screening.observations', { notes })}
        </Text>
      )}
    </Stack>
  );
}
