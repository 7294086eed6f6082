import { describe, expect, it } from 'vitest';

import { agencyKinds } from '../agencies.js';
import { languages } from '../languages.js';
import {
  CODE_LISTS,
  codeLabel,
  codeList,
  fromHtcds,
  isCode,
  toCtdc,
  toHtcds,
  VocabularyError,
  type CodeListId,
} from './code-list.registry.js';
import { DECIDED_BY_OF_AGENCY_KIND } from './organisation.codes.js';

/*
 * The HTCDS 2.0 picklists as the standard spells them (reference/data-standards.md; the ISIC section names
 * as in the HTCDS field definitions, which shorten some of them).
 */
const HTCDS_VALUES: Partial<Record<CodeListId, readonly string[]>> = {
  gender: [
    'Feminine',
    'Masculine',
    'TransgenderFeminine',
    'TransgenderMasculine',
    'NonConforming',
    'NonSpecifiedUnknown',
  ],
  trafficking_status: ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'],
  trafficking_status_decided_by: [
    'Police',
    'NGO',
    'CourtOrProsecution',
    'NonPoliceGovernmentalOrganization',
    'Other',
  ],
  method_of_recruitment: [
    'AtAPlaceOfBusiness',
    'AtAnEducationalInstitution',
    'AtWork',
    'ThroughOnlineSocialNetworks',
    'ThroughAnOnlineAdvertisement',
    'ThroughATelevisionAdvert',
    'ThroughANewspaperAdvert',
    'ThroughFamilyOrFamilyEvents',
    'ThroughFriendsOrSocialEvents',
    'Other',
  ],
  means_of_control: [
    'PhysicalThreats',
    'ThreatsLawEnforcement',
    'ThreatensChildrenFamily',
    'DebtBondage',
    'FalsePromises',
    'PhysicalAbuse',
    'SexualAbuse',
    'TakesEarnings',
    'RestrictsFinancialAccess',
    'RestrictsMedicalCare',
    'WithholdsNecessities',
    'PsychologicalAbuse',
    'PsychoactiveSubstance',
    'ExcessiveWorkingHours',
    'WithholdsDocuments',
    'Other',
  ],
  type_of_exploitation: [
    'ForcedLabour',
    'SexualExploitation',
    'ChildLabour',
    'ForcedMarriage',
    'Servitude',
    'ForcedMilitaryByNonStateActors',
    'OrganRemoval',
    'ForcedBegging',
    'ForcedAdoption',
    'Surrogacy',
    'Other',
  ],
  forced_labour_industry: [
    'A_AgricultureForestryAndFishing',
    'B_MiningAndQuarrying',
    'C_Manufacturing',
    'D_ElectricityGasSteamAndAirConditioningSupply',
    'E_WaterSupplySewerageWasteManagement',
    'F_Construction',
    'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
    'H_TransportationAndStorage',
    'I_AccommodationAndFoodServiceActivities',
    'J_InformationAndCommunication',
    'K_FinancialAndInsuranceActivities',
    'L_RealEstateActivities',
    'M_ProfessionalScientificAndTechnicalActivities',
    'N_AdministrativeAndSupportServiceActivities',
    'O_PublicAdministrationAndDefence',
    'P_Education',
    'Q_HumanHealthAndSocialWorkActivities',
    'R_ArtsEntertainmentAndRecreation',
    'S_OtherServiceActivities',
    'T_ActivitiesOfHouseholdsAsEmployers',
    'U_ActivitiesOfExtraterritorialOrganizations',
  ],
  type_of_sex_exploitation: [
    'Prostitution',
    'Pornography',
    'RemoteInteractiveServices',
    'PrivateSexualServices',
  ],
  relationship_to_trafficker: ['Familial', 'Acquainted', 'Unaquainted'],
  role_in_process: [
    'TravellingPartner',
    'Transporter',
    'RecruiterOrIntermediary',
    'BrokerTravelAgent',
    'TransferredIndividual',
    'HarbouredIndividual',
    'SoldIndividual',
    'BoughtIndividual',
    'ReceivedIndividual',
    'ControlledIndividual',
    'Smuggler',
    'Abuser',
    'Kidnapper',
    'Exploiter',
    'Other',
  ],
  historic_event_type: ['Recruitment', 'Transit', 'Exploitation'],
  support_plan_type: [
    'Education',
    'Financial',
    'Health',
    'LabourExploitationRehabilitation',
    'Legal',
    'Livelihood',
    'RightsBasedTraining',
    'SexualExploitationRehabilitation',
    'SocialCare',
  ],
};

