// Names are compared after normalisation so that "CHAN Tai-man", "Chan Tai Man" and
// "Tai Man Chan" match: Unicode compatibility forms folded, accents and case dropped,
// hyphens and punctuation turned into spaces, and the parts sorted (the order of family
// and given names varies between documents and cultures).

export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  const text = parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return text ? text.split(' ').sort() : [];
}

export function normalisedName(...parts: (string | null | undefined)[]): string {
  return nameTokens(...parts).join(' ');
}

/**
 * What a probable-duplicate key is made of: name, birth date and identity number, normalised.
 * A name alone is no key: common names would match strangers, and a match on a name alone
 * would tell anyone who types a name that such a person is on record.
 */
export function duplicateKeyMaterial(person: {
  givenNames?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  identityNumber?: string | null;
}): string | null {
  const name = normalisedName(person.givenNames, person.familyName);
  const identity = (person.identityNumber ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!name || (!person.birthDate && !identity)) return null;
  return [name, person.birthDate ?? '', identity].join('|');
}
