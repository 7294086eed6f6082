import { useState } from 'react';

type Reloading<R, Values> = {
  /** Reads the record again; undefined when it is gone. */
  read: (record: NonNullable<R>) => Promise<NonNullable<R> | undefined>;
  /** The record's values as the form holds them. */
  valuesOf: (record: NonNullable<R>) => Values;
  /** The record is gone meanwhile: the form closes. */
  onGone: () => void;
};

/**
 * The record a form edits, as last read (null for a new one): a change is sent with its version,
 * and refused (409) when someone else changed the record meanwhile. `reload` then reads it again
 * and shows it as it now is, its values in the form and the refusal gone, for the person to apply
 * their change again on it.
 */
export function useRecordAsRead<R, Values>(record: R, { read, valuesOf, onGone }: Reloading<R, Values>) {
  const [base, setBase] = useState(record);
  const reload = async (form: { reset: (values: Values) => void }, request: { reset: () => void }) => {
    if (base === null || base === undefined) return;
    const fresh = await read(base);
    if (!fresh) return onGone();
    setBase(fresh);
    form.reset(valuesOf(fresh));
    request.reset();
  };
  return [base, reload] as const;
}
