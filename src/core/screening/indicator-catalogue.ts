import type { LocalizedLabel } from '../vocabularies/localized-label.js';

/**
 * The ILO / European Commission "Operational indicators of trafficking in human beings" (Delphi survey,
 * March 2009, revised September 2009) as versioned data. The catalogue is seed data: an administrator may
 * edit a copy in the database, and every stored screening records the catalogue version it was answered on.
 */

export const DIMENSIONS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const STRENGTHS = ['strong', 'medium', 'weak'] as const;
export type Strength = (typeof STRENGTHS)[number];

export const LIST_IDS = ['adult-labour', 'adult-sexual', 'child-labour', 'child-sexual'] as const;
export type ListId = (typeof LIST_IDS)[number];

export type Indicator = {
  id: string;
  list: ListId;
  dimension: Dimension;
  strength: Strength;
  label: LocalizedLabel;
};

export type IndicatorList = {
  source: string;
  /** False while the list has not been checked line by line against the publication. */
  complete: boolean;
  indicators: Indicator[];
};

export type IndicatorCatalogue = {
  version: string;
  source: string;
  lists: Record<ListId, IndicatorList>;
};

const PUBLICATION =
  'ILO and European Commission, "Operational indicators of trafficking in human beings: results from a ' +
  'Delphi survey", first published March 2009, revised September 2009';

export const DIMENSION_LABELS: Readonly<Record<Dimension, LocalizedLabel>> = {
  D1: {
    en: 'Deceptive recruitment (incl. transfer and transport)',
    'zh-Hant': '欺騙性招募（包括轉移及運送）',
    pt: 'Recrutamento enganoso (incluindo transferência e transporte)',
  },
  D2: {
    en: 'Coercive recruitment',
    'zh-Hant': '脅迫性招募',
    pt: 'Recrutamento coercivo',
  },
  D3: {
    en: 'Recruitment by abuse of vulnerability',
    'zh-Hant': '利用脆弱處境招募',
    pt: 'Recrutamento por abuso de situação de vulnerabilidade',
  },
  D4: {
    en: 'Exploitative conditions (of work or of sexual exploitation)',
    'zh-Hant': '剝削性條件（勞動或性剝削）',
    pt: 'Condições de exploração (laboral ou sexual)',
  },
  D5: {
    en: 'Coercion at destination',
    'zh-Hant': '在目的地受脅迫',
    pt: 'Coação no destino',
  },
  D6: {
    en: 'Abuse of vulnerability at destination',
    'zh-Hant': '在目的地被利用脆弱處境',
    pt: 'Abuso de situação de vulnerabilidade no destino',
  },
};

export const LIST_LABELS: Readonly<Record<ListId, LocalizedLabel>> = {
  'adult-labour': {
    en: 'Adults, labour exploitation',
    'zh-Hant': '成年人－勞動剝削',
    pt: 'Adultos — exploração laboral',
  },
  'adult-sexual': {
    en: 'Adults, sexual exploitation',
    'zh-Hant': '成年人－性剝削',
    pt: 'Adultos — exploração sexual',
  },
  'child-labour': {
    en: 'Children, labour exploitation',
    'zh-Hant': '兒童－勞動剝削',
    pt: 'Crianças — exploração laboral',
  },
  'child-sexual': {
    en: 'Children, sexual exploitation',
    'zh-Hant': '兒童－性剝削',
    pt: 'Crianças — exploração sexual',
  },
};

/*
 * The Delphi survey rated one pool of candidate indicators for each of the four profiles, so the lists share
 * their wording and differ in which indicators they keep and how strongly each is rated. The wording lives
 * here once; the lists below pick from it. Portuguese labels are gender-neutral nouns ("Engano quanto a ...")
 * because the same label describes women, men and children.
 */
