import type { Language } from '../languages.js';
import { codeList, type CodeListId } from '../vocabularies/code-list.registry.js';
import { countryName } from '../vocabularies/countries.js';
import type { LocalizedLabel } from '../vocabularies/localized-label.js';

// The values of the indicator engine's dimensions are codes (src/modules/statistics); people
// read them as words. Most come from a code list; the engine's own groupings (child/adult, the
// CTDC families, sentence bands) are labelled here. Stage and agency are labelled by the
// caller (the case stages' catalogue, the agencies' own names).

const LIST_OF: Readonly<Record<string, CodeListId>> = {
  sex: 'gender',
  ageBand: 'age_band',
  form: 'type_of_exploitation',
  sector: 'forced_labour_industry',
  sexType: 'type_of_sex_exploitation',
  kind: 'service_kind',
};

const l = (en: string, zh: string, pt: string): LocalizedLabel => ({ en, 'zh-Hant': zh, pt });

const OWN: Readonly<Record<string, Readonly<Record<string, LocalizedLabel>>>> = {
  ageGroup: {
    child: l('Child (under 18)', '兒童（未滿18歲）', 'Criança (menos de 18 anos)'),
    adult: l('Adult', '成年人', 'Adulto'),
  },
  formFamily: {
    sexual_exploitation: l('Sexual exploitation', '性剝削', 'Exploração sexual'),
    forced_labour: l('Forced labour', '強迫勞動', 'Trabalho forçado'),
    other: l('Other forms of exploitation', '其他剝削形式', 'Outras formas de exploração'),
  },
  sentenceBand: {
    under_1y: l('Under 1 year', '未滿1年', 'Menos de 1 ano'),
    '1_3y': l('1 to 3 years', '1至3年', '1 a 3 anos'),
    '3_5y': l('3 to 5 years', '3至5年', '3 a 5 anos'),
    '5_10y': l('5 to 10 years', '5至10年', '5 a 10 anos'),
    '10y_plus': l('10 years or more', '10年或以上', '10 anos ou mais'),
  },
  suspended: { yes: l('Suspended', '緩刑', 'Suspensa'), no: l('Not suspended', '非緩刑', 'Não suspensa') },
  status: {
    sent: l('Sent', '已發出', 'Enviado'),
    accepted: l('Accepted', '已接納', 'Aceite'),
    declined: l('Declined', '已拒絕', 'Recusado'),
    completed: l('Completed', '已完成', 'Concluído'),
  },
  means: {
    debt_bondage_earnings: l(
      'Debt bondage or earnings taken',
      '債務束縛或收入被奪',
      'Servidão por dívidas ou retenção de ganhos',
    ),
    threats: l('Threats', '威脅', 'Ameaças'),
    abuse: l(
      'Psychological, physical or sexual abuse',
      '心理、身體或性虐待',
      'Abuso psicológico, físico ou sexual',
    ),
    false_promises: l('False promises', '虛假承諾', 'Falsas promessas'),
    drugs_alcohol: l('Drugs or alcohol', '毒品或酒精', 'Drogas ou álcool'),
    deny_basic_needs: l('Basic needs denied', '剝奪基本需要', 'Privação de necessidades básicas'),
    excessive_work_hours: l('Excessive working hours', '工作時間過長', 'Horário de trabalho excessivo'),
    withhold_documents: l('Documents withheld', '扣留證件', 'Retenção de documentos'),
  },
  recruiter: {
    intimate_partner: l('Intimate partner', '親密伴侶', 'Parceiro íntimo'),
    friend: l('Friend', '朋友', 'Amigo'),
    family: l('Family member', '家庭成員', 'Familiar'),
    other: l('Other', '其他', 'Outro'),
  },
  duration: {
    '0--12 (0-1 yr)': l('Up to 1 year', '1年或以下', 'Até 1 ano'),
    '13--24 (1-2 yrs)': l('1 to 2 years', '1至2年', '1 a 2 anos'),
    '25+ (2+ yrs)': l('More than 2 years', '2年以上', 'Mais de 2 anos'),
  },
};

/** The dimensions whose values are countries (ISO 3166 alpha-3). */
export const countryDimensions: ReadonlySet<string> = new Set(['nationality', 'countryOfExploitation']);

/**
 * A dimension value in words, or undefined when this module does not label the dimension
 * (stage, agency) or does not know the value (a retired code): the caller then shows it as
 * its own label or as stored.
 */
export function dimensionValueText(dimension: string, value: string, language: Language): string | undefined {
  if (countryDimensions.has(dimension)) return countryName(value, language);
  const own = OWN[dimension]?.[value];
  if (own) return own[language];
  const list = LIST_OF[dimension];
  if (!list) return undefined;
  return codeList(list).codes.find((c) => c.code === value)?.label[language];
}
