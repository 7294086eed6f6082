import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAssessments from '../../../locales/en/assessments.json' with { type: 'json' };
import enCases from '../../../locales/en/cases.json' with { type: 'json' };
import enCasework from '../../../locales/en/casework.json' with { type: 'json' };
import enCoordination from '../../../locales/en/coordination.json' with { type: 'json' };
import enCommon from '../../../locales/en/common.json' with { type: 'json' };
import enExports from '../../../locales/en/exports.json' with { type: 'json' };
import enNotifications from '../../../locales/en/notifications.json' with { type: 'json' };
import enStatistics from '../../../locales/en/statistics.json' with { type: 'json' };
import enWeb from '../../../locales/en/web.json' with { type: 'json' };
import enRetention from '../../../locales/en/retention.json' with { type: 'json' };
import ptAssessments from '../../../locales/pt/assessments.json' with { type: 'json' };
import ptCases from '../../../locales/pt/cases.json' with { type: 'json' };
import ptCasework from '../../../locales/pt/casework.json' with { type: 'json' };
import ptCoordination from '../../../locales/pt/coordination.json' with { type: 'json' };
import ptCommon from '../../../locales/pt/common.json' with { type: 'json' };
import ptExports from '../../../locales/pt/exports.json' with { type: 'json' };
import ptNotifications from '../../../locales/pt/notifications.json' with { type: 'json' };
import ptStatistics from '../../../locales/pt/statistics.json' with { type: 'json' };
import ptWeb from '../../../locales/pt/web.json' with { type: 'json' };
import ptRetention from '../../../locales/pt/retention.json' with { type: 'json' };
import zhHantAssessments from '../../../locales/zh-Hant/assessments.json' with { type: 'json' };
import zhHantCases from '../../../locales/zh-Hant/cases.json' with { type: 'json' };
import zhHantCasework from '../../../locales/zh-Hant/casework.json' with { type: 'json' };
import zhHantCoordination from '../../../locales/zh-Hant/coordination.json' with { type: 'json' };
import zhHantCommon from '../../../locales/zh-Hant/common.json' with { type: 'json' };
import zhHantExports from '../../../locales/zh-Hant/exports.json' with { type: 'json' };
import zhHantNotifications from '../../../locales/zh-Hant/notifications.json' with { type: 'json' };
import zhHantStatistics from '../../../locales/zh-Hant/statistics.json' with { type: 'json' };
import zhHantWeb from '../../../locales/zh-Hant/web.json' with { type: 'json' };
import zhHantRetention from '../../../locales/zh-Hant/retention.json' with { type: 'json' };
import { isLanguage, languages, negotiateLanguage, type Language } from '../../../src/core/languages.js';

// Four namespaces: `common` is shared with the server (errors, role names, code lists,
// audit actions); `web` holds the strings of the screens; `cases` those of the case file,
// protection and referral screens; `coordination` those of the action plan, meetings,
// activity figures and cooperation. The catalogues are bundled:
// they are small, and the first screen must not wait for a second request.

const resources = {
  en: {
    notifications: enNotifications,
    common: enCommon,
    web: enWeb,
    cases: enCases,
    casework: enCasework,
    coordination: enCoordination,
    assessments: enAssessments,
    exports: enExports,
    statistics: enStatistics,
    retention: enRetention,
  },
  'zh-Hant': {
    notifications: zhHantNotifications,
    common: zhHantCommon,
    web: zhHantWeb,
    cases: zhHantCases,
    casework: zhHantCasework,
    coordination: zhHantCoordination,
    assessments: zhHantAssessments,
    exports: zhHantExports,
    statistics: zhHantStatistics,
    retention: zhHantRetention,
  },
  pt: {
    notifications: ptNotifications,
    common: ptCommon,
    web: ptWeb,
    cases: ptCases,
    casework: ptCasework,
    coordination: ptCoordination,
    assessments: ptAssessments,
    exports: ptExports,
    statistics: ptStatistics,
    retention: ptRetention,
  },
};

declare module 'i18next' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: {
      web: typeof enWeb;
      notifications: typeof enNotifications;
      common: typeof enCommon;
      cases: typeof enCases;
      casework: typeof enCasework;
      coordination: typeof enCoordination;
      assessments: typeof enAssessments;
      exports: typeof enExports;
      statistics: typeof enStatistics;
      retention: typeof enRetention;
    };
  }
}

const storageKey = 'guia.language';

/**
 * Before sign-in the language is the one last chosen on this device, else the browser's;
 * once signed in, the user's own language (kept by the server) takes over.
 */
function initialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  return negotiateLanguage(navigator.languages.join(','));
}

function readStoredLanguage(): Language | null {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be disabled by policy; the browser language is then used.
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered on this device; the page still switches.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Locales for dates and numbers: Portuguese is written as in Portugal and Macao, not Brazil. */
const formattingLocales: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-Hant', pt: 'pt-PT' };
export const formattingLocale = (language: Language) => formattingLocales[language];

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

// The catalogues are in memory, so initialisation finishes before the first render.
void i18next.use(initReactI18next).init({
  initAsync: false,
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: languages,
  // zh-Hant must not fall back to a plain `zh` catalogue, which does not exist.
  load: 'currentOnly',
  ns: ['web', 'common', 'notifications', 'cases', 'casework', 'assessments', 'exports', 'statistics'],
  defaultNS: 'web',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
