import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  caseRoles,
  documentKinds,
  judicialActKinds,
  verdicts,
} from '../../../../src/core/cases/case-records.js';
import { caseStages } from '../../../../src/core/cases/case-stages.js';
import { languages } from '../../../../src/core/languages.js';
import { LinkRequestStatus, revealPurposes } from '../../../../src/modules/cases/cases.schemas.js';
import { STRENGTHS } from '../../../../src/core/screening/indicator-catalogue.js';
import { ReferralStatus } from '../../../../src/modules/protection/protection.schemas.js';

// The case screens build some keys at run time from closed vocabularies of core/ (a stage, a
// kind of judicial act ...). The catalogue test of web/ cannot see those keys in the source,
// so every value of each vocabulary is checked here, in every language.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

type Catalogue = { [key: string]: string | Catalogue };

function has(catalogue: Catalogue, key: string): boolean {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part];
  }
  return typeof node === 'string' && node.trim() !== '';
}

const needed = [
  ...caseStages.map((stage) => `stageHelp.${stage}`),
  ...caseRoles.flatMap((role) => [`role.${role}`, `rolePlural.${role}`]),
  ...judicialActKinds.map((kind) => `judicialAct.${kind}`),
  ...documentKinds.map((kind) => `documentKind.${kind}`),
  ...verdicts.map((verdict) => `verdict.${verdict}`),
  ...ReferralStatus.options.map((status) => `referralStatus.${status}`),
  ...revealPurposes.map((purpose) => `revealPurpose.${purpose}`),
  ...LinkRequestStatus.options.map((status) => `linkStatus.${status}`),
  ...['open', 'distinct', 'same'].map((status) => `duplicateStatus.${status}`),
  ...STRENGTHS.map((strength) => `strength.${strength}`),
  ...['yes', 'no', 'unanswered'].map((answer) => `answer.${answer}`),
];

describe('case screens vocabulary', () => {
  it.each(languages)('names every stage, role, act, document kind, verdict and status in %s', (language) => {
    const file = path.join(projectRoot, 'locales', language, 'cases.json');
    const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    expect(needed.filter((key) => !has(catalogue, key))).toEqual([]);
    // Stage names live in the common catalogue: the server's messages name stages too.
    const common = JSON.parse(
      readFileSync(path.join(projectRoot, 'locales', language, 'common.json'), 'utf8'),
    ) as Catalogue;
    expect(caseStages.filter((stage) => !has(common, `caseStage.${stage}`))).toEqual([]);
  });
});
