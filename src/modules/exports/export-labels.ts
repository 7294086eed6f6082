import casesEn from '../../../locales/en/cases.json' with { type: 'json' };
import exportsEn from '../../../locales/en/exports.json' with { type: 'json' };
import casesPt from '../../../locales/pt/cases.json' with { type: 'json' };
import exportsPt from '../../../locales/pt/exports.json' with { type: 'json' };
import casesZh from '../../../locales/zh-Hant/cases.json' with { type: 'json' };
import exportsZh from '../../../locales/zh-Hant/exports.json' with { type: 'json' };
import { messagesOf } from '../../core/catalogues.js';
import type { Language } from '../../core/languages.js';
import { codeLabel, type CodeListId } from '../../core/vocabularies/code-list.registry.js';
import { translate } from '../../http/i18n.js';

// Exports and prints speak the reader's language from the same catalogues as the screens:
// `exports` for their own headings, `cases` for the case file's words, `common` (through the
// server's translate) for stages and audit actions, and the code lists for coded values.

const messages = {
  exports: messagesOf({ en: exportsEn, 'zh-Hant': exportsZh, pt: exportsPt }),
  cases: messagesOf({ en: casesEn, 'zh-Hant': casesZh, pt: casesPt }),
};

export type Labels = ReturnType<typeof labelsFor>;

/** Every word an export or print needs, in one language (falling back to English, then the key). */
export function labelsFor(language: Language) {
  const from =
    (namespace: 'exports' | 'cases') =>
    (key: string, params: Record<string, string | number> = {}) =>
      messages[namespace](language, key, params);
  const t = from('exports');
  return {
    language,
    t,
    cases: from('cases'),
    common: (key: string, params: Record<string, string | number> = {}) => translate(language, key, params),
    yesNo: (value: boolean) => t(value ? 'yes' : 'no'),
    stage: (stage: string) => translate(language, `caseStage.${stage}`),
    /** A code's label in its list; a code the list does not know (old data) is shown as stored. */
    code: (listId: CodeListId, code: string) => {
      try {
        return codeLabel(listId, code)[language];
      } catch {
        return code;
      }
    },
    codes(listId: CodeListId, codes: readonly string[]) {
      return codes.map((code) => this.code(listId, code)).join(language === 'zh-Hant' ? '、' : ', ');
    },
  };
}
