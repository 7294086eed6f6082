import {
  Checkbox,
  MultiSelect,
  NumberInput,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  type CheckboxGroupProps,
  type CheckboxProps,
  type NumberInputProps,
  type MultiSelectProps,
  type SelectProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CodeListId } from '../../../src/core/vocabularies/code-list.registry.js';
import { agenciesQuery } from '../features/agencies/agencies.api.js';
import { agencyOptions, codeOptions, today } from '../features/cases/case-labels.js';
import { CountriesField, CountryField } from './country.js';

// Fields bound by name to the form of the FormDialog around them (react-hook-form's context):
// each shows its own error, in the language on screen, and says "no match" in it too.

type Option = { value: string; label: string };
type Named = { name: string; label: ReactNode };
/** The options, or a code list whose labels are read in the language on screen. */
type Choices = { data: readonly Option[]; codeList?: never } | { codeList: CodeListId; data?: never };

const choices = (props: Choices): Option[] =>
  props.codeList ? codeOptions(props.codeList) : [...props.data];

/**
 * A field held by the form: its value and change, and what every input takes from it — the
 * blur that marks it touched, the ref that focuses it on an error, and the error's message.
 */
function useBound(name: string) {
  const { field, fieldState } = useController({ name });
  return { field, bound: { onBlur: field.onBlur, ref: field.ref, error: fieldState.error?.message } };
}

/** One choice; an empty choice is the empty string in the form's values. */
export function SelectField({
  name,
  codeList,
  data,
  ...rest
}: Named & Choices & Omit<SelectProps, 'data' | 'value' | 'onChange' | 'name'>) {
  const { t } = useTranslation('web');
  const { field, bound } = useBound(name);
  return (
    <Select
      nothingFoundMessage={rest.searchable ? t('table.noMatch') : undefined}
      {...rest}
      data={choices({ codeList, data } as Choices)}
      value={(field.value as string) || null}
      onChange={(value) => field.onChange(value ?? '')}
      {...bound}
    />
  );
}

export function MultiSelectField({
  name,
  codeList,
  data,
  ...rest
}: Named & Choices & Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'name'>) {
  const { t } = useTranslation('web');
  const { field, bound } = useBound(name);
  return (
    <MultiSelect
      searchable
      clearable
      nothingFoundMessage={t('table.noMatch')}
      {...rest}
      data={choices({ codeList, data } as Choices)}
      value={field.value as string[]}
      onChange={field.onChange}
      {...bound}
    />
  );
}

/**
 * An agency of the form, chosen by code or name among those in use; the agencies are read
 * when the field first shows (its form's dialog is open, and the reader may list agencies).
 */
export function AgencySelectField(props: Named & Omit<SelectProps, 'data' | 'value' | 'onChange' | 'name'>) {
  const agencies = useQuery(agenciesQuery);
  return <SelectField searchable {...props} data={agencyOptions(agencies.data ?? [])} />;
}

/** Several choices as checkboxes, in columns on a wide screen. */
export function CheckboxesField({
  name,
  codeList,
  data,
  columns = 2,
  ...rest
}: Named & Choices & { columns?: number } & Omit<CheckboxGroupProps, 'value' | 'onChange' | 'children'>) {
  const { field, bound } = useBound(name);
  return (
    <Checkbox.Group {...rest} value={field.value as string[]} onChange={field.onChange} error={bound.error}>
      <SimpleGrid cols={{ base: 1, sm: columns }} spacing="xs" mt="xs">
        {choices({ codeList, data } as Choices).map((option, index) => (
          <Checkbox
            key={option.value}
            value={option.value}
            label={option.label}
            ref={index === 0 ? field.ref : undefined}
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

/** One choice among a few, each with a line that says what it means. */
export function RadioField({
  name,
  label,
  options,
  required,
  inline,
}: Named & {
  options: readonly (Option & { description?: string })[];
  required?: boolean;
  inline?: boolean;
}) {
  const { field, bound } = useBound(name);
  const Layout = inline ? Group : Stack;
  return (
    <Radio.Group
      label={label}
      required={required}
      value={field.value as string}
      onChange={field.onChange}
      error={bound.error}
    >
      <Layout gap={inline ? 'lg' : 'xs'} mt="xs">
        {options.map((option, index) => (
          <Radio
            key={option.value}
            value={option.value}
            label={option.label}
            description={option.description}
            ref={index === 0 ? field.ref : undefined}
          />
        ))}
      </Layout>
    </Radio.Group>
  );
}

function useRegistered(name: string) {
  const { register, getFieldState, formState } = useFormContext();
  return { ...register(name), error: getFieldState(name, formState).error?.message };
}

export function TextField({ name, ...rest }: Named & Omit<TextInputProps, 'name'>) {
  return <TextInput {...rest} {...useRegistered(name)} />;
}

/** A calendar day; none after today unless said otherwise. */
export function DateField({ name, max = today(), ...rest }: Named & Omit<TextInputProps, 'name' | 'type'>) {
  return <TextInput type="date" max={max} {...rest} {...useRegistered(name)} />;
}

export function TextareaField({ name, ...rest }: Named & Omit<TextareaProps, 'name'>) {
  return <Textarea autosize minRows={2} maxRows={6} {...rest} {...useRegistered(name)} />;
}

/** A whole number; an empty box is the empty string in the form's values. */
export function NumberField({
  name,
  ...rest
}: Named & Omit<NumberInputProps, 'name' | 'value' | 'onChange'>) {
  const { field, bound } = useBound(name);
  return (
    <NumberInput
      allowDecimal={false}
      allowNegative={false}
      {...rest}
      value={field.value as number | string}
      onChange={field.onChange}
      {...bound}
    />
  );
}

export function CheckboxField({
  name,
  ...rest
}: Named & Omit<CheckboxProps, 'name' | 'checked' | 'onChange'>) {
  const { field, bound } = useBound(name);
  return (
    <Checkbox
      {...rest}
      checked={field.value as boolean}
      onChange={(event) => field.onChange(event.currentTarget.checked)}
      {...bound}
    />
  );
}

/** A country of the form, chosen by name (typing a name in any language or the ISO code). */
export function CountrySelectField({
  name,
  label,
  description,
}: Named & { label: string; description?: string }) {
  const { field, bound } = useBound(name);
  return (
    <CountryField
      label={label}
      {...(description ? { description } : {})}
      value={(field.value as string) || null}
      onChange={(code) => field.onChange(code ?? '')}
      onBlur={bound.onBlur}
      error={bound.error}
    />
  );
}

/** Several countries of the form (citizenship), chosen by name; at most `max`. */
export function CountriesSelectField({
  name,
  label,
  description,
  max,
}: Named & { label: string; description?: string; max?: number }) {
  const { field, bound } = useBound(name);
  return (
    <CountriesField
      label={label}
      {...(description ? { description } : {})}
      {...(max ? { max } : {})}
      value={(field.value as string[]) ?? []}
      onChange={field.onChange}
      onBlur={bound.onBlur}
      error={bound.error}
    />
  );
}