const INDICATOR_TEXTS = {
  // Deceptive recruitment
  deceivedNatureOfJob: {
    en: 'Deceived about the nature of the job, location or employer',
    'zh-Hant': '在工作性質、地點或僱主方面受騙',
    pt: 'Engano quanto à natureza do trabalho, ao local ou ao empregador',
  },
  deceivedConditionsOfWork: {
    en: 'Deceived about conditions of work',
    'zh-Hant': '在工作條件方面受騙',
    pt: 'Engano quanto às condições de trabalho',
  },
  deceivedWorkContract: {
    en: 'Deceived about content or legality of work contract',
    'zh-Hant': '在勞動合同的內容或合法性方面受騙',
    pt: 'Engano quanto ao conteúdo ou à legalidade do contrato de trabalho',
  },
  deceivedFamilyReunification: {
    en: 'Deceived about family reunification',
    'zh-Hant': '在家庭團聚方面受騙',
    pt: 'Engano quanto ao reagrupamento familiar',
  },
  deceivedHousing: {
    en: 'Deceived about housing and living conditions',
    'zh-Hant': '在住宿及生活條件方面受騙',
    pt: 'Engano quanto ao alojamento e às condições de vida',
  },
  deceivedLegalDocumentation: {
    en: 'Deceived about legal documentation or obtaining legal migration status',
    'zh-Hant': '在合法證件或取得合法移民身份方面受騙',
    pt: 'Engano quanto à documentação legal ou à obtenção de estatuto migratório legal',
  },
  deceivedTravelAndRecruitment: {
    en: 'Deceived about travel and recruitment conditions',
    'zh-Hant': '在旅程及招募條件方面受騙',
    pt: 'Engano quanto às condições de viagem e de recrutamento',
  },
  deceivedWages: {
    en: 'Deceived about wages/earnings',
    'zh-Hant': '在工資／收入方面受騙',
    pt: 'Engano quanto ao salário/rendimentos',
  },
  deceivedMarriageOrAdoption: {
    en: 'Deceived through promises of marriage or adoption',
    'zh-Hant': '因結婚或收養的承諾而受騙',
    pt: 'Engano através de promessas de casamento ou de adoção',
  },
  deceivedEducation: {
    en: 'Deceived about access to education opportunities',
    'zh-Hant': '在受教育機會方面受騙',
    pt: 'Engano quanto ao acesso a oportunidades de educação',
  },

  // Coercion (at recruitment and at destination)
  violenceOnVictim: {
    en: 'Violence on victims',
    'zh-Hant': '對被害人施以暴力',
    pt: 'Violência sobre a vítima',
  },
  abductionOrSale: {
    en: 'Abduction, forced marriage, forced adoption or selling of victim',
    'zh-Hant': '擄拐、強迫婚姻、強迫收養或販賣被害人',
    pt: 'Rapto, casamento forçado, adoção forçada ou venda da vítima',
  },
  confiscationOfDocuments: {
    en: 'Confiscation of documents',
    'zh-Hant': '沒收證件',
    pt: 'Confisco de documentos',
  },
  debtBondage: {
    en: 'Debt bondage',
    'zh-Hant': '債務奴役',
    pt: 'Servidão por dívidas',
  },
  isolationConfinementSurveillance: {
    en: 'Isolation, confinement or surveillance',
    'zh-Hant': '隔離、禁閉或監視',
    pt: 'Isolamento, confinamento ou vigilância',
  },
  threatOfDenunciation: {
    en: 'Threat of denunciation to authorities',
    'zh-Hant': '威脅向當局告發',
    pt: 'Ameaça de denúncia às autoridades',
  },
  threatsOfViolenceAgainstVictim: {
    en: 'Threats of violence against victim',
    'zh-Hant': '威脅對被害人施以暴力',
    pt: 'Ameaças de violência contra a vítima',
  },
  threatsToInformFamily: {
    en: 'Threats to inform family, community or public',
    'zh-Hant': '威脅告知家人、社群或公眾',
    pt: 'Ameaças de informar a família, a comunidade ou o público',
  },
  violenceOnFamily: {
    en: 'Violence on family (threats or effective)',
    'zh-Hant': '對家人施以暴力（威脅或實際施行）',
    pt: 'Violência sobre a família (ameaçada ou efetiva)',
  },
  withholdingOfMoney: {
    en: 'Withholding of money',
    'zh-Hant': '扣留金錢',
    pt: 'Retenção de dinheiro',
  },
  forcedIntoIllicitActivities: {
    en: 'Forced into illicit/criminal activities',
    'zh-Hant': '被迫從事不法／犯罪活動',
    pt: 'Obrigação de exercer atividades ilícitas/criminosas',
  },
  forcedTasksOrClients: {
    en: 'Forced tasks or clients',
    'zh-Hant': '被迫從事指定工作或接待指定客人',
    pt: 'Tarefas ou clientes impostos',
  },
  forcedToActAgainstPeers: {
    en: 'Forced to act against peers',
    'zh-Hant': '被迫作出不利同伴的行為',
    pt: 'Obrigação de agir contra os pares',
  },
  forcedToLie: {
    en: 'Forced to lie to authorities, family, etc.',
    'zh-Hant': '被迫向當局、家人等說謊',
    pt: 'Obrigação de mentir às autoridades, à família, etc.',
  },
  threatOfWorseConditions: {
    en: 'Threat to impose even worse working conditions',
    'zh-Hant': '威脅施加更惡劣的工作條件',
    pt: 'Ameaça de impor condições de trabalho ainda piores',
  },
  underStrongInfluence: {
    en: 'Under strong influence',
    'zh-Hant': '受到強烈的控制影響',
    pt: 'Sob forte influência',
  },
  withholdingOfWages: {
    en: 'Withholding of wages',
    'zh-Hant': '扣留工資',
    pt: 'Retenção de salários',
  },

  // Abuse of vulnerability (at recruitment and at destination)
  abuseOfDifficultFamilySituation: {
    en: 'Abuse of difficult family situation',
    'zh-Hant': '利用困難的家庭處境',
    pt: 'Abuso de situação familiar difícil',
  },
  abuseOfIllegalStatus: {
    en: 'Abuse of illegal status',
    'zh-Hant': '利用非法身份',
    pt: 'Abuso da situação ilegal',
  },
  abuseOfLackOfEducation: {
    en: 'Abuse of lack of education (language)',
    'zh-Hant': '利用教育程度不足（包括語言）',
    pt: 'Abuso da falta de instrução (incluindo a língua)',
  },
  abuseOfLackOfInformation: {
    en: 'Abuse of lack of information',
    'zh-Hant': '利用資訊不足',
    pt: 'Abuso da falta de informação',
  },
  controlOfExploiters: {
    en: 'Control of exploiters',
    'zh-Hant': '受剝削者控制',
    pt: 'Controlo pelos exploradores',
  },
  economicReasons: {
    en: 'Economic reasons',
    'zh-Hant': '經濟原因',
    pt: 'Razões económicas',
  },
  falseInformationAboutLaw: {
    en: 'False information about law, attitude of authorities',
    'zh-Hant': '關於法律及當局態度的虛假資訊',
    pt: 'Informação falsa sobre a lei e a atitude das autoridades',
  },
  falseInformationAboutMigration: {
    en: 'False information about successful migration',
    'zh-Hant': '關於移民成功的虛假資訊',
    pt: 'Informação falsa sobre o sucesso da migração',
  },
  familySituation: {
    en: 'Family situation',
    'zh-Hant': '家庭處境',
    pt: 'Situação familiar',
  },
  personalSituation: {
    en: 'Personal situation',
    'zh-Hant': '個人處境',
    pt: 'Situação pessoal',
  },
  psychologicalDependency: {
    en: 'Psychological and emotional dependency',
    'zh-Hant': '心理及情感依賴',
    pt: 'Dependência psicológica e emocional',
  },
  relationshipWithAuthorities: {
    en: 'Relationship with authorities/legal status',
    'zh-Hant': '與當局的關係／法律身份',
    pt: 'Relação com as autoridades/estatuto legal',
  },
  difficultiesInThePast: {
    en: 'Difficulties in the past',
    'zh-Hant': '過往的困境',
    pt: 'Dificuldades no passado',
  },
  difficultyToOrganiseTravel: {
    en: 'Difficulty to organise the travel',
    'zh-Hant': '難以自行安排旅程',
    pt: 'Dificuldade em organizar a viagem',
  },
  abuseOfCulturalBeliefs: {
    en: 'Abuse of cultural/religious beliefs',
    'zh-Hant': '利用文化／宗教信仰',
    pt: 'Abuso de crenças culturais/religiosas',
  },
  generalContext: {
    en: 'General context',
    'zh-Hant': '整體環境',
    pt: 'Contexto geral',
  },
  dependencyOnExploiters: {
    en: 'Dependency on exploiters',
    'zh-Hant': '依賴剝削者',
    pt: 'Dependência dos exploradores',
  },
  difficultyInUnknownArea: {
    en: 'Difficulty to live in an unknown area',
    'zh-Hant': '難以在陌生地方生活',
    pt: 'Dificuldade em viver num local desconhecido',
  },
  personalCharacteristics: {
    en: 'Personal characteristics',
    'zh-Hant': '個人特徵',
    pt: 'Características pessoais',
  },

  // Exploitative conditions
  excessiveWorkingHours: {
    en: 'Excessive working days or hours',
    'zh-Hant': '工作日數或時數過多',
    pt: 'Dias ou horas de trabalho excessivos',
  },
  badLivingConditions: {
    en: 'Bad living conditions',
    'zh-Hant': '生活條件惡劣',
    pt: 'Más condições de vida',
  },
  hazardousWork: {
    en: 'Hazardous work',
    'zh-Hant': '危險工作',
    pt: 'Trabalho perigoso',
  },
  lowOrNoSalary: {
    en: 'Low or no salary',
    'zh-Hant': '工資過低或沒有工資',
    pt: 'Salário baixo ou inexistente',
  },
  noRespectOfLabourLaws: {
    en: 'No respect of labour laws or contract signed',
    'zh-Hant': '不遵守勞動法例或已簽訂的合同',
    pt: 'Desrespeito da legislação laboral ou do contrato assinado',
  },
  noSocialProtection: {
    en: 'No social protection (contract, social insurance, etc.)',
    'zh-Hant': '沒有社會保障（合同、社會保險等）',
    pt: 'Ausência de proteção social (contrato, segurança social, etc.)',
  },
  veryBadWorkingConditions: {
    en: 'Very bad working conditions',
    'zh-Hant': '工作條件極之惡劣',
    pt: 'Péssimas condições de trabalho',
  },
  wageManipulation: {
    en: 'Wage manipulation',
    'zh-Hant': '操控工資',
    pt: 'Manipulação do salário',
  },
  noAccessToEducation: {
    en: 'No access to education',
    'zh-Hant': '無法接受教育',
    pt: 'Falta de acesso à educação',
  },
} as const satisfies Record<string, LocalizedLabel>;