/** The CTDC values (or flag columns) each list may map to (CTDC codebook v2). */
const CTDC_VALUES: Partial<Record<CodeListId, readonly string[]>> = {
  gender: ['Man', 'Woman', 'Trans/Transgender/NonConforming'],
  age_band: ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'],
  means_of_control: [
    'meansDebtBondageEarnings',
    'meansThreats',
    'meansAbusePsyPhySex',
    'meansFalsePromises',
    'meansDrugsAlcohol',
    'meansExcessiveWorkHours',
    'meansWithholdDocs',
    'meansDenyBasicNeeds',
  ],
  type_of_exploitation: ['isForcedLabour', 'isSexualExploit', 'isOtherExploit'],
  forced_labour_industry: [
    'typeOfLabourAgriculture',
    'typeOfLabourConstruction',
    'typeOfLabourDomesticWork',
    'typeOfLabourHospitality',
  ],
  type_of_sex_exploitation: ['typeOfSexProstitution', 'typeOfSexPornography'],
  relationship_to_trafficker: [
    'recruiterRelationIntimatePartner',
    'recruiterRelationFriend',
    'recruiterRelationFamily',
    'recruiterRelationOther',
  ],
};

const listIds = CODE_LISTS.map((list) => list.id);
/** The lists for which HTCDS defines no field: none of their codes is exported. */
const NOT_IN_HTCDS = [
  'age_band',
  'migration_status',
  'case_origin',
  'agency_kind',
  'service_kind',
  'consent_purpose',
  'consent_information',
] as const satisfies readonly CodeListId[];
const exportedToHtcds = listIds.filter((id) => !(NOT_IN_HTCDS as readonly CodeListId[]).includes(id));

describe('the code lists', () => {
  it('have unique ids', () => {
    expect(new Set(listIds).size).toBe(listIds.length);
  });

  it.each(listIds)('%s has unique snake_case codes and a version', (id) => {
    const list = codeList(id);
    const codes = list.codes.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(list.version).not.toBe('');
  });

  it.each(listIds)('%s labels every code in English, Traditional Chinese and Portuguese', (id) => {
    for (const entry of codeList(id).codes) {
      for (const language of languages)
        expect(entry.label[language].trim(), `${entry.code} ${language}`).not.toBe('');
    }
  });

  it.each(listIds)('%s gives each code a label of its own in every language', (id) => {
    for (const language of languages) {
      const labels = codeList(id).codes.map((entry) => entry.label[language]);
      expect(new Set(labels).size, language).toBe(labels.length);
    }
  });

  it('cover exactly the agency kinds of the system', () => {
    expect(codeList('agency_kind').codes.map((entry) => entry.code)).toEqual([...agencyKinds]);
    expect(Object.keys(DECIDED_BY_OF_AGENCY_KIND).sort()).toEqual([...agencyKinds].sort());
  });

  it('include the how-a-case-came-to-light, service and migration lists the committee reports on', () => {
    expect(codeList('case_origin').codes.map((entry) => entry.code)).toEqual([
      'police_operation',
      'hotline',
      'labour_inspection',
      'ngo_referral',
      'border_screening',
      'foreign_request',
      'self_report',
      'other',
    ]);
    expect(codeList('service_kind').codes.map((entry) => entry.code)).toEqual([
      'shelter',
      'medical',
      'psychological',
      'legal_aid',
      'interpretation',
      'financial_aid',
      'stay_permit',
      'repatriation',
      'compensation',
    ]);
    expect(codeList('migration_status').codes.map((entry) => entry.code)).toEqual(
      expect.arrayContaining([
        'family',
        'visitor_tourist',
        'labour',
        'student',
        'irregular_migrant',
        'asylum_seeker',
        'refugee',
        'complementary_protection',
        'stateless',
      ]),
    );
  });
});

