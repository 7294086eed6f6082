import type { CodeList, CodeOf } from './code-list.js';

/** Seed code lists for victim protection: the services delivered and the support plans they belong to. */

/** What a victim actually receives, as opposed to the plan (SUPPORT_PLAN_TYPE) it serves. */
export const SERVICE_KIND = {
  id: 'service_kind',
  version: '1',
  codes: [
    { code: 'shelter', label: { en: 'Shelter', 'zh-Hant': '庇護住宿', pt: 'Acolhimento em abrigo' } },
    { code: 'medical', label: { en: 'Medical care', 'zh-Hant': '醫療', pt: 'Cuidados médicos' } },
    {
      code: 'psychological',
      label: { en: 'Psychological support', 'zh-Hant': '心理支援', pt: 'Apoio psicológico' },
    },
    { code: 'legal_aid', label: { en: 'Legal aid', 'zh-Hant': '法律援助', pt: 'Apoio jurídico' } },
    { code: 'interpretation', label: { en: 'Interpretation', 'zh-Hant': '傳譯', pt: 'Interpretação' } },
    { code: 'financial_aid', label: { en: 'Financial aid', 'zh-Hant': '經濟援助', pt: 'Apoio financeiro' } },
    {
      code: 'stay_permit',
      label: { en: 'Stay permit', 'zh-Hant': '逗留許可', pt: 'Autorização de permanência' },
    },
    { code: 'repatriation', label: { en: 'Repatriation', 'zh-Hant': '遣返原居地', pt: 'Repatriamento' } },
    { code: 'compensation', label: { en: 'Compensation', 'zh-Hant': '賠償', pt: 'Indemnização' } },
  ],
} as const satisfies CodeList;
export type ServiceKind = CodeOf<typeof SERVICE_KIND>;

export const SUPPORT_PLAN_TYPE = {
  id: 'support_plan_type',
  version: '1',
  htcdsField: 'spl_Type',
  codes: [
    {
      code: 'education',
      label: { en: 'Education', 'zh-Hant': '教育', pt: 'Educação' },
      htcds: 'Education',
    },
    {
      code: 'financial',
      label: { en: 'Financial', 'zh-Hant': '經濟', pt: 'Financeiro' },
      htcds: 'Financial',
    },
    {
      code: 'health',
      label: { en: 'Health', 'zh-Hant': '健康', pt: 'Saúde' },
      htcds: 'Health',
    },
    {
      code: 'labour_exploitation_rehabilitation',
      label: {
        en: 'Rehabilitation after labour exploitation',
        'zh-Hant': '勞動剝削後的康復',
        pt: 'Reabilitação após exploração laboral',
      },
      htcds: 'LabourExploitationRehabilitation',
    },
    {
      code: 'legal',
      label: { en: 'Legal', 'zh-Hant': '法律', pt: 'Jurídico' },
      htcds: 'Legal',
    },
    {
      code: 'livelihood',
      label: { en: 'Livelihood', 'zh-Hant': '生計', pt: 'Meios de subsistência' },
      htcds: 'Livelihood',
    },
    {
      code: 'rights_based_training',
      label: { en: 'Rights-based training', 'zh-Hant': '權利培訓', pt: 'Formação sobre direitos' },
      htcds: 'RightsBasedTraining',
    },
    {
      code: 'sexual_exploitation_rehabilitation',
      label: {
        en: 'Rehabilitation after sexual exploitation',
        'zh-Hant': '性剝削後的康復',
        pt: 'Reabilitação após exploração sexual',
      },
      htcds: 'SexualExploitationRehabilitation',
    },
    {
      code: 'social_care',
      label: { en: 'Social care', 'zh-Hant': '社會照顧', pt: 'Apoio social' },
      htcds: 'SocialCare',
    },
  ],
} as const satisfies CodeList;
export type SupportPlanType = CodeOf<typeof SUPPORT_PLAN_TYPE>;
