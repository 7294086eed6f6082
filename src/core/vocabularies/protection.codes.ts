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
    { code: 'repatriation', label: { en: 'Repatriation', 'zh-Hant': '協助返回原居地', pt: 'Repatriamento' } },
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

/**
 * What a victim consents to (HTCDS `con_Consent` is a single checkbox; its guidance names these purposes).
 * A referral to another organisation is only sent under an active `referral` consent.
 */
export const CONSENT_PURPOSE = {
  id: 'consent_purpose',
  version: '1',
  codes: [
    { code: 'interview', label: { en: 'Interview', 'zh-Hant': '面談', pt: 'Entrevista' } },
    {
      code: 'data_processing',
      label: {
        en: 'Processing of personal data',
        'zh-Hant': '處理個人資料',
        pt: 'Tratamento de dados pessoais',
      },
    },
    {
      code: 'referral',
      label: {
        en: 'Referral to another organisation',
        'zh-Hant': '轉介至其他機構',
        pt: 'Encaminhamento para outra entidade',
      },
    },
    {
      code: 'family_notification',
      label: { en: 'Notification of family', 'zh-Hant': '通知家人', pt: 'Notificação da família' },
    },
    {
      code: 'research_use_of_non_identifying_data',
      label: {
        en: 'Research use of non-identifying data',
        'zh-Hant': '以不識別身份的資料作研究用途',
        pt: 'Utilização de dados não identificativos em investigação',
      },
    },
    {
      code: 'repatriation_assistance',
      label: {
        en: 'Assistance with repatriation',
        'zh-Hant': '協助返回原居地',
        pt: 'Apoio ao repatriamento',
      },
    },
  ],
} as const satisfies CodeList;
export type ConsentPurpose = CodeOf<typeof CONSENT_PURPOSE>;

/** What the person was told before consenting, after the HTCDS `con_Consent` guidance. */
export const CONSENT_INFORMATION = {
  id: 'consent_information',
  version: '1',
  codes: [
    { code: 'purpose', label: { en: 'The purpose', 'zh-Hant': '目的', pt: 'A finalidade' } },
    {
      code: 'data_use',
      label: {
        en: 'How the data are used',
        'zh-Hant': '資料的使用方式',
        pt: 'A forma de utilização dos dados',
      },
    },
    {
      code: 'research_use',
      label: {
        en: 'Research use of non-identifying data',
        'zh-Hant': '不識別身份資料的研究用途',
        pt: 'A utilização de dados não identificativos em investigação',
      },
    },
    {
      code: 'right_to_access',
      label: {
        en: 'The right to request their own data',
        'zh-Hant': '查閱本人資料的權利',
        pt: 'O direito de pedir os próprios dados',
      },
    },
    {
      code: 'retention_period',
      label: {
        en: 'How long the data are kept',
        'zh-Hant': '資料的保存期限',
        pt: 'O prazo de conservação dos dados',
      },
    },
    {
      code: 'how_to_withdraw',
      label: {
        en: 'How to withdraw consent',
        'zh-Hant': '撤回同意的方法',
        pt: 'A forma de retirar o consentimento',
      },
    },
  ],
} as const satisfies CodeList;
export type ConsentInformation = CodeOf<typeof CONSENT_INFORMATION>;

/** Why a victim is referred to another organisation (HTCDS cas_ReasonForOutgoingReferral / ...Incoming...). */
export const REFERRAL_REASON = {
  id: 'referral_reason',
  version: '1',
  htcdsField: 'cas_ReasonForOutgoingReferral',
  codes: [
    {
      code: 'additional_services_required',
      label: {
        en: 'Additional services required',
        'zh-Hant': '需要其他服務',
        pt: 'Necessidade de serviços adicionais',
      },
      htcds: 'AdditionalServicesRequired',
    },
    {
      code: 'migration_or_change_of_location',
      label: {
        en: 'Migration or change of location',
        'zh-Hant': '遷移或更換地點',
        pt: 'Migração ou mudança de local',
      },
      htcds: 'MigrationOrChangeOfLocation',
    },
    { code: 'other', label: { en: 'Other', 'zh-Hant': '其他', pt: 'Outro' }, htcds: 'Other' },
  ],
} as const satisfies CodeList;
export type ReferralReason = CodeOf<typeof REFERRAL_REASON>;