describe('HTCDS mapping', () => {
  it.each(Object.entries(HTCDS_VALUES))('%s exports exactly the values of the standard', (id, reference) => {
    const list = codeList(id);
    const exported = new Set(list.codes.map((entry) => toHtcds(id as CodeListId, entry.code)));
    exported.delete(undefined);
    expect([...exported].sort()).toEqual([...reference].sort());
  });

  it.each(Object.entries(HTCDS_VALUES))(
    '%s imports every value of the standard and exports it back unchanged',
    (id, reference) => {
      for (const value of reference) {
        const code = fromHtcds(id as CodeListId, value);
        expect(code, value).toBeDefined();
        expect(toHtcds(id as CodeListId, code!)).toBe(value);
      }
    },
  );

  it.each(exportedToHtcds)(
    '%s brings back the code that was exported, for the first code of each value',
    (id) => {
      const seen = new Set<string>();
      for (const entry of codeList(id).codes) {
        if (entry.htcds === undefined || seen.has(entry.htcds)) continue;
        seen.add(entry.htcds);
        expect(fromHtcds(id, entry.htcds)).toBe(entry.code);
      }
      expect(seen.size).toBeGreaterThan(0);
    },
  );

  it.each(NOT_IN_HTCDS)('%s has no mapping, as HTCDS does not define it', (id) => {
    for (const entry of codeList(id).codes) expect(toHtcds(id, entry.code)).toBeUndefined();
  });

  it('accepts both spellings of "unacquainted" and writes the one of the standard', () => {
    expect(fromHtcds('relationship_to_trafficker', 'Unaquainted')).toBe('unacquainted');
    expect(fromHtcds('relationship_to_trafficker', 'Unacquainted')).toBe('unacquainted');
    expect(toHtcds('relationship_to_trafficker', 'unacquainted')).toBe('Unaquainted');
  });

  it('folds the finer relationships into Acquainted and imports Acquainted as an acquaintance', () => {
    expect(toHtcds('relationship_to_trafficker', 'intimate_partner')).toBe('Acquainted');
    expect(toHtcds('relationship_to_trafficker', 'friend')).toBe('Acquainted');
    expect(fromHtcds('relationship_to_trafficker', 'Acquainted')).toBe('acquainted');
  });

  it('keeps restricts-movement and uses-children, exporting them as Other', () => {
    expect(isCode('means_of_control', 'restricts_movement')).toBe(true);
    expect(isCode('means_of_control', 'uses_children')).toBe(true);
    expect(toHtcds('means_of_control', 'restricts_movement')).toBe('Other');
    expect(toHtcds('means_of_control', 'uses_children')).toBe('Other');
    expect(fromHtcds('means_of_control', 'RestrictsMovement')).toBe('restricts_movement');
    expect(fromHtcds('means_of_control', 'UsesChildren')).toBe('uses_children');
    expect(fromHtcds('means_of_control', 'Other')).toBe('other');
  });

  it('lets no import alias shadow a value another code exports', () => {
    for (const list of CODE_LISTS) {
      const exported = new Set<string | undefined>(
        list.codes.map((entry) => ('htcds' in entry ? entry.htcds : undefined)),
      );
      for (const entry of list.codes) {
        for (const alias of 'htcdsAliases' in entry ? entry.htcdsAliases : [])
          expect(exported.has(alias)).toBe(false);
      }
    }
  });

  it('does not recognise a value outside the standard', () => {
    expect(fromHtcds('gender', 'Female')).toBeUndefined();
    expect(fromHtcds('gender', 'feminine')).toBeUndefined();
  });
});

describe('CTDC mapping', () => {
  it.each(Object.entries(CTDC_VALUES))('%s maps only to values CTDC defines', (id, reference) => {
    for (const entry of codeList(id).codes) {
      const value = toCtdc(id as CodeListId, entry.code);
      if (value !== undefined) expect(reference).toContain(value);
    }
  });

  it.each(Object.entries(CTDC_VALUES))('%s reaches every CTDC value', (id, reference) => {
    const mapped = new Set(codeList(id).codes.map((entry) => toCtdc(id as CodeListId, entry.code)));
    for (const value of reference) expect(mapped.has(value), value).toBe(true);
  });

  it('groups the means of control the way the CTDC columns do', () => {
    expect(toCtdc('means_of_control', 'takes_earnings')).toBe('meansDebtBondageEarnings');
    expect(toCtdc('means_of_control', 'uses_children')).toBe('meansThreats');
    expect(toCtdc('means_of_control', 'threats_law_enforcement')).toBe('meansThreats');
    expect(toCtdc('means_of_control', 'restricts_movement')).toBe('meansDenyBasicNeeds');
  });

  it('leaves an unknown gender empty, as CTDC does', () => {
    expect(toCtdc('gender', 'unknown')).toBeUndefined();
  });
});

describe('lookups', () => {
  it('tell a code of a list from anything else', () => {
    expect(isCode('gender', 'female')).toBe(true);
    expect(isCode('gender', 'prostitution')).toBe(false);
    expect(isCode('gender', 'Feminine')).toBe(false);
  });

  it('give the label of a code in three languages', () => {
    expect(codeLabel('type_of_exploitation', 'forced_labour')).toEqual({
      en: 'Forced labour',
      'zh-Hant': '強迫勞動',
      pt: 'Trabalho forçado',
    });
  });

  it('refuse an unknown list or code with a typed error', () => {
    expect(() => codeList('colours')).toThrow(VocabularyError);
    expect(() => codeList('colours')).toThrow(expect.objectContaining({ code: 'vocabulary.unknown_list' }));
    expect(() => toHtcds('gender', 'purple')).toThrow(
      expect.objectContaining({ code: 'vocabulary.unknown_code', listId: 'gender', value: 'purple' }),
    );
    expect(() => toCtdc('gender', 'purple')).toThrow(VocabularyError);
  });

  it('say in the error which list or code is unknown', () => {
    const unknownList = new VocabularyError('vocabulary.unknown_list', 'colours');
    expect(unknownList.name).toBe('VocabularyError');
    expect(unknownList.message).toBe('unknown code list "colours"');
    expect(new VocabularyError('vocabulary.unknown_code', 'gender', 'purple').message).toBe(
      '"purple" is not a code of the gender list',
    );
    expect(new VocabularyError('vocabulary.unknown_code', 'gender').message).toBe(
      '"" is not a code of the gender list',
    );
  });
});
