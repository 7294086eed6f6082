import type { LocalizedLabel } from '../vocabularies/localized-label.js';

/**
 * The offences a case can be qualified under. A case carries its qualifications, and they change as it
 * moves from the police to the prosecution to the court: a trafficking report is often charged as pimping
 * or exploitation of prostitution instead, which is why these offences are on the list at all.
 */
export type LegalQualification = {
  code: string;
  /** The instrument, e.g. `Penal Code` or `Law 6/97/M`. */
  law: string;
  /** Article, with the paragraph in brackets where the qualification is one paragraph of it. */
  article: string;
  /** The law that wrote the article into `law`, when that is not the original text. */
  introducedBy?: string;
  label: LocalizedLabel;
  /** Counts as a trafficking offence in statistics and in the figures sent abroad. */
  trafficking: boolean;
};

/**
 * Seed list for the Macao SAR profile. Penal Code = the Macao Penal Code approved by Decree-Law 58/95/M.
 * Other jurisdictions seed their own list; an administrator edits it in the database.
 */
export const macaoLegalQualifications = [
  {
    code: 'mo_pc_153a',
    law: 'Penal Code',
    article: '153-A',
    introducedBy: 'Law 6/2008',
    label: { en: 'Trafficking in persons', 'zh-Hant': '販賣人口', pt: 'Tráfico de pessoas' },
    trafficking: true,
  },
  {
    code: 'mo_pc_153a_minor',
    law: 'Penal Code',
    article: '153-A(2)',
    introducedBy: 'Law 6/2008',
    label: {
      en: 'Trafficking in persons: minor victim',
      'zh-Hant': '販賣人口（被害人為未成年人）',
      pt: 'Tráfico de pessoas: vítima menor',
    },
    trafficking: true,
  },
  {
    // Selling or acquiring a minor, or consenting to their adoption, for payment. It sits in the trafficking
    // article but needs no purpose of exploitation, so it is not trafficking under the Palermo Protocol
    // and is kept out of the trafficking figures sent abroad.
    code: 'mo_pc_153a_sale_of_minor',
    law: 'Penal Code',
    article: '153-A',
    introducedBy: 'Law 6/2008',
    label: {
      en: 'Sale of a minor, or consent to their adoption, for payment',
      'zh-Hant': '有償出讓或取得未成年人，或同意其被收養',
      pt: 'Cedência ou aquisição de menor, ou consentimento na sua adoção, mediante contrapartida',
    },
    trafficking: false,
  },
  {
    code: 'mo_pc_163',
    law: 'Penal Code',
    article: '163',
    label: { en: 'Pimping', 'zh-Hant': '淫媒', pt: 'Lenocínio' },
    trafficking: false,
  },
  {
    code: 'mo_pc_169a',
    law: 'Penal Code',
    article: '169-A',
    introducedBy: 'Law 8/2017',
    label: {
      en: 'Use of prostitution of a minor',
      'zh-Hant': '利用未成年人賣淫',
      pt: 'Recurso à prostituição de menor',
    },
    trafficking: false,
  },
  {
    code: 'mo_pc_170',
    law: 'Penal Code',
    article: '170',
    label: { en: 'Pimping of minors', 'zh-Hant': '作未成年人之淫媒', pt: 'Lenocínio de menor' },
    trafficking: false,
  },
  {
    code: 'mo_l6_97_m_8',
    law: 'Law 6/97/M',
    article: '8',
    label: {
      en: 'Exploitation of prostitution',
      'zh-Hant': '操縱賣淫',
      pt: 'Exploração de prostituição',
    },
    trafficking: false,
  },
] as const satisfies readonly LegalQualification[];

export type MacaoLegalQualificationCode = (typeof macaoLegalQualifications)[number]['code'];

/** The codes that count as trafficking offences, for statistics queries. */
export function traffickingQualificationCodes(list: readonly LegalQualification[]): string[] {
  return list.filter((qualification) => qualification.trafficking).map((qualification) => qualification.code);
}
