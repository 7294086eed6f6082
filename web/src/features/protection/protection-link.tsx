import { IconHeartHandshake } from '@tabler/icons-react';
import { RouterButton } from '../../components/router-links.js';

/** The way to a victim's protection page, from the case or from an answered referral. */
export function ProtectionLink({
  caseId,
  casePersonId,
  label,
  name,
}: {
  caseId: string;
  casePersonId: string;
  label: string;
  /** The accessible name, naming the person by pseudonym. */
  name: string;
}) {
  return (
    <RouterButton
      size="xs"
      variant="light"
      color="teal"
      leftSection={<IconHeartHandshake size={16} aria-hidden />}
      to="/cases/$caseId/victims/$casePersonId"
      params={{ caseId, casePersonId }}
      aria-label={name}
    >
      {label}
    </RouterButton>
  );
}
