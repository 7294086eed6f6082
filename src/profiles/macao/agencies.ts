import type { AgencyCreate } from '../../modules/access/access.schemas.js';

// Member bodies of Macao's Human Trafficking Deterrent Measures Concern Committee and
// the agencies it works with (see shared reference: macao.md).
export const macaoAgencies: AgencyCreate[] = [
  {
    code: 'PJ',
    kind: 'police',
    names: { en: 'Judiciary Police', 'zh-Hant': '司法警察局', pt: 'Polícia Judiciária' },
  },
  {
    code: 'CPSP',
    kind: 'police',
    names: {
      en: 'Public Security Police Force',
      'zh-Hant': '治安警察局',
      pt: 'Corpo de Polícia de Segurança Pública',
    },
  },
  {
    code: 'MIG',
    kind: 'immigration',
    names: {
      en: 'Immigration Department (CPSP)',
      'zh-Hant': '治安警察局出入境事務廳',
      pt: 'Serviço de Migração (CPSP)',
    },
  },
  {
    code: 'MP',
    kind: 'prosecution',
    names: { en: 'Public Prosecutions Office', 'zh-Hant': '檢察院', pt: 'Ministério Público' },
  },
  {
    code: 'TJB',
    kind: 'court',
    names: { en: 'Court of First Instance', 'zh-Hant': '初級法院', pt: 'Tribunal Judicial de Base' },
  },
  {
    code: 'DSAL',
    kind: 'labour',
    names: {
      en: 'Labour Affairs Bureau',
      'zh-Hant': '勞工事務局',
      pt: 'Direcção dos Serviços para os Assuntos Laborais',
    },
  },
  {
    code: 'IAS',
    kind: 'social_welfare',
    names: { en: 'Social Welfare Bureau', 'zh-Hant': '社會工作局', pt: 'Instituto de Acção Social' },
  },
  {
    code: 'SS',
    kind: 'health',
    names: { en: 'Health Bureau', 'zh-Hant': '衛生局', pt: 'Serviços de Saúde' },
  },
  {
    code: 'SA',
    kind: 'customs',
    names: { en: 'Macao Customs Service', 'zh-Hant': '海關', pt: 'Serviços de Alfândega' },
  },
  {
    code: 'DSAJ',
    kind: 'other',
    names: {
      en: 'Legal Affairs Bureau',
      'zh-Hant': '法務局',
      pt: 'Direcção dos Serviços de Assuntos de Justiça',
    },
  },
  {
    code: 'UGAMM',
    kind: 'ngo',
    names: {
      en: "Women's General Association of Macau",
      'zh-Hant': '澳門婦女聯合總會',
      pt: 'Associação Geral das Mulheres de Macau',
    },
  },
  {
    code: 'GSC',
    kind: 'ngo',
    names: { en: 'Good Shepherd Centre', 'zh-Hant': '善牧中心', pt: 'Centro do Bom Pastor' },
  },
];
