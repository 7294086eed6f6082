import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../../src/core/languages.js';
import { currentLanguage, i18next } from '../../i18n/i18n.js';
import { useSwitchLanguage } from './use-switch-language.js';

/** Each language is offered under its own name, so that anyone can find theirs. */
export const endonym = (language: Language) => i18next.t(`common:language.${language}`, { lng: language });

export function LanguageMenu() {
  const { t } = useTranslation(['web', 'common']);
  const switchLanguage = useSwitchLanguage();
  const active = currentLanguage();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.changeCurrent', { language: endonym(active) })}
        >
          {endonym(active)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => void switchLanguage(language)}
            rightSection={language === active ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={language === active ? 'true' : undefined}
          >
            {endonym(language)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
