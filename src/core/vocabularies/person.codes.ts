import type { CodeList, CodeOf } from './code-list.js';

/** Seed code lists about the people in a case (victims and perpetrators). */

export const GENDER = {
  id: 'gender',
  version: '1',
  htcdsField: 'prs_Gender',
  codes: [
    {
      code: 'female',
      label: { en: 'Female', 'zh-Hant': '女性', pt: 'Feminino' },
      htcds: 'Feminine',
      ctdc: 'Woman',
    },
    {
      code: 'male',
      label: { en: 'Male', 'zh-Hant': '男性', pt: 'Masculino' },
      htcds: 'Masculine',
      ctdc: 'Man',
    },
    {
      code: 'transgender_female',
      label: { en: 'Transgender female', 'zh-Hant': '跨性別女性', pt: 'Mulher transgénero' },
      htcds: 'TransgenderFeminine',
      ctdc: 'Trans/Transgender/NonConforming',
    },
    {
      code: 'transgender_male',
      label: { en: 'Transgender male', 'zh-Hant': '跨性別男性', pt: 'Homem transgénero' },
      htcds: 'TransgenderMasculine',
      ctdc: 'Trans/Transgender/NonConforming',
    },
    {
      code: 'non_conforming',
      label: { en: 'Gender non-conforming', 'zh-Hant': '非常規性別', pt: 'Género não conforme' },
      htcds: 'NonConforming',
      ctdc: 'Trans/Transgender/NonConforming',
    },
    {
      // CTDC leaves the cell empty when the gender is not known, so there is no CTDC value to map to.
      code: 'unknown',
      label: {
        en: 'Not specified or unknown',
        'zh-Hant': '未指明或不詳',
        pt: 'Não especificado ou desconhecido',
      },
      htcds: 'NonSpecifiedUnknown',
    },
  ],
} as const satisfies CodeList;
export type Gender = CodeOf<typeof GENDER>;

/** CTDC ageBroad bands; HTCDS has none, so they are derived from the birth date or the age when trafficked. */
export const AGE_BAND = {
  id: 'age_band',
  version: '1',
  codes: [
    { code: 'age_0_8', label: { en: '0–8', 'zh-Hant': '0至8歲', pt: '0 a 8 anos' }, ctdc: '0--8' },
    { code: 'age_9_17', label: { en: '9–17', 'zh-Hant': '9至17歲', pt: '9 a 17 anos' }, ctdc: '9--17' },
    { code: 'age_18_20', label: { en: '18–20', 'zh-Hant': '18至20歲', pt: '18 a 20 anos' }, ctdc: '18--20' },
    { code: 'age_21_23', label: { en: '21–23', 'zh-Hant': '21至23歲', pt: '21 a 23 anos' }, ctdc: '21--23' },
    { code: 'age_24_26', label: { en: '24–26', 'zh-Hant': '24至26歲', pt: '24 a 26 anos' }, ctdc: '24--26' },
    { code: 'age_27_29', label: { en: '27–29', 'zh-Hant': '27至29歲', pt: '27 a 29 anos' }, ctdc: '27--29' },
    { code: 'age_30_38', label: { en: '30–38', 'zh-Hant': '30至38歲', pt: '30 a 38 anos' }, ctdc: '30--38' },
    { code: 'age_39_47', label: { en: '39–47', 'zh-Hant': '39至47歲', pt: '39 a 47 anos' }, ctdc: '39--47' },
    {
      code: 'age_48_plus',
      label: { en: '48 and over', 'zh-Hant': '48歲或以上', pt: '48 anos ou mais' },
      ctdc: '48+',
    },
    { code: 'age_unknown', label: { en: 'Age unknown', 'zh-Hant': '年齡不詳', pt: 'Idade desconhecida' } },
  ],
} as const satisfies CodeList;
export type AgeBand = CodeOf<typeof AGE_BAND>;

