import { MultiSelect, Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { COUNTRIES, countryName, searchCountries } from '../../../src/core/vocabularies/countries.js';
import { currentLanguage } from '../i18n/i18n.js';

// Countries and nationalities are kept as ISO 3166 alpha-3 codes and read by name in the
// language on screen; the fields search as one types, by a name in any of the three languages
// or by the code itself, so "PHL", "Filipinas" and "菲律賓" all find the Philippines.

/** A country's name in the language on screen (an unknown code as it is). */
export function countryText(code: string | null | undefined): string {
  return code ? countryName(code, currentLanguage()) : '';
}

/** Several countries by name, separated as the language separates list items. */
export function countriesText(codes: readonly string[]): string {
  return codes.map(countryText).join(currentLanguage() === 'zh-Hant' ? '、' : ', ');
}

/** Shows a stored country code as its name, the code in a tooltip for those who know codes. */
export function CountryName({ code }: { code: string }) {
  return <span title={code}>{countryText(code)}</span>;
}

function countryOptions(): ComboboxItem[] {
  const language = currentLanguage();
  return [...COUNTRIES]
    .sort((a, b) => a.name[language].localeCompare(b.name[language], language))
    .map((c) => ({ value: c.alpha3, label: c.name[language] }));
}

const filter: OptionsFilter = ({ options, search, limit }) => {
  const wanted = new Set(searchCountries(search, currentLanguage(), limit).map((c) => c.alpha3));
  if (search.trim() === '') return options.slice(0, limit);
  const byValue = new Map((options as ComboboxItem[]).map((o) => [o.value, o]));
  return [...wanted].map((v) => byValue.get(v)).filter((o): o is ComboboxItem => o !== undefined);
};

type FieldProps = {
  label: string;
  description?: string;
  error?: string | undefined;
  required?: boolean;
};

/** One country: a searchable select whose value is the alpha-3 code (or null). */
export function CountryField({
  value,
  onChange,
  ...props
}: FieldProps & { value: string | null; onChange: (code: string | null) => void; onBlur?: () => void }) {
  return (
    <Select
      {...props}
      data={countryOptions()}
      value={value || null}
      onChange={onChange}
      searchable
      clearable
      filter={filter}
      limit={30}
      nothingFoundMessage="—"
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}

/** Several countries (citizenship): at most `max`, values alpha-3 codes. */
export function CountriesField({
  value,
  onChange,
  max,
  ...props
}: FieldProps & { value: string[]; onChange: (codes: string[]) => void; max?: number; onBlur?: () => void }) {
  return (
    <MultiSelect
      {...props}
      data={countryOptions()}
      value={value}
      onChange={onChange}
      searchable
      clearable
      filter={filter}
      limit={30}
      maxValues={max}
      hidePickedOptions
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
