import { Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { agenciesQuery } from '../features/agencies/agencies.api.js';
import { currentLanguage } from '../i18n/i18n.js';

/**
 * An agency by its short name (its code, e.g. PJ, IAS) in lists and timelines, with its full
 * name in the language on screen on hover and for screen readers. The agencies' list is cached;
 * a code not in it shows as it is.
 */
export function AgencyLabel({
  code,
  id,
}: {
  code?: string | null | undefined;
  id?: string | null | undefined;
}) {
  const agencies = useQuery({ ...agenciesQuery, staleTime: 5 * 60_000 });
  const agency = agencies.data?.find((a) => (id ? a.id === id : a.code === code));
  const short = agency?.code ?? code ?? '';
  if (!agency) return <span>{short}</span>;
  const full = agency.names[currentLanguage()];
  return (
    <Tooltip label={full} withArrow>
      <abbr title={full} style={{ textDecoration: 'none', cursor: 'help' }}>
        {short}
      </abbr>
    </Tooltip>
  );
}