/** Lower bound of each band, oldest first, so the first floor at or below an age is its band. */
const AGE_BAND_FLOORS: readonly (readonly [number, AgeBand])[] = [
  [48, 'age_48_plus'],
  [39, 'age_39_47'],
  [30, 'age_30_38'],
  [27, 'age_27_29'],
  [24, 'age_24_26'],
  [21, 'age_21_23'],
  [18, 'age_18_20'],
  [9, 'age_9_17'],
  [0, 'age_0_8'],
];

/**
 * The band of an age in completed years. A fractional age is truncated, because a person aged 17.9 is still
 * a child. A missing age gives `age_unknown`; a negative or non-finite age is a caller's bug and throws.
 */
export function ageBand(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined) return 'age_unknown';
  if (!Number.isFinite(age) || age < 0) throw new RangeError(`age must be a non-negative number, got ${age}`);
  const completedYears = Math.floor(age);
  const band = AGE_BAND_FLOORS.find(([floor]) => completedYears >= floor);
  // The 0 floor matches every non-negative age, so a band is always found.
  return band === undefined ? 'age_unknown' : band[1];
}

/** Values from the HTCDS guidance, plus the two a domestic case or a missing answer needs. */
export const MIGRATION_STATUS = {
  id: 'migration_status',
  version: '1',
  codes: [
    {
      code: 'family',
      label: { en: 'Family migrant', 'zh-Hant': '家庭團聚移民', pt: 'Migrante por reagrupamento familiar' },
    },
    {
      code: 'visitor_tourist',
      label: { en: 'Visitor or tourist', 'zh-Hant': '訪客或旅客', pt: 'Visitante ou turista' },
    },
    { code: 'labour', label: { en: 'Labour migrant', 'zh-Hant': '勞工移民', pt: 'Migrante laboral' } },
    { code: 'student', label: { en: 'Student', 'zh-Hant': '學生', pt: 'Estudante' } },
    {
      code: 'irregular_migrant',
      label: { en: 'Irregular migrant', 'zh-Hant': '非正規移民', pt: 'Migrante em situação irregular' },
    },
    {
      code: 'asylum_seeker',
      label: { en: 'Asylum seeker', 'zh-Hant': '尋求庇護者', pt: 'Requerente de asilo' },
    },
    { code: 'refugee', label: { en: 'Refugee', 'zh-Hant': '難民', pt: 'Refugiado' } },
    {
      code: 'complementary_protection',
      label: { en: 'Complementary protection', 'zh-Hant': '補充保護', pt: 'Proteção complementar' },
    },
    { code: 'stateless', label: { en: 'Stateless person', 'zh-Hant': '無國籍人士', pt: 'Apátrida' } },
    {
      code: 'national_or_resident',
      label: {
        en: 'National or resident (not a migrant)',
        'zh-Hant': '本地居民（非移民）',
        pt: 'Nacional ou residente (não migrante)',
      },
    },
    { code: 'unknown', label: { en: 'Unknown', 'zh-Hant': '不詳', pt: 'Desconhecido' } },
  ],
} as const satisfies CodeList;
export type MigrationStatus = CodeOf<typeof MIGRATION_STATUS>;

/*
 * HTCDS has three relationships; CTDC distinguishes intimate partners and friends. The finer Guia codes fold
 * into "Acquainted" on HTCDS export, and an HTCDS import of "Acquainted" lands on `acquainted`, listed first.
 */
export const RELATIONSHIP_TO_TRAFFICKER = {
  id: 'relationship_to_trafficker',
  version: '1',
  htcdsField: 'vic_RelationshipToTrafficker',
  codes: [
    {
      code: 'familial',
      label: { en: 'Family member', 'zh-Hant': '家庭成員', pt: 'Familiar' },
      htcds: 'Familial',
      ctdc: 'recruiterRelationFamily',
    },
    {
      code: 'acquainted',
      label: { en: 'Acquaintance', 'zh-Hant': '相識的人', pt: 'Conhecido' },
      htcds: 'Acquainted',
      ctdc: 'recruiterRelationOther',
    },
    {
      code: 'intimate_partner',
      label: { en: 'Intimate partner', 'zh-Hant': '親密伴侶', pt: 'Parceiro íntimo' },
      htcds: 'Acquainted',
      ctdc: 'recruiterRelationIntimatePartner',
    },
    {
      code: 'friend',
      label: { en: 'Friend', 'zh-Hant': '朋友', pt: 'Amigo' },
      htcds: 'Acquainted',
      ctdc: 'recruiterRelationFriend',
    },
    {
      code: 'unacquainted',
      label: { en: 'Not previously known', 'zh-Hant': '素不相識', pt: 'Desconhecido anteriormente' },
      // The standard spells its own value "Unaquainted"; write that, accept the correct spelling too.
      htcds: 'Unaquainted',
      htcdsAliases: ['Unacquainted'],
      ctdc: 'recruiterRelationOther',
    },
  ],
} as const satisfies CodeList;
export type RelationshipToTrafficker = CodeOf<typeof RELATIONSHIP_TO_TRAFFICKER>;

