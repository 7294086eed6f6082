import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../../../../src/core/languages.js';
import { notifySuccess } from '../../components/notify.js';
import { PageHeader } from '../../components/page-header.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { endonym } from '../session/language-menu.js';
import { sessionApi } from '../session/session.api.js';
import { applySession, useSignedInSession } from '../session/session.js';
import { useSignOutEverywhere } from '../session/use-sign-out.js';
import { useSwitchLanguage } from '../session/use-switch-language.js';
import { PasswordChangeForm } from './password-change.form.js';
import { RecoveryCodes } from './recovery-codes.js';
import { TwoFactorEnrolment } from './two-factor-enrolment.js';
import { Dialog } from '../../components/dialog.js';

export function AccountPage() {
  const { t } = useTranslation(['web', 'common']);
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const switchLanguage = useSwitchLanguage();
  const { user } = session;

  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.intro')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('account.profile')}>
          <Stack gap="sm">
            <Detail label={t('account.name')}>{user.name}</Detail>
            <Detail label={t('account.email')}>{user.email}</Detail>
            <Detail label={t('account.agency')}>{user.agency.code}</Detail>
            <Detail label={t('account.roles')}>
              <Group gap={6}>
                {user.roles.map((role) => (
                  <Badge key={role} variant="light">
                    {t(`common:role.${role}`)}
                  </Badge>
                ))}
              </Group>
            </Detail>
            <Select
              label={t('language.label')}
              description={t('account.languageDescription')}
              data={languages.map((language) => ({ value: language, label: endonym(language) }))}
              value={currentLanguage()}
              allowDeselect={false}
              onChange={(value) => {
                if (isLanguage(value)) void switchLanguage(value);
              }}
              maw={320}
            />
          </Stack>
        </Section>

        <Section title={t('account.twoFactor')}>
          <TwoFactorSection enabled={user.twoFactorEnabled} />
        </Section>

        <Section title={t('account.password')}>
          <PasswordChangeForm
            submitLabel={t('passwordChange.submit')}
            onChanged={(view) => {
              applySession(queryClient, view);
              notifySuccess(t('account.passwordChanged'));
            }}
          />
        </Section>

        <Section title={t('account.sessions')}>
          <SignOutEverywhere />
        </Section>
      </SimpleGrid>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section">
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" fw={500}>
        {children}
      </Text>
    </div>
  );
}

function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation(['web', 'common']);
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const finish = async () => {
    applySession(queryClient, await sessionApi.current());
    setRecoveryCodes(null);
    close();
    notifySuccess(t('account.twoFactorEnabled'));
  };

  return (
    <Stack gap="sm" align="flex-start">
      <Badge
        color={enabled ? 'green' : 'gray'}
        variant="light"
        leftSection={enabled ? <IconShieldCheck size={14} aria-hidden /> : null}
      >
        {enabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}
      </Badge>
      <Text size="sm">{enabled ? t('account.twoFactorOnText') : t('account.twoFactorOffText')}</Text>
      {!enabled && <Button onClick={open}>{t('account.twoFactorSetUp')}</Button>}
      <Dialog
        opened={opened}
        // Once the codes are shown, the dialog closes only through "Continue", so they are not lost.
        onClose={recoveryCodes ? () => undefined : close}
        withCloseButton={!recoveryCodes}
        closeOnEscape={!recoveryCodes}
        closeOnClickOutside={!recoveryCodes}
        title={recoveryCodes ? t('recoveryCodes.title') : t('enrolment.title')}
        size="md"
      >
        {recoveryCodes ? (
          <Stack>
            <Text size="sm">{t('recoveryCodes.intro')}</Text>
            <RecoveryCodes codes={recoveryCodes} onDone={finish} />
          </Stack>
        ) : (
          <TwoFactorEnrolment onEnrolled={setRecoveryCodes} />
        )}
      </Dialog>
    </Stack>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation(['web', 'common']);
  const [opened, { open, close }] = useDisclosure(false);
  const signOutEverywhere = useSignOutEverywhere();
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">{t('account.sessionsText')}</Text>
      <Button variant="light" color="red" leftSection={<IconLogout size={18} aria-hidden />} onClick={open}>
        {t('account.signOutEverywhere')}
      </Button>
      <Dialog opened={opened} onClose={close} title={t('account.signOutEverywhere')}>
        <Stack>
          <Text size="sm">{t('account.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('action.cancel')}
            </Button>
            <Button
              color="red"
              loading={signOutEverywhere.isPending}
              onClick={() => signOutEverywhere.mutate()}
            >
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}