type IndicatorText = keyof typeof INDICATOR_TEXTS;

/** Per dimension, the indicators rated at each strength, in the order of the publication. */
type ListDefinition = Readonly<
  Record<Dimension, Readonly<Partial<Record<Strength, readonly IndicatorText[]>>>>
>;

/*
 * Ids are built from the list prefix, the dimension, the strength and the position inside that group
 * (AL-D1-S01). Stored screenings keep the id of every answer, so never reorder or remove an entry here:
 * append, and retire an indicator by publishing a new catalogue version.
 */
const ADULT_LABOUR: ListDefinition = {
  D1: {
    strong: ['deceivedNatureOfJob'],
    medium: [
      'deceivedConditionsOfWork',
      'deceivedWorkContract',
      'deceivedFamilyReunification',
      'deceivedHousing',
      'deceivedLegalDocumentation',
      'deceivedTravelAndRecruitment',
      'deceivedWages',
      'deceivedMarriageOrAdoption',
    ],
    weak: ['deceivedEducation'],
  },
  D2: {
    strong: ['violenceOnVictim'],
    medium: [
      'abductionOrSale',
      'confiscationOfDocuments',
      'debtBondage',
      'isolationConfinementSurveillance',
      'threatOfDenunciation',
      'threatsOfViolenceAgainstVictim',
      'threatsToInformFamily',
      'violenceOnFamily',
      'withholdingOfMoney',
    ],
  },
  D3: {
    medium: [
      'abuseOfDifficultFamilySituation',
      'abuseOfIllegalStatus',
      'abuseOfLackOfEducation',
      'abuseOfLackOfInformation',
      'controlOfExploiters',
      'economicReasons',
      'falseInformationAboutLaw',
      'falseInformationAboutMigration',
      'familySituation',
      'personalSituation',
      'psychologicalDependency',
      'relationshipWithAuthorities',
      'difficultiesInThePast',
      'difficultyToOrganiseTravel',
    ],
    weak: ['abuseOfCulturalBeliefs', 'generalContext'],
  },
  D4: {
    strong: ['excessiveWorkingHours'],
    medium: [
      'badLivingConditions',
      'hazardousWork',
      'lowOrNoSalary',
      'noRespectOfLabourLaws',
      'noSocialProtection',
      'veryBadWorkingConditions',
      'wageManipulation',
    ],
    weak: ['noAccessToEducation'],
  },
  D5: {
    strong: [
      'confiscationOfDocuments',
      'debtBondage',
      'isolationConfinementSurveillance',
      'violenceOnVictim',
    ],
    medium: [
      'forcedIntoIllicitActivities',
      'forcedTasksOrClients',
      'forcedToActAgainstPeers',
      'forcedToLie',
      'threatOfDenunciation',
      'threatOfWorseConditions',
      'threatsOfViolenceAgainstVictim',
      'underStrongInfluence',
      'violenceOnFamily',
      'withholdingOfWages',
    ],
    weak: ['threatsToInformFamily'],
  },
  D6: {
    medium: [
      'dependencyOnExploiters',
      'difficultyInUnknownArea',
      'economicReasons',
      'familySituation',
      'relationshipWithAuthorities',
    ],
    weak: ['difficultiesInThePast', 'personalCharacteristics'],
  },
};

