import { Box, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passwordStrength, type PasswordStrength } from '../../../../src/core/password-policy.js';

const colours: Record<PasswordStrength, string> = {
  0: 'red',
  1: 'orange',
  2: 'yellow',
  3: 'teal',
  4: 'green',
};

/**
 * How hard the new password is to guess, as it is typed (ASVS 2.1.8). The server's own rule
 * rates it, so a password the server would refuse always reads "not accepted" here.
 */
export function PasswordStrengthMeter({ password, avoid }: { password: string; avoid: string[] }) {
  const { t } = useTranslation(['web', 'common']);
  if (!password) return null;
  const score = passwordStrength(password, avoid);
  const label = t('common:passwordStrength.label');
  const word = t(`common:passwordStrength.${score}`);
  return (
    <Box
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={4}
      aria-valuenow={score}
      aria-valuetext={word}
      data-testid="password-strength"
    >
      <Progress value={score * 25} color={colours[score]} size="sm" aria-hidden />
      <Text size="xs" c="dimmed" mt={4} aria-hidden>
        {label}: {word}
      </Text>
    </Box>
  );
}
