import type { AgencyKind } from '../agencies.js';
import type { TraffickingStatusDecidedBy } from './case.codes.js';
import type { Code, CodeList } from './code-list.js';

/**
 * Labels and mappings for the agency kinds of `core/agencies.ts`, which stays the one definition of
 * which kinds exist; the `satisfies` below keeps this list from naming a kind that is not there.
 */
export const AGENCY_KIND = {
  id: 'agency_kind',
  version: '1',
  codes: [
    { code: 'police', label: { en: 'Police', 'zh-Hant': '警察', pt: 'Polícia' } },
    { code: 'prosecution', label: { en: 'Prosecution', 'zh-Hant': '檢察', pt: 'Ministério Público' } },
    { code: 'court', label: { en: 'Court', 'zh-Hant': '法院', pt: 'Tribunal' } },
    { code: 'labour', label: { en: 'Labour', 'zh-Hant': '勞工', pt: 'Trabalho' } },
    { code: 'social_welfare', label: { en: 'Social welfare', 'zh-Hant': '社會福利', pt: 'Ação social' } },
    { code: 'health', label: { en: 'Health', 'zh-Hant': '衞生', pt: 'Saúde' } },
    { code: 'customs', label: { en: 'Customs', 'zh-Hant': '海關', pt: 'Alfândega' } },
    { code: 'immigration', label: { en: 'Immigration', 'zh-Hant': '出入境', pt: 'Imigração' } },
    {
      code: 'ngo',
      label: {
        en: 'Non-governmental organisation',
        'zh-Hant': '非政府組織',
        pt: 'Organização não governamental',
      },
    },
    {
      code: 'secretariat',
      label: { en: 'Committee secretariat', 'zh-Hant': '委員會秘書處', pt: 'Secretariado da comissão' },
    },
    { code: 'other', label: { en: 'Other', 'zh-Hant': '其他', pt: 'Outro' } },
  ],
} as const satisfies Omit<CodeList, 'codes'> & { codes: readonly (Code & { code: AgencyKind })[] };

/**
 * Which HTCDS decision-making organisation an agency's determination of trafficking status counts as, so
 * the form need not ask it again.
 */
export const DECIDED_BY_OF_AGENCY_KIND: Readonly<Record<AgencyKind, TraffickingStatusDecidedBy>> = {
  police: 'police',
  prosecution: 'court_or_prosecution',
  court: 'court_or_prosecution',
  labour: 'other_government',
  social_welfare: 'other_government',
  health: 'other_government',
  customs: 'other_government',
  immigration: 'other_government',
  ngo: 'ngo',
  secretariat: 'other_government',
  other: 'other',
};