export const ROLE_IN_PROCESS = {
  id: 'role_in_process',
  version: '1',
  htcdsField: 'per_RoleInProcess',
  codes: [
    {
      code: 'travelling_partner',
      label: { en: 'Travelling partner', 'zh-Hant': '同行者', pt: 'Companheiro de viagem' },
      htcds: 'TravellingPartner',
    },
    {
      code: 'transporter',
      label: { en: 'Transporter', 'zh-Hant': '運送者', pt: 'Transportador' },
      htcds: 'Transporter',
    },
    {
      code: 'recruiter_or_intermediary',
      label: {
        en: 'Recruiter or intermediary',
        'zh-Hant': '招募者或中間人',
        pt: 'Recrutador ou intermediário',
      },
      htcds: 'RecruiterOrIntermediary',
    },
    {
      code: 'broker_travel_agent',
      label: {
        en: 'Broker or travel agent',
        'zh-Hant': '經紀或旅行代理',
        pt: 'Angariador ou agente de viagens',
      },
      htcds: 'BrokerTravelAgent',
    },
    {
      code: 'transferred_individual',
      label: { en: 'Transferred the person', 'zh-Hant': '轉移被害人', pt: 'Transferiu a pessoa' },
      htcds: 'TransferredIndividual',
    },
    {
      code: 'harboured_individual',
      label: { en: 'Harboured the person', 'zh-Hant': '窩藏被害人', pt: 'Acolheu a pessoa' },
      htcds: 'HarbouredIndividual',
    },
    {
      code: 'sold_individual',
      label: { en: 'Sold the person', 'zh-Hant': '出賣被害人', pt: 'Vendeu a pessoa' },
      htcds: 'SoldIndividual',
    },
    {
      code: 'bought_individual',
      label: { en: 'Bought the person', 'zh-Hant': '買入被害人', pt: 'Comprou a pessoa' },
      htcds: 'BoughtIndividual',
    },
    {
      code: 'received_individual',
      label: { en: 'Received the person', 'zh-Hant': '接收被害人', pt: 'Recebeu a pessoa' },
      htcds: 'ReceivedIndividual',
    },
    {
      code: 'controlled_individual',
      label: { en: 'Controlled the person', 'zh-Hant': '控制被害人', pt: 'Controlou a pessoa' },
      htcds: 'ControlledIndividual',
    },
    {
      code: 'smuggler',
      label: { en: 'Smuggler', 'zh-Hant': '偷運者', pt: 'Passador' },
      htcds: 'Smuggler',
    },
    {
      code: 'abuser',
      label: { en: 'Abuser', 'zh-Hant': '施虐者', pt: 'Agressor' },
      htcds: 'Abuser',
    },
    {
      code: 'kidnapper',
      label: { en: 'Kidnapper', 'zh-Hant': '擄拐者', pt: 'Raptor' },
      htcds: 'Kidnapper',
    },
    {
      code: 'exploiter',
      label: { en: 'Exploiter', 'zh-Hant': '剝削者', pt: 'Explorador' },
      htcds: 'Exploiter',
    },
    {
      code: 'other',
      label: { en: 'Other', 'zh-Hant': '其他', pt: 'Outro' },
      htcds: 'Other',
    },
  ],
} as const satisfies CodeList;
export type RoleInProcess = CodeOf<typeof ROLE_IN_PROCESS>;