/*
 * Adult sexual exploitation: same pool of 67 indicators. The ratings differ from the labour list where
 * the publication is known to differ (exploitative conditions carry no strong indicator; forced tasks or
 * clients is strong at destination); every other rating is carried over from the labour list and awaits
 * review against the publication, hence complete: false.
 */
const ADULT_SEXUAL: ListDefinition = {
  ...ADULT_LABOUR,
  D4: {
    medium: [
      'excessiveWorkingHours',
      'badLivingConditions',
      'hazardousWork',
      'lowOrNoSalary',
      'noRespectOfLabourLaws',
      'noSocialProtection',
      'veryBadWorkingConditions',
      'wageManipulation',
    ],
    weak: ['noAccessToEducation'],
  },
  D5: {
    strong: [
      'confiscationOfDocuments',
      'debtBondage',
      'isolationConfinementSurveillance',
      'violenceOnVictim',
      'forcedTasksOrClients',
    ],
    medium: [
      'forcedIntoIllicitActivities',
      'forcedToActAgainstPeers',
      'forcedToLie',
      'threatOfDenunciation',
      'threatOfWorseConditions',
      'threatsOfViolenceAgainstVictim',
      'underStrongInfluence',
      'violenceOnFamily',
      'withholdingOfWages',
    ],
    weak: ['threatsToInformFamily'],
  },
};

