import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.js';

/** Languages the committee's interviews are most often held in; any BCP 47 tag can be stored. */
const COMMON_LANGUAGES = [
  'zh-Hant',
  'zh-Hans',
  'yue',
  'en',
  'pt',
  'tl',
  'vi',
  'id',
  'th',
  'my',
  'km',
  'ne',
  'ru',
  'uk',
  'es',
  'fr',
] as const;

/** A language's name in the reader's language; the code itself where the browser has no name for it. */
export function languageName(code: string, reader: string = currentLanguage()): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The interview language, chosen by name and stored as its code. */
export function InterviewLanguageField({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t } = useTranslation(['cases']);
  const reader = currentLanguage();
  const data = COMMON_LANGUAGES.map((code) => ({ value: code, label: languageName(code, reader) }));
  return (
    <Select
      label={t('cases:screening.interviewLanguage')}
      description={t('cases:screening.interviewLanguageDescription')}
      placeholder={t('cases:screening.interviewLanguageNone')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      maw={320}
    />
  );
}
