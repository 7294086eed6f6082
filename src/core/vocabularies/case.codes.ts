import type { CodeList, CodeOf } from './code-list.js';

/** Seed code lists about a case: its origin, the victim's legal status and the trafficking events. */

/** The legal determination; a screening only ever suggests `possible_victim`. */
export const TRAFFICKING_STATUS = {
  id: 'trafficking_status',
  version: '1',
  htcdsField: 'vic_TraffickingStatus',
  codes: [
    {
      code: 'possible_victim',
      label: {
        en: 'Possible victim of trafficking',
        'zh-Hant': '可能的販賣人口被害人',
        pt: 'Possível vítima de tráfico',
      },
      htcds: 'PossibleVictimOfTrafficking',
    },
    {
      code: 'actual_victim',
      label: {
        en: 'Victim of trafficking (determined)',
        'zh-Hant': '經認定的販賣人口被害人',
        pt: 'Vítima de tráfico (reconhecida)',
      },
      htcds: 'ActualVictimOfTrafficking',
    },
    {
      code: 'not_a_victim',
      label: {
        en: 'Not a victim of trafficking',
        'zh-Hant': '非販賣人口被害人',
        pt: 'Não é vítima de tráfico',
      },
      htcds: 'NotAVictimOfTrafficking',
    },
  ],
} as const satisfies CodeList;
export type TraffickingStatus = CodeOf<typeof TRAFFICKING_STATUS>;

export const TRAFFICKING_STATUS_DECIDED_BY = {
  id: 'trafficking_status_decided_by',
  version: '1',
  htcdsField: 'vic_TraffickingStatusDecisionMakingOrg',
  codes: [
    {
      code: 'police',
      label: { en: 'Police', 'zh-Hant': '警方', pt: 'Polícia' },
      htcds: 'Police',
    },
    {
      code: 'ngo',
      label: {
        en: 'Non-governmental organisation',
        'zh-Hant': '非政府組織',
        pt: 'Organização não governamental',
      },
      htcds: 'NGO',
    },
    {
      code: 'court_or_prosecution',
      label: {
        en: 'Court or prosecution',
        'zh-Hant': '法院或檢察機關',
        pt: 'Tribunal ou Ministério Público',
      },
      htcds: 'CourtOrProsecution',
    },
    {
      code: 'other_government',
      label: {
        en: 'Government body other than the police',
        'zh-Hant': '警方以外的政府部門',
        pt: 'Serviço público não policial',
      },
      htcds: 'NonPoliceGovernmentalOrganization',
    },
    {
      code: 'other',
      label: { en: 'Other', 'zh-Hant': '其他', pt: 'Outro' },
      htcds: 'Other',
    },
  ],
} as const satisfies CodeList;
export type TraffickingStatusDecidedBy = CodeOf<typeof TRAFFICKING_STATUS_DECIDED_BY>;

/** How a case came to light, to tell proactive identification from cases that were brought to an agency. */
export const CASE_ORIGIN = {
  id: 'case_origin',
  version: '1',
  codes: [
    {
      code: 'police_operation',
      label: {
        en: 'Police operation or inspection',
        'zh-Hant': '警方行動或巡查',
        pt: 'Operação ou inspeção policial',
      },
    },
    {
      code: 'hotline',
      label: { en: 'Hotline call', 'zh-Hant': '熱線來電', pt: 'Chamada para a linha de apoio' },
    },
    {
      code: 'labour_inspection',
      label: { en: 'Labour inspection', 'zh-Hant': '勞動監察', pt: 'Inspeção do trabalho' },
    },
    {
      code: 'ngo_referral',
      label: { en: 'Referral by an NGO', 'zh-Hant': '非政府組織轉介', pt: 'Encaminhamento por uma ONG' },
    },
    {
      code: 'border_screening',
      label: {
        en: 'Border or immigration screening',
        'zh-Hant': '邊境或出入境甄別',
        pt: 'Triagem na fronteira ou pelos serviços de imigração',
      },
    },
    {
      code: 'foreign_request',
      label: {
        en: 'Request from abroad or from another region',
        'zh-Hant': '外地或區際請求',
        pt: 'Pedido do exterior ou inter-regional',
      },
    },
    {
      code: 'self_report',
      label: {
        en: 'Reported by the person concerned',
        'zh-Hant': '當事人主動求助',
        pt: 'Denúncia pela própria pessoa',
      },
    },
    {
      code: 'other',
      label: { en: 'Other', 'zh-Hant': '其他', pt: 'Outra' },
    },
  ],
} as const satisfies CodeList;
export type CaseOrigin = CodeOf<typeof CASE_ORIGIN>;

export const HISTORIC_EVENT_TYPE = {
  id: 'historic_event_type',
  version: '1',
  htcdsField: 'hte_Type',
  codes: [
    {
      code: 'recruitment',
      label: { en: 'Recruitment', 'zh-Hant': '招募', pt: 'Recrutamento' },
      htcds: 'Recruitment',
    },
    {
      code: 'transit',
      label: { en: 'Transit', 'zh-Hant': '過境', pt: 'Trânsito' },
      htcds: 'Transit',
    },
    {
      code: 'exploitation',
      label: { en: 'Exploitation', 'zh-Hant': '剝削', pt: 'Exploração' },
      htcds: 'Exploitation',
    },
  ],
} as const satisfies CodeList;
export type HistoricEventType = CodeOf<typeof HISTORIC_EVENT_TYPE>;