/*
 * Children, labour exploitation: 65 indicators with no weak rating. Indicators that are weak for adults
 * (education, cultural beliefs, general context, past difficulties, personal characteristics) weigh more
 * for a child; "false information about law" and "no social protection" are not in the child list.
 */
const CHILD_LABOUR: ListDefinition = {
  D1: {
    strong: ['deceivedNatureOfJob', 'deceivedEducation'],
    medium: [
      'deceivedConditionsOfWork',
      'deceivedWorkContract',
      'deceivedFamilyReunification',
      'deceivedHousing',
      'deceivedLegalDocumentation',
      'deceivedTravelAndRecruitment',
      'deceivedWages',
      'deceivedMarriageOrAdoption',
    ],
  },
  D2: {
    strong: ['violenceOnVictim', 'abductionOrSale', 'debtBondage', 'threatsOfViolenceAgainstVictim'],
    medium: [
      'confiscationOfDocuments',
      'isolationConfinementSurveillance',
      'threatOfDenunciation',
      'threatsToInformFamily',
      'violenceOnFamily',
      'withholdingOfMoney',
    ],
  },
  D3: {
    medium: [
      'abuseOfDifficultFamilySituation',
      'abuseOfIllegalStatus',
      'abuseOfLackOfEducation',
      'abuseOfLackOfInformation',
      'controlOfExploiters',
      'economicReasons',
      'falseInformationAboutMigration',
      'familySituation',
      'personalSituation',
      'psychologicalDependency',
      'relationshipWithAuthorities',
      'difficultiesInThePast',
      'difficultyToOrganiseTravel',
      'abuseOfCulturalBeliefs',
      'generalContext',
    ],
  },
  D4: {
    strong: ['excessiveWorkingHours'],
    medium: [
      'badLivingConditions',
      'hazardousWork',
      'lowOrNoSalary',
      'noRespectOfLabourLaws',
      'veryBadWorkingConditions',
      'wageManipulation',
      'noAccessToEducation',
    ],
  },
  D5: {
    strong: [
      'confiscationOfDocuments',
      'debtBondage',
      'isolationConfinementSurveillance',
      'violenceOnVictim',
      'threatsOfViolenceAgainstVictim',
      'forcedIntoIllicitActivities',
      'forcedTasksOrClients',
      'underStrongInfluence',
    ],
    medium: [
      'forcedToActAgainstPeers',
      'forcedToLie',
      'threatOfDenunciation',
      'threatOfWorseConditions',
      'violenceOnFamily',
      'withholdingOfWages',
      'threatsToInformFamily',
    ],
  },
  D6: {
    medium: [
      'dependencyOnExploiters',
      'difficultyInUnknownArea',
      'economicReasons',
      'familySituation',
      'relationshipWithAuthorities',
      'difficultiesInThePast',
      'personalCharacteristics',
    ],
  },
};

