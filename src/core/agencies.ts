// Kinds of member agencies of an anti-trafficking committee (labels: locales, `agency.kind.<kind>`).
export const agencyKinds = [
  'police',
  'prosecution',
  'court',
  'labour',
  'social_welfare',
  'health',
  'customs',
  'immigration',
  'ngo',
  'secretariat',
  'other',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];
