import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldHalfFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The application's mark, name and tagline at the head of a screen. Inside the application the
 * name is the banner's heading and the tagline gives way on a phone; on the sign-in screen,
 * whose form carries the page's heading, the name is plain text and the tagline always shows.
 */
export function AppBrand({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation('web');
  return (
    <>
      <ThemeIcon size={36} radius="md" aria-hidden>
        <IconShieldHalfFilled size={22} />
      </ThemeIcon>
      <Stack gap={0}>
        {signedIn ? (
          <Title order={2} size="h4" lh={1.2}>
            {t('app.name')}
          </Title>
        ) : (
          <Text fw={600} size="lg" lh={1.2}>
            {t('app.name')}
          </Text>
        )}
        <Text size="xs" c="dimmed" visibleFrom={signedIn ? 'sm' : undefined} lh={1.3}>
          {t('app.tagline')}
        </Text>
      </Stack>
    </>
  );
}