/*
 * Children, sexual exploitation: the child labour list with hazardous work rated strong among the
 * exploitative conditions. Other ratings are carried over from the child labour list and await review.
 */
const CHILD_SEXUAL: ListDefinition = {
  ...CHILD_LABOUR,
  D4: {
    strong: ['excessiveWorkingHours', 'hazardousWork'],
    medium: [
      'badLivingConditions',
      'lowOrNoSalary',
      'noRespectOfLabourLaws',
      'veryBadWorkingConditions',
      'wageManipulation',
      'noAccessToEducation',
    ],
  },
};

const STRENGTH_LETTER: Readonly<Record<Strength, string>> = { strong: 'S', medium: 'M', weak: 'W' };

function buildIndicators(prefix: string, list: ListId, definition: ListDefinition): Indicator[] {
  return DIMENSIONS.flatMap((dimension) =>
    STRENGTHS.flatMap((strength) =>
      (definition[dimension][strength] ?? []).map((text, position) => ({
        id: `${prefix}-${dimension}-${STRENGTH_LETTER[strength]}${String(position + 1).padStart(2, '0')}`,
        list,
        dimension,
        strength,
        label: INDICATOR_TEXTS[text],
      })),
    ),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The catalogue Guia ships with. Frozen because every screening in the process shares it: an edit made
 * by an administrator belongs in a new catalogue version, not in this object.
 */
export const ILO_INDICATOR_CATALOGUE: IndicatorCatalogue = deepFreeze({
  version: '2009.09-1',
  source: PUBLICATION,
  lists: {
    'adult-labour': {
      source: `${PUBLICATION}, list "Indicators of trafficking of adults for labour exploitation"`,
      complete: true,
      indicators: buildIndicators('AL', 'adult-labour', ADULT_LABOUR),
    },
    'adult-sexual': {
      source:
        `${PUBLICATION}, list "Indicators of trafficking of adults for sexual exploitation"; ` +
        'ratings to be checked against the publication',
      complete: false,
      indicators: buildIndicators('AS', 'adult-sexual', ADULT_SEXUAL),
    },
    'child-labour': {
      source:
        `${PUBLICATION}, list "Indicators of trafficking of children for labour exploitation"; ` +
        'ratings to be checked against the publication',
      complete: false,
      indicators: buildIndicators('CL', 'child-labour', CHILD_LABOUR),
    },
    'child-sexual': {
      source:
        `${PUBLICATION}, list "Indicators of trafficking of children for sexual exploitation"; ` +
        'ratings to be checked against the publication',
      complete: false,
      indicators: buildIndicators('CS', 'child-sexual', CHILD_SEXUAL),
    },
  },
});
